import JieluContract
import JieluCore
import JieluRPC
import Synchronization

/// Fixed indicators: an empty district (every denominator 0), one busy
/// sub-district and, on request, one street.
final class FakeMetrics: MetricsHandling {
    let requests = Mutex<[Metrics.GetSummaryRequest]>([])

    static let asOfMs: Int64 = 1_796_386_503_000

    func recordEvents(_ request: Metrics.RecordEventsRequest, context: RPCContext) throws -> Metrics.RecordEventsResponse {
        throw ServiceError(.unimplemented, reason: "unimplemented", message: "fake")
    }

    func getSummary(_ request: Metrics.GetSummaryRequest, context: RPCContext) throws -> Metrics.Summary {
        requests.withLock { $0.append(request) }
        let busy = Metrics.Stats(
            scope: "sub_district", id: "SD01", name: "柏溪街道", received: 3, dispatched: 3, resolved: 2, closed: 2,
            reopened: 1, due: 3, closedOnTime: 1, completionRate: 2.0 / 3.0, closureRate: 2.0 / 3.0,
            onTimeRate: 1.0 / 3.0, meanHandlingHours: 10.123456)
        let street = Metrics.Stats(scope: "street", id: "ST001", name: "勤俭大路", received: 1, dispatched: 1, due: 0)
        return Metrics.Summary(
            asOfMs: FakeMetrics.asOfMs,
            district: Metrics.Stats(scope: "district", id: "D01", name: "青岚区"),
            subDistricts: [busy],
            streets: request.includeStreets ? [street] : [])
    }
}
