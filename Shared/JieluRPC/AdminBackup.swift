import Foundation
import JieluCore

/// Serves `jielu.admin.v1.Admin` for one service: snapshots of the
/// service's databases, read back in chunks by `jielu backup`.
///
/// A snapshot is a directory `<data-dir>/backups/<backup id>/` holding one
/// copy per database, written with SQLite's online backup API while calls
/// go on. The CLI deletes it once copied; snapshots older than
/// `snapshotLifetimeSeconds` are removed at start and before each new one,
/// so an interrupted backup does not keep its disk space for long.
///
/// The databases are those in `OpenDatabases` whose file lies directly in
/// the data directory.
final class AdminBackup: Sendable {
    /// Largest `ReadBackupFile` reply payload: 1 MiB, well under the 4 MiB
    /// default frame limit.
    static let maxChunkBytes = 1 << 20
    static let snapshotLifetimeSeconds: TimeInterval = 6 * 3600
    static let snapshotFolder = "backups"

    let serviceName: String
    let dataDirectory: String
    let logger: Logger

    init(serviceName: String, dataDirectory: String, logger: Logger) {
        self.serviceName = serviceName
        self.dataDirectory = AdminBackup.standardized(dataDirectory)
        self.logger = logger
    }

    var snapshotRoot: String { dataDirectory + "/" + AdminBackup.snapshotFolder }

    /// Registers the three admin methods in `router`.
    func register(in router: RPCRouter) {
        router.register(AdminMethods.createBackup) { [self] (request: Admin.CreateBackupRequest, context: RPCContext) in
            try createBackup(request, context: context)
        }
        router.register(AdminMethods.readBackupFile) { [self] (request: Admin.ReadBackupFileRequest, _: RPCContext) in
            try readBackupFile(request)
        }
        router.register(AdminMethods.deleteBackup) { [self] (request: Admin.DeleteBackupRequest, _: RPCContext) in
            try deleteBackup(request)
        }
    }

    // MARK: Methods

    /// Writes a snapshot of every database of the service.
    ///
    /// - Throws: FAILED_PRECONDITION `no_database` when the service has no
    ///   open database; INTERNAL `backup_failed` when a copy cannot be written
    ///   (the partial snapshot is removed and the cause logged).
    func createBackup(_ request: Admin.CreateBackupRequest, context: RPCContext) throws -> Admin.CreateBackupResponse {
        removeStaleSnapshots()
        let databases = OpenDatabases.all.filter {
            AdminBackup.standardized(($0.path as NSString).deletingLastPathComponent) == dataDirectory
        }
        guard !databases.isEmpty else {
            throw ServiceError(
                .failedPrecondition, reason: "no_database", message: "服务 \(serviceName) 没有打开的数据库，无需备份")
        }

        let backupID = SHA256.hex(Array(MeshHandshake.makeNonce().prefix(16)))
        let directory = snapshotRoot + "/" + backupID
        let takenAt = WallClock.nowMilliseconds()
        var files: [Admin.BackupFile] = []
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for database in databases {
                let name = (database.path as NSString).lastPathComponent
                let destination = directory + "/" + name
                try database.backUp(destination)
                let (size, digest) = try AdminBackup.sizeAndDigest(of: destination)
                files.append(
                    Admin.BackupFile(name: name, sizeBytes: size, sha256: digest, schemaVersion: Int64(database.schemaVersion)))
            }
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            context.logger.error("backup snapshot failed", ["backup_id": backupID, "error": error])
            throw ServiceError(
                .internal, reason: "backup_failed", message: "服务 \(serviceName) 备份数据库失败，原因见该服务的日志（journalctl）")
        }

