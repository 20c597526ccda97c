import Foundation
import JieluContract
import JieluCore
import JieluRPC
import JieluStore
import Synchronization

@testable import IntakeService

let testLogger = Logger(service: "intake-tests", level: .error)

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

/// A settable "now" in Unix milliseconds, shared with a handler's clock closure.
final class TestClock: Sendable {
    private let milliseconds: Atomic<Int64>

    init(startMs: Int64) {
        milliseconds = Atomic(startMs)
    }

    var now: Int64 { milliseconds.load(ordering: .relaxed) }

    func set(_ value: Int64) {
        milliseconds.store(value, ordering: .relaxed)
    }

    func advance(milliseconds delta: Int64) {
        milliseconds.wrappingAdd(delta, ordering: .relaxed)
    }
}

/// An intake handler over a real SQLite file, checking against a fake
/// registry on a real RPC server. Dispatch is at a closed port until a test
/// starts a fake there, and the relay runs only when a test starts it.
final class IntakeFixture {
    /// 2026-12-04 12:00:00 +08:00.
    static let noonMs: Int64 = 1_796_356_800_000

    let directory: String
    let registry = FakeRegistry()
    let registryServer: RPCServer
    let registryClient: RPCClient
    let dispatchClient: RPCClient
    let clock = TestClock(startMs: IntakeFixture.noonMs)
    let shutdown = ShutdownFlag()
    private(set) var database: Database
    private(set) var relay: OutboxRelay
    private(set) var handler: IntakeHandler

    var databasePath: String { directory + "/" + IntakeService.databaseFileName }

    init(catalogRefreshSeconds: Double = CategoryCatalog.defaultRefreshIntervalSeconds) throws {
        directory = NSTemporaryDirectory() + "jielu-intake-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let router = RPCRouter()
        router.register(registry: registry)
        registryServer = try startServer("jielu-registry", router: router)
        registryClient = RPCClient(address: registryServer.boundAddress, serviceName: "jielu-registry", logger: testLogger)
        dispatchClient = RPCClient(
            address: try closedAddress(), serviceName: "jielu-dispatch",
            options: RPCClientOptions(initialBackoffSeconds: 0.01, maxBackoffSeconds: 0.05), logger: testLogger)
        self.catalogRefreshSeconds = catalogRefreshSeconds
        (database, relay, handler) = try IntakeFixture.assemble(
            directory + "/" + IntakeService.databaseFileName, registryClient, dispatchClient, clock, shutdown,
            catalogRefreshSeconds)
    }

    private let catalogRefreshSeconds: Double

    /// Stops the relay, closes and reopens the database file, as a process restart would.
    func restart() throws {
        relay.stop()
        database.close()
        (database, relay, handler) = try IntakeFixture.assemble(
            databasePath, registryClient, dispatchClient, clock, ShutdownFlag(), catalogRefreshSeconds)
    }

    private static func assemble(
        _ path: String, _ registry: RPCClient, _ dispatch: RPCClient, _ clock: TestClock, _ shutdown: ShutdownFlag,
        _ catalogRefreshSeconds: Double
    ) throws -> (Database, OutboxRelay, IntakeHandler) {
        let database = try Database(
            path: path, migrations: IntakeSchema.migrations, options: DatabaseOptions(synchronousFull: false),
            logger: testLogger)
        let delivery = DispatchDelivery(dispatch: DispatchClient(dispatch), logger: testLogger, shutdown: shutdown)
        let relay = OutboxRelay(
            database: database, table: IntakeSchema.outboxTable, batchSize: DispatchDelivery.batchSize,
            logger: testLogger, onDelivered: IntakeStore.markDelivered, deliver: delivery.deliver)
        let registryClient = RegistryClient(registry)
        var handler = IntakeHandler(
            store: IntakeStore(database: database),
            catalog: CategoryCatalog(registry: registryClient, refreshIntervalSeconds: catalogRefreshSeconds),
            boards: BoardLookup(registry: registryClient), relay: relay)
        handler.clock = { clock.now }
        return (database, relay, handler)
    }

    func submit(_ request: Intake.SubmitReportRequest) throws -> Intake.SubmitReportResponse {
        try handler.submitReport(request, context: testContext())
    }

    func report(trackingCode: String = "", caseID: String = "") throws -> Intake.Report {
        try handler.getReport(Intake.GetReportRequest(trackingCode: trackingCode, caseID: caseID), context: testContext())
    }

    /// Returns the `AcceptCase` requests waiting in the outbox, oldest first.
    func outbox() throws -> [Dispatch.AcceptCaseRequest] {
        try database.read { connection in
            try connection.query("SELECT payload FROM \(IntakeSchema.outboxTable) ORDER BY id").map { row in
                try Dispatch.AcceptCaseRequest(serializedBytes: row.blob("payload"))
            }
        }
    }

    func reportCount() throws -> Int {
        try database.read { try $0.queryOne("SELECT COUNT(*) AS n FROM reports")?.int("n") ?? 0 }
    }

    deinit {
        relay.stop()
        database.close()
        registryClient.close()
        dispatchClient.close()
        registryServer.drain()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Returns a valid request. Tests change one field at a time.
func validRequest(
    board: String = "BOARD-HEPING", category: String = "0401", description: String = "路口有人摆摊占道，影响通行",
    phone: String = "13912345678", key: String = ""
) -> Intake.SubmitReportRequest {
    Intake.SubmitReportRequest(
        boardCode: board, categoryCode: category, description: description, contactPhone: phone, hasLocation: true,
        lat: 31.2304, lon: 121.4737, idempotencyKey: key, channel: "qr_board")
}
