import JieluContract
import JieluCore
import JieluHTTP

/// `GET /api/v1/metrics/summary[?streets=true]`: closure indicators for the
/// district and each sub-district, and each street on request. Public, like
/// the boards: the figures contain no personal data.
enum MetricsRoutes {
    static func register(in router: inout Router<RouteHandler>) {
        router.add("GET", "/api/v1/metrics/summary", summary)
    }

    static func summary(_ context: RouteContext) throws -> HTTPResponse {
        let includeStreets = try readFlag(context.request.query["streets"], field: "streets")
        let summary = try context.backends.metrics.getSummary(
            Metrics.GetSummaryRequest(nowMs: 0, includeStreets: includeStreets), options: context.callOptions())
        return .json(JSONViews.summary(summary, includeStreets: includeStreets))
    }

    /// Reads a boolean query parameter. Absent, "false" and "0" are false,
    /// and "true" and "1" are true. Throws INVALID_ARGUMENT `invalid_field`
    /// for anything else.
    static func readFlag(_ text: String?, field: String) throws(ServiceError) -> Bool {
        switch text {
        case nil, "", "false", "0":
            return false
        case "true", "1":
            return true
        default:
            throw ServiceError.invalid(field, reason: "invalid_field", message: "参数 \(field)=\(text ?? "") 无效，应为 true 或 false。")
        }
    }
}
