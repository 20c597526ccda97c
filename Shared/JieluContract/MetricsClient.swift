import JieluRPC

/// Typed calls to the metrics service over one `RPCClient`.
///
/// Every method throws the `ServiceError` the service replied with, or
/// DEADLINE_EXCEEDED and UNAVAILABLE from the client itself.
public struct MetricsClient: Sendable {
    public let rpc: RPCClient

    public init(_ rpc: RPCClient) {
        self.rpc = rpc
    }

    /// Records case events. An event id seen before counts as a duplicate.
    ///
    /// Idempotent by event id: a call lost with its connection is sent once more.
    public func recordEvents(
        _ request: Metrics.RecordEventsRequest, options: CallOptions
    ) throws -> Metrics.RecordEventsResponse {
        try rpc.call(
            Metrics.Method.recordEvents, request, as: Metrics.RecordEventsResponse.self, options: options,
            idempotent: true)
    }

    /// Returns the closure indicators of the district and its sub-districts, and of each street when asked.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func getSummary(_ request: Metrics.GetSummaryRequest, options: CallOptions) throws -> Metrics.Summary {
        try rpc.call(
            Metrics.Method.getSummary, request, as: Metrics.Summary.self, options: options,
            idempotent: true)
    }
}
