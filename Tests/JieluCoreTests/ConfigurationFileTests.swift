import Foundation
import JieluCore
import Testing

@Suite("Configuration file")
struct ConfigurationFileTests {
    static let sample = """
        # shared
        log-level = warning
        peer-registry = 10.0.0.5:7101
        mesh-secret-file = "/etc/jielu/mesh.secret"

        [registry]
        listen = 0.0.0.0:7101
        data-dir = /var/lib/jielu/registry
        ; a comment
        bootstrap-admin-token = abc#def

        [intake]
        log-level = debug
        """

    @Test func parsesSharedAndSectionEntries() throws {
        let file = try ConfigurationFile(text: Self.sample, path: "jielu.conf")
        #expect(file.entry("log-level", section: "registry")?.value == "warning")
        #expect(file.entry("log-level", section: "intake")?.value == "debug")
        #expect(file.entry("listen", section: "registry")?.value == "0.0.0.0:7101")
        #expect(file.entry("listen", section: "intake") == nil)
        #expect(file.entry("mesh-secret-file", section: nil)?.value == "/etc/jielu/mesh.secret")
        #expect(file.entry("bootstrap-admin-token", section: "registry")?.value == "abc#def")
        #expect(file.entry("listen", section: "registry")?.line == 7)
    }

    @Test("rejected lines name the file and line", arguments: [
        ("listen = 127.0.0.1:1\n", "line 1", "listen"),
        ("[registry]\nlisten = a\nlisten = b\n", "line 3", "listen"),
        ("[regsitry]\n", "unknown section [regsitry]", "config"),
        ("[registry\n", "section header", "config"),
        ("[registry]\njust words\n", "expected `key = value`", "config"),
        ("[registry]\nListen = x\n", "not a setting name", "config"),
        ("log-level = info\nlog-level = debug\n", "set twice", "log-level"),
        ("peer-nowhere = 1.2.3.4:5\n", "cannot be shared", "peer-nowhere"),
    ])
    func rejects(text: String, fragment: String, setting: String) {
        #expect {
            _ = try ConfigurationFile(text: text, path: "/etc/jielu/jielu.conf")
        } throws: { error in
            guard let error = error as? ConfigurationError else {
                return false
            }
            return error.setting == setting && error.message.contains(fragment) && error.message.contains("/etc/jielu/jielu.conf")
        }
    }

    @Test func crlfLineEndingsAreAccepted() throws {
        let file = try ConfigurationFile(text: "[gateway]\r\nlisten = 127.0.0.1:8080\r\n", path: "x")
        #expect(file.entry("listen", section: "gateway")?.value == "127.0.0.1:8080")
    }

    @Test func precedenceIsFlagThenEnvironmentThenSectionThenShared() throws {
        let file = try ConfigurationFile(text: Self.sample, path: "jielu.conf")
        let both = try Configuration(
            arguments: ["--log-level", "error"], environment: ["JIELU_LOG_LEVEL": "info"], file: file, section: "intake")
        #expect(both.string("log-level") == "error")
        #expect(both.origin(of: "log-level") == "--log-level")

        let environment = try Configuration(arguments: [], environment: ["JIELU_LOG_LEVEL": "info"], file: file, section: "intake")
        #expect(environment.string("log-level") == "info")
        #expect(environment.origin(of: "log-level") == "JIELU_LOG_LEVEL")

        let section = try Configuration(arguments: [], environment: [:], file: file, section: "intake")
        #expect(section.string("log-level") == "debug")
        #expect(section.origin(of: "log-level") == "jielu.conf line 13")

        let shared = try Configuration(arguments: [], environment: [:], file: file, section: "registry")
        #expect(shared.string("log-level") == "warning")
        #expect(shared.string("unset") == nil)
        #expect(shared.origin(of: "unset") == "")
    }

    @Test func invalidValueNamesItsOrigin() throws {
        let file = try ConfigurationFile(text: "[registry]\nworkers = lots\n", path: "/etc/jielu/jielu.conf")
        let configuration = try Configuration(arguments: [], environment: [:], file: file, section: "registry")
        #expect {
            _ = try configuration.integer("workers", default: 16, range: 1...1024)
        } throws: { error in
            let error = error as? ConfigurationError
            return error?.setting == "workers" && error?.message.contains("/etc/jielu/jielu.conf line 2") == true
        }
    }

    @Test func unreadSectionKeyIsReported() throws {
        let file = try ConfigurationFile(text: "peer-metrics = 1.2.3.4:5\n[registry]\nlisten = 127.0.0.1:1\nlistne = x\n", path: "c")
        let configuration = try Configuration(arguments: [], environment: [:], file: file, section: "registry")
        _ = configuration.string("listen")
        #expect {
            try configuration.checkSectionSettingsUsed(program: "jielu-registry")
        } throws: { error in
            let error = error as? ConfigurationError
            return error?.setting == "listne" && error?.message.contains("c line 4") == true
        }

        // Once read, it counts as used; unread shared keys never fail the check.
        _ = configuration.string("listne")
        try configuration.checkSectionSettingsUsed(program: "jielu-registry")
    }

    @Test func loadFindsTheNamedFileOrNone() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jielu-conf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/jielu.conf"
        try "[cli]\ntimeout = 3\n".write(toFile: path, atomically: true, encoding: .utf8)

        #expect(try ConfigurationFile.load(explicitPath: path)?.entry("timeout", section: "cli")?.value == "3")
        #expect(try ConfigurationFile.load(explicitPath: "") == nil)
        #expect(try ConfigurationFile.load(explicitPath: nil, defaultPath: directory + "/absent.conf") == nil)
        #expect(try ConfigurationFile.load(explicitPath: nil, defaultPath: path) != nil)
        #expect(throws: ConfigurationError.self) {
            _ = try ConfigurationFile.load(explicitPath: directory + "/absent.conf")
        }
    }

    @Test func configFlagSelectsTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jielu-conf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/jielu.conf"
        try "[metrics]\nlisten = 127.0.0.1:9104\n".write(toFile: path, atomically: true, encoding: .utf8)

        let fromFlag = try Configuration(arguments: ["--config", path], environment: [:], section: "metrics")
        #expect(fromFlag.string("listen") == "127.0.0.1:9104")
        let fromEnvironment = try Configuration(arguments: [], environment: ["JIELU_CONFIG": path], section: "metrics")
        #expect(fromEnvironment.file?.path == path)
        let disabled = try Configuration(arguments: [], environment: ["JIELU_CONFIG": ""], section: "metrics")
        #expect(disabled.file == nil)
    }
}
