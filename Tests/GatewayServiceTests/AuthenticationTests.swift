#if canImport(Glibc)
import Glibc
#endif
import JieluCore
import Testing
@testable import GatewayService

@Suite("Authentication", .serialized)
struct AuthenticationTests {
    @Test("bearer headers that parse", arguments: [
        ("Bearer abc123", "abc123"),
        ("bearer abc123", "abc123"),
        ("BEARER   a-b_c.d~e+f/g==", "a-b_c.d~e+f/g=="),
    ])
    func parses(header: String, token: String) throws {
        #expect(try Authenticator.bearerToken(from: header) == token)
    }

    @Test("bearer headers that are rejected", arguments: [
        nil, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc", "Bearer abc def", "Bearer ===", "Bearer a=b",
        "Bearer 令牌", "Bearer " + String(repeating: "a", count: 513),
    ] as [String?])
    func rejects(header: String?) {
        #expect(throws: ServiceError.self) { try Authenticator.bearerToken(from: header) }
        do {
            _ = try Authenticator.bearerToken(from: header)
        } catch {
            #expect(error.code == .unauthenticated)
            #expect(error.reason == "unauthenticated")
        }
    }

    @Test("missing or unknown token is 401 with WWW-Authenticate", arguments: [
        [] as [(String, String)], [("Authorization", "Basic dXNlcjpwYXNz")], [("Authorization", "Bearer nobody-has-this")],
    ])
    func unauthenticated(headers: [(String, String)]) throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.send("GET", "/api/v1/cases", headers: headers)
        #expect(response.status == 401)
        #expect(response.errorCode == "unauthenticated")
        #expect(response.headers["WWW-Authenticate"] == "Bearer")
    }

    @Test("duplicate Authorization is 400 before registry", arguments: [
        [("Authorization", "Bearer \(Fixtures.Token.admin)"), ("Authorization", "Bearer \(Fixtures.Token.admin)")],
        [("Authorization", "Bearer nobody-has-this"), ("Authorization", "Bearer \(Fixtures.Token.admin)")],
        [("Authorization", "Bearer \(Fixtures.Token.admin)"), ("authorization", "Bearer nobody-has-this")],
        [("Authorization", "Bearer \(Fixtures.Token.admin)"), ("Accept", "*/*"), ("AUTHORIZATION", "")],
    ])
    func duplicateAuthorization(headers: [(String, String)]) throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.send("GET", "/api/v1/cases", headers: headers)
        #expect(response.status == 400)
        #expect(response.errorCode == "duplicate_header")
        #expect(response.errorMessage == "请求带有多个 Authorization 请求头，无法确定以哪个为准，请只发送一个。")
        #expect(harness.registry.state.withLock { $0.authenticateCalls } == 0)
    }

    @Test("one Authorization among repeats accepted")
    func singleAuthorization() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let headers = [("Accept", "application/json"), ("Authorization", "Bearer \(Fixtures.Token.admin)"), ("Accept", "*/*")]
        let response = try harness.send("GET", "/api/v1/cases", headers: headers)
        #expect(response.status == 200)
        #expect(harness.registry.state.withLock { $0.authenticateCalls } == 1)
    }

    @Test("successes are cached, failures are not")
    func cache() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        for _ in 0..<3 {
            #expect(try harness.get("/api/v1/cases", token: Fixtures.Token.admin).status == 200)
        }
        #expect(harness.registry.state.withLock { $0.authenticateCalls } == 1)

        for _ in 0..<2 {
            #expect(try harness.get("/api/v1/cases", token: "wrong-token").status == 401)
        }
        #expect(harness.registry.state.withLock { $0.authenticateCalls } == 3)
    }

    @Test("cached successes expire")
    func expiry() throws {
        let harness = try GatewayHarness { $0.authenticationCacheSeconds = 0.2 }
        defer { harness.stop() }

        #expect(try harness.get("/api/v1/cases", token: Fixtures.Token.admin).status == 200)
        #expect(try harness.get("/api/v1/cases", token: Fixtures.Token.admin).status == 200)
        #expect(harness.registry.state.withLock { $0.authenticateCalls } == 1)
        usleep(300_000)
        #expect(try harness.get("/api/v1/cases", token: Fixtures.Token.admin).status == 200)
        #expect(harness.registry.state.withLock { $0.authenticateCalls } == 2)
    }

    @Test("registry down is 503, not 401")
    func registryDown() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        harness.registryServer.drain()

        let response = try harness.get("/api/v1/cases", token: Fixtures.Token.admin)
        #expect(response.status == 503)
        #expect(response.errorCode == "unavailable")
    }
}
