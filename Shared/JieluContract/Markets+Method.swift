extension Markets {
    /// Full method names of the `jielu.markets.v1.Markets` service, as the RPC envelope carries them.
    public enum Method {
        public static let loadMarkets = "/jielu.markets.v1.Markets/LoadMarkets"
        public static let listMarkets = "/jielu.markets.v1.Markets/ListMarkets"
        public static let getMarket = "/jielu.markets.v1.Markets/GetMarket"
        public static let setStallStatus = "/jielu.markets.v1.Markets/SetStallStatus"
        public static let registerVendor = "/jielu.markets.v1.Markets/RegisterVendor"
        public static let listVendors = "/jielu.markets.v1.Markets/ListVendors"
        public static let getVendor = "/jielu.markets.v1.Markets/GetVendor"
        public static let submitApplication = "/jielu.markets.v1.Markets/SubmitApplication"
        public static let getApplication = "/jielu.markets.v1.Markets/GetApplication"
        public static let listWaitlist = "/jielu.markets.v1.Markets/ListWaitlist"
        public static let allocateStalls = "/jielu.markets.v1.Markets/AllocateStalls"
        public static let renewPermit = "/jielu.markets.v1.Markets/RenewPermit"
        public static let revokePermit = "/jielu.markets.v1.Markets/RevokePermit"
        public static let reinstatePermit = "/jielu.markets.v1.Markets/ReinstatePermit"
        public static let recordInspection = "/jielu.markets.v1.Markets/RecordInspection"
        public static let listStations = "/jielu.markets.v1.Markets/ListStations"
        public static let getStation = "/jielu.markets.v1.Markets/GetStation"
        public static let recordStationInspection = "/jielu.markets.v1.Markets/RecordStationInspection"
        public static let issueRectification = "/jielu.markets.v1.Markets/IssueRectification"
        public static let completeRectification = "/jielu.markets.v1.Markets/CompleteRectification"
        public static let matchStation = "/jielu.markets.v1.Markets/MatchStation"
        public static let listHaulers = "/jielu.markets.v1.Markets/ListHaulers"
        public static let createManifest = "/jielu.markets.v1.Markets/CreateManifest"
        public static let getManifest = "/jielu.markets.v1.Markets/GetManifest"
        public static let listManifests = "/jielu.markets.v1.Markets/ListManifests"
        public static let recordDeparture = "/jielu.markets.v1.Markets/RecordDeparture"
        public static let recordArrival = "/jielu.markets.v1.Markets/RecordArrival"
        public static let getHistory = "/jielu.markets.v1.Markets/GetHistory"

        /// Every method of the service, in the order of markets.proto.
        public static let all = [
            loadMarkets,
            listMarkets,
            getMarket,
            setStallStatus,
            registerVendor,
            listVendors,
            getVendor,
            submitApplication,
            getApplication,
            listWaitlist,
            allocateStalls,
            renewPermit,
            revokePermit,
            reinstatePermit,
            recordInspection,
            listStations,
            getStation,
            recordStationInspection,
            issueRectification,
            completeRectification,
            matchStation,
            listHaulers,
            createManifest,
            getManifest,
            listManifests,
            recordDeparture,
            recordArrival,
            getHistory,
        ]
    }
}
