import Foundation
import JieluCore
import JieluRPC
import Testing

/// `RPCClient.startCall`: calls whose reply runs a completion instead of
/// blocking the caller.
@Suite("RPCClient started calls")
struct StartedCallTests {
    /// Collects the one outcome of a started call.
    final class OutcomeBox: Sendable {
        private let outcome = LockedValue<StartedCallOutcome<HealthCheckResponse>?>(nil)
        private let completions = LockedValue(0)
        private let done = DispatchSemaphore(value: 0)

        func record(_ value: StartedCallOutcome<HealthCheckResponse>) {
            completions.withLock { $0 += 1 }
            outcome.withLock { $0 = value }
            done.signal()
        }

        func wait(seconds: Double = 5) -> StartedCallOutcome<HealthCheckResponse>? {
            guard done.wait(timeout: .now() + seconds) == .success else {
                return nil
            }
            return outcome.withLock { $0 }
        }

        var completionCount: Int { completions.withLock { $0 } }
    }

    private func start(
        _ client: RPCClient, _ service: String, deadlineSeconds: Double = 5, into box: OutcomeBox
    ) -> Bool {
        client.startCall(
            TestServer.echo, HealthCheckRequest(service: service), as: HealthCheckResponse.self,
            options: CallOptions(deadline: .after(seconds: deadlineSeconds), requestID: "started-\(service)")
        ) { outcome in
            box.record(outcome)
        }
    }

    @Test func withoutAConnectionNothingIsStarted() throws {
        let server = try TestServer()
        defer { server.server.drain() }
        let client = server.client()
        defer { client.close() }

        let box = OutcomeBox()
        #expect(start(client, "hi", into: box) == false, "no connection yet: the caller must use call")
        #expect(box.wait(seconds: 0.2) == nil)
        #expect(server.calls.count == 0)
    }

    @Test func replyAndServerErrorReachTheCompletion() throws {
        let server = try TestServer()
        defer { server.server.drain() }
        let client = server.client()
        defer { client.close() }
        _ = try client.call(TestServer.echo, HealthCheckRequest(service: "warm-up"), as: HealthCheckResponse.self,
            options: CallOptions(deadline: .after(seconds: 5)), idempotent: true)

        let replied = OutcomeBox()
        #expect(start(client, "hello", into: replied))
        guard case .replied(let response)? = replied.wait() else {
            Issue.record("expected a reply")
            return
        }
        #expect(response.service == "hello")
        #expect(response.version == "started-hello", "the request id travels with the call")

        let failed = OutcomeBox()
        #expect(start(client, "fail", into: failed))
        guard case .failed(let error)? = failed.wait() else {
            Issue.record("expected the server's error")
            return
        }
        #expect(error.reason == "test_failure")
    }

    @Test func deadlineEndsACallTheServerAnswersTooLate() throws {
        let server = try TestServer()
        defer { server.server.drain() }
        let client = server.client()
        defer { client.close() }
        _ = try client.call(TestServer.echo, HealthCheckRequest(service: "warm-up"), as: HealthCheckResponse.self,
            options: CallOptions(deadline: .after(seconds: 5)), idempotent: true)

        let box = OutcomeBox()
        let started = Deadline.now()
        #expect(start(client, "sleep:1000", deadlineSeconds: 0.2, into: box))
        guard case .failed(let error)? = box.wait() else {
            Issue.record("expected DEADLINE_EXCEEDED")
            return
        }
        let elapsedMilliseconds = (Deadline.monotonicNanoseconds() - started.uptimeNanoseconds) / 1_000_000
        #expect(error.code == .deadlineExceeded)
        #expect(elapsedMilliseconds >= 190)
        #expect(elapsedMilliseconds < 900, "ended by the deadline, not by the late reply")

        // The late reply finds no call and changes nothing.
        usleep(1_100_000)
        #expect(box.completionCount == 1)
    }

    @Test func droppedConnectionEndsTheCallAsLost() throws {
        let server = try TestServer()
        let client = server.client()
        defer { client.close() }
        _ = try client.call(TestServer.echo, HealthCheckRequest(service: "warm-up"), as: HealthCheckResponse.self,
            options: CallOptions(deadline: .after(seconds: 5)), idempotent: true)

        let box = OutcomeBox()
        #expect(start(client, "sleep:1000", deadlineSeconds: 10, into: box))
        usleep(100_000)
        client.close()

        guard case .lost(let error)? = box.wait() else {
            Issue.record("expected the call to be lost")
            return
        }
        #expect(error.code == .unavailable)
        #expect(box.completionCount == 1)
        server.server.drain()
    }
}
