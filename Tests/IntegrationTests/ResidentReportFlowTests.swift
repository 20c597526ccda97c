import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The main job end to end, every service a real process: a resident scans
/// a board, reports, the case is dispatched to the right person, resolved
/// with a handler token, confirmed, and the closure rate moves.
@Suite("Resident report flow", .serialized)
struct ResidentReportFlowTests {
    @Test func reportClosesTheLoop() throws {
        let mesh = try Mesh.started()
        defer { mesh.stop() }
        let district = try DistrictFixture.load()
        // 暴露垃圾 is a public-area item with no override rule in the dataset:
        // it goes to the street's lead cadre.
        let street = district.street(5)

        let page = try mesh.http().send(method: "GET", path: "/r/\(street.board)", headers: [], body: [])
        #expect(page.status == 200)
        #expect(String(decoding: page.body, as: UTF8.self).contains("<html"))

        let board = try mesh.get("/api/v1/boards/\(street.board)")
        #expect(board.status == 200)
        let people = try #require(board["people"] as? [[String: Any]])
        #expect(!people.isEmpty)
        #expect(people.allSatisfy { ($0["phone"] as? String ?? "").contains("****") })

        let before = try mesh.get("/api/v1/metrics/summary")
        let closedBefore = (before["district"] as? [String: Any])?["closed"] as? Int ?? 0

        let created = try mesh.post("/api/v1/reports", [
            "board_code": street.board, "category_code": "0101",
            "description": "小区门口垃圾桶满了溢出来，已经两天没人清运 😡", "contact_phone": "13912345678",
        ])
        #expect(created.status == 201)
        let caseID = try #require(created["case_id"] as? String)
        let trackingCode = try #require(created["tracking_code"] as? String)
        #expect(caseID.hasPrefix("JL"))
        #expect((created["due_at"] as? String)?.hasSuffix("+08:00") == true)

        let dispatched = try mesh.waitForStatus(trackingCode, "dispatched")
        let text = String(decoding: try JSONSerialization.data(withJSONObject: dispatched.object), as: UTF8.self)
        #expect(!text.contains("13912345678"))

        let handlerToken = try mesh.token(role: "handler", staffID: street.leadCadre)
        let mine = try mesh.get("/api/v1/cases?status=dispatched", token: handlerToken)
        #expect(mine.status == 200)
        let cases = try #require(mine["cases"] as? [[String: Any]])
        let listed = try #require(cases.first { $0["case_id"] as? String == caseID })
        #expect((listed["assignee"] as? [String: Any])?["staff_id"] as? String == street.leadCadre)
        #expect(listed["contact_phone"] as? String == "13912345678")

        let resolved = try mesh.post("/api/v1/cases/\(caseID)/resolve", ["note": "已协调环卫清运完毕"], token: handlerToken)
        #expect(resolved.status == 200)
        _ = try mesh.waitForStatus(trackingCode, "resolved")

        let confirmed = try mesh.post("/api/v1/track/\(trackingCode)/confirm", ["satisfied": true, "comment": "很快，谢谢"])
        #expect(confirmed.status == 200)
        #expect(confirmed["status"] as? String == "closed")

        let timeline = try #require(confirmed["timeline"] as? [[String: Any]])
        #expect(timeline.compactMap { $0["to"] as? String } == ["received", "dispatched", "resolved", "closed"])

        // Metrics receive events asynchronously through the dispatch outbox.
        let deadline = Date().addingTimeInterval(15)
        var closedAfter = closedBefore
        var completionRate: Double?
        while Date() < deadline {
            let summary = try mesh.get("/api/v1/metrics/summary")
            let district = summary["district"] as? [String: Any]
            closedAfter = district?["closed"] as? Int ?? 0
            completionRate = district?["completion_rate"] as? Double
            if closedAfter > closedBefore {
                break
            }
            usleep(100_000)
        }
        #expect(closedAfter == closedBefore + 1)
        #expect((completionRate ?? 0) > 0)

        for service in Mesh.services.reversed() {
            #expect(mesh.stop(service) == 0, "jielu-\(service) must exit 0 on SIGTERM")
        }
    }

    @Test func residentialItemGoesToGridStaff() throws {
        let mesh = try Mesh.started()
        defer { mesh.stop() }
        let street = try DistrictFixture.load().street(10)

        let created = try mesh.post("/api/v1/reports", [
            "board_code": street.board, "category_code": "0602", "description": "三单元楼道里堆满了纸箱和旧家具，消防通道被堵",
        ])
        try #require(created.status == 201)
        let trackingCode = try #require(created["tracking_code"] as? String)
        _ = try mesh.waitForStatus(trackingCode, "dispatched")

        let handlerToken = try mesh.token(role: "handler", staffID: street.gridStaff)
        let mine = try mesh.get("/api/v1/cases", token: handlerToken)
        let cases = try #require(mine["cases"] as? [[String: Any]])
        let caseID = try #require(created["case_id"] as? String)
        let listed = try #require(cases.first { $0["case_id"] as? String == caseID })
        // The tracking code lets whoever holds it confirm the case as the resident.
        #expect(listed["tracking_code"] == nil)

        let otherToken = try mesh.token(role: "handler", staffID: street.leadCadre)
        let denied = try mesh.post("/api/v1/cases/\(caseID)/resolve", ["note": "不是我的案件"], token: otherToken)
        #expect(denied.status == 403)
        #expect(denied.errorCode == "not_assignee")
    }

    @Test func unsatisfiedResidentReopensCase() throws {
        let mesh = try Mesh.started()
        defer { mesh.stop() }
        let street = try DistrictFixture.load().street(20)
        let created = try mesh.post("/api/v1/reports", [
            "board_code": street.board, "category_code": "0101", "description": "路边暴露垃圾",
        ])
        let caseID = try #require(created["case_id"] as? String)
        let trackingCode = try #require(created["tracking_code"] as? String)
        _ = try mesh.waitForStatus(trackingCode, "dispatched")

        let early = try mesh.post("/api/v1/track/\(trackingCode)/confirm", ["satisfied": true])
        #expect(early.status == 409)
        #expect(early.errorCode == "invalid_transition")

        let token = try mesh.token(role: "handler", staffID: street.leadCadre)
        #expect(try mesh.post("/api/v1/cases/\(caseID)/resolve", ["note": "已清理"], token: token).status == 200)
        let reopened = try mesh.post("/api/v1/track/\(trackingCode)/confirm", ["satisfied": false, "comment": "还有残留"])
        #expect(reopened["status"] as? String == "reopened")
        #expect(try mesh.post("/api/v1/cases/\(caseID)/resolve", ["note": "二次清理完毕"], token: token).status == 200)
        let closed = try mesh.post("/api/v1/track/\(trackingCode)/confirm", ["satisfied": true])
        #expect(closed["status"] as? String == "closed")
    }
}
