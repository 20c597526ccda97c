extension Dispatch {
    /// Full method names of the `jielu.dispatch.v1.Dispatch` service, as the RPC envelope carries them.
    public enum Method {
        public static let acceptCase = "/jielu.dispatch.v1.Dispatch/AcceptCase"
        public static let acceptCases = "/jielu.dispatch.v1.Dispatch/AcceptCases"
        public static let getCase = "/jielu.dispatch.v1.Dispatch/GetCase"
        public static let listCases = "/jielu.dispatch.v1.Dispatch/ListCases"
        public static let resolveCase = "/jielu.dispatch.v1.Dispatch/ResolveCase"
        public static let confirmCase = "/jielu.dispatch.v1.Dispatch/ConfirmCase"

        /// Every method of the service, in the order of dispatch.proto.
        public static let all = [
            acceptCase,
            acceptCases,
            getCase,
            listCases,
            resolveCase,
            confirmCase,
        ]
    }
}
