import Foundation
import JieluCore

/// The secret shared by every process of one mesh. Every RPC connection
/// proves knowledge of it with `MeshHandshake`; the secret itself is never
/// sent.
///
/// Read from `mesh-secret-file` (a file whose content, without trailing
/// white space, is the secret) or `mesh-secret` (the secret itself, for
/// tests; it shows up in `ps` and in the environment of child processes).
/// `description` never shows the bytes.
public struct MeshSecret: Sendable, Equatable, CustomStringConvertible {
    /// Minimum length in bytes: 16 bytes make the secret infeasible to guess
    /// even when an attacker can try many handshakes.
    public static let minimumBytes = 16
    public static let fileSetting = "mesh-secret-file"
    public static let valueSetting = "mesh-secret"

    let bytes: [UInt8]

    /// - Throws: `ConfigurationError` naming `setting` when the secret is
    ///   shorter than `minimumBytes`. The message gives the length, never the secret.
    public init(bytes: [UInt8], setting: String = MeshSecret.valueSetting) throws {
        guard bytes.count >= MeshSecret.minimumBytes else {
            throw ConfigurationError(
                setting: setting,
                message: "the mesh secret has \(bytes.count) bytes; use at least \(MeshSecret.minimumBytes) random bytes, "
                    + "for example the output of `head -c 32 /dev/urandom | base64`")
        }
        self.bytes = bytes
    }

    public var description: String { "MeshSecret(***)" }

    /// Reads the secret from `configuration`.
    ///
    /// - Returns: nil when neither setting is given (or both are empty):
    ///   connections are then not authenticated.
    /// - Throws: `ConfigurationError` when both settings are given, the file
    ///   cannot be read, or the secret is too short.
    public static func load(from configuration: Configuration) throws -> MeshSecret? {
        try resolve(
            file: configuration.string(fileSetting), value: configuration.string(valueSetting),
            conflictDetail: " (\(fileSetting) from \(configuration.origin(of: fileSetting)), "
                + "\(valueSetting) from \(configuration.origin(of: valueSetting)))")
    }

    /// Returns the secret from a file path or a literal value, as read from
    /// any settings source; empty strings count as unset.
    ///
    /// - Throws: `ConfigurationError` when both are given, the file cannot be
    ///   read, or the secret is too short.
    public static func resolve(file path: String?, value: String?, conflictDetail: String = "") throws -> MeshSecret? {
        let path = path ?? ""
        let value = value ?? ""
        if !path.isEmpty && !value.isEmpty {
            throw ConfigurationError(
                setting: valueSetting,
                message: "both \(fileSetting) and \(valueSetting) are set\(conflictDetail); keep only \(fileSetting)")
        }
        if !path.isEmpty {
            return try read(file: path)
        }
        if !value.isEmpty {
            return try MeshSecret(bytes: Array(value.utf8), setting: valueSetting)
        }
        return nil
    }

    /// Reads a secret file. Trailing spaces, tabs and newlines are not part
    /// of the secret, so `echo … > file` and editors that add a final newline
    /// give the same secret.
    ///
    /// - Throws: `ConfigurationError` naming `mesh-secret-file` when the file
    ///   cannot be read or contains too short a secret.
    public static func read(file path: String) throws -> MeshSecret {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "it is not readable by this user" : "it does not exist"
            throw ConfigurationError(setting: fileSetting, message: "cannot read \(path): \(reason)")
        }
        var bytes = [UInt8](data)
        while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D {
            bytes.removeLast()
        }
        return try MeshSecret(bytes: bytes, setting: fileSetting)
    }
}
