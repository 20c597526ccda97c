import Foundation
import JieluContract
import JieluCore
import JieluRPC
import JieluStore
import Synchronization
import Testing

@testable import MarketsService

let testLogger = Logger(service: "markets-tests", level: .error)

func testContext() -> RPCContext {
    RPCContext(method: "test", deadline: .after(seconds: 10), requestID: "test", logger: testLogger, peer: "test")
}

/// Starts an RPC server on 127.0.0.1. Port 0 lets the kernel pick one.
func startServer(_ name: String, router: RPCRouter) throws -> RPCServer {
    let server = try RPCServer(
        serviceName: name, configuration: RPCServerConfiguration(address: SocketAddressText(host: "127.0.0.1", port: 0)),
        router: router, logger: testLogger)
    server.start()
    return server
}

/// Returns an address on 127.0.0.1 where nothing listens.
func closedAddress() throws -> SocketAddressText {
    let server = try startServer("closed", router: RPCRouter())
    let address = server.boundAddress
    server.drain()
    return address
}

/// Returns the `ServiceError` that `body` throws, or nil when it does not throw one.
func serviceError(_ body: () throws -> Void) -> ServiceError? {
    do {
        try body()
        return nil
    } catch let error as ServiceError {
        return error
    } catch {
        Issue.record("expected a ServiceError, got \(error)")
        return nil
    }
}

/// A settable "now" in Unix milliseconds, shared with the handler's clock.
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

enum RepositoryFiles {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var markets: String { root.appendingPathComponent("deploy/data/markets.json").path }
    static var district: String { root.appendingPathComponent("deploy/data/district.json").path }
}

/// A registry test double that lists the reference district's streets.
/// Every other method is unimplemented.
final class FakeRegistry: RegistryHandling {
    let streets: Mutex<[Registry.Street]>

    init() throws {
        streets = Mutex(try DistrictDataset.load(path: RepositoryFiles.district).streets)
    }

    func listStreets(_ request: Registry.ListStreetsRequest, context: RPCContext) throws -> Registry.ListStreetsResponse {
        Registry.ListStreetsResponse(streets: streets.withLock { $0 })
    }

    func loadDistrict(_ request: Registry.LoadDistrictRequest, context: RPCContext) throws -> Registry.LoadDistrictResponse {
        throw FakeRegistry.unimplemented
    }

    func getBoard(_ request: Registry.GetBoardRequest, context: RPCContext) throws -> Registry.Board {
        throw FakeRegistry.unimplemented
    }

    func listCategories(
        _ request: Registry.ListCategoriesRequest, context: RPCContext
    ) throws -> Registry.ListCategoriesResponse {
        throw FakeRegistry.unimplemented
    }

    func resolveResponsibility(
        _ request: Registry.ResolveResponsibilityRequest, context: RPCContext
    ) throws -> Registry.Responsibility {
        throw FakeRegistry.unimplemented
    }

    func getStaff(_ request: Registry.GetStaffRequest, context: RPCContext) throws -> Registry.Staff {
        throw FakeRegistry.unimplemented
    }

    func createToken(_ request: Registry.CreateTokenRequest, context: RPCContext) throws -> Registry.CreateTokenResponse {
        throw FakeRegistry.unimplemented
    }

    func authenticate(_ request: Registry.AuthenticateRequest, context: RPCContext) throws -> Registry.Principal {
        throw FakeRegistry.unimplemented
    }

    static let unimplemented = ServiceError(.unimplemented, reason: "unimplemented", message: "fake")
}

/// An intake test double for `SubmitReport`: stores each request and returns
/// the first response again for a repeated idempotency key, as intake does.
final class FakeIntake: Sendable {
    let requests = Mutex<[Intake.SubmitReportRequest]>([])
    let casesByKey = Mutex<[String: Intake.SubmitReportResponse]>([:])

    func register(in router: RPCRouter) {
        router.register(Intake.Method.submitReport) { [self] (request: Intake.SubmitReportRequest, _) in
            submit(request)
        }
    }

    func submit(_ request: Intake.SubmitReportRequest) -> Intake.SubmitReportResponse {
        requests.withLock { $0.append(request) }
        return casesByKey.withLock { cases in
            if var first = cases[request.idempotencyKey] {
                first.replayed = true
                return first
            }
            let number = cases.count + 1
            let response = Intake.SubmitReportResponse(
                caseID: "JL20261204-\(String(format: "%06d", number))", trackingCode: "TRACK\(String(format: "%05d", number))",
                status: "received")
            cases[request.idempotencyKey] = response
            return response
        }
    }

    var caseCount: Int { casesByKey.withLock { $0.count } }
}

/// A markets handler over a real SQLite file in a temporary directory, with
/// the reference dataset loaded, a fake registry on a real RPC server, and a
/// pinned clock.
final class MarketsFixture {
    /// 2026-12-04 12:00:00 +08:00.
    static let noonMs: Int64 = 1_796_356_800_000

    let directory: String
    let registry: FakeRegistry
    let registryServer: RPCServer
    let registryClient: RPCClient
    let clock = TestClock(startMs: MarketsFixture.noonMs)
    let settings: MarketsSettings
    private(set) var database: Database
    private(set) var relay: OutboxRelay
    private(set) var handler: MarketsHandler
    private var extraDatabases: [Database] = []

    var databasePath: String { directory + "/" + MarketsService.databaseFileName }
    var store: MarketsStore { handler.store }

