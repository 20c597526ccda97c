extension Registry {
    /// Full method names of the `jielu.registry.v1.Registry` service, as the RPC envelope carries them.
    public enum Method {
        public static let loadDistrict = "/jielu.registry.v1.Registry/LoadDistrict"
        public static let listStreets = "/jielu.registry.v1.Registry/ListStreets"
        public static let getBoard = "/jielu.registry.v1.Registry/GetBoard"
        public static let listCategories = "/jielu.registry.v1.Registry/ListCategories"
        public static let resolveResponsibility = "/jielu.registry.v1.Registry/ResolveResponsibility"
        public static let getStaff = "/jielu.registry.v1.Registry/GetStaff"
        public static let createToken = "/jielu.registry.v1.Registry/CreateToken"
        public static let authenticate = "/jielu.registry.v1.Registry/Authenticate"

        /// Every method of the service, in the order of registry.proto.
        public static let all = [
            loadDistrict,
            listStreets,
            getBoard,
            listCategories,
            resolveResponsibility,
            getStaff,
            createToken,
            authenticate,
        ]
    }
}
