import JieluContract
import JieluCore
import JieluHTTP

/// `/api/v1/manifests`: construction-waste haul manifests.
///
/// Roles: a hauler registers, reads and records trips of its own manifests
/// only (its token's staff id is its hauler id, and the markets service
/// enforces ownership as well). An admin may register for any hauler and
/// read all; an inspector reads all. Departure and arrival are recorded by
/// the hauler alone.
enum ManifestRoutes {
    static func register(in router: inout Router<RouteHandler>) {
        router.add("POST", "/api/v1/manifests", createManifest)
        router.add("GET", "/api/v1/manifests", listManifests)
        router.add("GET", "/api/v1/manifests/haulers", listHaulers)
        router.add("GET", "/api/v1/manifests/{manifest_id}", getManifest)
        router.add("POST", "/api/v1/manifests/{manifest_id}/departure", recordDeparture)
        router.add("POST", "/api/v1/manifests/{manifest_id}/arrival", recordArrival)
    }

    /// `GET /api/v1/manifests/haulers`: licensed haulers with their vehicles,
    /// and the disposal sites. A hauler sees only itself among the haulers.
    static func listHaulers(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try MarketAccess.principal(context, in: MarketAccess.manifestReading, action: "查看运输单位")
        var response = try context.backends.markets.listHaulers(Markets.ListHaulersRequest(), options: context.callOptions())
        if principal.role == .hauler {
            response.haulers = response.haulers.filter { $0.id == principal.staffID }
        }
        return .json(HaulageViews.haulers(response))
    }

    /// `POST /api/v1/manifests` with `{"hauler_id"? (admin only),
    /// "vehicle_plate", "origin_site", "origin_street_id",
    /// "expected_load_tonnes", "disposal_site_id", "window_start_at"?
    /// (default now), "window_end_at"}`: responds 201 with the manifest.
    static func createManifest(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try MarketAccess.principal(context, in: MarketAccess.manifestWriting, action: "登记清运联单")
        let body = try JSONBody(context.request.body)
        var haulerID = try body.optionalString("hauler_id") ?? ""
        if principal.role == .hauler {
            guard haulerID.isEmpty || haulerID == principal.staffID else {
                throw ServiceError(
                    .permissionDenied, reason: "forbidden", message: "运输单位只能为自己登记联单，不能代 \(haulerID) 登记。")
            }
            haulerID = principal.staffID
        } else if haulerID.isEmpty {
            throw ServiceError.invalid("hauler_id", reason: "missing_field", message: "缺少字段 hauler_id，请指明承运的运输单位。")
        }
        guard let load = try body.optionalNumber("expected_load_tonnes") else {
            throw ServiceError.invalid(
                "expected_load_tonnes", reason: "missing_field", message: "缺少字段 expected_load_tonnes，请填写预计装载吨数。")
        }

        let request = Markets.CreateManifestRequest(
            haulerID: haulerID, vehiclePlate: try body.string("vehicle_plate"), originSite: try body.string("origin_site"),
            originStreetID: try body.string("origin_street_id"), expectedLoadTonnes: load,
            disposalSiteID: try body.string("disposal_site_id"),
            windowStartMs: try body.optionalTime("window_start_at") ?? WallClock.nowMilliseconds(),
            windowEndMs: try body.time("window_end_at"), actor: MarketAccess.actor(principal))
        let manifest = try context.backends.markets.createManifest(request, options: context.callOptions())
        return .json(status: 201, HaulageViews.manifest(manifest), headers: ["Location": "/api/v1/manifests/\(manifest.id)"])
    }

    /// `GET /api/v1/manifests?status=&hauler_id=&limit=`: newest first. A
    /// hauler gets only its own; another `hauler_id` is 403 `forbidden`.
    static func listManifests(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try MarketAccess.principal(context, in: MarketAccess.manifestReading, action: "查看清运联单")
        let query = context.request.query
        var haulerID = query["hauler_id"] ?? ""
        if principal.role == .hauler {
            guard haulerID.isEmpty || haulerID == principal.staffID else {
                throw ServiceError(
                    .permissionDenied, reason: "forbidden", message: "运输单位只能查看自己的联单，不能查看 \(haulerID) 的联单。")
            }
            haulerID = principal.staffID
        }
        let request = Markets.ListManifestsRequest(
            haulerID: haulerID, status: query["status"] ?? "", limit: UInt32(try CaseRoutes.readLimit(query["limit"])))
        let response = try context.backends.markets.listManifests(request, options: context.callOptions())
        return .json(HaulageViews.manifests(response.manifests))
    }

    /// `GET /api/v1/manifests/{manifest_id}`: one manifest with its history.
    static func getManifest(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try MarketAccess.principal(context, in: MarketAccess.manifestReading, action: "查看清运联单")
        let manifestID = try MarketAccess.checkedID(context.parameter("manifest_id"), reason: "unknown_manifest", label: "联单")
        let request = Markets.GetManifestRequest(
            manifestID: manifestID, actingHaulerID: principal.role == .hauler ? principal.staffID : "")
        let manifest = try context.backends.markets.getManifest(request, options: context.callOptions())
        return .json(HaulageViews.manifest(manifest))
    }

    /// `POST /api/v1/manifests/{manifest_id}/departure`: the hauler records
    /// that the load left. A body, if any, is ignored.
    static func recordDeparture(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try MarketAccess.principal(context, in: [.hauler], action: "登记出场")
        let manifestID = try MarketAccess.checkedID(context.parameter("manifest_id"), reason: "unknown_manifest", label: "联单")
        let manifest = try context.backends.markets.recordDeparture(
            Markets.RecordDepartureRequest(manifestID: manifestID, actingHaulerID: principal.staffID),
            options: context.callOptions())
        return .json(HaulageViews.manifest(manifest))
    }

    /// `POST /api/v1/manifests/{manifest_id}/arrival` with
    /// `{"disposal_site_id"}`: the hauler records arrival, which closes the manifest.
    static func recordArrival(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try MarketAccess.principal(context, in: [.hauler], action: "登记到场")
        let manifestID = try MarketAccess.checkedID(context.parameter("manifest_id"), reason: "unknown_manifest", label: "联单")
        let body = try JSONBody(context.request.body)
        let request = Markets.RecordArrivalRequest(
            manifestID: manifestID, actingHaulerID: principal.staffID, disposalSiteID: try body.string("disposal_site_id"))
        let manifest = try context.backends.markets.recordArrival(request, options: context.callOptions())
        return .json(HaulageViews.manifest(manifest))
    }
}
