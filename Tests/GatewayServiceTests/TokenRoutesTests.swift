import Foundation
import Testing
@testable import GatewayService

@Suite("TokenRoutes", .serialized)
struct TokenRoutesTests {
    @Test("admin creates a token")
    func adminCreates() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let response = try harness.post("/api/v1/tokens", json: #"{"role":"handler","staff_id":"S0001"}"#, token: Fixtures.Token.admin)

        #expect(response.status == 201)
        let body = try response.object()
        #expect(body["token"] as? String == "new-token-1")
        #expect(body["token_id"] as? String == "T101")
        #expect(body["role"] as? String == "handler")
        #expect(body["staff_id"] as? String == "S0001")

        let dispatcher = try harness.post("/api/v1/tokens", json: #"{"role":"dispatcher"}"#, token: Fixtures.Token.admin)
        #expect(dispatcher.status == 201)
        #expect(try dispatcher.object()["staff_id"] is NSNull)
    }

    @Test("non-admins are 403", arguments: [Fixtures.Token.dispatcher, Fixtures.Token.handlerA])
    func nonAdmin(token: String) throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.post("/api/v1/tokens", json: #"{"role":"admin"}"#, token: token)
        #expect(response.status == 403)
        #expect(response.errorCode == "forbidden")
        #expect(harness.registry.state.withLock { $0.createdTokens.isEmpty })
    }

    @Test("without a token is 401")
    func anonymous() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.post("/api/v1/tokens", json: #"{"role":"admin"}"#)
        #expect(response.status == 401)
        #expect(response.headers["WWW-Authenticate"] == "Bearer")
    }

    @Test("invalid requests are 400", arguments: [
        (#"{"role":"root"}"#, "invalid_field", "role"), (#"{"role":7}"#, "invalid_field", "role"),
        (#"{}"#, "missing_field", "role"), (#"{"role":"handler"}"#, "missing_staff_id", "staff_id"),
    ])
    func invalid(json: String, code: String, field: String) throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.post("/api/v1/tokens", json: json, token: Fixtures.Token.admin)
        #expect(response.status == 400)
        #expect(response.errorCode == code)
        #expect(response.errorField == field)
    }
}
