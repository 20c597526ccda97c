import Foundation

/// The host's configuration file, `/etc/jielu/jielu.conf` by default.
///
/// Syntax, one statement per line:
/// - `key = value`: a setting, named as its command-line flag without `--`.
///   Spaces around the key and the value are dropped; a value may be wrapped
///   in double quotes to keep leading or trailing spaces.
/// - `[registry]`: the start of a section. Settings after it apply only to
///   that program; sections are `registry`, `intake`, `dispatch`, `metrics`,
///   `markets`, `gateway` and `cli` (the `jielu` admin tool).
/// - Blank lines and lines starting with `#` or `;` are ignored. A `#` later
///   in a line is part of the value.
///
/// Settings before the first section are shared by every program. Only the
/// `sharedKeys` may appear there, because a service-specific setting such as
/// `listen` or `data-dir` must differ between the services of one host.
public struct ConfigurationFile: Sendable, Equatable {
    /// One `key = value` line.
    public struct Entry: Sendable, Equatable {
        public let key: String
        public let value: String
        /// 1-based line number, for error messages.
        public let line: Int
    }

    /// The file `load` reads when neither `--config` nor `JIELU_CONFIG` names one.
    public static let defaultPath = "/etc/jielu/jielu.conf"
    /// Section names, one per program.
    public static let sections: Set<String> = ["registry", "intake", "dispatch", "metrics", "markets", "gateway", "cli"]
    /// Settings allowed before the first section, besides `peer-<service>`.
    public static let sharedKeys: Set<String> = ["log-level", "mesh-secret", "mesh-secret-file", "gateway"]
    /// Services a `peer-<service>` setting may name.
    public static let peerNames: Set<String> = ["registry", "intake", "dispatch", "metrics", "markets"]

    public let path: String
    /// Settings before the first section.
    public let shared: [String: Entry]
    /// Settings by section name, then key.
    public let sectionEntries: [String: [String: Entry]]

    /// Parses `text`, which was read from `path`.
    ///
    /// - Throws: `ConfigurationError` naming the file and line. A line may be
    ///   neither a setting, a section header nor a comment, name an unknown
    ///   section, repeat a key of its section, or put a setting that is not
    ///   shared before the first section.
    public init(text: String, path: String) throws {
        var shared: [String: Entry] = [:]
        var sectionEntries: [String: [String: Entry]] = [:]
        var section: String?

        // "\r\n" is one Character in Swift, so split on any newline, not on "\n".
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") {
                continue
            }
            let place = "\(path) line \(lineNumber)"

            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw ConfigurationError(setting: "config", message: "\(place): a section header is written [name]")
                }
                let name = line.dropFirst().dropLast().trimmingWhitespace()
                guard ConfigurationFile.sections.contains(name) else {
                    throw ConfigurationError(
                        setting: "config",
                        message: "\(place): unknown section [\(name)]; sections are "
                            + ConfigurationFile.sections.sorted().map { "[\($0)]" }.joined(separator: ", "))
                }
                section = name
                if sectionEntries[name] == nil {
                    sectionEntries[name] = [:]
                }
                continue
            }

            guard let equals = line.firstIndex(of: "=") else {
                throw ConfigurationError(setting: "config", message: "\(place): expected `key = value`, got \"\(line)\"")
            }
            let key = line[..<equals].trimmingWhitespace()
            let value = ConfigurationFile.unquoted(line[line.index(after: equals)...].trimmingWhitespace())
            guard ConfigurationFile.isValidKey(key) else {
                throw ConfigurationError(
                    setting: "config",
                    message: "\(place): \"\(key)\" is not a setting name (lower-case letters, digits and -)")
            }
            let entry = Entry(key: key, value: value, line: lineNumber)

            if let section {
                guard sectionEntries[section]?[key] == nil else {
                    throw ConfigurationError(setting: key, message: "\(place): \(key) is set twice in [\(section)]")
                }
                sectionEntries[section, default: [:]][key] = entry
            } else {
                guard ConfigurationFile.isSharedKey(key) else {
                    throw ConfigurationError(
                        setting: key,
                        message: "\(place): \(key) cannot be shared by every program; move it into a section such as "
                            + "[registry]. Shared settings are "
                            + (ConfigurationFile.sharedKeys.sorted() + ["peer-<service>"]).joined(separator: ", "))
                }
                guard shared[key] == nil else {
                    throw ConfigurationError(setting: key, message: "\(place): \(key) is set twice before the first section")
                }
                shared[key] = entry
            }
        }

        self.path = path
        self.shared = shared
        self.sectionEntries = sectionEntries
    }

    /// Reads and parses the file at `path`.
    ///
    /// - Throws: `ConfigurationError` when the file cannot be read or does
    ///   not parse.
    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigurationError(setting: "config", message: "configuration file \(path) does not exist")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(
                setting: "config", message: "cannot read configuration file \(path): it is not readable by this user")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(setting: "config", message: "configuration file \(path) is not UTF-8 text")
        }
        try self.init(text: text, path: path)
    }

    /// Finds and parses the configuration file.
    ///
    /// `explicitPath` comes from `--config` or `JIELU_CONFIG`. A named file
    /// must exist; an empty name means no file. Without a name, the file at
    /// `defaultPath` is read when it exists.
    ///
    /// - Returns: nil when no file is used.
    /// - Throws: `ConfigurationError` when a named file is missing, or the
    ///   file cannot be read or parsed.
    public static func load(explicitPath: String?, defaultPath: String = ConfigurationFile.defaultPath) throws
        -> ConfigurationFile?
    {
        if let explicitPath {
            if explicitPath.isEmpty {
                return nil
            }
            return try ConfigurationFile(path: explicitPath)
        }
        guard FileManager.default.fileExists(atPath: defaultPath) else {
            return nil
        }
        return try ConfigurationFile(path: defaultPath)
    }

    /// Returns the entry for `key` that applies to `section`: the section's
    /// own, else the shared one.
    public func entry(_ key: String, section: String?) -> Entry? {
        if let section, let entry = sectionEntries[section]?[key] {
            return entry
        }
        return shared[key]
    }

    static func isSharedKey(_ key: String) -> Bool {
        if sharedKeys.contains(key) {
            return true
        }
        guard key.hasPrefix("peer-") else {
            return false
        }
        return peerNames.contains(String(key.dropFirst("peer-".count)))
    }

    private static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { scalar in
            (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || scalar == "-"
        }
    }

    private static func unquoted(_ value: String) -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else {
            return value
        }
        return String(value.dropFirst().dropLast())
    }
}
