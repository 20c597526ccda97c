import Foundation
import JieluContract
import JieluCore
import Testing
@testable import GatewayService

@Suite("CaseRoutes", .serialized)
struct CaseRoutesTests {
    /// A harness with one case for each handler.
    static func seeded() throws -> GatewayHarness {
        let harness = try GatewayHarness()
        harness.dispatch.add(Fixtures.dispatchedCase(caseID: "C300001", assignee: Fixtures.handlerA))
        harness.dispatch.add(Fixtures.dispatchedCase(caseID: "C300002", assignee: Fixtures.handlerB))
        return harness
    }

    @Test("handler list is forced to their own cases with full phones")
    func handlerList() throws {
        let harness = try Self.seeded()
        defer { harness.stop() }

        let response = try harness.get("/api/v1/cases", token: Fixtures.Token.handlerA)

        #expect(response.status == 200)
        let cases = try #require(try response.object()["cases"] as? [[String: Any]])
        #expect(cases.map { $0["case_id"] as? String } == ["C300001"])
        #expect(cases.first?["contact_phone"] as? String == Fixtures.residentPhone)
        #expect((cases.first?["assignee"] as? [String: Any])?["staff_id"] as? String == Fixtures.handlerA.id)
        #expect(harness.dispatch.state.withLock { $0.listRequests.last?.assigneeStaffID } == Fixtures.handlerA.id)
        #expect(!response.bodyText.contains(Fixtures.handlerA.phone))
    }

    @Test("handler asking for someone else's cases is 403")
    func handlerOtherAssignee() throws {
        let harness = try Self.seeded()
        defer { harness.stop() }
        let response = try harness.get("/api/v1/cases?assignee=\(Fixtures.handlerB.id)", token: Fixtures.Token.handlerA)
        #expect(response.status == 403)
        #expect(response.errorCode == "forbidden")
        #expect(harness.dispatch.state.withLock { $0.listRequests.isEmpty })

        let own = try harness.get("/api/v1/cases?assignee=\(Fixtures.handlerA.id)", token: Fixtures.Token.handlerA)
        #expect(own.status == 200)
    }

    @Test("admin and dispatcher see every case with masked phones", arguments: [Fixtures.Token.admin, Fixtures.Token.dispatcher])
    func adminList(token: String) throws {
        let harness = try Self.seeded()
        defer { harness.stop() }

        let response = try harness.get("/api/v1/cases", token: token)

        #expect(response.status == 200)
        let cases = try #require(try response.object()["cases"] as? [[String: Any]])
        #expect(cases.count == 2)
        #expect(cases.allSatisfy { $0["contact_phone"] as? String == "139****5678" })
        #expect(!response.bodyText.contains(Fixtures.residentPhone))
        #expect(try response.object()["next_page_token"] is NSNull)
    }

    @Test("filters pass through")
    func filters() throws {
        let harness = try Self.seeded()
        defer { harness.stop() }
        let response = try harness.get("/api/v1/cases?status=dispatched&assignee=S0002&limit=10&page_token=abc", token: Fixtures.Token.admin)
        #expect(response.status == 200)
        let sent = try #require(harness.dispatch.state.withLock { $0.listRequests.last })
        #expect(sent.status == "dispatched")
        #expect(sent.assigneeStaffID == "S0002")
        #expect(sent.limit == 10)
        #expect(sent.pageToken == "abc")
    }

    @Test("invalid list parameters are 400", arguments: [
        ("status=open", "status"), ("status=received", "status"), ("limit=0", "limit"), ("limit=201", "limit"), ("limit=ten", "limit"),
    ])
    func invalidParameters(query: String, field: String) throws {
        let harness = try Self.seeded()
        defer { harness.stop() }
        let response = try harness.get("/api/v1/cases?\(query)", token: Fixtures.Token.admin)
        #expect(response.status == 400)
        #expect(response.errorCode == "invalid_field")
        #expect(response.errorField == field)
    }

    @Test("handler reads their own case with the full phone and timeline")
    func handlerOwnCase() throws {
        let harness = try Self.seeded()
        defer { harness.stop() }

        let response = try harness.get("/api/v1/cases/C300001", token: Fixtures.Token.handlerA)

        #expect(response.status == 200)
        let body = try response.object()
        #expect(body["contact_phone"] as? String == Fixtures.residentPhone)
        #expect(body["description"] as? String == "超市后门有垃圾堆放")
        #expect((body["timeline"] as? [[String: Any]])?.count == 1)
    }

