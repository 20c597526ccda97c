import Foundation
import JieluContract
import JieluCore
import JieluRPC
import JieluStore
import Synchronization
import Testing

@testable import IntakeService

/// A dispatch test double that keeps every report it is sent and can reject
/// the next calls or one case.
///
/// With `supportsBatches` it serves `AcceptCases` as the real dispatch does.
/// Without, it serves only `AcceptCase`, like a dispatch from before
/// `AcceptCases`, so intake falls back to one call per report.
final class RecordingDispatch: Sendable {
    let supportsBatches: Bool
    private let reports = Mutex<[Intake.Report]>([])
    private let batchSizes = Mutex<[Int]>([])
    /// Calls still to reject with UNAVAILABLE before accepting.
    let rejectionsLeft = Atomic<Int>(0)
    /// A case id that is refused as unroutable while set.
    let refusedCaseID = Mutex<String?>(nil)

    init(supportsBatches: Bool = true) {
        self.supportsBatches = supportsBatches
    }

    var received: [Intake.Report] { reports.withLock { $0 } }
    /// Number of cases of each `AcceptCases` call, in call order.
    var batches: [Int] { batchSizes.withLock { $0 } }

    func router() -> RPCRouter {
        let router = RPCRouter()
        router.register(Dispatch.Method.acceptCase) { [self] (request: Dispatch.AcceptCaseRequest, _) in
            try rejectIfAsked()
            return try accept(request)
        }
        if supportsBatches {
            router.register(Dispatch.Method.acceptCases) { [self] (request: Dispatch.AcceptCasesRequest, _) in
                try rejectIfAsked()
                batchSizes.withLock { $0.append(request.cases.count) }
                var response = Dispatch.AcceptCasesResponse()
                for item in request.cases {
                    do {
                        response.results.append(try accept(item))
                    } catch {
                        response.failure = Dispatch.CaseFailure(caseID: item.report?.caseID ?? "", error: error)
                        break
                    }
                }
                return response
            }
        }
        return router
    }

    private func rejectIfAsked() throws {
        if rejectionsLeft.wrappingSubtract(1, ordering: .relaxed).oldValue > 0 {
            throw ServiceError.unavailable("jielu-registry")
        }
    }

    private func accept(_ request: Dispatch.AcceptCaseRequest) throws -> Dispatch.AcceptCaseResponse {
        let report = request.report ?? Intake.Report()
        if refusedCaseID.withLock({ $0 }) == report.caseID {
            throw ServiceError(.failedPrecondition, reason: "unroutable_case", message: "无法为案件确定承办单位")
        }
        let duplicate = reports.withLock { reports in
            let seen = reports.contains { $0.caseID == report.caseID }
            reports.append(report)
            return seen
        }
        return Dispatch.AcceptCaseResponse(caseID: report.caseID, status: "dispatched", duplicate: duplicate)
    }
}

