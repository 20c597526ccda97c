import JieluRPC

/// Typed calls to the intake service over one `RPCClient`.
///
/// Every method throws the `ServiceError` the service replied with, or
/// DEADLINE_EXCEEDED and UNAVAILABLE from the client itself.
public struct IntakeClient: Sendable {
    public let rpc: RPCClient

    public init(_ rpc: RPCClient) {
        self.rpc = rpc
    }

    /// Stores a resident's report and relays it to dispatch. A repeated `idempotencyKey` returns the first
    /// response and creates nothing.
    ///
    /// Idempotent only when `idempotencyKey` is set. Without a key, a call lost with its connection fails
    /// with UNAVAILABLE rather than risk a second report.
    public func submitReport(
        _ request: Intake.SubmitReportRequest, options: CallOptions
    ) throws -> Intake.SubmitReportResponse {
        try rpc.call(
            Intake.Method.submitReport, request, as: Intake.SubmitReportResponse.self, options: options,
            idempotent: !request.idempotencyKey.isEmpty)
    }

    /// Returns a stored report by tracking code or case id, or NOT_FOUND with reason "unknown_tracking_code"
    /// or "unknown_case".
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func getReport(_ request: Intake.GetReportRequest, options: CallOptions) throws -> Intake.Report {
        try rpc.call(
            Intake.Method.getReport, request, as: Intake.Report.self, options: options,
            idempotent: true)
    }
}
