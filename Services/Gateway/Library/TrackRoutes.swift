import JieluCore
import JieluHTTP

/// Residents' tracking endpoints, addressed by the tracking code on their receipt.
enum TrackRoutes {
    static func register(in router: inout Router<RouteHandler>) {
        router.add("GET", "/api/v1/track/{tracking_code}", track)
        router.add("POST", "/api/v1/track/{tracking_code}/confirm", confirm)
    }

    /// `GET /api/v1/track/{tracking_code}`: status, handler and timeline,
    /// without any phone number.
    static func track(_ context: RouteContext) throws -> HTTPResponse {
        let tracked = try CaseTracking.find(trackingCode: context.parameter("tracking_code"), context: context)
        return .json(JSONViews.trackedCase(tracked, nowMs: WallClock.nowMilliseconds()))
    }

    /// `POST /api/v1/track/{tracking_code}/confirm` with
    /// `{"satisfied": bool, "comment"?: string}`: closes a resolved case or
    /// sends it back. Responds with the case afterwards, shaped as in `track`.
    static func confirm(_ context: RouteContext) throws -> HTTPResponse {
        let code = context.parameter("tracking_code")
        try PublicCodes.checkTrackingCode(code)
        let body = try JSONBody(context.request.body)
        let satisfied = try body.bool("satisfied")
        let comment = try body.optionalString("comment") ?? ""

        let tracked = try CaseTracking.confirm(trackingCode: code, satisfied: satisfied, comment: comment, context: context)
        return .json(JSONViews.trackedCase(tracked, nowMs: WallClock.nowMilliseconds()))
    }
}
