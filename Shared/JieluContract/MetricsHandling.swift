import JieluRPC

/// The server side of the metrics service: one method per RPC.
///
/// Each method runs on a worker thread, may block, and returns the response
/// or throws `ServiceError`. Any other error reaches the caller as INTERNAL.
public protocol MetricsHandling: Sendable {
    /// Records case events. An event id seen before counts as a duplicate.
    func recordEvents(
        _ request: Metrics.RecordEventsRequest, context: RPCContext
    ) throws -> Metrics.RecordEventsResponse

    /// Returns the closure indicators of the district and its sub-districts, and of each street when asked.
    func getSummary(_ request: Metrics.GetSummaryRequest, context: RPCContext) throws -> Metrics.Summary
}

extension RPCRouter {
    /// Registers every method of the metrics service, replacing earlier registrations
    /// of the same method names.
    public func register(metrics handler: some MetricsHandling) {
        register(Metrics.Method.recordEvents) { (request: Metrics.RecordEventsRequest, context) in
            try handler.recordEvents(request, context: context)
        }
        register(Metrics.Method.getSummary) { (request: Metrics.GetSummaryRequest, context) in
            try handler.getSummary(request, context: context)
        }
    }
}
