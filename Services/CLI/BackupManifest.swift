import Foundation

/// `manifest.json` of a backup directory: which services were copied, when,
/// and the size, SHA-256 and schema version of each database file.
/// `jielu backup` writes it last, so a directory without it is incomplete;
/// `jielu restore` reads it and checks every file against it.
///
/// Layout: `<dir>/manifest.json` and `<dir>/<service>/<file>`, for example
/// `<dir>/registry/registry.sqlite`.
struct BackupManifest: Codable, Equatable, Sendable {
    static let fileName = "manifest.json"
    static let currentFormat = 1

    /// One copied database file.
    struct File: Codable, Equatable, Sendable {
        var name: String
        var sizeBytes: UInt64
        var sha256: String
        var schemaVersion: Int64
    }

    /// The copy of one service's databases, taken from one snapshot per file.
    struct Service: Codable, Equatable, Sendable {
        /// Short name: "registry", "intake", ….
        var service: String
        var address: String
        /// ISO 8601 time the service took its snapshot.
        var takenAt: String
        var files: [File]
    }

    var format: Int
    /// ISO 8601 time the backup finished.
    var createdAt: String
    var services: [Service]

    /// Writes the manifest to `<directory>/manifest.json`.
    func write(to directory: String) throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(self)
        let path = directory + "/" + BackupManifest.fileName
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure(reason: "backup_write_failed", message: "无法写入备份清单 \(path)")
        }
    }

    /// Reads `<directory>/manifest.json`.
    ///
    /// - Throws: `CommandFailure` `invalid_backup` when the file is missing
    ///   (the backup did not finish), undecodable, or of an unknown format.
    static func read(from directory: String) throws -> BackupManifest {
        let path = directory + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(
                reason: "invalid_backup", message: "目录 \(directory) 中没有备份清单 \(fileName)：不是 jielu backup 的输出，或备份未完成")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let manifest: BackupManifest
        do {
            manifest = try decoder.decode(BackupManifest.self, from: data)
        } catch {
            throw CommandFailure(reason: "invalid_backup", message: "备份清单 \(path) 无法解析：\(error)")
        }
        guard manifest.format == currentFormat else {
            throw CommandFailure(
                reason: "invalid_backup",
                message: "备份清单格式 \(manifest.format) 不受支持（本程序支持 \(currentFormat)），请使用较新版本的 jielu")
        }
        return manifest
    }
}
