import Foundation
import JieluContract
import JieluCore
import JieluRPC
import Synchronization

/// An in-memory intake: validates a little, remembers reports and
/// idempotency keys, never relays to dispatch.
final class FakeIntake: IntakeHandling {
    struct State {
        var reports: [String: Intake.Report] = [:]
        var responsesByKey: [String: Intake.SubmitReportResponse] = [:]
        var submitted: [Intake.SubmitReportRequest] = []
        var getReportCalls = 0
        var nextCase = 1
        /// Milliseconds each `SubmitReport` waits before it replies.
        var delayMilliseconds: UInt32 = 0
    }

    let state = Mutex(State())

    func submitReport(_ request: Intake.SubmitReportRequest, context: RPCContext) throws -> Intake.SubmitReportResponse {
        let delay = state.withLock { state in
            state.submitted.append(request)
            return state.delayMilliseconds
        }
        if delay > 0 {
            usleep(delay * 1000)
        }
        guard let street = Fixtures.streets.first(where: { $0.boardCode == request.boardCode }) else {
            throw ServiceError.invalid("board_code", reason: "unknown_board", message: "找不到公示牌编码 \(request.boardCode)")
        }
        guard let item = Fixtures.item(request.categoryCode) else {
            throw ServiceError.invalid("category_code", reason: "unknown_category", message: "类别 \(request.categoryCode) 不存在")
        }
        let length = request.description.count
        guard length >= 1 && length <= 500 else {
            throw ServiceError.invalid("description", reason: "invalid_description", message: "问题描述须为 1 到 500 个字，当前 \(length) 个字")
        }

        return state.withLock { state in
            if !request.idempotencyKey.isEmpty, var earlier = state.responsesByKey[request.idempotencyKey] {
                earlier.replayed = true
                return earlier
            }
            let now = WallClock.nowMilliseconds()
            let caseID = "C\(100_000 + state.nextCase)"
            state.nextCase += 1
            let report = Intake.Report(
                caseID: caseID, trackingCode: RandomCode.make(length: 10), boardCode: request.boardCode,
                streetID: street.id, streetName: street.name, subDistrictID: street.subDistrictID,
                subDistrictName: street.subDistrictName, categoryCode: item.code, categoryName: item.name,
                description: request.description, contactPhone: request.contactPhone, hasLocation: request.hasLocation,
                lat: request.lat, lon: request.lon, channel: request.channel, receivedAtMs: now,
                dueAtMs: now + Int64(item.timeLimitHours) * 3_600_000)
            state.reports[report.trackingCode] = report
            let response = Intake.SubmitReportResponse(
                caseID: caseID, trackingCode: report.trackingCode, status: "received", receivedAtMs: now,
                dueAtMs: report.dueAtMs)
            if !request.idempotencyKey.isEmpty {
                state.responsesByKey[request.idempotencyKey] = response
            }
            return response
        }
    }

    func getReport(_ request: Intake.GetReportRequest, context: RPCContext) throws -> Intake.Report {
        let report = state.withLock { state in
            state.getReportCalls += 1
            return state.reports[request.trackingCode]
        }
        guard let report else {
            throw ServiceError.notFound(reason: "unknown_tracking_code", message: "找不到查询码 \(request.trackingCode)")
        }
        return report
    }
}
