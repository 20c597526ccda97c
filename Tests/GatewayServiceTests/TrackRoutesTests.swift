import Foundation
import JieluContract
import JieluCore
import Testing
@testable import GatewayService

@Suite("TrackRoutes", .serialized)
struct TrackRoutesTests {
    /// Submits a report and returns its tracking code.
    static func submit(_ harness: GatewayHarness) throws -> String {
        let response = try harness.post("/api/v1/reports", json: ReportRoutesTests.validReport)
        #expect(response.status == 201)
        return try #require(try response.object()["tracking_code"] as? String)
    }

    @Test("falls back to intake before dispatch has the case")
    func fallback() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let code = try Self.submit(harness)

        let response = try harness.get("/api/v1/track/\(code)")

        #expect(response.status == 200)
        let body = try response.object()
        #expect(body["status"] as? String == "received")
        #expect(body["status_label"] as? String == "已受理")
        #expect(body["overdue"] as? Bool == false)
        #expect(body["handler"] is NSNull)
        let timeline = try #require(body["timeline"] as? [[String: Any]])
        #expect(timeline.count == 1)
        #expect(timeline.first?["to"] as? String == "received")
        #expect(timeline.first?["actor_label"] as? String == "市民")
        #expect((body["street"] as? [String: Any])?["name"] as? String == "勤俭大路")
        #expect(!response.bodyText.contains(Fixtures.residentPhone))
        #expect(!response.bodyText.contains("5678"))
        #expect(harness.dispatch.state.withLock { $0.getCaseCalls } == 1)
    }

    @Test("dispatched case shows handler and timeline without phones")
    func dispatched() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let file = Fixtures.dispatchedCase(caseID: "C200001", dueInHours: -1)
        harness.dispatch.add(file)

        let response = try harness.get("/api/v1/track/\(file.trackingCode)")

        #expect(response.status == 200)
        let body = try response.object()
        #expect(body["status"] as? String == "dispatched")
        #expect(body["status_label"] as? String == "已派遣")
        #expect(body["overdue"] as? Bool == true)
        #expect((body["handler"] as? [String: Any])?["name"] as? String == Fixtures.handlerA.name)
        #expect((body["handler"] as? [String: Any])?["unit"] as? String == "第一城管中队")
        #expect((body["handler"] as? [String: Any])?["phone"] == nil)
        #expect(body["closed_at"] == nil)
        #expect((body["timeline"] as? [[String: Any]])?.first?["actor_label"] as? String == "系统")
        #expect(!response.bodyText.contains(Fixtures.residentPhone))
        #expect(!response.bodyText.contains(Fixtures.handlerA.phone))
        #expect(!response.bodyText.contains("description"))
        #expect(harness.intake.state.withLock { $0.getReportCalls } == 0)
    }

    @Test("malformed tracking codes are 404 without a backend call", arguments: ["ABC", "0000000000", "abcdefghjk", "ABCDEFGHJKM", "%3Cscript%3E"])
    func malformed(code: String) throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.get("/api/v1/track/\(code)")
        #expect(response.status == 404)
        #expect(response.errorCode == "unknown_tracking_code")
        #expect(harness.dispatch.state.withLock { $0.getCaseCalls } == 0)
    }

    @Test("unknown well-formed code is 404")
    func unknown() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.get("/api/v1/track/ABCDEFGHJK")
        #expect(response.status == 404)
        #expect(response.errorCode == "unknown_tracking_code")
    }

    @Test("confirm before resolution is 409 invalid_transition")
    func confirmTooEarly() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let file = Fixtures.dispatchedCase(caseID: "C200002")
        harness.dispatch.add(file)
        let receivedOnly = try Self.submit(harness)

        for code in [file.trackingCode, receivedOnly] {
            let response = try harness.post("/api/v1/track/\(code)/confirm", json: #"{"satisfied":true}"#)
            #expect(response.status == 409, "\(code)")
            #expect(response.errorCode == "invalid_transition", "\(code)")
        }
    }

    @Test("confirm closes or reopens a resolved case", arguments: [(true, "closed", "已结案"), (false, "reopened", "已重新交办")])
    func confirm(satisfied: Bool, status: String, label: String) throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let file = Fixtures.dispatchedCase(caseID: "C200003", status: "resolved")
        harness.dispatch.add(file)

        let response = try harness.post("/api/v1/track/\(file.trackingCode)/confirm", json: #"{"satisfied":\#(satisfied),"comment":"谢谢"}"#)

        #expect(response.status == 200)
        let body = try response.object()
        #expect(body["status"] as? String == status)
        #expect(body["status_label"] as? String == label)
        #expect((body["closed_at"] as? String != nil) == satisfied)
        let last = try #require((body["timeline"] as? [[String: Any]])?.last)
        #expect(last["note"] as? String == "谢谢")
        #expect(last["actor_label"] as? String == "市民")
        #expect(!response.bodyText.contains(Fixtures.residentPhone))
    }

    @Test("confirm body errors", arguments: [
        (#"{"satisfied":"yes"}"#, "invalid_field"), (#"{"satisfied":1}"#, "invalid_field"), (#"{}"#, "missing_field"),
        (#"{"satisfied":true,"comment":5}"#, "invalid_field"), ("{", "malformed_json"),
    ])
    func confirmBody(json: String, code: String) throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.post("/api/v1/track/ABCDEFGHJK/confirm", json: json)
        #expect(response.status == 400)
        #expect(response.errorCode == code)
    }
}
