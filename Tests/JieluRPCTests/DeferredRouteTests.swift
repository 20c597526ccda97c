import Foundation
import JieluCore
import JieluRPC
import Synchronization
import Testing

/// Methods registered with `RPCRouter.registerDeferred`. The start closure
/// runs on the event loop and may reply later from another thread, or
/// decline and leave the call to the blocking handler on a worker.
@Suite("RPC deferred routes")
struct DeferredRouteTests {
    static let method = "/test.Deferred/Call"

    /// A server whose deferred method replies to "later:N" after N ms from
    /// another thread and to "now" at once, declines "worker" (the blocking
    /// handler replies), and fails "fail" with INVALID_ARGUMENT.
    final class DeferringServer: Sendable {
        let server: RPCServer

        init() throws {
            let router = RPCRouter()
            let workerCalls = Counter()
            router.registerDeferred(
                DeferredRouteTests.method,
                start: { (request: HealthCheckRequest, context: RPCContext, reply) in
                    let text = request.service
                    if text.hasPrefix("later:"), let milliseconds = Int(text.dropFirst(6)) {
                        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) {
                            reply(.success(HealthCheckResponse(status: .serving, service: text, version: "deferred")))
                            reply(.success(HealthCheckResponse(status: .serving, service: "twice")))
                        }
                        return true
                    }
                    if text == "now" {
                        reply(.success(HealthCheckResponse(status: .serving, service: text, version: "deferred")))
                        return true
                    }
                    if text == "fail" {
                        reply(.failure(ServiceError.invalid("service", reason: "test_failure", message: "测试错误")))
                        return true
                    }
                    return false
                },
                handler: { (request: HealthCheckRequest, context: RPCContext) -> HealthCheckResponse in
                    workerCalls.increment()
                    return HealthCheckResponse(status: .serving, service: request.service, version: "worker")
                })
            server = try RPCServer(
                serviceName: "jielu-test", configuration: RPCServerConfiguration(address: SocketAddressText(host: "127.0.0.1", port: 0)),
                router: router, logger: Logger(service: "jielu-test", level: .error))
            counter = workerCalls
            server.start()
        }

        let counter: Counter

        func client() -> RPCClient {
            RPCClient(address: server.boundAddress, serviceName: "jielu-test", logger: Logger(service: "test-client", level: .error))
        }
    }

    private func call(_ client: RPCClient, _ text: String) throws -> HealthCheckResponse {
        try client.call(
            DeferredRouteTests.method, HealthCheckRequest(service: text), as: HealthCheckResponse.self,
            options: CallOptions(deadline: .after(seconds: 5)), idempotent: false)
    }

    @Test func deferredImmediateDeclinedAndFailedCallsAllAnswer() throws {
        let deferring = try DeferringServer()
        defer { deferring.server.drain() }
        let client = deferring.client()
        defer { client.close() }

        let later = try call(client, "later:50")
        let now = try call(client, "now")
        let declined = try call(client, "worker")
        let error = try #require(throws: ServiceError.self) { try call(client, "fail") }

        #expect(later.service == "later:50")
        #expect(later.version == "deferred")
        #expect(now.version == "deferred")
        #expect(declined.version == "worker", "a declined call runs the blocking handler")
        #expect(deferring.counter.count == 1)
        #expect(error.reason == "test_failure")
    }

    @Test func concurrentDeferredCallsGetTheirOwnReplies() throws {
        let deferring = try DeferringServer()
        defer { deferring.server.drain() }
        let client = deferring.client()
        defer { client.close() }
        _ = try call(client, "now")

        let mismatches = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            let text = "later:\(index % 7 * 10)"
            do {
                let response = try call(client, text)
                if response.service != text {
                    mismatches.withLock { $0.append("\(text) got \(response.service)") }
                }
            } catch {
                mismatches.withLock { $0.append("\(text): \(error)") }
            }
        }
        #expect(mismatches.withLock { $0 }.isEmpty)
    }

    @Test func drainWaitsForADeferredReply() throws {
        let deferring = try DeferringServer()
        let client = deferring.client()
        defer { client.close() }
        _ = try call(client, "now")

        let answer = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread { [self] in
            let response = try? call(client, "later:400")
            answer.withLock { $0 = response?.service }
            done.signal()
        }
        usleep(100_000)
        deferring.server.drain()

        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(answer.withLock { $0 } == "later:400", "the drain let the deferred reply through")
    }
}