    @Test("handler reading another's case is 403")
    func handlerOtherCase() throws {
        let harness = try Self.seeded()
        defer { harness.stop() }
        let response = try harness.get("/api/v1/cases/C300002", token: Fixtures.Token.handlerA)
        #expect(response.status == 403)
        #expect(response.errorCode == "forbidden")
        #expect(!response.bodyText.contains(Fixtures.residentPhone))
    }

    @Test("admin reads any case with the phone masked")
    func adminCase() throws {
        let harness = try Self.seeded()
        defer { harness.stop() }
        let response = try harness.get("/api/v1/cases/C300002", token: Fixtures.Token.admin)
        #expect(response.status == 200)
        #expect(try response.object()["contact_phone"] as? String == "139****5678")
        #expect(!response.bodyText.contains(Fixtures.residentPhone))
    }

    @Test("unknown or malformed case ids are 404", arguments: ["C999999", "C%20X", String(repeating: "C", count: 65)])
    func unknownCase(caseID: String) throws {
        let harness = try Self.seeded()
        defer { harness.stop() }
        let response = try harness.get("/api/v1/cases/\(caseID)", token: Fixtures.Token.admin)
        #expect(response.status == 404)
        #expect(response.errorCode == "unknown_case")
    }

    @Test("handler resolves their own case")
    func handlerResolves() throws {
        let harness = try Self.seeded()
        defer { harness.stop() }

        let response = try harness.post("/api/v1/cases/C300001/resolve", json: #"{"note":"已清运"}"#, token: Fixtures.Token.handlerA)

        #expect(response.status == 200)
        let body = try response.object()
        #expect(body["status"] as? String == "resolved")
        #expect((body["timeline"] as? [[String: Any]])?.last?["note"] as? String == "已清运")
        #expect(body["contact_phone"] as? String == Fixtures.residentPhone)
        let sent = try #require(harness.dispatch.state.withLock { $0.resolveRequests.last })
        #expect(sent.requireAssignee)
        #expect(sent.actorStaffID == Fixtures.handlerA.id)
    }

    @Test("handler resolving another's case is 403 not_assignee")
    func handlerResolvesOther() throws {
        let harness = try Self.seeded()
        defer { harness.stop() }
        let response = try harness.post("/api/v1/cases/C300002/resolve", json: #"{"note":"x"}"#, token: Fixtures.Token.handlerA)
        #expect(response.status == 403)
        #expect(response.errorCode == "not_assignee")
    }

    @Test("admin resolves any case as staff or token id", arguments: [(Fixtures.Token.admin, "S9000"), (Fixtures.Token.adminWithoutStaff, "T2")])
    func adminResolves(token: String, actor: String) throws {
        let harness = try Self.seeded()
        defer { harness.stop() }
        let response = try harness.post("/api/v1/cases/C300002/resolve", json: #"{"note":"督办完成"}"#, token: token)
        #expect(response.status == 200)
        #expect(try response.object()["contact_phone"] as? String == "139****5678")
        let sent = try #require(harness.dispatch.state.withLock { $0.resolveRequests.last })
        #expect(!sent.requireAssignee)
        #expect(sent.actorStaffID == actor)
    }

    @Test("resolving twice is 409 invalid_transition")
    func resolveTwice() throws {
        let harness = try Self.seeded()
        defer { harness.stop() }
        #expect(try harness.post("/api/v1/cases/C300001/resolve", json: #"{"note":"a"}"#, token: Fixtures.Token.handlerA).status == 200)
        let again = try harness.post("/api/v1/cases/C300001/resolve", json: #"{"note":"b"}"#, token: Fixtures.Token.handlerA)
        #expect(again.status == 409)
        #expect(again.errorCode == "invalid_transition")
    }

    @Test("resolve body errors", arguments: [(#"{}"#, "missing_field"), (#"{"note":1}"#, "invalid_field"), ("[", "malformed_json")])
    func resolveBody(json: String, code: String) throws {
        let harness = try Self.seeded()
        defer { harness.stop() }
        let response = try harness.post("/api/v1/cases/C300001/resolve", json: json, token: Fixtures.Token.handlerA)
        #expect(response.status == 400)
        #expect(response.errorCode == code)
        #expect(harness.dispatch.state.withLock { $0.resolveRequests.isEmpty })
    }
}
