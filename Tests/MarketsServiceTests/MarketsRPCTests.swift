import Foundation
import JieluContract
import JieluCore
import JieluRPC
import Testing

@testable import MarketsService

@Suite("Markets over RPC", .serialized)
struct MarketsRPCTests {
    /// The whole service from `makeParts` behind a real server, with a fake
    /// registry and a fake intake on their own servers.
    final class Running {
        let directory = NSTemporaryDirectory() + "jielu-markets-rpc-" + UUID().uuidString
        let registryServer: RPCServer
        let intake = FakeIntake()
        let intakeServer: RPCServer
        var parts: ServiceParts
        var server: RPCServer
        let client: RPCClient
        let markets: MarketsClient

        init() throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let registryRouter = RPCRouter()
            registryRouter.register(registry: try FakeRegistry())
            registryServer = try startServer("jielu-registry", router: registryRouter)
            let intakeRouter = RPCRouter()
            intake.register(in: intakeRouter)
            intakeServer = try startServer("jielu-intake", router: intakeRouter)
            (parts, server) = try Running.start(directory, registryServer.boundAddress, intakeServer.boundAddress)
            client = RPCClient(address: server.boundAddress, serviceName: "jielu-markets", logger: testLogger)
            markets = MarketsClient(client)
        }

        static func start(
            _ directory: String, _ registry: SocketAddressText, _ intake: SocketAddressText
        ) throws -> (ServiceParts, RPCServer) {
            let parts = try MarketsService.makeParts(
                databasePath: directory + "/markets.sqlite",
                registry: RPCClient(address: registry, serviceName: "jielu-registry", logger: testLogger),
                intake: RPCClient(address: intake, serviceName: "jielu-intake", logger: testLogger),
                settings: MarketsSettings(sweepIntervalMilliseconds: 50), logger: testLogger)
            let server = try startServer("jielu-markets", router: parts.router)
            parts.onStart()
            return (parts, server)
        }

        func stop() {
            server.drain()
            parts.onStop()
            client.close()
            intakeServer.drain()
            registryServer.drain()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// Options with a fresh 10-second deadline for each call.
    static var options: CallOptions { CallOptions(deadline: .after(seconds: 10)) }

    @Test func loadListAndRegisterOverTheWire() throws {
        let running = try Running()
        defer { running.stop() }

        let counts = try running.markets.loadMarkets(try MarketsDataset.load(path: RepositoryFiles.markets), options: Self.options)
        #expect(counts.stalls == 112)
        let markets = try running.markets.listMarkets(Markets.ListMarketsRequest(), options: Self.options).markets
        #expect(markets.count == 4)

        let idCard = MarketsFixture.nextIDCard()
        let request = Markets.RegisterVendorRequest(
            name: "王建国", idCard: idCard, phone: "13912345678", goodsType: "produce", hardship: true, actor: "staff:S0001")
        let vendor = try running.markets.registerVendor(request, options: Self.options)
        #expect(vendor.idCard == IDCardNumber.masked(idCard))
        #expect(vendor.phone == "139****5678")

        #expect(throws: ServiceError.self) { try running.markets.registerVendor(request, options: Self.options) }
        do {
            _ = try running.markets.registerVendor(request, options: Self.options)
        } catch let error as ServiceError {
            #expect(error.code == .alreadyExists)
            #expect(error.reason == "duplicate_id_card")
            #expect(error.field == "id_card")
            #expect(!error.message.contains(idCard))
        }
        #expect(try running.markets.listVendors(Markets.ListVendorsRequest(), options: Self.options).vendors.count == 61)
    }

    @Test func expiredManifestIsFiledByTheBackgroundCheck() throws {
        let running = try Running()
        defer { running.stop() }
        _ = try running.markets.loadMarkets(try MarketsDataset.load(path: RepositoryFiles.markets), options: Self.options)
        let haulers = try running.markets.listHaulers(Markets.ListHaulersRequest(), options: Self.options)
        let hauler = try #require(haulers.haulers.first)
        let now = WallClock.nowMilliseconds()

        let manifest = try running.markets.createManifest(
            Markets.CreateManifestRequest(
                haulerID: hauler.id, vehiclePlate: hauler.vehicles[0].plate, originSite: "测试工地", originStreetID: "ST010",
                expectedLoadTonnes: 1, disposalSiteID: "DS01", windowStartMs: now, windowEndMs: now + 300,
                actor: "hauler:\(hauler.id)"),
            options: Self.options)

        let deadline = Deadline.after(seconds: 10)
        var filed = manifest
        while filed.caseID.isEmpty && !deadline.hasPassed {
            usleep(20_000)
            filed = try running.markets.getManifest(Markets.GetManifestRequest(manifestID: manifest.id), options: Self.options)
        }
        #expect(filed.status == "expired")
        #expect(!filed.caseID.isEmpty)
        #expect(running.intake.caseCount == 1)
        #expect(running.intake.requests.withLock { $0.first?.externalRef } == "manifest:\(manifest.id)")

        // A restart finds nothing left to raise.
        running.server.drain()
        running.parts.onStop()
        (running.parts, running.server) = try Running.start(
            running.directory, running.registryServer.boundAddress, running.intakeServer.boundAddress)
        usleep(300_000)
        #expect(running.intake.caseCount == 1)
        #expect(running.intake.requests.withLock { $0.count } == 1)
    }

    @Test func settingsComeFromFlags() throws {
        let configuration = try Configuration(
            arguments: ["--violation-threshold", "5", "--violation-window-days=14", "--sweep-interval-ms", "250"],
            environment: ["JIELU_PERMIT_TERM_DAYS": "180"])
        let settings = try MarketsSettings(configuration)

        #expect(settings == MarketsSettings(violationThreshold: 5, violationWindowDays: 14, permitTermDays: 180, sweepIntervalMilliseconds: 250))
        #expect(try MarketsSettings(try Configuration(arguments: [], environment: [:])) == MarketsSettings())
        #expect(throws: ConfigurationError.self) {
            try MarketsSettings(try Configuration(arguments: ["--violation-threshold", "0"], environment: [:]))
        }
    }

    @Test("ID-card numbers", arguments: [
        (MarketsFixture.idCard(body: "22010219800101123"), true),
        ("22010219800101123X", IDCardNumber.checkCharacter(for: "22010219800101123") == "X"),
        ("2201021980010112", false),
        (MarketsFixture.idCard(body: "22010219800230123"), false),
        (MarketsFixture.idCard(body: "22010230000101123"), false),
        ("22010219800101123A", false),
    ])
    func idCardNumbers(number: String, valid: Bool) {
        #expect(IDCardNumber.isValid(number, nowMs: MarketsFixture.noonMs) == valid)
    }

    @Test func idCardMaskKeepsRegionAndCheck() {
        #expect(IDCardNumber.masked("22010219800101123X") == "220102********123X")
        #expect(IDCardNumber.masked("123") == "***")
    }
}
