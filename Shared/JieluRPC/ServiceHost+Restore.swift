#if canImport(Glibc)
import Glibc
#endif
import Foundation
import JieluCore

/// The backup operations `ServiceHost` runs instead of serving. Both
/// modes hold the data directory lock, so they fail while the service runs.
enum RestoreMode: Equatable {
    /// `--check-backup FILE`: open a scratch copy with this binary, report,
    /// touch nothing else. `jielu restore` runs it on every service first.
    case check
    /// `--restore-from FILE`: replace the service's database with the file.
    case restore

    static let checkSetting = "check-backup"
    static let restoreSetting = "restore-from"

    /// Returns the mode and backup file the command line requests, or nil to
    /// serve. Only flags count: a key left in a configuration file or the
    /// environment must not restore a backup on every start.
    static func request(in configuration: Configuration) -> (RestoreMode, String)? {
        if let source = configuration.flag(restoreSetting), !source.isEmpty {
            return (.restore, source)
        }
        if let source = configuration.flag(checkSetting), !source.isEmpty {
            return (.check, source)
        }
        return nil
    }
}

/// A restore step that failed; `message` is English, for the operator.
struct RestoreFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension ServiceHost {
    /// Exit status when a restore or check is refused or fails; the
    /// database is then as it was before.
    static let restoreFailureStatus: Int32 = 1

    /// Checks or restores the backup database file `source`, then exits: 0 on
    /// success, `restoreFailureStatus` with a message on stderr otherwise.
    ///
    /// The backup is opened through the service's own `setUp`, so the same
    /// code that opens it at start decides: an older schema is migrated, a
    /// schema newer than this binary is rejected (the migrator refuses it),
    /// a file the service does not open (another service's backup) is
    /// rejected, and `PRAGMA quick_check` must pass.
    ///
    /// Restore moves the current database file (with its `-wal`, if any)
    /// aside as `<name>.before-restore-<UTC time>` and puts it back when any
    /// step fails. When run as root, the restored file gets the owner of the
    /// data directory, so the service user can open it.
    static func runRestore(
        _ mode: RestoreMode, source: String, lock: DataDirectoryLock, environment: ServiceEnvironment,
        setUp: (ServiceEnvironment) throws -> ServiceParts
    ) -> Never {
        let serviceName = environment.serviceName
        do {
            switch mode {
            case .check:
                let version = try checkBackup(source, environment: environment, setUp: setUp)
                print("\(serviceName): backup \(source) is usable (schema version \(version) after migrations)")
            case .restore:
                let (target, version, aside) = try restoreBackup(source, environment: environment, setUp: setUp)
                let kept = aside.map { "; the previous database is kept as \($0)" } ?? ""
                print("\(serviceName): restored \(source) to \(target) (schema version \(version))\(kept)")
            }
            lock.release()
            exit(0)
        } catch {
            exitWithRestoreFailure(serviceName, "\(error)")
        }
    }

    /// Writes "<service>: <message>" to stderr and exits with `restoreFailureStatus`.
    static func exitWithRestoreFailure(_ serviceName: String, _ message: String) -> Never {
        FileHandle.standardError.write(Data("\(serviceName): \(message)\n".utf8))
        exit(restoreFailureStatus)
    }

