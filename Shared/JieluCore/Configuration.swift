import Foundation
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

/// Settings read from command-line flags (`--listen 127.0.0.1:7101`) and the
/// environment (`JIELU_LISTEN=127.0.0.1:7101`). A flag wins over the
/// environment, and the environment over the default.
public struct Configuration: Sendable {
    private let flags: [String: String]
    private let environment: [String: String]

    /// Parses `--name value` and `--name=value` pairs. Throws on a flag without
    /// a value or a stray argument.
    public init(arguments: [String] = Array(CommandLine.arguments.dropFirst()),
                environment: [String: String] = Configuration.processEnvironment()) throws {
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
    }

    /// The environment variable for a flag name: `peer-dispatch` → `JIELU_PEER_DISPATCH`.
    public static func environmentName(_ name: String) -> String {
        "JIELU_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    public func string(_ name: String) -> String? {
        if let value = flags[name] {
            return value
        }
        return environment[Configuration.environmentName(name)]
    }

    public func string(_ name: String, default defaultValue: String) -> String {
        string(name) ?? defaultValue
    }

    public func integer(_ name: String, default defaultValue: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = string(name) else {
            return defaultValue
        }
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(setting: name, message: "\"\(text)\" is not an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    public func address(_ name: String, default defaultValue: String) throws -> SocketAddressText {
        let text = string(name, default: defaultValue)
        guard let address = SocketAddressText(text) else {
            throw ConfigurationError(setting: name, message: "\"\(text)\" is not HOST:PORT with an IPv4 host and a port in 0...65535")
        }
        return address
    }

    public func logLevel() throws -> LogLevel {
        let text = string("log-level", default: "info")
        guard let level = LogLevel(name: text) else {
            throw ConfigurationError(setting: "log-level", message: "\"\(text)\" is not one of debug, info, warning, error")
        }
        return level
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
