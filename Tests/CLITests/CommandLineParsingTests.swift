import JieluCore
import Testing

@testable import jielu

@Suite("Command line parsing")
struct CommandLineParsingTests {
    @Test("usage errors", arguments: [
        ([], nil as String?),
        (["frobnicate"], nil),
        (["health", "extra"], "health"),
        (["health", "--peer-registry"], "health"),
        (["health", "--peer-registry", "localhost"], "health"),
        (["health", "--peer-registry", "10.0.0.1:99999"], "health"),
        (["health", "--peer-registry", "example.com:7101"], "health"),
        (["health", "--peer-nowhere", "127.0.0.1:1"], "health"),
        (["health", "--timeout", "0"], "health"),
        (["health", "--timeout", "soon"], "health"),
        (["load-district"], "load-district"),
        (["load-district", "a.json", "b.json"], "load-district"),
        (["load-district", "--staff-id", "S1", "a.json"], "load-district"),
        (["create-token"], "create-token"),
        (["create-token", "--role", "root"], "create-token"),
        (["create-token", "--role", "handler"], "create-token"),
        (["create-token", "--role", "admin", "--role", "admin"], "create-token"),
        (["create-token", "--role=admin", "S0165"], "create-token"),
        (["demo", "--admin-token", "t"], "demo"),
        (["demo", "--reports", "r.json"], "demo"),
        (["demo", "--reports", "r.json", "--admin-token", "t", "--limit", "0"], "demo"),
        (["demo", "--reports", "r.json", "--admin-token", "t", "--limit", "-3"], "demo"),
        (["demo", "--reports", "r.json", "--admin-token", "t", "--limit", "many"], "demo"),
        (["demo", "--reports", "r.json", "--admin-token", "t", "--gateway", "127.0.0.1"], "demo"),
    ])
    func rejected(arguments: [String], command: String?) throws {
        let error = try #require(usageError(arguments))
        #expect(error.command == command)
        #expect(!error.message.isEmpty)
    }

    @Test func healthUsesDefaultAddresses() throws {
        let invocation = try CommandLineTool.parse(["health"], environment: [:])
        guard case .health(let command) = invocation else {
            Issue.record("expected health, got \(invocation)")
            return
        }

        #expect(command.targets.map(\.service) == ["jielu-registry", "jielu-intake", "jielu-dispatch", "jielu-metrics", "jielu-markets"])
        #expect(command.targets.map(\.address.description) == [
            "127.0.0.1:7101", "127.0.0.1:7102", "127.0.0.1:7103", "127.0.0.1:7104", "127.0.0.1:7105",
        ])
        #expect(command.gateway.description == "127.0.0.1:8080")
        #expect(command.timeoutSeconds == 2)
    }

    @Test func flagBeatsEnvironment() throws {
        let environment = ["JIELU_PEER_DISPATCH": "127.0.0.1:9103", "JIELU_GATEWAY": "127.0.0.1:9080", "JIELU_PEER_INTAKE": "127.0.0.1:9102"]
        let invocation = try CommandLineTool.parse(
            ["health", "--peer-dispatch=127.0.0.1:8103", "--timeout", "0.5"], environment: environment)
        guard case .health(let command) = invocation else {
            Issue.record("expected health, got \(invocation)")
            return
        }

        #expect(command.targets[1].address.description == "127.0.0.1:9102")
        #expect(command.targets[2].address.description == "127.0.0.1:8103")
        #expect(command.gateway.description == "127.0.0.1:9080")
        #expect(command.timeoutSeconds == 0.5)
    }

    @Test func loadDistrictTakesFileAndRegistry() throws {
        let invocation = try CommandLineTool.parse(
            ["load-district", "--peer-registry", "127.0.0.1:9101", "data/district.json"], environment: [:])
        guard case .loadDistrict(let command) = invocation else {
            Issue.record("expected load-district, got \(invocation)")
            return
        }
        #expect(command.file == "data/district.json")
        #expect(command.registry.description == "127.0.0.1:9101")
    }

    @Test func createTokenReadsRoleAndStaff() throws {
        let invocation = try CommandLineTool.parse(
            ["create-token", "--role", "handler", "--staff-id", "S0165"], environment: ["JIELU_PEER_REGISTRY": "127.0.0.1:9101"])
        guard case .createToken(let command) = invocation else {
            Issue.record("expected create-token, got \(invocation)")
            return
        }

        #expect(command.role == "handler")
        #expect(command.staffID == "S0165")
        #expect(command.registry.description == "127.0.0.1:9101")
    }

    @Test func createTokenIgnoresRoleFromEnvironment() {
        #expect(usageError(["create-token"], environment: ["JIELU_ROLE": "admin"])?.command == "create-token")
    }

    @Test func demoReadsAdminTokenFromEnvironment() throws {
        let invocation = try CommandLineTool.parse(
            ["demo", "--reports", "r.json", "--limit", "12"], environment: ["JIELU_ADMIN_TOKEN": "jl_secret"])
        guard case .demo(let command) = invocation else {
            Issue.record("expected demo, got \(invocation)")
            return
        }

        #expect(command.reportsPath == "r.json")
        #expect(command.adminToken == "jl_secret")
        #expect(command.limit == 12)
        #expect(command.gateway.description == "127.0.0.1:8080")
    }

    @Test("help requests", arguments: [
        (["help"], nil as String?), (["--help"], nil), (["-h"], nil), (["help", "demo"], "demo"),
        (["help", "nonsense"], nil), (["create-token", "--help"], "create-token"), (["health", "-h"], "health"),
    ])
    func helpRequests(arguments: [String], topic: String?) throws {
        #expect(try CommandLineTool.parse(arguments, environment: [:]) == .help(command: topic))
    }
}