        context.logger.info(
            "backup snapshot written",
            ["backup_id": backupID, "files": files.map(\.name).joined(separator: ","),
             "bytes": files.reduce(0) { $0 + $1.sizeBytes }])
        return Admin.CreateBackupResponse(backupID: backupID, service: serviceName, takenAtMilliseconds: takenAt, files: files)
    }

    /// Reads up to `maxChunkBytes` of one snapshot file from `offset`.
    ///
    /// - Throws: INVALID_ARGUMENT for a malformed backup id or file name;
    ///   NOT_FOUND `backup_not_found` when the snapshot or file does not exist
    ///   (deleted, or removed as stale); OUT_OF_RANGE past the end of the file.
    func readBackupFile(_ request: Admin.ReadBackupFileRequest) throws -> Admin.ReadBackupFileResponse {
        let path = try snapshotPath(backupID: request.backupID) + "/" + (try AdminBackup.checkedFileName(request.name))
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ServiceError.notFound(
                reason: "backup_not_found", message: "备份 \(request.backupID) 中没有文件 \(request.name)，可能已被删除，请重新备份")
        }
        defer { try? handle.close() }

        let size = try handle.seekToEnd()
        guard request.offset <= size else {
            throw ServiceError(
                .outOfRange, reason: "offset_past_end", message: "读取位置 \(request.offset) 超出文件长度 \(size)", field: "offset")
        }
        let limit = request.maxBytes == 0 ? AdminBackup.maxChunkBytes : min(Int(request.maxBytes), AdminBackup.maxChunkBytes)
        try handle.seek(toOffset: request.offset)
        let data = try handle.read(upToCount: limit) ?? Data()
        let end = request.offset + UInt64(data.count) >= size
        return Admin.ReadBackupFileResponse(data: [UInt8](data), endOfFile: end)
    }

    /// Deletes a snapshot; an unknown id is not an error.
    ///
    /// - Throws: INVALID_ARGUMENT for a malformed backup id.
    func deleteBackup(_ request: Admin.DeleteBackupRequest) throws -> Admin.DeleteBackupResponse {
        let directory = try snapshotPath(backupID: request.backupID)
        if FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.removeItem(atPath: directory)
            logger.info("backup snapshot deleted", ["backup_id": request.backupID])
        }
        return Admin.DeleteBackupResponse()
    }

    // MARK: Housekeeping

    /// Removes snapshots older than `snapshotLifetimeSeconds`. Failures are
    /// logged and otherwise ignored.
    func removeStaleSnapshots(now: Date = Date()) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: snapshotRoot) else {
            return
        }
        for entry in entries where AdminBackup.isBackupID(entry) {
            let path = snapshotRoot + "/" + entry
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                now.timeIntervalSince(modified) > AdminBackup.snapshotLifetimeSeconds
            else {
                continue
            }
            do {
                try FileManager.default.removeItem(atPath: path)
                logger.info("stale backup snapshot removed", ["backup_id": entry])
            } catch {
                logger.warning("cannot remove stale backup snapshot", ["backup_id": entry, "error": error])
            }
        }
    }

    // MARK: Helpers

    private func snapshotPath(backupID: String) throws -> String {
        guard AdminBackup.isBackupID(backupID) else {
            throw ServiceError.invalid(
                "backup_id", reason: "invalid_backup_id", message: "备份编号「\(backupID)」无效，应为 32 位小写十六进制数")
        }
        return snapshotRoot + "/" + backupID
    }

    static func isBackupID(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Returns `name` when it is a file name without a path, so a request
    /// cannot reach outside the snapshot; throws INVALID_ARGUMENT otherwise.
    static func checkedFileName(_ name: String) throws -> String {
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
            throw ServiceError.invalid("name", reason: "invalid_file_name", message: "文件名「\(name)」无效，应为不含路径的文件名")
        }
        return name
    }

    /// Returns the size and lower-case hex SHA-256 of a file, read in 1 MiB pieces.
    static func sizeAndDigest(of path: String) throws -> (UInt64, String) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var hasher = SHA256.Hasher()
        var size: UInt64 = 0
        while let chunk = try handle.read(upToCount: maxChunkBytes), !chunk.isEmpty {
            hasher.update([UInt8](chunk))
            size += UInt64(chunk.count)
        }
        return (size, SHA256.hex(hasher.finalize()))
    }

    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
