import JieluRPC

/// The server side of the markets service: one method per RPC.
///
/// Each method runs on a worker thread, may block, and returns the response
/// or throws `ServiceError`. Any other error reaches the caller as INTERNAL.
public protocol MarketsHandling: Sendable {
    /// Replaces the whole markets dataset in one transaction after checking its streets against the registry.
    func loadMarkets(_ request: Markets.LoadMarketsRequest, context: RPCContext) throws -> Markets.LoadMarketsResponse

    /// Lists the container markets with their stall counts and free stalls per type.
    func listMarkets(_ request: Markets.ListMarketsRequest, context: RPCContext) throws -> Markets.ListMarketsResponse

    /// Returns one market with all its stalls, or NOT_FOUND with reason "unknown_market".
    func getMarket(_ request: Markets.GetMarketRequest, context: RPCContext) throws -> Markets.MarketDetail

    /// Closes a free stall (suspended) or reopens a closed one (free) and records why.
    func setStallStatus(_ request: Markets.SetStallStatusRequest, context: RPCContext) throws -> Markets.Stall

    /// Registers a vendor. A known ID-card number fails with ALREADY_EXISTS "duplicate_id_card".
    func registerVendor(_ request: Markets.RegisterVendorRequest, context: RPCContext) throws -> Markets.Vendor

    /// Lists every vendor with masked ID-card number and phone.
    func listVendors(_ request: Markets.ListVendorsRequest, context: RPCContext) throws -> Markets.ListVendorsResponse

    /// Returns a vendor with permits, applications and recent inspections.
    func getVendor(_ request: Markets.GetVendorRequest, context: RPCContext) throws -> Markets.VendorDetail

    /// Puts a vendor on a market's waitlist for the stall type of the vendor's goods.
    func submitApplication(
        _ request: Markets.SubmitApplicationRequest, context: RPCContext
    ) throws -> Markets.Application

    /// Returns an application by its public number, with its waitlist rank and history.
    func getApplication(_ request: Markets.GetApplicationRequest, context: RPCContext) throws -> Markets.Application

    /// Lists the waiting applications of a market in allocation order.
    func listWaitlist(
        _ request: Markets.ListWaitlistRequest, context: RPCContext
    ) throws -> Markets.ListWaitlistResponse

    /// Gives free stalls to the head of each waitlist (hardship first, then application time) and issues
    /// permits.
    func allocateStalls(
        _ request: Markets.AllocateStallsRequest, context: RPCContext
    ) throws -> Markets.AllocateStallsResponse

    /// Moves a permit's end to a later time, unless that overlaps another permit of the stall.
    func renewPermit(_ request: Markets.RenewPermitRequest, context: RPCContext) throws -> Markets.Permit

    /// Revokes a permit, frees its stall and offers the stall to the waitlist.
    func revokePermit(_ request: Markets.RevokePermitRequest, context: RPCContext) throws -> Markets.Permit

    /// Lifts the suspension of a permit.
    func reinstatePermit(_ request: Markets.ReinstatePermitRequest, context: RPCContext) throws -> Markets.Permit

    /// Records an inspection of a stall or vendor and suspends the permit when its violations reach the
    /// threshold.
    func recordInspection(
        _ request: Markets.RecordInspectionRequest, context: RPCContext
    ) throws -> Markets.RecordInspectionResponse

    /// Lists the recycling stations, of one street or all.
    func listStations(
        _ request: Markets.ListStationsRequest, context: RPCContext
    ) throws -> Markets.ListStationsResponse

    /// Returns a recycling station with its inspections and rectification orders.
    func getStation(_ request: Markets.GetStationRequest, context: RPCContext) throws -> Markets.StationDetail

    /// Records an inspection of a recycling station.
    func recordStationInspection(
        _ request: Markets.RecordStationInspectionRequest, context: RPCContext
    ) throws -> Markets.StationInspection

    /// Issues a rectification order with a deadline to a recycling station.
    func issueRectification(
        _ request: Markets.IssueRectificationRequest, context: RPCContext
    ) throws -> Markets.Rectification

    /// Records that a rectification order was carried out.
    func completeRectification(
        _ request: Markets.CompleteRectificationRequest, context: RPCContext
    ) throws -> Markets.Rectification

    /// Finds the licensed recycling station a report names, or the one on the report's street.
    func matchStation(
        _ request: Markets.MatchStationRequest, context: RPCContext
    ) throws -> Markets.MatchStationResponse

    /// Lists the licensed haulers with their vehicles, and the disposal sites.
    func listHaulers(_ request: Markets.ListHaulersRequest, context: RPCContext) throws -> Markets.ListHaulersResponse

    /// Registers a haul manifest after checking hauler, vehicle, disposal site and time window.
    func createManifest(_ request: Markets.CreateManifestRequest, context: RPCContext) throws -> Markets.Manifest

    /// Returns a manifest with its history.
    func getManifest(_ request: Markets.GetManifestRequest, context: RPCContext) throws -> Markets.Manifest

