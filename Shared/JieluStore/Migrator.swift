import CSQLite
import JieluCore

/// Brings a database file to the newest migration, tracking the applied
/// version in `PRAGMA user_version`.
enum Migrator {
    /// Checks that the versions are exactly 1, 2, 3, … in list order.
    ///
    /// - Throws: `StoreError` with `SQLITE_MISUSE` naming the versions found.
    static func validate(_ migrations: [Migration]) throws {
        let versions = migrations.map(\.version)
        for (offset, version) in versions.enumerated() where version != offset + 1 {
            throw StoreError.misuse(
                "migration versions must be 1, 2, 3, … in order without gaps; found \(versions)")
        }
    }

    /// Applies every migration newer than the file's `user_version`, each in its
    /// own transaction.
    ///
    /// - Returns: the schema version of the file afterwards.
    /// - Throws: `StoreError` when the file's version is newer than the newest
    ///   migration (an older binary must not write a newer schema), or when a
    ///   migration fails. A failed migration is rolled back and leaves the file
    ///   at the previous version; later migrations are not tried.
    static func migrate(
        _ connection: SQLiteConnection, to migrations: [Migration], path: String, logger: Logger
    ) throws -> Int {
        let newest = migrations.last?.version ?? 0
        try rejectNewerSchema(try userVersion(connection), newest: newest, path: path)

        for migration in migrations {
            let applied = try connection.withTransaction("BEGIN IMMEDIATE", logger: logger) { connection in
                // Read again under the write lock: another process may have
                // applied this migration since the check above.
                guard try userVersion(connection) < migration.version else {
                    return false
                }
                do {
                    try connection.execute(migration.sql)
                } catch var error as StoreError {
                    error.message = "migration \(migration.version) failed: \(error.message)"
                    throw error
                }
                try connection.execute("PRAGMA user_version = \(migration.version)")
                return true
            }
            if applied {
                logger.info("applied migration", ["path": path, "version": migration.version])
            }
        }

        let version = try userVersion(connection)
        try rejectNewerSchema(version, newest: newest, path: path)
        return version
    }

    static func userVersion(_ connection: SQLiteConnection) throws -> Int {
        guard let row = try connection.queryOne("PRAGMA user_version") else {
            return 0
        }
        return Int(row[0].int64Value)
    }

    private static func rejectNewerSchema(_ version: Int, newest: Int, path: String) throws {
        guard version > newest else {
            return
        }
        throw StoreError(
            code: SQLITE_ERROR,
            message: "database \(path) has schema version \(version), newer than this binary supports (\(newest)); "
                + "upgrade the binary")
    }
}
