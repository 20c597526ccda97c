import JieluCore
import JieluHTTP
import Testing
@testable import GatewayService

@Suite("ErrorMapping", .serialized)
struct ErrorMappingTests {
    /// (code, reason, expected HTTP status, expected extra header or nil)
    static let table: [(StatusCode, String, Int, String?)] = [
        (.invalidArgument, "invalid_description", 400, nil),
        (.outOfRange, "out_of_range", 400, nil),
        (.notFound, "unknown_board", 404, nil),
        (.alreadyExists, "duplicate", 409, nil),
        (.aborted, "aborted", 409, nil),
        (.unauthenticated, "invalid_token", 401, "WWW-Authenticate"),
        (.permissionDenied, "not_assignee", 403, nil),
        (.failedPrecondition, "invalid_transition", 409, nil),
        (.resourceExhausted, "overloaded", 503, "Retry-After"),
        (.resourceExhausted, "too_many_calls", 503, "Retry-After"),
        (.resourceExhausted, "rate_limited", 429, "Retry-After"),
        (.unavailable, "unavailable", 503, "Retry-After"),
        (.deadlineExceeded, "deadline_exceeded", 504, nil),
        (.unimplemented, "unknown_method", 501, nil),
        (.internal, "internal", 500, nil),
        (.dataLoss, "data_loss", 500, nil),
    ]

    @Test("backend errors through the gateway", arguments: table)
    func throughGateway(code: StatusCode, reason: String, status: Int, header: String?) throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let injected = ServiceError(code, reason: reason, message: "测试消息：\(reason)", field: code == .invalidArgument ? "description" : nil)
        harness.registry.state.withLock { $0.listStreetsError = injected }

        let response = try harness.get("/api/v1/streets")

        #expect(response.status == status)
        #expect(response.errorCode == reason)
        #expect(response.errorMessage == injected.message)
        #expect(response.errorField == injected.field)
        #expect(response.headers["Content-Type"] == "application/json; charset=utf-8")
        if let header {
            #expect(response.headers[header] != nil, "missing \(header)")
        }
        if code == .unauthenticated {
            #expect(response.headers["WWW-Authenticate"] == "Bearer")
        }
    }

    @Test("unexpected errors become a generic 500")
    func unexpectedError() throws {
        struct DiskOnFire: Error {
            let path = "/secret/internal/path"
        }
        let response = ErrorMapping.response(for: DiskOnFire(), requestID: "r1", logger: Logger(service: "test", level: .error))
        #expect(response.status == 500)
        #expect(response.bodyText.contains("\"code\":\"internal\""))
        #expect(!response.bodyText.contains("secret"))
    }

    @Test("a slow backend hits the call deadline: 504")
    func deadline() throws {
        let harness = try GatewayHarness { $0.callTimeoutMilliseconds = 300 }
        defer { harness.stop() }
        harness.registry.state.withLock { $0.listStreetsDelayMilliseconds = 1_500 }

        let started = Deadline.now()
        let response = try harness.get("/api/v1/streets")
        let elapsed = Double(Deadline.monotonicNanoseconds() - started.uptimeNanoseconds) / 1e9

        #expect(response.status == 504)
        #expect(response.errorCode == "deadline_exceeded")
        #expect(elapsed < 1.2, "took \(elapsed) s")
    }
}
