import JieluRPC

extension IntakeClient {
    /// `submitReport` without blocking the calling thread; see
    /// `RPCClient.startCall`. Returns false, without calling `completion`,
    /// when no connection to intake is up; then call `submitReport`.
    public func startSubmitReport(
        _ request: Intake.SubmitReportRequest, options: CallOptions,
        completion: @escaping @Sendable (StartedCallOutcome<Intake.SubmitReportResponse>) -> Void
    ) -> Bool {
        rpc.startCall(
            Intake.Method.submitReport, request, as: Intake.SubmitReportResponse.self, options: options,
            completion: completion)
    }
}
