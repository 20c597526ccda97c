extension Metrics {
    /// Full method names of the `jielu.metrics.v1.Metrics` service, as the RPC envelope carries them.
    public enum Method {
        public static let recordEvents = "/jielu.metrics.v1.Metrics/RecordEvents"
        public static let getSummary = "/jielu.metrics.v1.Metrics/GetSummary"

        /// Every method of the service, in the order of metrics.proto.
        public static let all = [
            recordEvents,
            getSummary,
        ]
    }
}
