import Foundation
import Testing
@testable import GatewayService

@Suite("PublicRoutes", .serialized)
struct PublicRoutesTests {
    @Test("streets list")
    func streets() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let response = try harness.get("/api/v1/streets")

        #expect(response.status == 200)
        let streets = try #require(try response.object()["streets"] as? [[String: Any]])
        #expect(streets.count == 2)
        let first = try #require(streets.first)
        #expect(first["id"] as? String == "ST001")
        #expect(first["name"] as? String == "勤俭大路")
        #expect(first["grade"] as? String == "A")
        #expect(first["sub_district_id"] as? String == "SD01")
        #expect(first["sub_district_name"] as? String == "柏溪街道")
        #expect(first["board_code"] as? String == Fixtures.boardCode)
        #expect(streets.last?["name"] as? String == Fixtures.hostileStreetName)
        #expect(!response.bodyText.contains("<script>"))
    }

    @Test("board with labels, masked phones and categories")
    func board() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let response = try harness.get("/api/v1/boards/\(Fixtures.boardCode)")

        #expect(response.status == 200)
        let body = try response.object()
        #expect((body["street"] as? [String: Any])?["grade"] as? String == "A")
        #expect((body["sub_district"] as? [String: Any])?["name"] as? String == "柏溪街道")
        #expect((body["community"] as? [String: Any])?["id"] as? String == "C0102")
        #expect((body["grid"] as? [String: Any])?["name"] as? String == "第1网格")
        let people = try #require(body["people"] as? [[String: Any]])
        #expect(people.map { $0["role_label"] as? String } == ["街路长", "包保领导", "网格员", "城管中队"])
        #expect(people.first?["phone"] as? String == "152****3698")
        let classes = try #require(body["categories"] as? [[String: Any]])
        #expect(classes.count == 2)
        let item = try #require((classes.first?["items"] as? [[String: Any]])?.first)
        #expect(item["time_limit_hours"] as? Int == 24)
        #expect(item["area"] as? String == "public")
    }

    @Test("malformed board code is 404 without asking the registry", arguments: ["SHORT", "JV8U7FN7Z52VE9U1", "JV8U7FN7Z52VE9UJJ", "jv8u7fn7z52ve9uj"])
    func malformedBoard(code: String) throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.get("/api/v1/boards/\(code)")
        #expect(response.status == 404)
        #expect(response.errorCode == "unknown_board")
        #expect(harness.registry.state.withLock { $0.getBoardCalls } == 0)
    }

    @Test("unknown board is 404 unknown_board")
    func unknownBoard() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.get("/api/v1/boards/\(Fixtures.unknownBoardCode)")
        #expect(response.status == 404)
        #expect(response.errorCode == "unknown_board")
        #expect(harness.registry.state.withLock { $0.getBoardCalls } == 1)
    }

    @Test("categories")
    func categories() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.get("/api/v1/categories")
        let classes = try #require(try response.object()["classes"] as? [[String: Any]])
        #expect(classes.map { $0["code"] as? String } == ["01", "04"])
        #expect((classes.last?["items"] as? [[String: Any]])?.first?["area"] as? String == "residential")
    }

    @Test("HEAD gets headers without a body")
    func head() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.send("HEAD", "/api/v1/categories")
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(Int(response.headers["Content-Length"] ?? "") ?? 0 > 0)
    }
}
