import JieluRPC

/// The server side of the intake service: one method per RPC.
///
/// Each method runs on a worker thread, may block, and returns the response
/// or throws `ServiceError`. Any other error reaches the caller as INTERNAL.
public protocol IntakeHandling: Sendable {
    /// Stores a resident's report and relays it to dispatch. A repeated `idempotencyKey` returns the first
    /// response and creates nothing.
    func submitReport(_ request: Intake.SubmitReportRequest, context: RPCContext) throws -> Intake.SubmitReportResponse

    /// Returns a stored report by tracking code or case id, or NOT_FOUND with reason "unknown_tracking_code"
    /// or "unknown_case".
    func getReport(_ request: Intake.GetReportRequest, context: RPCContext) throws -> Intake.Report
}

extension RPCRouter {
    /// Registers every method of the intake service, replacing earlier registrations
    /// of the same method names.
    public func register(intake handler: some IntakeHandling) {
        register(Intake.Method.submitReport) { (request: Intake.SubmitReportRequest, context) in
            try handler.submitReport(request, context: context)
        }
        register(Intake.Method.getReport) { (request: Intake.GetReportRequest, context) in
            try handler.getReport(request, context: context)
        }
    }
}
