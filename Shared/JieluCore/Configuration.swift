import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A configuration problem that stops a service from starting. The message
/// names the setting, the bad value and what is expected.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let setting: String
    public let message: String

    public init(setting: String, message: String) {
        self.setting = setting
        self.message = message
    }

    public var description: String { "invalid setting \(setting): \(message)" }
}

/// Settings read from command-line flags (`--listen 127.0.0.1:7101`), the
/// environment (`JIELU_LISTEN=127.0.0.1:7101`) and the host's configuration
/// file (`listen = 127.0.0.1:7101`, see `ConfigurationFile`). A flag wins over
/// the environment, the environment over the file, and the file over the
/// default. In the file, a program's own section wins over the shared
/// settings before the first section.
public struct Configuration: Sendable {
    private let flags: [String: String]
    private let environment: [String: String]
    /// The configuration file in use, if any.
    public let file: ConfigurationFile?
    /// The file section this program reads, such as "registry"; nil reads
    /// only the shared settings.
    public let section: String?
    private let readNames = ReadNames()

    /// Parses `--name value` and `--name=value` pairs and reads no file.
    /// Throws on a flag without a value or a stray argument.
    public init(arguments: [String] = Array(CommandLine.arguments.dropFirst()),
                environment: [String: String] = Configuration.processEnvironment()) throws {
        try self.init(arguments: arguments, environment: environment, file: nil, section: nil)
    }

    /// Parses the flags, then reads the configuration file named by
    /// `--config` or `JIELU_CONFIG` (an empty name reads none), else
    /// `/etc/jielu/jielu.conf` when it exists, for program section `section`.
    ///
    /// - Throws: `ConfigurationError` for a malformed command line, a named
    ///   file that is missing, or a file that does not parse.
    public init(arguments: [String] = Array(CommandLine.arguments.dropFirst()),
                environment: [String: String] = Configuration.processEnvironment(),
                section: String) throws {
        let flagsOnly = try Configuration(arguments: arguments, environment: environment)
        let file = try ConfigurationFile.load(explicitPath: flagsOnly.string("config"))
        try self.init(arguments: arguments, environment: environment, file: file, section: section)
    }

    /// Parses the flags and uses `file` as given, for tests and tools.
    public init(arguments: [String], environment: [String: String], file: ConfigurationFile?, section: String?) throws {
        var flags: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw ConfigurationError(setting: argument, message: "unexpected argument; settings are given as --name value")
            }
            let body = argument.dropFirst(2)
            if let equals = body.firstIndex(of: "=") {
                flags[String(body[..<equals])] = String(body[body.index(after: equals)...])
            } else {
                guard index + 1 < arguments.count else {
                    throw ConfigurationError(setting: argument, message: "missing value after the flag")
                }
                flags[String(body)] = arguments[index + 1]
                index += 1
            }
            index += 1
        }
        self.flags = flags
        self.environment = environment
        self.file = file
        self.section = section
    }

    /// The environment variable for a flag name: `peer-dispatch` → `JIELU_PEER_DISPATCH`.
    public static func environmentName(_ name: String) -> String {
        "JIELU_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// Returns the value of setting `name` from the first source that sets it, or nil.
    public func string(_ name: String) -> String? {
        readNames.insert(name)
        if let value = flags[name] {
            return value
        }
        if let value = environment[Configuration.environmentName(name)] {
            return value
        }
        return file?.entry(name, section: section)?.value
    }

    /// Returns the value of `--name` from the command line only, for settings
    /// that must not come from the environment or a file.
    public func flag(_ name: String) -> String? {
        readNames.insert(name)
        return flags[name]
    }

    /// Returns where the value of `name` comes from, for error messages: the
    /// flag, the environment variable, or the file and line; empty when unset.
    public func origin(of name: String) -> String {
        if flags[name] != nil {
            return "--\(name)"
        }
        let variable = Configuration.environmentName(name)
        if environment[variable] != nil {
            return variable
        }
        if let file, let entry = file.entry(name, section: section) {
            return "\(file.path) line \(entry.line)"
        }
        return ""
    }

    /// Rejects settings in this program's file section that it never read,
    /// such as a misspelt key. Call after every setting has been read.
    ///
    /// - Throws: `ConfigurationError` naming the first unread key and its line.
    public func checkSectionSettingsUsed(program: String) throws {
        guard let file, let section, let entries = file.sectionEntries[section] else {
            return
        }
        let read = readNames.names
        for entry in entries.values.sorted(by: { $0.line < $1.line }) where !read.contains(entry.key) {
            throw ConfigurationError(
                setting: entry.key,
                message: "\(file.path) line \(entry.line): \(entry.key) is not a setting of \(program); "
                    + "check the spelling against deploy/README.md")
        }
    }

    public func string(_ name: String, default defaultValue: String) -> String {
        string(name) ?? defaultValue
    }

    public func integer(_ name: String, default defaultValue: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = string(name) else {
            return defaultValue
        }
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(
                setting: name,
                message: "\"\(text)\" is not an integer in \(range.lowerBound)...\(range.upperBound)" + originSuffix(name))
        }
        return value
    }

    public func address(_ name: String, default defaultValue: String) throws -> SocketAddressText {
        let text = string(name, default: defaultValue)
        guard let address = SocketAddressText(text) else {
            throw ConfigurationError(
                setting: name,
                message: "\"\(text)\" is not HOST:PORT with an IPv4 host and a port in 0...65535" + originSuffix(name))
        }
        return address
    }

    public func logLevel() throws -> LogLevel {
        let text = string("log-level", default: "info")
        guard let level = LogLevel(name: text) else {
            throw ConfigurationError(
                setting: "log-level", message: "\"\(text)\" is not one of debug, info, warning, error" + originSuffix("log-level"))
        }
        return level
    }

    /// Returns " (from …)" naming where `name` was set, or "" for a default.
    public func originSuffix(_ name: String) -> String {
        let origin = origin(of: name)
        return origin.isEmpty ? "" : " (from \(origin))"
    }

    public static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}

/// Names of the settings a `Configuration` has been asked for.
private final class ReadNames: Sendable {
    private let storage = Mutex<Set<String>>([])

    func insert(_ name: String) {
        _ = storage.withLock { $0.insert(name) }
    }

    var names: Set<String> { storage.withLock { $0 } }
}

/// An IPv4 `host:port` pair as written in configuration.
public struct SocketAddressText: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":") else {
            return nil
        }
        var host = String(text[..<colon])
        if host == "localhost" {
            host = "127.0.0.1"
        }
        guard let port = UInt16(text[text.index(after: colon)...]) else {
            return nil
        }
        var probe = in_addr()
        guard inet_pton(AF_INET, host, &probe) == 1 else {
            return nil
        }
        self.host = host
        self.port = port
    }

    public var description: String { "\(host):\(port)" }
}