    /// Lists manifests, newest first, of one hauler or all.
    func listManifests(
        _ request: Markets.ListManifestsRequest, context: RPCContext
    ) throws -> Markets.ListManifestsResponse

    /// Records that the load left its origin site.
    func recordDeparture(_ request: Markets.RecordDepartureRequest, context: RPCContext) throws -> Markets.Manifest

    /// Records that the load arrived at its disposal site, which closes the manifest.
    func recordArrival(_ request: Markets.RecordArrivalRequest, context: RPCContext) throws -> Markets.Manifest

    /// Returns the recorded state changes of one entity, oldest first.
    func getHistory(_ request: Markets.GetHistoryRequest, context: RPCContext) throws -> Markets.GetHistoryResponse
}

extension RPCRouter {
    /// Registers every method of the markets service, replacing earlier registrations
    /// of the same method names.
    public func register(markets handler: some MarketsHandling) {
        register(Markets.Method.loadMarkets) { (request: Markets.LoadMarketsRequest, context) in
            try handler.loadMarkets(request, context: context)
        }
        register(Markets.Method.listMarkets) { (request: Markets.ListMarketsRequest, context) in
            try handler.listMarkets(request, context: context)
        }
        register(Markets.Method.getMarket) { (request: Markets.GetMarketRequest, context) in
            try handler.getMarket(request, context: context)
        }
        register(Markets.Method.setStallStatus) { (request: Markets.SetStallStatusRequest, context) in
            try handler.setStallStatus(request, context: context)
        }
        register(Markets.Method.registerVendor) { (request: Markets.RegisterVendorRequest, context) in
            try handler.registerVendor(request, context: context)
        }
        register(Markets.Method.listVendors) { (request: Markets.ListVendorsRequest, context) in
            try handler.listVendors(request, context: context)
        }
        register(Markets.Method.getVendor) { (request: Markets.GetVendorRequest, context) in
            try handler.getVendor(request, context: context)
        }
        register(Markets.Method.submitApplication) { (request: Markets.SubmitApplicationRequest, context) in
            try handler.submitApplication(request, context: context)
        }
        register(Markets.Method.getApplication) { (request: Markets.GetApplicationRequest, context) in
            try handler.getApplication(request, context: context)
        }
        register(Markets.Method.listWaitlist) { (request: Markets.ListWaitlistRequest, context) in
            try handler.listWaitlist(request, context: context)
        }
        register(Markets.Method.allocateStalls) { (request: Markets.AllocateStallsRequest, context) in
            try handler.allocateStalls(request, context: context)
        }
        register(Markets.Method.renewPermit) { (request: Markets.RenewPermitRequest, context) in
            try handler.renewPermit(request, context: context)
        }
        register(Markets.Method.revokePermit) { (request: Markets.RevokePermitRequest, context) in
            try handler.revokePermit(request, context: context)
        }
        register(Markets.Method.reinstatePermit) { (request: Markets.ReinstatePermitRequest, context) in
            try handler.reinstatePermit(request, context: context)
        }
        register(Markets.Method.recordInspection) { (request: Markets.RecordInspectionRequest, context) in
            try handler.recordInspection(request, context: context)
        }
        register(Markets.Method.listStations) { (request: Markets.ListStationsRequest, context) in
            try handler.listStations(request, context: context)
        }
        register(Markets.Method.getStation) { (request: Markets.GetStationRequest, context) in
            try handler.getStation(request, context: context)
        }
        register(Markets.Method.recordStationInspection) { (request: Markets.RecordStationInspectionRequest, context) in
            try handler.recordStationInspection(request, context: context)
        }
        register(Markets.Method.issueRectification) { (request: Markets.IssueRectificationRequest, context) in
            try handler.issueRectification(request, context: context)
        }
        register(Markets.Method.completeRectification) { (request: Markets.CompleteRectificationRequest, context) in
            try handler.completeRectification(request, context: context)
        }
        register(Markets.Method.matchStation) { (request: Markets.MatchStationRequest, context) in
            try handler.matchStation(request, context: context)
        }
        register(Markets.Method.listHaulers) { (request: Markets.ListHaulersRequest, context) in
            try handler.listHaulers(request, context: context)
        }
        register(Markets.Method.createManifest) { (request: Markets.CreateManifestRequest, context) in
            try handler.createManifest(request, context: context)
        }
        register(Markets.Method.getManifest) { (request: Markets.GetManifestRequest, context) in
            try handler.getManifest(request, context: context)
        }
        register(Markets.Method.listManifests) { (request: Markets.ListManifestsRequest, context) in
            try handler.listManifests(request, context: context)
        }
        register(Markets.Method.recordDeparture) { (request: Markets.RecordDepartureRequest, context) in
            try handler.recordDeparture(request, context: context)
        }
        register(Markets.Method.recordArrival) { (request: Markets.RecordArrivalRequest, context) in
            try handler.recordArrival(request, context: context)
        }
        register(Markets.Method.getHistory) { (request: Markets.GetHistoryRequest, context) in
            try handler.getHistory(request, context: context)
        }
    }
}
