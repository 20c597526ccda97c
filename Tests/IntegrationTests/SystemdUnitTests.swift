import Foundation
import JieluCore
import Testing

/// The systemd units in deploy/systemd, checked with `systemd-analyze`
/// (Debian package `systemd`; no running systemd needed) and by reading them.
@Suite("systemd units")
struct SystemdUnitTests {
    static let services = ["registry", "intake", "dispatch", "metrics", "markets", "gateway"]
    static let maxExposure = 2.5
    static let analyzer = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let skipMessage = "systemd-analyze is not installed: `apt-get install systemd` to check the units"

    static var unitDirectory: URL { Mesh.repositoryRoot.appendingPathComponent("deploy/systemd") }

    static func unitText(_ name: String) throws -> String {
        try String(contentsOf: unitDirectory.appendingPathComponent(name), encoding: .utf8)
    }

    /// Copies of the units with ExecStart pointing at the built binaries,
    /// because `verify` requires the executable to exist. `edit` may change
    /// a unit's text, to check that a broken unit fails.
    static func stagedUnits(edit: (String, String) -> String = { $1 }) throws -> URL {
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("jielu-units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        let binDirectory = try ServiceProcess.binDirectory().path
        for name in try FileManager.default.contentsOfDirectory(atPath: unitDirectory.path) {
            let text = try unitText(name).replacingOccurrences(of: "/usr/local/bin/", with: binDirectory + "/")
            try edit(name, text).write(to: staging.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return staging
    }

    static func analyze(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: analyzer!)
        process.arguments = arguments
        // Without a running systemd, keep it from trying to reach one.
        process.environment = ["SYSTEMD_LOG_LEVEL": "notice", "PATH": "/usr/bin:/bin"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: analyzer != nil, Comment(rawValue: skipMessage)))
    func verifyPasses() throws {
        let staging = try Self.stagedUnits()
        defer { try? FileManager.default.removeItem(at: staging) }
        let units = Self.services.map { staging.appendingPathComponent("jielu-\($0).service").path }
            + [staging.appendingPathComponent("jielu.target").path]

        let result = try Self.analyze(["verify"] + units)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "warnings:\n\(result.output)")
    }

    @Test(.enabled(if: analyzer != nil, Comment(rawValue: skipMessage)))
    func verifyCatchesABrokenUnit() throws {
        let staging = try Self.stagedUnits { name, text in
            name == "jielu-registry.service" ? text.replacingOccurrences(of: "Type=notify", with: "Type=notfy") : text
        }
        defer { try? FileManager.default.removeItem(at: staging) }

        let result = try Self.analyze(["verify", staging.appendingPathComponent("jielu-registry.service").path])
        #expect(result.output.contains("notfy"), "systemd-analyze did not flag the bad Type=: \(result.output)")
    }

    @Test("exposure score at most 2.5", .enabled(if: analyzer != nil, Comment(rawValue: skipMessage)), arguments: services)
    func securityScore(service: String) throws {
        let staging = try Self.stagedUnits()
        defer { try? FileManager.default.removeItem(at: staging) }

        let result = try Self.analyze(["security", "--offline=true", staging.appendingPathComponent("jielu-\(service).service").path])
        let line = try #require(
            result.output.split(separator: "\n").first { $0.contains("Overall exposure level") }, "\(result.output)")
        let score = try #require(
            line.split(separator: " ").compactMap { Double($0) }.first, "no score in: \(line)")
        #expect(score <= Self.maxExposure, "jielu-\(service): \(line)")
    }

    @Test("unit settings the operator guide relies on", arguments: services)
    func requiredSettings(service: String) throws {
        let lines = Set(try Self.unitText("jielu-\(service).service").split(separator: "\n").map(String.init))
        for required in [
            "Type=notify", "Restart=on-failure", "RestartPreventExitStatus=2", "WatchdogSec=30s", "PartOf=jielu.target",
            "WantedBy=jielu.target", "DynamicUser=yes", "UMask=0077", "ProtectSystem=strict", "NoNewPrivileges=yes",
            "PrivateTmp=yes", "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "CapabilityBoundingSet=",
            "SystemCallFilter=@system-service", "LoadCredential=mesh-secret:/etc/jielu/mesh.secret",
            "ExecStart=/usr/local/bin/jielu-\(service) --config=/etc/jielu/jielu.conf --mesh-secret-file=%d/mesh-secret",
        ] {
            #expect(lines.contains(required), "jielu-\(service).service lacks \(required)")
        }
        if service != "gateway" {
            #expect(lines.contains("StateDirectory=jielu/\(service)"))
        }
    }

    /// The example configuration parses, and each service's data-dir is the
    /// directory its unit's StateDirectory= creates.
    @Test func exampleConfigurationMatchesTheUnits() throws {
        let path = Mesh.repositoryRoot.appendingPathComponent("deploy/jielu.conf.example").path
        let file = try ConfigurationFile(path: path)
        for service in Self.services where service != "gateway" {
            #expect(file.entry("data-dir", section: service)?.value == "/var/lib/jielu/\(service)")
            #expect(file.entry("listen", section: service) != nil, "[\(service)] has no listen")
        }
        #expect(file.entry("mesh-secret-file", section: "cli")?.value == "/etc/jielu/mesh.secret")
        #expect(file.entry("listen", section: "gateway")?.value == "127.0.0.1:8080")
        for (service, address) in file.sectionEntries.compactMap({ ($0.key, $0.value["listen"]?.value) }) {
            #expect(address?.hasPrefix("127.0.0.1:") ?? true, "[\(service)] listens beyond loopback by default")
        }
    }
}
