import Foundation
import JieluCore
import JieluHTTP
import JieluNet
import Testing
@testable import GatewayService

@Suite("GatewayServer", .serialized)
struct GatewayServerTests {
    @Test("unknown route is 404 not_found")
    func unknownRoute() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        for path in ["/api/v1/nothing", "/api/v1/streets/", "/favicon.ico"] {
            let response = try harness.get(path)
            #expect(response.status == 404, "\(path)")
            #expect(response.errorCode == "not_found", "\(path)")
        }
    }

    @Test("browsers get a Chinese 404 page")
    func notFoundPage() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.send("GET", "/no/such/page", headers: [("Accept", "text/html,application/xhtml+xml")])
        #expect(response.status == 404)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(response.bodyText.contains("页面不存在"))
    }

    @Test("wrong method is 405 with Allow", arguments: [
        ("DELETE", "/api/v1/streets", "GET, HEAD"),
        ("GET", "/api/v1/reports", "POST"),
        ("PUT", "/api/v1/cases/C1/resolve", "POST"),
        ("POST", "/healthz", "GET, HEAD"),
    ])
    func wrongMethod(method: String, path: String, allow: String) throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.send(method, path, body: method == "GET" || method == "DELETE" ? [] : Array("{}".utf8))
        #expect(response.status == 405)
        #expect(response.errorCode == "method_not_allowed")
        #expect(response.headers["Allow"] == allow)
    }

    @Test("request ids are generated, echoed and sent to backends")
    func requestIDs() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let generated = try harness.get("/api/v1/streets")
        let generatedID = try #require(generated.headers["X-Request-Id"])
        #expect(generatedID.count == 16)

        let supplied = try harness.send("GET", "/api/v1/streets", headers: [("X-Request-Id", "console-42.a_b")])
        #expect(supplied.headers["X-Request-Id"] == "console-42.a_b")

        let hostile = try harness.send("GET", "/api/v1/streets", headers: [("X-Request-Id", "a b\"c=d")])
        #expect(hostile.headers["X-Request-Id"] != "a b\"c=d")

        let seen = harness.registry.state.withLock { $0.requestIDs }
        #expect(seen.contains(generatedID))
        #expect(seen.contains("console-42.a_b"))
    }

    @Test("JSON responses carry charset and nosniff")
    func jsonHeaders() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.get("/api/v1/categories")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/json; charset=utf-8")
        #expect(response.headers["X-Content-Type-Options"] == "nosniff")
    }

    @Test("body at the limit is read, one byte past is 413")
    func bodyLimit() throws {
        let limit = 4_096
        let harness = try GatewayHarness { $0.maxBodyBytes = limit }
        defer { harness.stop() }

        let prefix = #"{"board_code":"\#(Fixtures.boardCode)","category_code":"0101","description":""#
        let suffix = #""}"#
        let atLimit = prefix + String(repeating: "a", count: limit - prefix.utf8.count - suffix.utf8.count) + suffix
        #expect(atLimit.utf8.count == limit)

        let accepted = try harness.post("/api/v1/reports", json: atLimit)
        #expect(accepted.status == 400)
        #expect(accepted.errorCode == "invalid_description")

        let pastLimit = prefix + String(repeating: "a", count: limit - prefix.utf8.count - suffix.utf8.count + 1) + suffix
        let rejected = try harness.post("/api/v1/reports", json: pastLimit)
        #expect(rejected.status == 413)
        #expect(rejected.errorCode == "body_too_large")
        #expect(harness.intake.state.withLock { $0.submitted.count } == 1)
    }

    @Test("Content-Length with Transfer-Encoding is 400")
    func ambiguousLength() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let socket = try BlockingSocket.connect(to: harness.gateway.boundAddress, timeoutSeconds: 5)
        defer { socket.close() }
        socket.setReadTimeout(seconds: 5)
        let body = "{\"board_code\":\"x\"}"
        let request = "POST /api/v1/reports HTTP/1.1\r\nHost: test\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n\(String(body.utf8.count, radix: 16))\r\n\(body)\r\n0\r\n\r\n"
        try socket.writeAll(Array(request.utf8))

        var received: [UInt8] = []
        while true {
            let bytes = try socket.read(maxBytes: 4096)
            if bytes.isEmpty {
                break
            }
            received += bytes
        }
        let text = String(decoding: received, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 400 "))
        #expect(text.contains("ambiguous_length"))
        #expect(harness.intake.state.withLock { $0.submitted.isEmpty })
    }

    @Test("shutdown lets a request in flight finish")
    func gracefulShutdown() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        harness.registry.state.withLock { $0.listStreetsDelayMilliseconds = 400 }

        let result = ResultBox()
        let address = harness.gateway.boundAddress
        let thread = Thread {
            let client = HTTPClient(address: address, timeoutSeconds: 5)
            result.set(Result { try client.send(method: "GET", path: "/api/v1/streets").status })
        }
        thread.start()
        usleep(150_000)
        harness.gateway.shutdown()

        let status = try #require(result.wait(seconds: 5))
        #expect(try status.get() == 200)
        #expect(throws: (any Error).self) { try harness.get("/api/v1/streets") }
    }
}

/// Hands a value from a helper thread to the test.
final class ResultBox: @unchecked Sendable {
    private let lock = NSCondition()
    private var value: Result<Int, any Error>?

    func set(_ value: Result<Int, any Error>) {
        lock.lock()
        self.value = value
        lock.signal()
        lock.unlock()
    }

    func wait(seconds: Double) -> Result<Int, any Error>? {
        lock.lock()
        defer { lock.unlock() }
        let deadline = Date(timeIntervalSinceNow: seconds)
        while value == nil && lock.wait(until: deadline) {}
        return value
    }
}
