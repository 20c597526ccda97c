import JieluRPC

/// Typed calls to the markets service over one `RPCClient`.
///
/// Every method throws the `ServiceError` the service replied with, or
/// DEADLINE_EXCEEDED and UNAVAILABLE from the client itself.
public struct MarketsClient: Sendable {
    public let rpc: RPCClient

    public init(_ rpc: RPCClient) {
        self.rpc = rpc
    }

    /// Replaces the whole markets dataset in one transaction after checking its streets against the registry.
    ///
    /// Idempotent, because it replaces the whole dataset: a call lost with its connection is sent once more.
    public func loadMarkets(
        _ request: Markets.LoadMarketsRequest, options: CallOptions
    ) throws -> Markets.LoadMarketsResponse {
        try rpc.call(
            Markets.Method.loadMarkets, request, as: Markets.LoadMarketsResponse.self, options: options,
            idempotent: true)
    }

    /// Lists the container markets with their stall counts and free stalls per type.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func listMarkets(
        _ request: Markets.ListMarketsRequest, options: CallOptions
    ) throws -> Markets.ListMarketsResponse {
        try rpc.call(
            Markets.Method.listMarkets, request, as: Markets.ListMarketsResponse.self, options: options,
            idempotent: true)
    }

    /// Returns one market with all its stalls, or NOT_FOUND with reason "unknown_market".
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func getMarket(_ request: Markets.GetMarketRequest, options: CallOptions) throws -> Markets.MarketDetail {
        try rpc.call(
            Markets.Method.getMarket, request, as: Markets.MarketDetail.self, options: options,
            idempotent: true)
    }

    /// Closes a free stall (suspended) or reopens a closed one (free) and records why.
    ///
    /// Not idempotent, because it records a change: a call lost with its connection fails with UNAVAILABLE.
    public func setStallStatus(_ request: Markets.SetStallStatusRequest, options: CallOptions) throws -> Markets.Stall {
        try rpc.call(
            Markets.Method.setStallStatus, request, as: Markets.Stall.self, options: options,
            idempotent: false)
    }

    /// Registers a vendor. A known ID-card number fails with ALREADY_EXISTS "duplicate_id_card".
    ///
    /// Not idempotent, because it records a change: a call lost with its connection fails with UNAVAILABLE.
    public func registerVendor(
        _ request: Markets.RegisterVendorRequest, options: CallOptions
    ) throws -> Markets.Vendor {
        try rpc.call(
            Markets.Method.registerVendor, request, as: Markets.Vendor.self, options: options,
            idempotent: false)
    }

    /// Lists every vendor with masked ID-card number and phone.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func listVendors(
        _ request: Markets.ListVendorsRequest, options: CallOptions
    ) throws -> Markets.ListVendorsResponse {
        try rpc.call(
            Markets.Method.listVendors, request, as: Markets.ListVendorsResponse.self, options: options,
            idempotent: true)
    }

    /// Returns a vendor with permits, applications and recent inspections.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func getVendor(_ request: Markets.GetVendorRequest, options: CallOptions) throws -> Markets.VendorDetail {
        try rpc.call(
            Markets.Method.getVendor, request, as: Markets.VendorDetail.self, options: options,
            idempotent: true)
    }

    /// Puts a vendor on a market's waitlist for the stall type of the vendor's goods.
    ///
    /// Not idempotent, because it records a change: a call lost with its connection fails with UNAVAILABLE.
    public func submitApplication(
        _ request: Markets.SubmitApplicationRequest, options: CallOptions
    ) throws -> Markets.Application {
        try rpc.call(
            Markets.Method.submitApplication, request, as: Markets.Application.self, options: options,
            idempotent: false)
    }

    /// Returns an application by its public number, with its waitlist rank and history.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func getApplication(
        _ request: Markets.GetApplicationRequest, options: CallOptions
    ) throws -> Markets.Application {
        try rpc.call(
            Markets.Method.getApplication, request, as: Markets.Application.self, options: options,
            idempotent: true)
    }

    /// Lists the waiting applications of a market in allocation order.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func listWaitlist(
        _ request: Markets.ListWaitlistRequest, options: CallOptions
    ) throws -> Markets.ListWaitlistResponse {
        try rpc.call(
            Markets.Method.listWaitlist, request, as: Markets.ListWaitlistResponse.self, options: options,
            idempotent: true)
    }

    /// Gives free stalls to the head of each waitlist (hardship first, then application time) and issues
    /// permits.
    ///
    /// Not idempotent, because it records a change: a call lost with its connection fails with UNAVAILABLE.
    public func allocateStalls(
        _ request: Markets.AllocateStallsRequest, options: CallOptions
    ) throws -> Markets.AllocateStallsResponse {
        try rpc.call(
            Markets.Method.allocateStalls, request, as: Markets.AllocateStallsResponse.self, options: options,
            idempotent: false)
    }

    /// Moves a permit's end to a later time, unless that overlaps another permit of the stall.
    ///
    /// Not idempotent, because it records a change: a call lost with its connection fails with UNAVAILABLE.
    public func renewPermit(_ request: Markets.RenewPermitRequest, options: CallOptions) throws -> Markets.Permit {
        try rpc.call(
            Markets.Method.renewPermit, request, as: Markets.Permit.self, options: options,
            idempotent: false)
    }

    /// Revokes a permit, frees its stall and offers the stall to the waitlist.
    ///
    /// Not idempotent, because it records a change: a call lost with its connection fails with UNAVAILABLE.
    public func revokePermit(_ request: Markets.RevokePermitRequest, options: CallOptions) throws -> Markets.Permit {
        try rpc.call(
            Markets.Method.revokePermit, request, as: Markets.Permit.self, options: options,
            idempotent: false)
    }

    /// Lifts the suspension of a permit.
    ///
    /// Not idempotent, because it records a change: a call lost with its connection fails with UNAVAILABLE.
    public func reinstatePermit(
        _ request: Markets.ReinstatePermitRequest, options: CallOptions
    ) throws -> Markets.Permit {
        try rpc.call(
            Markets.Method.reinstatePermit, request, as: Markets.Permit.self, options: options,
            idempotent: false)
    }

    /// Records an inspection of a stall or vendor and suspends the permit when its violations reach the
    /// threshold.
    ///
    /// Not idempotent, because it records a change: a call lost with its connection fails with UNAVAILABLE.
    public func recordInspection(
        _ request: Markets.RecordInspectionRequest, options: CallOptions
    ) throws -> Markets.RecordInspectionResponse {
        try rpc.call(
            Markets.Method.recordInspection, request, as: Markets.RecordInspectionResponse.self, options: options,
            idempotent: false)
    }

    /// Lists the recycling stations, of one street or all.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func listStations(
        _ request: Markets.ListStationsRequest, options: CallOptions
    ) throws -> Markets.ListStationsResponse {
        try rpc.call(
            Markets.Method.listStations, request, as: Markets.ListStationsResponse.self, options: options,
            idempotent: true)
    }

    /// Returns a recycling station with its inspections and rectification orders.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func getStation(_ request: Markets.GetStationRequest, options: CallOptions) throws -> Markets.StationDetail {
        try rpc.call(
            Markets.Method.getStation, request, as: Markets.StationDetail.self, options: options,
            idempotent: true)
    }

    /// Records an inspection of a recycling station.
    ///
    /// Not idempotent, because it records a change: a call lost with its connection fails with UNAVAILABLE.
    public func recordStationInspection(
        _ request: Markets.RecordStationInspectionRequest, options: CallOptions
    ) throws -> Markets.StationInspection {
        try rpc.call(
            Markets.Method.recordStationInspection, request, as: Markets.StationInspection.self, options: options,
            idempotent: false)
    }

    /// Issues a rectification order with a deadline to a recycling station.
    ///
    /// Not idempotent, because it records a change: a call lost with its connection fails with UNAVAILABLE.
    public func issueRectification(
        _ request: Markets.IssueRectificationRequest, options: CallOptions
    ) throws -> Markets.Rectification {
        try rpc.call(
            Markets.Method.issueRectification, request, as: Markets.Rectification.self, options: options,
            idempotent: false)
    }

    /// Records that a rectification order was carried out.
    ///
    /// Not idempotent, because it records a change: a call lost with its connection fails with UNAVAILABLE.
    public func completeRectification(
        _ request: Markets.CompleteRectificationRequest, options: CallOptions
    ) throws -> Markets.Rectification {
        try rpc.call(
            Markets.Method.completeRectification, request, as: Markets.Rectification.self, options: options,
            idempotent: false)
    }

    /// Finds the licensed recycling station a report names, or the one on the report's street.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func matchStation(
        _ request: Markets.MatchStationRequest, options: CallOptions
    ) throws -> Markets.MatchStationResponse {
        try rpc.call(
            Markets.Method.matchStation, request, as: Markets.MatchStationResponse.self, options: options,
            idempotent: true)
    }

    /// Lists the licensed haulers with their vehicles, and the disposal sites.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func listHaulers(
        _ request: Markets.ListHaulersRequest, options: CallOptions
    ) throws -> Markets.ListHaulersResponse {
        try rpc.call(
            Markets.Method.listHaulers, request, as: Markets.ListHaulersResponse.self, options: options,
            idempotent: true)
    }

    /// Registers a haul manifest after checking hauler, vehicle, disposal site and time window.
    ///
    /// Not idempotent, because it records a change: a call lost with its connection fails with UNAVAILABLE.
    public func createManifest(
        _ request: Markets.CreateManifestRequest, options: CallOptions
    ) throws -> Markets.Manifest {
        try rpc.call(
            Markets.Method.createManifest, request, as: Markets.Manifest.self, options: options,
            idempotent: false)
    }

    /// Returns a manifest with its history.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func getManifest(_ request: Markets.GetManifestRequest, options: CallOptions) throws -> Markets.Manifest {
        try rpc.call(
            Markets.Method.getManifest, request, as: Markets.Manifest.self, options: options,
            idempotent: true)
    }

    /// Lists manifests, newest first, of one hauler or all.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func listManifests(
        _ request: Markets.ListManifestsRequest, options: CallOptions
    ) throws -> Markets.ListManifestsResponse {
        try rpc.call(
            Markets.Method.listManifests, request, as: Markets.ListManifestsResponse.self, options: options,
            idempotent: true)
    }

    /// Records that the load left its origin site.
    ///
    /// Not idempotent, because it records a change: a call lost with its connection fails with UNAVAILABLE.
    public func recordDeparture(
        _ request: Markets.RecordDepartureRequest, options: CallOptions
    ) throws -> Markets.Manifest {
        try rpc.call(
            Markets.Method.recordDeparture, request, as: Markets.Manifest.self, options: options,
            idempotent: false)
    }

    /// Records that the load arrived at its disposal site, which closes the manifest.
    ///
    /// Not idempotent, because it records a change: a call lost with its connection fails with UNAVAILABLE.
    public func recordArrival(
        _ request: Markets.RecordArrivalRequest, options: CallOptions
    ) throws -> Markets.Manifest {
        try rpc.call(
            Markets.Method.recordArrival, request, as: Markets.Manifest.self, options: options,
            idempotent: false)
    }

    /// Returns the recorded state changes of one entity, oldest first.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func getHistory(
        _ request: Markets.GetHistoryRequest, options: CallOptions
    ) throws -> Markets.GetHistoryResponse {
        try rpc.call(
            Markets.Method.getHistory, request, as: Markets.GetHistoryResponse.self, options: options,
            idempotent: true)
    }
}
