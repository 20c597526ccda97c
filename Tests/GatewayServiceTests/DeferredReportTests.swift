import Foundation
import JieluHTTP
import Synchronization
import Testing
@testable import GatewayService

/// `POST /api/v1/reports` served without a worker thread once the gateway is
/// connected to intake (`GatewayServer.handleDeferred`). The responses must
/// equal those of the worker path.
@Suite("Reports on the deferred path", .serialized)
struct DeferredReportTests {
    /// Sends `GET /api/v1/streets` while the registry delays its reply by
    /// `milliseconds`, which holds a gateway worker that long. Returns once the
    /// registry has the call; the flag is set when the response arrives.
    static func holdTheWorker(_ harness: GatewayHarness, milliseconds: Int) -> LockedFlag {
        harness.registry.state.withLock { $0.listStreetsDelayMilliseconds = milliseconds }
        let streetsDone = LockedFlag()
        let address = harness.gateway.boundAddress
        Thread.detachNewThread {
            _ = try? HTTPClient(address: address, timeoutSeconds: 10).send(method: "GET", path: "/api/v1/streets")
            streetsDone.set()
        }
        for _ in 0..<200 where harness.registry.state.withLock({ $0.requestIDs.isEmpty }) {
            usleep(5_000)
        }
        return streetsDone
    }

    @Test("deferred responses match the worker path")
    func sameResponses() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        // The first report connects to intake on a worker; the rest take the deferred path.
        let first = try harness.post("/api/v1/reports", json: ReportRoutesTests.validReport)
        let key = [("Idempotency-Key", "deferred-path-key-0001")]
        let second = try harness.post("/api/v1/reports", json: ReportRoutesTests.validReport, headers: key)
        let replay = try harness.post("/api/v1/reports", json: ReportRoutesTests.validReport, headers: key)

        #expect(first.status == 201)
        #expect(second.status == 201)
        #expect(try second.object()["case_id"] as? String == "C100002")
        #expect(second.headers["Location"] == "/t/\(try second.object()["tracking_code"] as? String ?? "")")
        #expect(second.headers["X-Request-Id"]?.count == 16)
        #expect(second.headers["X-Content-Type-Options"] == "nosniff")
        #expect(replay.status == 200)
        #expect(replay.headers["Idempotent-Replayed"] == "true")
        #expect(try replay.object()["case_id"] as? String == "C100002")
        #expect(harness.intake.state.withLock { $0.submitted.count } == 3)
    }

    @Test("a report is answered while the only worker is busy")
    func noWorkerNeeded() throws {
        let harness = try GatewayHarness { $0.workerThreads = 1 }
        defer { harness.stop() }
        _ = try harness.post("/api/v1/reports", json: ReportRoutesTests.validReport)
        let streetsDone = Self.holdTheWorker(harness, milliseconds: 1_500)

        let response = try harness.post("/api/v1/reports", json: ReportRoutesTests.validReport)

        #expect(response.status == 201)
        #expect(!streetsDone.isSet, "the report did not wait for the worker")
    }

    @Test("past the limit of reports in flight, a report waits for a worker")
    func limitSendsReportsToWorkers() throws {
        let harness = try GatewayHarness {
            $0.workerThreads = 1
            $0.startedReportLimit = 0
        }
        defer { harness.stop() }
        _ = try harness.post("/api/v1/reports", json: ReportRoutesTests.validReport)
        let streetsDone = Self.holdTheWorker(harness, milliseconds: 1_000)

        let response = try harness.post("/api/v1/reports", json: ReportRoutesTests.validReport)

        #expect(response.status == 201)
        #expect(streetsDone.isSet, "with no room for started reports, the report queued behind the busy worker")
    }

    @Test("a bad body is answered at once with 400 and never reaches intake")
    func badBody() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        _ = try harness.post("/api/v1/reports", json: ReportRoutesTests.validReport)

        let response = try harness.post("/api/v1/reports", json: #"{"board_code":1}"#)

        #expect(response.status == 400)
        #expect(response.errorField == "board_code")
        #expect(harness.intake.state.withLock { $0.submitted.count } == 1)
    }

    @Test("intake slower than the call timeout gives 504")
    func slowIntake() throws {
        let harness = try GatewayHarness { $0.callTimeoutMilliseconds = 300 }
        defer { harness.stop() }
        _ = try harness.post("/api/v1/reports", json: ReportRoutesTests.validReport)
        harness.intake.state.withLock { $0.delayMilliseconds = 1_500 }

        let started = Date()
        let response = try harness.post("/api/v1/reports", json: ReportRoutesTests.validReport)
        let elapsed = Date().timeIntervalSince(started)

        #expect(response.status == 504)
        #expect(response.errorCode == "deadline_exceeded")
        #expect(elapsed < 1.2, "the deadline ended the request, not intake's late reply")
    }

    @Test("with intake gone, the report falls back to a worker and gets 503")
    func intakeGone() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        _ = try harness.post("/api/v1/reports", json: ReportRoutesTests.validReport)
        harness.intakeServer.drain()
        usleep(200_000)

        let response = try harness.post("/api/v1/reports", json: ReportRoutesTests.validReport)

        #expect(response.status == 503)
        #expect(response.headers["Retry-After"] != nil)
    }
}

/// A flag one thread sets and another reads.
final class LockedFlag: Sendable {
    private let value = Mutex(false)

    func set() {
        value.withLock { $0 = true }
    }

    var isSet: Bool { value.withLock { $0 } }
}