@Suite("Intake relay to dispatch")
struct DispatchRelayTests {
    @Test("reports queued while dispatch is down arrive once it starts", arguments: [true, false])
    func deliversAfterDispatchStarts(batches: Bool) throws {
        let fixture = try IntakeFixture()
        fixture.relay.start()

        let responses = try (0..<3).map { _ in try fixture.submit(validRequest()) }
        usleep(200_000)
        #expect(try fixture.outbox().count == 3)
        #expect(try fixture.report(caseID: responses[0].caseID).delivered == false)

        let dispatch = RecordingDispatch(supportsBatches: batches)
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
        #expect(dispatch.batches == (batches ? [3] : []), "one AcceptCases call carried the queued reports")
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

    @Test("a failing call is retried without redelivering earlier reports", arguments: [true, false])
    func retriesFromFailure(batches: Bool) throws {
        let fixture = try IntakeFixture()
        let dispatch = RecordingDispatch(supportsBatches: batches)
        let server = try startServer(
            "jielu-dispatch", router: dispatch.router(), port: fixture.dispatchClient.address.port)
        defer { server.drain() }

        let responses = try (0..<4).map { _ in try fixture.submit(validRequest()) }
        dispatch.rejectionsLeft.store(2, ordering: .relaxed)
        fixture.relay.start()

        #expect(eventually { (try? fixture.outbox().isEmpty) == true })
        #expect(dispatch.received.map(\.caseID) == responses.map(\.caseID))
    }

    @Test("rejected case blocks later reports", arguments: [true, false])
    func refusedCaseBlocksTheRest(batches: Bool) throws {
        let fixture = try IntakeFixture()
        let dispatch = RecordingDispatch(supportsBatches: batches)
        let server = try startServer(
            "jielu-dispatch", router: dispatch.router(), port: fixture.dispatchClient.address.port)
        defer { server.drain() }

        let responses = try (0..<4).map { _ in try fixture.submit(validRequest()) }
        dispatch.refusedCaseID.withLock { $0 = responses[2].caseID }
        fixture.relay.start()

        #expect(eventually { (try? fixture.report(caseID: responses[1].caseID).delivered) == true })
        usleep(300_000)
        #expect(try fixture.outbox().map { $0.report?.caseID ?? "" } == responses[2...].map(\.caseID))
        #expect(Set(dispatch.received.map(\.caseID)) == Set(responses[..<2].map(\.caseID)))
        let attempts = try fixture.database.read { connection in
            try connection.queryOne(
                "SELECT attempts, last_error FROM \(IntakeSchema.outboxTable) ORDER BY id LIMIT 1")
        }
        #expect((attempts?.int("attempts") ?? 0) >= 1)
        #expect(attempts?.string("last_error").contains("unroutable_case") == true)
        // The rejection message does not name the case, so the stored error must.
        #expect(attempts?.string("last_error").contains(responses[2].caseID) == true)

        // Once the operator has fixed the district, the rest follow in order.
        dispatch.refusedCaseID.withLock { $0 = nil }
        #expect(eventually { (try? fixture.outbox().isEmpty) == true })
        #expect(dispatch.received.map(\.caseID) == responses.map(\.caseID))
    }

    @Test("undecodable row blocks the relay")
    func corruptRowBlocks() throws {
        let fixture = try IntakeFixture()
        let dispatch = RecordingDispatch()
        let server = try startServer(
            "jielu-dispatch", router: dispatch.router(), port: fixture.dispatchClient.address.port)
        defer { server.drain() }
        let responses = try (0..<2).map { _ in try fixture.submit(validRequest()) }
        try fixture.database.write { connection in
            // Field 1 declared 100 bytes long, with 2 bytes present.
            _ = try OutboxRelay.enqueue([0x0A, 0x64, 0x01, 0x02], table: IntakeSchema.outboxTable, connection: connection)
        }
        fixture.relay.start()

        #expect(eventually { dispatch.received.count >= 2 })
        usleep(300_000)
        #expect(dispatch.received.map(\.caseID) == responses.map(\.caseID))
        let blocked = try fixture.database.read { connection in
            try connection.query("SELECT attempts, last_error FROM \(IntakeSchema.outboxTable)")
        }
        #expect(blocked.count == 1, "only the corrupt row is left")
        #expect((blocked.first?.int("attempts") ?? 0) >= 1)
    }

    @Test("a batch never exceeds the relay's batch size")
    func batchesAreBounded() throws {
        let fixture = try IntakeFixture()
        let count = DispatchDelivery.batchSize + 5
        let responses = try (0..<count).map { index in
            try fixture.submit(validRequest(description: "第 \(index) 件：路口有人摆摊"))
        }
        let dispatch = RecordingDispatch()
        let server = try startServer(
            "jielu-dispatch", router: dispatch.router(), port: fixture.dispatchClient.address.port)
        defer { server.drain() }
        fixture.relay.start()

        #expect(eventually(within: 10) { (try? fixture.outbox().isEmpty) == true })
        #expect(dispatch.batches == [DispatchDelivery.batchSize, 5])
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
