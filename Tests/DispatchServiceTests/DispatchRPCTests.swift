import Foundation
import JieluContract
import JieluCore
import JieluRPC
import Synchronization
import Testing

@testable import DispatchService

/// A metrics test double that keeps every event it is sent.
final class RecordingMetrics: Sendable {
    private let events = Mutex<[Metrics.CaseEvent]>([])

    var received: [Metrics.CaseEvent] { events.withLock { $0 } }

    func register(on router: RPCRouter) {
        router.register(Metrics.Method.recordEvents) { [self] (request: Metrics.RecordEventsRequest, _) in
            events.withLock { $0.append(contentsOf: request.events) }
            return Metrics.RecordEventsResponse(recorded: UInt32(request.events.count))
        }
    }
}

/// Polls `condition` every 10 ms until it is true or `seconds` pass.
func eventually(within seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Deadline.after(seconds: seconds)
    while !deadline.hasPassed {
        if try condition() {
            return true
        }
        usleep(10_000)
    }
    return try condition()
}

@Suite("Dispatch over RPC")
struct DispatchRPCTests {
    @Test("accept, resolve and confirm through a real server; events reach metrics")
    func lifecycleOverRPC() throws {
        let directory = NSTemporaryDirectory() + "jielu-dispatch-rpc-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let registryRouter = RPCRouter()
        registryRouter.register(registry: FakeRegistry())
        let registryServer = try startServer("jielu-registry", router: registryRouter)
        defer { registryServer.drain() }

        let metrics = RecordingMetrics()
        let metricsRouter = RPCRouter()
        metrics.register(on: metricsRouter)
        let metricsServer = try startServer("jielu-metrics", router: metricsRouter)
        defer { metricsServer.drain() }

        let parts = try DispatchService.makeParts(
            databasePath: directory + "/dispatch.sqlite",
            registry: RPCClient(address: registryServer.boundAddress, serviceName: "jielu-registry", logger: testLogger),
            metrics: RPCClient(address: metricsServer.boundAddress, serviceName: "jielu-metrics", logger: testLogger),
            logger: testLogger)
        let server = try startServer("jielu-dispatch", router: parts.router)
        parts.onStart()
        defer {
            server.drain()
            parts.onStop()
        }

        let rpc = RPCClient(address: server.boundAddress, serviceName: "jielu-dispatch", logger: testLogger)
        defer { rpc.close() }
        let client = DispatchClient(rpc)
        let report = makeReport("JL20261204-000201", trackingCode: "QWERTYUPAS")

        let accepted = try client.acceptCase(Dispatch.AcceptCaseRequest(report: report), options: CallOptions())
        #expect(accepted.status == "dispatched")
        #expect(try client.acceptCase(Dispatch.AcceptCaseRequest(report: report), options: CallOptions()).duplicate)
        #expect(eventually { metrics.received.count >= 2 })

        _ = try client.resolveCase(
            Dispatch.ResolveCaseRequest(caseID: report.caseID, actorStaffID: "C-1", note: "已处理"), options: CallOptions())
        let closed = try client.confirmCase(
            Dispatch.ConfirmCaseRequest(trackingCode: report.trackingCode, satisfied: true), options: CallOptions())
        #expect(closed.status == "closed")
        #expect(closed.timeline.count == 4)

        #expect(eventually { metrics.received.count >= 4 })
        #expect(metrics.received.map(\.kind) == ["received", "dispatched", "resolved", "closed"])

        let error = try #require(throws: ServiceError.self) {
            try client.getCase(Dispatch.GetCaseRequest(caseID: "JL19990101-000001"), options: CallOptions())
        }
        #expect(error.reason == "unknown_case")

        let listed = try client.listCases(Dispatch.ListCasesRequest(status: "closed"), options: CallOptions())
        #expect(listed.cases.map(\.caseID) == [report.caseID])
    }

    @Test("events queued while metrics is down arrive after it starts")
    func metricsDownThenUp() throws {
        let fixture = try DispatchFixture()
        try fixture.accept(makeReport("JL20261204-000301"))
        try fixture.accept(makeReport("JL20261204-000302"))
        #expect(try fixture.outboxEvents().count == 4)

        // The fixture's metrics address is closed: start the relay against it, then bring metrics up.
        fixture.handler.relay.start()
        defer { fixture.handler.relay.stop() }
        usleep(200_000)
        #expect(try fixture.outboxEvents().count == 4)

        let metrics = RecordingMetrics()
        let router = RPCRouter()
        metrics.register(on: router)
        let metricsServer = try startServer("jielu-metrics", router: router, port: fixture.metricsClient.address.port)
        defer { metricsServer.drain() }

        #expect(eventually { metrics.received.count >= 4 })
        #expect(metrics.received.map(\.eventID) == [
            "JL20261204-000301:1", "JL20261204-000301:2", "JL20261204-000302:1", "JL20261204-000302:2",
        ])
        #expect(eventually { (try? fixture.outboxEvents().isEmpty) == true })
    }
}
