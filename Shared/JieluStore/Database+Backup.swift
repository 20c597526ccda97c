import CSQLite
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Database {
    /// Copies the committed state of the database to a new file at
    /// `destinationPath` with SQLite's online backup API, while reads and writes
    /// go on. Creates the parent directory if missing and replaces an existing
    /// file at that path.
    ///
    /// The copy is taken from one read snapshot, written to a temporary file
    /// next to the destination, synced, and renamed into place, so the
    /// destination is either the old file or a complete copy.
    ///
    /// - Throws: `StoreError` when the database is closed, the destination cannot
    ///   be written, or SQLite reports a lock past the busy timeout. The
    ///   temporary file is removed on failure.
    public func backup(to destinationPath: String) throws {
        let directory = (destinationPath as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StoreError(
                    code: SQLITE_CANTOPEN, message: "cannot create directory \(directory) for backup: \(error)")
            }
        }

        let temporaryPath = destinationPath + ".partial-\(UInt32.random(in: .min ... .max))"
        do {
            let pageCount = try withReader("backup") { source in
                try copyPages(from: source, to: temporaryPath)
            }
            try moveIntoPlace(temporaryPath, destinationPath, directory: directory)
            logger.info("backup written", ["path": path, "destination": destinationPath, "pages": pageCount])
        } catch {
            unlink(temporaryPath)
            unlink(temporaryPath + "-journal")
            throw error
        }
    }

    /// Copies every page of `source` into a new database at `destinationPath` in
    /// one backup step, so the copy comes from a single snapshot.
    ///
    /// - Returns: the number of pages copied.
    private func copyPages(from source: SQLiteConnection, to destinationPath: String) throws -> Int {
        let destination = try SQLiteConnection(
            path: destinationPath, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
            busyTimeoutMilliseconds: options.busyTimeoutMilliseconds)
        defer { destination.close() }

        guard let backup = sqlite3_backup_init(destination.handle, "main", source.handle, "main") else {
            throw StoreError.last(on: destination.handle, sql: nil)
        }

        // sqlite3_backup_step does not use the busy handler, so retry locks here
        // for up to the busy timeout.
        let retryIntervalMilliseconds: Int32 = 10
        var waitedMilliseconds = 0
        var result = sqlite3_backup_step(backup, -1)
        while result & 0xFF == SQLITE_BUSY || result & 0xFF == SQLITE_LOCKED,
            waitedMilliseconds < options.busyTimeoutMilliseconds
        {
            sqlite3_sleep(retryIntervalMilliseconds)
            waitedMilliseconds += Int(retryIntervalMilliseconds)
            result = sqlite3_backup_step(backup, -1)
        }
        let pageCount = Int(sqlite3_backup_pagecount(backup))

        let finishResult = sqlite3_backup_finish(backup)
        guard result == SQLITE_DONE else {
            throw StoreError(
                code: result, message: "backup to \(destinationPath) failed: \(String(cString: sqlite3_errstr(result)))")
        }
        guard finishResult == SQLITE_OK else {
            throw StoreError.last(on: destination.handle, sql: nil)
        }
        return pageCount
    }

    /// Renames the finished copy over the destination and syncs the directory,
    /// so the rename itself survives a crash.
    private func moveIntoPlace(_ temporaryPath: String, _ destinationPath: String, directory: String) throws {
        guard rename(temporaryPath, destinationPath) == 0 else {
            throw StoreError(
                code: SQLITE_IOERR,
                message: "cannot rename \(temporaryPath) to \(destinationPath): \(String(cString: strerror(errno)))")
        }
        syncDirectory(directory.isEmpty ? "." : directory)
    }
}

/// Flushes a directory's entries to disk. A failure only weakens crash
/// safety of the last rename, so it is ignored.
private func syncDirectory(_ directory: String) {
    let descriptor = open(directory, O_RDONLY)
    guard descriptor >= 0 else {
        return
    }
    fsync(descriptor)
    close(descriptor)
}
