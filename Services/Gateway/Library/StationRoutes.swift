import JieluContract
import JieluCore
import JieluHTTP

/// `/api/v1/stations`: licensed recycling stations, their inspections and
/// rectification orders.
///
/// Roles: reading needs market_manager, inspector or admin; inspections and
/// rectification orders need inspector or admin.
enum StationRoutes {
    static func register(in router: inout Router<RouteHandler>) {
        router.add("GET", "/api/v1/stations", listStations)
        router.add("POST", "/api/v1/stations/rectifications/{rectification_id}/complete", completeRectification)
        router.add("GET", "/api/v1/stations/{station_id}", getStation)
        router.add("POST", "/api/v1/stations/{station_id}/inspections", recordInspection)
        router.add("POST", "/api/v1/stations/{station_id}/rectifications", issueRectification)
    }

    /// `GET /api/v1/stations?street_id=`: the stations of one street or all.
    static func listStations(_ context: RouteContext) throws -> HTTPResponse {
        _ = try MarketAccess.principal(context, in: MarketAccess.marketReading, action: "查看再生资源回收站")
        let request = Markets.ListStationsRequest(streetID: context.request.query["street_id"] ?? "")
        let response = try context.backends.markets.listStations(request, options: context.callOptions())
        return .json(HaulageViews.stations(response.stations))
    }

    /// `GET /api/v1/stations/{station_id}`: a station with inspections and rectification orders.
    static func getStation(_ context: RouteContext) throws -> HTTPResponse {
        _ = try MarketAccess.principal(context, in: MarketAccess.marketReading, action: "查看再生资源回收站")
        let stationID = try MarketAccess.checkedID(context.parameter("station_id"), reason: "unknown_station", label: "回收站")
        let detail = try context.backends.markets.getStation(
            Markets.GetStationRequest(stationID: stationID), options: context.callOptions())
        return .json(HaulageViews.stationDetail(detail))
    }

    /// `POST /api/v1/stations/{station_id}/inspections` with
    /// `{"result": "pass"|"violation", "notes"?}`: responds 201.
    static func recordInspection(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try MarketAccess.principal(context, in: MarketAccess.inspection, action: "记录回收站检查")
        let stationID = try MarketAccess.checkedID(context.parameter("station_id"), reason: "unknown_station", label: "回收站")
        let body = try JSONBody(context.request.body)
        let request = Markets.RecordStationInspectionRequest(
            stationID: stationID, result: try body.string("result"), notes: try body.optionalString("notes") ?? "",
            actor: MarketAccess.actor(principal))
        let inspection = try context.backends.markets.recordStationInspection(request, options: context.callOptions())
        return .json(status: 201, HaulageViews.stationInspection(inspection))
    }

    /// `POST /api/v1/stations/{station_id}/rectifications` with
    /// `{"requirement", "deadline_at"}`: responds 201 with the order.
    static func issueRectification(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try MarketAccess.principal(context, in: MarketAccess.inspection, action: "下达整改通知")
        let stationID = try MarketAccess.checkedID(context.parameter("station_id"), reason: "unknown_station", label: "回收站")
        let body = try JSONBody(context.request.body)
        let request = Markets.IssueRectificationRequest(
            stationID: stationID, requirement: try body.string("requirement"), deadlineAtMs: try body.time("deadline_at"),
            actor: MarketAccess.actor(principal))
        let order = try context.backends.markets.issueRectification(request, options: context.callOptions())
        return .json(status: 201, HaulageViews.rectification(order))
    }

    /// `POST /api/v1/stations/rectifications/{rectification_id}/complete` with `{"note"}`.
    static func completeRectification(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try MarketAccess.principal(context, in: MarketAccess.inspection, action: "登记整改完成")
        let orderID = try MarketAccess.checkedID(
            context.parameter("rectification_id"), reason: "unknown_rectification", label: "整改通知")
        let body = try JSONBody(context.request.body)
        let request = Markets.CompleteRectificationRequest(
            rectificationID: orderID, note: try body.string("note"), actor: MarketAccess.actor(principal))
        let order = try context.backends.markets.completeRectification(request, options: context.callOptions())
        return .json(HaulageViews.rectification(order))
    }
}
