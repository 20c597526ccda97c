import JieluContract
import JieluCore
import JieluHTTP

/// `/api/v1/markets`: the public market list, and the staff endpoints for a
/// market's waitlist, allocation, stalls, inspections and history.
///
/// Roles: reading markets is public; waitlist, allocation and stall status
/// need market_manager or admin; inspections need inspector or admin;
/// history needs market_manager, inspector or admin.
enum MarketRoutes {
    static func register(in router: inout Router<RouteHandler>) {
        router.add("GET", "/api/v1/markets", listMarkets)
        router.add("POST", "/api/v1/markets/inspections", recordInspection)
        router.add("GET", "/api/v1/markets/history", history)
        router.add("GET", "/api/v1/markets/{market_id}", getMarket)
        router.add("GET", "/api/v1/markets/{market_id}/waitlist", waitlist)
        router.add("POST", "/api/v1/markets/{market_id}/allocations", allocate)
        router.add("POST", "/api/v1/markets/stalls/{stall_id}/status", setStallStatus)
    }

    /// `GET /api/v1/markets`: every market with its free stalls per type. Public.
    static func listMarkets(_ context: RouteContext) throws -> HTTPResponse {
        let response = try context.backends.markets.listMarkets(Markets.ListMarketsRequest(), options: context.callOptions())
        return .json(MarketViews.markets(response.markets, nowMs: WallClock.nowMilliseconds()))
    }

    /// `GET /api/v1/markets/{market_id}`: one market with every stall. Public;
    /// a market_manager, inspector or admin token adds the permit holding
    /// each stall. A token that is sent must be valid (else 401).
    static func getMarket(_ context: RouteContext) throws -> HTTPResponse {
        let marketID = try MarketAccess.checkedID(context.parameter("market_id"), reason: "unknown_market", label: "市场")
        var forStaff = false
        if context.request.headers["Authorization"] != nil {
            forStaff = MarketAccess.marketReading.contains(try context.authenticate().role)
        }
        let detail = try context.backends.markets.getMarket(
            Markets.GetMarketRequest(marketID: marketID), options: context.callOptions())
        return .json(MarketViews.marketDetail(detail, nowMs: WallClock.nowMilliseconds(), forStaff: forStaff))
    }

    /// `GET /api/v1/markets/{market_id}/waitlist?stall_type=`: the waiting
    /// applications in allocation order.
    static func waitlist(_ context: RouteContext) throws -> HTTPResponse {
        _ = try MarketAccess.principal(context, in: MarketAccess.marketManagement, action: "查看候补队列")
        let marketID = try MarketAccess.checkedID(context.parameter("market_id"), reason: "unknown_market", label: "市场")
        let request = Markets.ListWaitlistRequest(marketID: marketID, stallType: context.request.query["stall_type"] ?? "")
        let response = try context.backends.markets.listWaitlist(request, options: context.callOptions())
        return .json(.object([
            ("rule", .string(MarketViews.allocationRule)),
            ("applications", .array(response.applications.map(MarketViews.application))),
        ]))
    }

    /// `POST /api/v1/markets/{market_id}/allocations` with
    /// `{"stall_type"?, "start_at"?, "end_at"?}`: gives the free stalls to the
    /// head of each waitlist and returns who got which stall and why.
    static func allocate(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try MarketAccess.principal(context, in: MarketAccess.marketManagement, action: "分配摊位")
        let marketID = try MarketAccess.checkedID(context.parameter("market_id"), reason: "unknown_market", label: "市场")
        let body = context.request.body.isEmpty ? nil : try JSONBody(context.request.body)
        let request = Markets.AllocateStallsRequest(
            marketID: marketID, stallType: try body?.optionalString("stall_type") ?? "",
            startAtMs: try body?.optionalTime("start_at") ?? 0, endAtMs: try body?.optionalTime("end_at") ?? 0,
            actor: MarketAccess.actor(principal))
        let response = try context.backends.markets.allocateStalls(request, options: context.callOptions())
        return .json(MarketViews.allocation(response))
    }

    /// `POST /api/v1/markets/stalls/{stall_id}/status` with
    /// `{"status": "suspended"|"free", "reason"}`: closes or reopens a stall.
    static func setStallStatus(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try MarketAccess.principal(context, in: MarketAccess.marketManagement, action: "开放或关闭摊位")
        let stallID = try MarketAccess.checkedID(context.parameter("stall_id"), reason: "unknown_stall", label: "摊位")
        let body = try JSONBody(context.request.body)
        let request = Markets.SetStallStatusRequest(
            stallID: stallID, status: try body.string("status"), actor: MarketAccess.actor(principal),
            reason: try body.string("reason"))
        let stall = try context.backends.markets.setStallStatus(request, options: context.callOptions())
        return .json(MarketViews.stall(stall, forStaff: true))
    }

    /// `POST /api/v1/markets/inspections` with `{"market_id", "stall_id"?,
    /// "vendor_id"?, "result": "pass"|"violation", "violation_type"?,
    /// "notes"?}`: responds 201 with the inspection, the permit it counted
    /// against and whether it suspended that permit.
    static func recordInspection(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try MarketAccess.principal(context, in: MarketAccess.inspection, action: "记录市场检查")
        let body = try JSONBody(context.request.body)
        let request = Markets.RecordInspectionRequest(
            marketID: try body.string("market_id"), stallID: try body.optionalString("stall_id") ?? "",
            vendorID: try body.optionalString("vendor_id") ?? "", result: try body.string("result"),
            violationType: try body.optionalString("violation_type") ?? "", notes: try body.optionalString("notes") ?? "",
            actor: MarketAccess.actor(principal))
        let response = try context.backends.markets.recordInspection(request, options: context.callOptions())
        return .json(status: 201, MarketViews.inspectionRecorded(response))
    }

    /// `GET /api/v1/markets/history?kind=&id=`: the recorded changes of one
    /// stall, vendor, application, permit, manifest or rectification order.
    static func history(_ context: RouteContext) throws -> HTTPResponse {
        _ = try MarketAccess.principal(context, in: MarketAccess.marketReading, action: "查看变更记录")
        let request = Markets.GetHistoryRequest(
            entityKind: context.request.query["kind"] ?? "", entityID: context.request.query["id"] ?? "")
        let response = try context.backends.markets.getHistory(request, options: context.callOptions())
        return .json(MarketViews.history(response))
    }
}