    /// - Parameter load: loads deploy/data/markets.json when true.
    init(settings: MarketsSettings = MarketsSettings(), load: Bool = true) throws {
        directory = NSTemporaryDirectory() + "jielu-markets-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.settings = settings
        registry = try FakeRegistry()
        let router = RPCRouter()
        router.register(registry: registry)
        registryServer = try startServer("jielu-registry", router: router)
        registryClient = RPCClient(address: registryServer.boundAddress, serviceName: "jielu-registry", logger: testLogger)
        (database, relay, handler) = try MarketsFixture.assemble(
            directory + "/" + MarketsService.databaseFileName, registryClient, clock, settings)
        if load {
            _ = try handler.loadMarkets(try MarketsDataset.load(path: RepositoryFiles.markets), context: testContext())
        }
    }

    /// Closes and reopens the database file, as a process restart would.
    func restart() throws {
        relay.stop()
        database.close()
        (database, relay, handler) = try MarketsFixture.assemble(databasePath, registryClient, clock, settings)
    }

    /// Opens a second store on the same file, as a second process would.
    func secondStore() throws -> MarketsStore {
        let database = try Database(
            path: databasePath, migrations: MarketsSchema.migrations, options: DatabaseOptions(synchronousFull: false),
            logger: testLogger)
        extraDatabases.append(database)
        return MarketsStore(database: database, settings: settings)
    }

    private static func assemble(
        _ path: String, _ registry: RPCClient, _ clock: TestClock, _ settings: MarketsSettings
    ) throws -> (Database, OutboxRelay, MarketsHandler) {
        let database = try Database(
            path: path, migrations: MarketsSchema.migrations, options: DatabaseOptions(synchronousFull: false),
            logger: testLogger)
        let relay = OutboxRelay(
            database: database, table: MarketsSchema.outboxTable, logger: testLogger, deliver: { _ in
                throw ServiceError.unavailable("jielu-intake")
            })
        var handler = MarketsHandler(
            store: MarketsStore(database: database, settings: settings),
            streets: StreetDirectory(registry: RegistryClient(registry)), relay: relay)
        handler.clock = { clock.now }
        return (database, relay, handler)
    }

    // MARK: Shortcuts

    let manager = "staff:S0100"
    let inspector = "staff:S0200"

    func registerVendor(
        name: String = "测试摊贩", idCard: String? = nil, goodsType: String = "food", hardship: Bool = false
    ) throws -> Markets.Vendor {
        try handler.registerVendor(
            Markets.RegisterVendorRequest(
                name: name, idCard: idCard ?? MarketsFixture.nextIDCard(), phone: "13900001111", goodsType: goodsType,
                hardship: hardship, actor: manager),
            context: testContext())
    }

    func apply(_ vendorID: String, to marketID: String) throws -> Markets.Application {
        try handler.submitApplication(
            Markets.SubmitApplicationRequest(vendorID: vendorID, marketID: marketID, actor: manager), context: testContext())
    }

    func application(_ number: String) throws -> Markets.Application {
        try handler.getApplication(Markets.GetApplicationRequest(number: number), context: testContext())
    }

    func allocate(_ marketID: String, type: String = "", startMs: Int64 = 0, endMs: Int64 = 0) throws -> Markets.AllocateStallsResponse {
        try handler.allocateStalls(
            Markets.AllocateStallsRequest(marketID: marketID, stallType: type, startAtMs: startMs, endAtMs: endMs, actor: manager),
            context: testContext())
    }

    func market(_ marketID: String) throws -> Markets.MarketDetail {
        try handler.getMarket(Markets.GetMarketRequest(marketID: marketID), context: testContext())
    }

    func inspect(
        marketID: String, stallID: String = "", vendorID: String = "", result: String = "violation",
        violationType: String = "超出摊位经营"
    ) throws -> Markets.RecordInspectionResponse {
        try handler.recordInspection(
            Markets.RecordInspectionRequest(
                marketID: marketID, stallID: stallID, vendorID: vendorID, result: result,
                violationType: result == "violation" ? violationType : "", notes: "", actor: inspector),
            context: testContext())
    }

    /// Rows of the intake outbox, decoded, oldest first.
    func outbox() throws -> [Intake.SubmitReportRequest] {
        try database.read { connection in
            try connection.query("SELECT payload FROM \(MarketsSchema.outboxTable) ORDER BY id").map { row in
                try Intake.SubmitReportRequest(serializedBytes: row.blob("payload"))
            }
        }
    }

    /// Returns every live permit as (stall, vendor, start, end).
    func livePermits(_ store: MarketsStore? = nil) throws -> [(stall: String, vendor: String, start: Int64, end: Int64)] {
        try (store ?? self.store).database.read { connection in
            try connection.query(
                "SELECT stall_id, vendor_id, start_at_ms, end_at_ms FROM permits WHERE status IN ('active', 'suspended')"
            ).map { ($0.string("stall_id"), $0.string("vendor_id"), $0.int64("start_at_ms"), $0.int64("end_at_ms")) }
        }
    }

    deinit {
        relay.stop()
        database.close()
        for database in extraDatabases {
            database.close()
        }
        registryClient.close()
        registryServer.drain()
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: ID-card numbers

    private static let idCardSequence = Atomic<Int>(0)

    /// Returns a fresh well-formed ID-card number with a valid check character.
    static func nextIDCard() -> String {
        let sequence = idCardSequence.wrappingAdd(1, ordering: .relaxed).newValue
        return idCard(body: "220102" + String(format: "1959%02d%02d%03d", 1 + sequence / 2800 % 12, 1 + sequence / 100 % 28, sequence % 1000))
    }

    /// Returns the 17-digit `body` with its GB 11643 check character appended.
    static func idCard(body: String) -> String {
        body + String(IDCardNumber.checkCharacter(for: body)!)
    }
}
