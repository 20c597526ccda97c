import Foundation
import JieluContract
import JieluCore
import JieluRPC
import JieluStore
import Synchronization
import Testing

@testable import IntakeService

/// A dispatch test double that keeps every report it is sent and can reject
/// the next calls.
final class RecordingDispatch: Sendable {
    private let reports = Mutex<[Intake.Report]>([])
    /// Calls still to reject with UNAVAILABLE before accepting.
    let rejectionsLeft = Atomic<Int>(0)

    var received: [Intake.Report] { reports.withLock { $0 } }

    func router() -> RPCRouter {
        let router = RPCRouter()
        router.register(Dispatch.Method.acceptCase) { [self] (request: Dispatch.AcceptCaseRequest, _) in
            if rejectionsLeft.wrappingSubtract(1, ordering: .relaxed).oldValue > 0 {
                throw ServiceError.unavailable("jielu-registry")
            }
            let report = request.report ?? Intake.Report()
            let duplicate = reports.withLock { reports in
                let seen = reports.contains { $0.caseID == report.caseID }
                reports.append(report)
                return seen
            }
            return Dispatch.AcceptCaseResponse(caseID: report.caseID, status: "dispatched", duplicate: duplicate)
        }
        return router
    }
}

@Suite("Intake relay to dispatch")
struct DispatchRelayTests {
    @Test("reports queued while dispatch is down arrive once it starts")
    func deliversAfterDispatchStarts() throws {
        let fixture = try IntakeFixture()
        fixture.relay.start()

        let responses = try (0..<3).map { _ in try fixture.submit(validRequest()) }
        usleep(200_000)
        #expect(try fixture.outbox().count == 3)
        #expect(try fixture.report(caseID: responses[0].caseID).delivered == false)

        let dispatch = RecordingDispatch()
        let server = try startServer(
            "jielu-dispatch", router: dispatch.router(), port: fixture.dispatchClient.address.port)
        defer { server.drain() }

        #expect(eventually { dispatch.received.count >= 3 })
        #expect(dispatch.received.map(\.caseID) == responses.map(\.caseID))
        #expect(dispatch.received[0].description == "路口有人摆摊占道，影响通行")
        #expect(dispatch.received[0].contactPhone == "13912345678")
        #expect(dispatch.received[0].dueAtMs == responses[0].dueAtMs)

        #expect(eventually { (try? fixture.outbox().isEmpty) == true })
        for response in responses {
            #expect(try fixture.report(caseID: response.caseID).delivered)
        }
    }

    @Test("a report submitted while the relay runs is delivered at once")
    func deliversImmediately() throws {
        let fixture = try IntakeFixture()
        let dispatch = RecordingDispatch()
        let server = try startServer(
            "jielu-dispatch", router: dispatch.router(), port: fixture.dispatchClient.address.port)
        defer { server.drain() }
        fixture.relay.start()
        usleep(50_000)

        let started = Deadline.now()
        let response = try fixture.submit(validRequest())
        #expect(eventually(within: 2) { (try? fixture.report(caseID: response.caseID).delivered) == true })
        // Well under the relay's 1 s idle poll: the commit woke it.
        #expect(Deadline.now().uptimeNanoseconds - started.uptimeNanoseconds < 800_000_000)
    }

    @Test("a failing call is retried without redelivering earlier reports")
    func retriesFromFailure() throws {
        let fixture = try IntakeFixture()
        let dispatch = RecordingDispatch()
        let server = try startServer(
            "jielu-dispatch", router: dispatch.router(), port: fixture.dispatchClient.address.port)
        defer { server.drain() }

        let responses = try (0..<4).map { _ in try fixture.submit(validRequest()) }
        dispatch.rejectionsLeft.store(2, ordering: .relaxed)
        fixture.relay.start()

        #expect(eventually { (try? fixture.outbox().isEmpty) == true })
        #expect(dispatch.received.map(\.caseID) == responses.map(\.caseID))
    }

    @Test("undelivered reports survive a restart")
    func restartKeepsOutbox() throws {
        let fixture = try IntakeFixture()
        fixture.relay.start()
        let responses = try (0..<2).map { _ in try fixture.submit(validRequest()) }
        usleep(100_000)

        try fixture.restart()
        #expect(try fixture.outbox().map { $0.report?.caseID ?? "" } == responses.map(\.caseID))
        #expect(try fixture.report(caseID: responses[1].caseID).delivered == false)

        let dispatch = RecordingDispatch()
        let server = try startServer(
            "jielu-dispatch", router: dispatch.router(), port: fixture.dispatchClient.address.port)
        defer { server.drain() }
        fixture.relay.start()

        #expect(eventually { (try? fixture.outbox().isEmpty) == true })
        #expect(dispatch.received.map(\.caseID) == responses.map(\.caseID))
        #expect(try fixture.report(caseID: responses[1].caseID).delivered)
    }

    @Test("shutdown stops a batch between calls")
    func shutdownStopsBatch() throws {
        let fixture = try IntakeFixture()
        _ = try fixture.submit(validRequest())
        let flag = ShutdownFlag()
        flag.set()
        let delivery = DispatchDelivery(dispatch: DispatchClient(fixture.dispatchClient), logger: testLogger, shutdown: flag)
        let records = try fixture.database.read { connection in
            try connection.query("SELECT id, payload FROM \(IntakeSchema.outboxTable)").map { row in
                OutboxRecord(id: row.int64("id"), payload: row.blob("payload"), createdAtMs: 0, attempts: 0)
            }
        }
        let error = try #require(throws: OutboxRelay.PartialDelivery.self) { try delivery.deliver(records) }
        #expect(error.deliveredCount == 0)
        #expect(error.cause is ShutdownFlag.ShuttingDown)
    }
}
