import Foundation
import JieluContract
import JieluCore
import RegistryService
import Testing

@testable import JieluRPC
@testable import jielu

/// A registry service on 127.0.0.1 port 0 with its data in a temporary directory.
final class RunningRegistry {
    let directory: String
    let parts: ServiceParts
    let server: RPCServer

    init() throws {
        directory = NSTemporaryDirectory() + "jielu-cli-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let logger = Logger(service: "jielu-registry", level: .error)
        let configuration = try Configuration(arguments: ["--data-dir", directory], environment: [:])
        parts = try RegistryService.makeParts(
            ServiceEnvironment(serviceName: "jielu-registry", configuration: configuration, logger: logger, dataDirectory: directory))
        server = try RPCServer(
            serviceName: "jielu-registry",
            configuration: RPCServerConfiguration(address: SocketAddressText(host: "127.0.0.1", port: 0)),
            router: parts.router, logger: logger)
        server.start()
    }

    var address: String { server.boundAddress.description }

    deinit {
        server.drain()
        parts.onStop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

@Suite("Commands against running services")
struct CommandsAgainstServicesTests {
    /// Nothing listens on port 1 of the loopback address in these tests.
    static let closedAddress = "127.0.0.1:1"

    @Test func healthReportsEachServiceAndFailsWhenOneIsDown() throws {
        let registry = try RunningRegistry()
        let (status, output) = runTool([
            "health", "--peer-registry", registry.address, "--peer-intake", Self.closedAddress,
            "--peer-dispatch", Self.closedAddress, "--peer-metrics", Self.closedAddress,
            "--peer-markets", Self.closedAddress, "--gateway", Self.closedAddress,
            "--timeout", "1",
        ])

        #expect(status == .failure)
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0].hasPrefix("jielu-registry"))
        #expect(lines[0].contains(registry.address))
        #expect(lines[0].hasSuffix("正常 SERVING"))
        #expect(lines[1].hasPrefix("jielu-intake"))
        #expect(lines[1].hasSuffix("不可达 UNAVAILABLE"))
        #expect(lines[4].hasPrefix("jielu-markets"))
        #expect(lines[5].hasPrefix("jielu-gateway"))
        #expect(lines[5].hasSuffix("不可达 UNAVAILABLE"))
    }

    @Test func healthSucceedsWhenAllServe() throws {
        let registry = try RunningRegistry()
        let gateway = try HealthyGateway()
        let (status, output) = runTool([
            "health", "--peer-registry", registry.address, "--peer-intake", registry.address,
            "--peer-dispatch", registry.address, "--peer-metrics", registry.address,
            "--peer-markets", registry.address, "--gateway", gateway.address,
        ])

        #expect(status == .success, "output: \(output.standardOutput)")
        #expect(output.standardOutput.components(separatedBy: "正常 SERVING").count == 7)
    }

    @Test func loadDistrictPrintsCounts() throws {
        let registry = try RunningRegistry()
        let (status, output) = runTool(["load-district", RepositoryFiles.district, "--peer-registry", registry.address])

        #expect(status == .success, "stderr: \(output.standardError)")
        #expect(output.standardOutput.contains("辖区数据已导入（青岚区"))
        #expect(output.standardOutput.contains("街路       84 条"))
        #expect(output.standardOutput.contains("人员       452 名"))
        #expect(output.standardOutput.contains("事项       20 项"))
    }

    @Test func loadDistrictReportsInvalidDataset() throws {
        let registry = try RunningRegistry()
        let directory = NSTemporaryDirectory() + "jielu-cli-dataset-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let text = try String(contentsOfFile: RepositoryFiles.district, encoding: .utf8)
            .replacingOccurrences(of: "\"grade\": \"A\"", with: "\"grade\": \"Z\"")
        let path = directory + "/district.json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)

        let (status, output) = runTool(["load-district", path, "--peer-registry", registry.address])
        #expect(status == .failure)
        #expect(output.standardError.contains("等级「Z」无效"))
        #expect(output.standardError.contains("（invalid_dataset）"))
    }

    @Test func createTokenPrintsOnlyTheTokenOnStandardOutput() throws {
        let registry = try RunningRegistry()
        _ = runTool(["load-district", RepositoryFiles.district, "--peer-registry", registry.address])
        let (status, output) = runTool(["create-token", "--role", "handler", "--staff-id", "S0165", "--peer-registry", registry.address])

        #expect(status == .success, "stderr: \(output.standardError)")
        let token = output.standardOutput.trimmingCharacters(in: .newlines)
        #expect(token.hasPrefix("jl_"))
        #expect(!token.contains("\n"))
        #expect(output.standardError.contains("只显示这一次"))
        #expect(!output.standardError.contains(token))

        let client = RegistryClient(RPCClient(
            address: SocketAddressText(registry.address)!, serviceName: "jielu-registry",
            logger: Logger(service: "cli-tests", level: .error)))
        defer { client.rpc.close() }
        let principal = try client.authenticate(.init(token: token), options: CallOptions())
        #expect(principal.staffName == "卢静")
    }

    @Test func createTokenForUnknownStaffFails() throws {
        let registry = try RunningRegistry()
        let (status, output) = runTool(["create-token", "--role", "handler", "--staff-id", "S9999", "--peer-registry", registry.address])

        #expect(status == .failure)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError.contains("S9999"))
        #expect(output.standardError.contains("（unknown_staff）"))
    }

    @Test func unreachableRegistryFails() {
        let (status, output) = runTool(["create-token", "--role", "admin", "--peer-registry", Self.closedAddress])

        #expect(status == .failure)
        #expect(output.standardError.contains("（unavailable）"))
    }
}
