import JieluContract
import JieluCore
import JieluRPC
import JieluStore

/// The `jielu.metrics.v1.Metrics` methods.
struct MetricsHandler: MetricsHandling {
    /// Id of the district-wide scope in a summary. Metrics does not know the
    /// registry's district id, so it uses a fixed one that no sub-district or
    /// street id of the registry's form ("SD01", "ST001") can equal.
    static let districtID = "district"
    /// Display name of the district-wide scope in a summary.
    static let districtName = "全区"

    let store: MetricsStore
    let logger: Logger

    /// Applies a batch of case events, idempotent by event id.
    ///
    /// - Throws: INVALID_ARGUMENT from `EventValidation` (nothing is stored);
    ///   INTERNAL when the database write fails.
    func recordEvents(
        _ request: Metrics.RecordEventsRequest, context: RPCContext
    ) throws -> Metrics.RecordEventsResponse {
        try EventValidation.validate(request)
        guard !request.events.isEmpty else {
            return Metrics.RecordEventsResponse()
        }

        let outcome = try store.record(request.events, nowMs: WallClock.nowMilliseconds())
        context.logger.debug(
            "events recorded", ["recorded": outcome.recorded, "duplicates": outcome.duplicates])
        return Metrics.RecordEventsResponse(
            recorded: UInt32(outcome.recorded), duplicates: UInt32(outcome.duplicates))
    }

    /// Counts and closure indicators for the district, every sub-district
    /// with at least one case, and optionally every street with a case.
    ///
    /// - Throws: INVALID_ARGUMENT `invalid_now` for a negative `now_ms`.
    func getSummary(_ request: Metrics.GetSummaryRequest, context: RPCContext) throws -> Metrics.Summary {
        guard request.nowMs >= 0 else {
            throw ServiceError.invalid(
                "now_ms", reason: "invalid_now", message: "统计时间 \(request.nowMs) 无效；请填写 Unix 毫秒数，或填 0 表示当前时间。")
        }
        let nowMs = request.nowMs == 0 ? WallClock.nowMilliseconds() : request.nowMs

        let counts = try store.counts(nowMs: nowMs, includeStreets: request.includeStreets)
        var district = ClosureIndicators.stats(scope: "district", counts.district)
        district.id = MetricsHandler.districtID
        district.name = MetricsHandler.districtName
        return Metrics.Summary(
            asOfMs: nowMs,
            district: district,
            subDistricts: counts.subDistricts.map { ClosureIndicators.stats(scope: "sub_district", $0) },
            streets: counts.streets.map { ClosureIndicators.stats(scope: "street", $0) })
    }
}
