import Foundation
import JieluContract
import JieluCore
import JieluStore
import Testing

@testable import JieluRPC
@testable import RegistryService

@Suite("Registry over RPC and bootstrap")
struct RegistryRPCTests {
    static let bootstrapToken = "bootstrap-7Hq2xZ9mKp4Lw8Rt"

    static func environment(directory: TemporaryDirectory, arguments: [String] = [], variables: [String: String] = [:]) throws
        -> ServiceEnvironment
    {
        ServiceEnvironment(
            serviceName: "jielu-registry",
            configuration: try Configuration(arguments: arguments, environment: variables),
            logger: Logger(service: "jielu-registry", level: .error), dataDirectory: directory.path)
    }

    @Test func serviceAnswersOverRealSockets() throws {
        let directory = try TemporaryDirectory()
        let parts = try RegistryService.makeParts(
            Self.environment(directory: directory, arguments: ["--bootstrap-admin-token", Self.bootstrapToken]))
        let logger = Logger(service: "jielu-registry", level: .error)
        let server = try RPCServer(
            serviceName: "jielu-registry",
            configuration: RPCServerConfiguration(address: SocketAddressText(host: "127.0.0.1", port: 0)),
            router: parts.router, logger: logger)
        server.start()
        let rpc = RPCClient(address: server.boundAddress, serviceName: "jielu-registry", logger: logger)
        defer {
            rpc.close()
            server.drain()
            parts.onStop()
        }
        let registry = RegistryClient(rpc)
        let options = CallOptions(deadline: .after(seconds: 10))

        let counts = try registry.loadDistrict(.init(district: ReferenceDataset.district), options: options)
        #expect(counts.streets == 84)
        #expect(counts.staff == 452)

        let board = try registry.getBoard(.init(boardCode: "JV8U7FN7Z52VE9UJ"), options: options)
        #expect(board.street?.id == "ST001")
        #expect(board.people.first?.phoneMasked == "178****9591")

        let routed = try registry.resolveResponsibility(.init(streetID: "ST001", categoryCode: "0401"), options: options)
        #expect(routed.decidedBy == "override:street:ST001:04")

        let admin = try registry.authenticate(.init(token: Self.bootstrapToken), options: options)
        #expect(admin.role == "admin")

        let created = try registry.createToken(.init(role: "handler", staffID: "S0165"), options: options)
        #expect(try registry.authenticate(.init(token: created.token), options: options).staffName == "卢静")

        do {
            _ = try registry.getBoard(.init(boardCode: "2222222222222222"), options: options)
            Issue.record("an unknown board code must fail")
        } catch let error as ServiceError {
            #expect(error.code == .notFound)
            #expect(error.reason == "unknown_board")
            #expect(error.message.contains("2222222222222222"))
        }

        let health = try rpc.call(
            HealthMethods.check, HealthCheckRequest(), as: HealthCheckResponse.self, options: options, idempotent: true)
        #expect(health.status == .serving)
    }

    @Test func bootstrapTokenIsStoredOnlyAsHash() throws {
        let directory = try TemporaryDirectory()
        let parts = try RegistryService.makeParts(
            Self.environment(directory: directory, variables: ["JIELU_BOOTSTRAP_ADMIN_TOKEN": Self.bootstrapToken]))
        let principal = try Self.authenticate(Self.bootstrapToken, router: parts.router)
        #expect(principal.role == "admin")
        #expect(principal.tokenID.hasPrefix("T"))
        // Closing checkpoints the WAL, so the main file contains every row.
        parts.onStop()

        let fileBytes = try Data(contentsOf: URL(fileURLWithPath: directory.path + "/registry.sqlite"))
        #expect(fileBytes.range(of: Data(Self.bootstrapToken.utf8)) == nil)
        #expect(fileBytes.range(of: Data(SHA256.hexDigest(Self.bootstrapToken).utf8)) != nil)
        let walPath = directory.path + "/registry.sqlite-wal"
        if let walBytes = FileManager.default.contents(atPath: walPath) {
            #expect(walBytes.range(of: Data(Self.bootstrapToken.utf8)) == nil)
        }
    }

    @Test func bootstrapTokenIsStoredOnceAcrossRestarts() throws {
        let directory = try TemporaryDirectory()
        let arguments = ["--bootstrap-admin-token", Self.bootstrapToken]
        let first = try RegistryService.makeParts(Self.environment(directory: directory, arguments: arguments))
        let firstID = try Self.authenticate(Self.bootstrapToken, router: first.router).tokenID
        first.onStop()

        let second = try RegistryService.makeParts(Self.environment(directory: directory, arguments: arguments))
        let secondID = try Self.authenticate(Self.bootstrapToken, router: second.router).tokenID
        second.onStop()

        #expect(firstID == secondID)
        let database = try Database(
            path: directory.path + "/registry.sqlite", migrations: RegistrySchema.migrations,
            logger: Logger(service: "registry-tests", level: .error))
        defer { database.close() }
        let count = try database.read { try $0.queryOne("SELECT count(*) AS n FROM tokens")?.int("n") }
        #expect(count == 1)
    }

    @Test("short bootstrap token is a configuration error", arguments: ["short", "fifteen-chars-x"])
    func shortBootstrapTokenIsRejected(token: String) throws {
        let directory = try TemporaryDirectory()
        let environment = try Self.environment(directory: directory, arguments: ["--bootstrap-admin-token", token])

        do {
            _ = try RegistryService.makeParts(environment)
            Issue.record("a \(token.count)-character bootstrap token must be rejected")
        } catch let error as ConfigurationError {
            #expect(error.setting == "bootstrap-admin-token")
            #expect(!error.description.contains(token))
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/registry.sqlite"))
    }

    @Test func noBootstrapTokenStoresNothing() throws {
        let directory = try TemporaryDirectory()
        let parts = try RegistryService.makeParts(Self.environment(directory: directory, arguments: ["--bootstrap-admin-token", ""]))
        defer { parts.onStop() }

        #expect(throws: ServiceError.self) { try Self.authenticate("", router: parts.router) }
    }

    /// Calls Authenticate through the router's registered handler, encoding
    /// and decoding as the server does.
    static func authenticate(_ token: String, router: RPCRouter) throws -> Registry.Principal {
        let handler = try #require(router.handler(for: Registry.Method.authenticate))
        let reply = try handler(Registry.AuthenticateRequest(token: token).serializedBytes(), testContext())
        return try Registry.Principal(serializedBytes: reply)
    }
}
