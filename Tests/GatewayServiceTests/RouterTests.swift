import Testing
@testable import GatewayService

@Suite("Router")
struct RouterTests {
    static func makeRouter() -> Router<String> {
        var router = Router<String>()
        router.add("GET", "/", "root")
        router.add("GET", "/api/v1/cases", "list")
        router.add("GET", "/api/v1/cases/{case_id}", "get")
        router.add("POST", "/api/v1/cases/{case_id}/resolve", "resolve")
        router.add("POST", "/api/v1/reports", "submit")
        return router
    }

    static func found(_ match: Router<String>.Match) -> (String, [String: String])? {
        if case .found(let handler, let parameters) = match {
            return (handler, parameters)
        }
        return nil
    }

    @Test("literal and parameter paths", arguments: [
        ("GET", "/", "root", [:]),
        ("GET", "/api/v1/cases", "list", [:]),
        ("GET", "/api/v1/cases/C100001", "get", ["case_id": "C100001"]),
        ("POST", "/api/v1/cases/C7/resolve", "resolve", ["case_id": "C7"]),
        ("HEAD", "/api/v1/cases/C7", "get", ["case_id": "C7"]),
    ] as [(String, String, String, [String: String])])
    func matches(method: String, path: String, handler: String, parameters: [String: String]) throws {
        let (matched, bound) = try #require(Self.found(Self.makeRouter().match(method: method, path: path)))
        #expect(matched == handler)
        #expect(bound == parameters)
    }

    @Test("unknown paths are not found", arguments: [
        "/api/v1/case", "/api/v1/cases/", "/api/v1/cases//resolve", "/api/v1/cases/C7/resolve/more", "//", "/api",
    ])
    func notFound(path: String) {
        guard case .notFound = Self.makeRouter().match(method: "GET", path: path) else {
            Issue.record("\(path) matched a route")
            return
        }
    }

    @Test("wrong method lists the allowed ones")
    func methodNotAllowed() {
        let router = Self.makeRouter()
        guard case .methodNotAllowed(let allowed) = router.match(method: "DELETE", path: "/api/v1/cases/C7") else {
            Issue.record("expected methodNotAllowed")
            return
        }
        #expect(allowed == ["GET", "HEAD"])

        guard case .methodNotAllowed(let postOnly) = router.match(method: "GET", path: "/api/v1/reports") else {
            Issue.record("expected methodNotAllowed")
            return
        }
        #expect(postOnly == ["POST"])
    }

    @Test("method names are case-sensitive")
    func methodCase() {
        guard case .methodNotAllowed = Self.makeRouter().match(method: "get", path: "/api/v1/cases") else {
            Issue.record("lower-case get matched GET")
            return
        }
    }
}
