#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Severity of a log line, with its syslog priority as journald reads it.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
    /// Per-request detail; off unless an operator is debugging.
    case debug = 7
    /// Lifecycle: starting, listening, draining, stopped.
    case info = 6
    /// Something an operator should act on, but service continues.
    case warning = 4
    /// A failure that lost work or needs an operator now.
    case error = 3

    public var name: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }

    public init?(name: String) {
        guard let level = LogLevel.allCases.first(where: { $0.name == name.lowercased() }) else {
            return nil
        }
        self = level
    }

    /// Lower priority number means more severe, so "more severe" compares greater.
    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        lhs.rawValue > rhs.rawValue
    }
}

/// A one-line-per-event logger writing to stderr for journald:
/// `<6>jielu-intake info report accepted case_id=... street_id=...`.
///
/// The message is a constant; what varies goes into `key=value` fields, which
/// are written sorted by key. Never pass a secret or a resident's phone number.
public struct Logger: Sendable {
    public let service: String
    public let minimumLevel: LogLevel
    private let baseFields: [String: String]

    public init(service: String, level: LogLevel = .info, fields: [String: String] = [:]) {
        self.service = service
        self.minimumLevel = level
        self.baseFields = fields
    }

    /// Returns a logger that adds `fields` to every line.
    public func with(_ fields: [String: String]) -> Logger {
        Logger(service: service, level: minimumLevel, fields: baseFields.merging(fields) { _, new in new })
    }

    public func debug(_ message: StaticString, _ fields: [String: Any] = [:]) {
        log(.debug, message, fields)
    }

    public func info(_ message: StaticString, _ fields: [String: Any] = [:]) {
        log(.info, message, fields)
    }

    public func warning(_ message: StaticString, _ fields: [String: Any] = [:]) {
        log(.warning, message, fields)
    }

    public func error(_ message: StaticString, _ fields: [String: Any] = [:]) {
        log(.error, message, fields)
    }

    public func isEnabled(_ level: LogLevel) -> Bool {
        level >= minimumLevel
    }

    public func log(_ level: LogLevel, _ message: StaticString, _ fields: [String: Any]) {
        guard isEnabled(level) else {
            return
        }
        var all = baseFields
        for (key, value) in fields {
            all[key] = String(describing: value)
        }
        var line = "<\(level.rawValue)>\(service) \(level.name) \(message)"
        for key in all.keys.sorted() {
            line += " \(key)=\(Logger.quoted(all[key]!))"
        }
        line += "\n"
        Logger.write(line)
    }

    /// Quotes a value that contains spaces, quotes, `=` or control characters
    /// so that a line always splits back into the same fields.
    static func quoted(_ value: String) -> String {
        if value.isEmpty {
            return "\"\""
        }
        let needsQuotes = value.unicodeScalars.contains { scalar in
            scalar == " " || scalar == "\"" || scalar == "=" || scalar.value < 0x20 || scalar == "\\"
        }
        if !needsQuotes {
            return value
        }
        var escaped = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default:
                if scalar.value < 0x20 {
                    escaped += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped + "\""
    }

    private static let outputLock = LockedValue(())

    private static func write(_ line: String) {
        outputLock.withLock { _ in
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR {
                            continue
                        }
                        return
                    }
                    offset += written
                }
            }
        }
    }
}
