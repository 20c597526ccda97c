import Foundation
import JieluContract
import JieluCore
import JieluRPC
import JieluStore
import Synchronization

@testable import DispatchService

let testLogger = Logger(service: "dispatch-tests", level: .error)

func testContext() -> RPCContext {
    RPCContext(method: "test", deadline: .after(seconds: 10), requestID: "test", logger: testLogger, peer: "test")
}

/// Starts an RPC server on 127.0.0.1. Port 0 lets the kernel pick one.
func startServer(_ name: String, router: RPCRouter, port: UInt16 = 0) throws -> RPCServer {
    let server = try RPCServer(
        serviceName: name, configuration: RPCServerConfiguration(address: SocketAddressText(host: "127.0.0.1", port: port)),
        router: router, logger: testLogger)
    server.start()
    return server
}

/// Returns an address on 127.0.0.1 where nothing listens, because the kernel
/// handed the port out and the server on it was closed again.
func closedAddress() throws -> SocketAddressText {
    let server = try startServer("closed", router: RPCRouter())
    let address = server.boundAddress
    server.drain()
    return address
}

/// A dispatch handler over a real SQLite file, routing through a fake
/// registry on a real RPC server. Its relay is not started, so emitted
/// events stay in the outbox where tests can read them.
final class DispatchFixture {
    let directory: String
    let registry = FakeRegistry()
    let registryServer: RPCServer
    let registryClient: RPCClient
    let metricsClient: RPCClient
    /// The pinned "now" of the handler.
    let clock = TestClock(startMs: 1_764_806_400_000)
    private(set) var database: Database
    private(set) var handler: DispatchHandler

    var databasePath: String { directory + "/" + DispatchService.databaseFileName }

    private let routingMaxAgeSeconds: Double

    init(routingMaxAgeSeconds: Double = ResponsibilityLookup.defaultMaxAgeSeconds) throws {
        self.routingMaxAgeSeconds = routingMaxAgeSeconds
        directory = NSTemporaryDirectory() + "jielu-dispatch-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let router = RPCRouter()
        router.register(registry: registry)
        registryServer = try startServer("jielu-registry", router: router)
        registryClient = RPCClient(address: registryServer.boundAddress, serviceName: "jielu-registry", logger: testLogger)
        metricsClient = RPCClient(address: try closedAddress(), serviceName: "jielu-metrics", logger: testLogger)
        database = try DispatchFixture.openDatabase(directory + "/" + DispatchService.databaseFileName)
        handler = DispatchFixture.makeHandler(database, registryClient, metricsClient, clock, routingMaxAgeSeconds)
    }

    /// Closes and reopens the database file, as a process restart would.
    func reopen() throws {
        database.close()
        database = try DispatchFixture.openDatabase(databasePath)
        handler = DispatchFixture.makeHandler(database, registryClient, metricsClient, clock, routingMaxAgeSeconds)
    }

    private static func openDatabase(_ path: String) throws -> Database {
        try Database(
            path: path, migrations: DispatchSchema.migrations, options: DatabaseOptions(synchronousFull: false),
            logger: testLogger)
    }

    private static func makeHandler(
        _ database: Database, _ registry: RPCClient, _ metrics: RPCClient, _ clock: TestClock,
        _ routingMaxAgeSeconds: Double
    ) -> DispatchHandler {
        let delivery = MetricsDelivery(metrics: MetricsClient(metrics), logger: testLogger)
        let relay = OutboxRelay(
            database: database, table: DispatchSchema.outboxTable, logger: testLogger, deliver: delivery.deliver)
        var handler = DispatchHandler(
            store: DispatchStore(database: database),
            responsibility: ResponsibilityLookup(registry: RegistryClient(registry), maxAgeSeconds: routingMaxAgeSeconds),
            relay: relay)
        handler.clock = { clock.now }
        return handler
    }

    func advance(milliseconds: Int64) {
        clock.advance(milliseconds: milliseconds)
    }

    @discardableResult
    func accept(_ report: Intake.Report) throws -> Dispatch.AcceptCaseResponse {
        try handler.acceptCase(Dispatch.AcceptCaseRequest(report: report), context: testContext())
    }

    func getCase(_ caseID: String) throws -> Dispatch.Case {
        try handler.getCase(Dispatch.GetCaseRequest(caseID: caseID), context: testContext())
    }

    @discardableResult
    func resolve(_ caseID: String, by staffID: String, note: String = "已清理完毕", requireAssignee: Bool = false) throws
        -> Dispatch.Case
    {
        try handler.resolveCase(
            Dispatch.ResolveCaseRequest(caseID: caseID, actorStaffID: staffID, note: note, requireAssignee: requireAssignee),
            context: testContext())
    }

    @discardableResult
    func confirm(_ trackingCode: String, satisfied: Bool, comment: String = "") throws -> Dispatch.Case {
        try handler.confirmCase(
            Dispatch.ConfirmCaseRequest(trackingCode: trackingCode, satisfied: satisfied, comment: comment),
            context: testContext())
    }

    func list(_ request: Dispatch.ListCasesRequest) throws -> Dispatch.ListCasesResponse {
        try handler.listCases(request, context: testContext())
    }

    /// Returns the events waiting in the metrics outbox, oldest first.
    func outboxEvents() throws -> [Metrics.CaseEvent] {
        try database.read { connection in
            try connection.query("SELECT payload FROM \(DispatchSchema.outboxTable) ORDER BY id").map { row in
                try Metrics.CaseEvent(serializedBytes: row.blob("payload"))
            }
        }
    }

    deinit {
        database.close()
        registryClient.close()
        metricsClient.close()
        registryServer.drain()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// A settable "now" in Unix milliseconds, shared with a handler's clock closure.
final class TestClock: Sendable {
    private let milliseconds: Atomic<Int64>

    init(startMs: Int64) {
        milliseconds = Atomic(startMs)
    }

    var now: Int64 { milliseconds.load(ordering: .relaxed) }

    func advance(milliseconds delta: Int64) {
        milliseconds.wrappingAdd(delta, ordering: .relaxed)
    }
}

/// Builds a report as intake would send it.
func makeReport(
    _ caseID: String, trackingCode: String? = nil, street: String = "ST-A", category: String = "0401",
    receivedAtMs: Int64 = 1_764_806_000_000
) -> Intake.Report {
    Intake.Report(
        caseID: caseID, trackingCode: trackingCode ?? "T" + caseID.suffix(9).replacingOccurrences(of: "-", with: "X"),
        boardCode: "B-\(street)", streetID: street, streetName: street == "ST-A" ? "和平路" : "解放路",
        subDistrictID: "SD-1", subDistrictName: "东风街道", categoryCode: category,
        categoryName: category == "0401" ? "占道经营" : "楼道堆物", description: "路口有人摆摊占道",
        contactPhone: "13912345678", hasLocation: true, lat: 31.2, lon: 121.5, channel: "qr_board",
        receivedAtMs: receivedAtMs, dueAtMs: receivedAtMs + 1, delivered: false)
}