@Suite("Command line exit statuses")
struct ExitStatusTests {
    @Test func usageErrorPrintsChineseUsageAndExitsTwo() {
        let (status, output) = runTool(["create-token", "--role", "root"])

        #expect(status == .usage)
        #expect(output.standardError.contains("用法错误：角色「root」无效"))
        #expect(output.standardError.contains("用法：jielu create-token"))
        #expect(output.standardOutput.isEmpty)
    }

    @Test func emptyCommandLinePrintsOverview() {
        let (status, output) = runTool([])

        #expect(status == .usage)
        #expect(output.standardError.contains("子命令："))
        #expect(output.standardError.contains("load-district"))
    }

    @Test func helpPrintsToStandardOutputAndExitsZero() {
        let (status, output) = runTool(["help", "demo"])

        #expect(status == .success)
        #expect(output.standardOutput.contains("用法：jielu demo"))
        #expect(output.standardError.isEmpty)
    }

    @Test func missingDatasetFileFailsWithReason() {
        let (status, output) = runTool(["load-district", "/nonexistent/district.json", "--peer-registry", "127.0.0.1:1"])

        #expect(status == .failure)
        #expect(output.standardError.contains("/nonexistent/district.json"))
        #expect(output.standardError.contains("（invalid_dataset_file）"))
    }

    @Test func missingReportsFileFailsWithReason() {
        let (status, output) = runTool(["demo", "--reports", "/nonexistent/reports.json", "--admin-token", "t", "--gateway", "127.0.0.1:1"])

        #expect(status == .failure)
        #expect(output.standardError.contains("（invalid_reports_file）"))
    }

    @Test func unreachableGatewayFailsDemo() {
        let (status, output) = runTool(["demo", "--reports", RepositoryFiles.reports, "--admin-token", "t", "--gateway", "127.0.0.1:1"])

        #expect(status == .failure)
        #expect(output.standardError.contains("无法连接网关 127.0.0.1:1"))
        #expect(output.standardError.contains("（unavailable）"))
    }
}