    /// Opens a copy of `source` in a scratch directory with `setUp`.
    ///
    /// - Returns: the schema version after migrations.
    private static func checkBackup(
        _ source: String, environment: ServiceEnvironment, setUp: (ServiceEnvironment) throws -> ServiceParts
    ) throws -> Int {
        try checkSQLiteHeader(source)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("jielu-check-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }

        let target = scratch + "/" + (source as NSString).lastPathComponent
        try FileManager.default.copyItem(atPath: source, toPath: target)
        let scratchEnvironment = ServiceEnvironment(
            serviceName: environment.serviceName, configuration: environment.configuration,
            logger: environment.logger, dataDirectory: scratch, meshSecret: environment.meshSecret)
        return try openAndVerify(target, environment: scratchEnvironment, setUp: setUp)
    }

    /// Replaces the service's database with `source`.
    ///
    /// - Returns: the target path, its schema version after migrations, and
    ///   where the previous database was moved (nil when there was none).
    private static func restoreBackup(
        _ source: String, environment: ServiceEnvironment, setUp: (ServiceEnvironment) throws -> ServiceParts
    ) throws -> (String, Int, String?) {
        try checkSQLiteHeader(source)
        let name = (source as NSString).lastPathComponent
        let target = environment.dataDirectory + "/" + name
        let staged = environment.dataDirectory + "/." + name + ".restoring"
        let aside = target + ".before-restore-" + timestamp()

        // Stage the copy next to the target, so the final step is a rename.
        try? FileManager.default.removeItem(atPath: staged)
        try FileManager.default.copyItem(atPath: source, toPath: staged)
        defer { try? FileManager.default.removeItem(atPath: staged) }

        let moved = try moveSet(from: target, to: aside)
        do {
            try rename(staged, target)
            let version = try openAndVerify(target, environment: environment, setUp: setUp)
            try giveToDirectoryOwner([target] + databaseSideFiles(of: target), directory: environment.dataDirectory)
            return (target, version, moved.isEmpty ? nil : aside)
        } catch {
            for path in [target] + databaseSideFiles(of: target) {
                try? FileManager.default.removeItem(atPath: path)
            }
            _ = try? moveSet(from: aside, to: target)
            throw error
        }
    }

    /// Runs `setUp` on the data directory holding `target`, checks that the
    /// service opened that file and that it passes `quick_check`, and closes
    /// everything again.
    ///
    /// - Returns: the schema version the file has after `setUp` migrated it.
    private static func openAndVerify(
        _ target: String, environment: ServiceEnvironment, setUp: (ServiceEnvironment) throws -> ServiceParts
    ) throws -> Int {
        let parts: ServiceParts
        do {
            parts = try setUp(environment)
        } catch {
            throw RestoreFailure("this binary cannot open the backup: \(error)")
        }
        defer { parts.onStop() }

        let wanted = AdminBackup.standardized(target)
        guard let database = OpenDatabases.all.first(where: { AdminBackup.standardized($0.path) == wanted }) else {
            let opened = OpenDatabases.all.map { ($0.path as NSString).lastPathComponent }
            throw RestoreFailure(
                "\((target as NSString).lastPathComponent) is not a database of \(environment.serviceName) "
                    + "(it opens \(opened.joined(separator: ", "))); is this another service's backup?")
        }
        do {
            try database.checkIntegrity()
        } catch {
            throw RestoreFailure("the backup failed its integrity check: \(error)")
        }
        return database.schemaVersion
    }

    /// Rejects a file that does not start with the SQLite header string,
    /// before anything is moved.
    private static func checkSQLiteHeader(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RestoreFailure("cannot read backup file \(path)")
        }
        defer { try? handle.close() }
        let header = try handle.read(upToCount: 16) ?? Data()
        guard header == Data("SQLite format 3\0".utf8) else {
            throw RestoreFailure("\(path) is not an SQLite database")
        }
    }

    /// Renames a database file and its `-wal` and `-shm` files, keeping the
    /// suffixes, so a moved database still finds its write-ahead log.
    ///
    /// - Returns: the source paths that existed and were moved.
    private static func moveSet(from source: String, to destination: String) throws -> [String] {
        var moved: [String] = []
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: source + suffix) {
            try rename(source + suffix, destination + suffix)
            moved.append(source + suffix)
        }
        return moved
    }

    private static func databaseSideFiles(of path: String) -> [String] {
        ["-wal", "-shm"].map { path + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
    }

    private static func rename(_ source: String, _ destination: String) throws {
        guard Glibc.rename(source, destination) == 0 else {
            throw RestoreFailure("cannot rename \(source) to \(destination): \(String(cString: strerror(errno)))")
        }
    }

    /// Gives `paths` the owner and group of `directory` when running as root;
    /// does nothing for other users, who can only create files they own.
    private static func giveToDirectoryOwner(_ paths: [String], directory: String) throws {
        guard geteuid() == 0 else {
            return
        }
        var status = stat()
        guard stat(directory, &status) == 0 else {
            throw RestoreFailure("cannot read the owner of \(directory): \(String(cString: strerror(errno)))")
        }
        for path in paths {
            guard chown(path, status.st_uid, status.st_gid) == 0 else {
                throw RestoreFailure("cannot give \(path) to uid \(status.st_uid): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// UTC time as `yyyyMMdd-HHmmss`, for the name of the moved-aside database.
    private static func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }
}
