extension Intake {
    /// Full method names of the `jielu.intake.v1.Intake` service, as the RPC envelope carries them.
    public enum Method {
        public static let submitReport = "/jielu.intake.v1.Intake/SubmitReport"
        public static let getReport = "/jielu.intake.v1.Intake/GetReport"

        /// Every method of the service, in the order of intake.proto.
        public static let all = [
            submitReport,
            getReport,
        ]
    }
}
