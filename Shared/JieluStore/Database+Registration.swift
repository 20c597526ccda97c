import CSQLite
import JieluCore

extension Database {
    /// Runs `PRAGMA quick_check` on a read-only connection.
    ///
    /// - Throws: `StoreError` with `SQLITE_CORRUPT` listing the first problems
    ///   SQLite found, or the error of the query itself.
    public func checkIntegrity() throws {
        let problems = try withReader("checkIntegrity") { connection in
            try connection.query("PRAGMA quick_check(10)").map { $0[0].stringValue }
        }
        guard problems != ["ok"] else {
            return
        }
        throw StoreError(
            code: SQLITE_CORRUPT, message: "database \(path) failed its integrity check: \(problems.joined(separator: "; "))")
    }

    /// This database as `OpenDatabases` lists it. The closures hold the
    /// database weakly, so the entry does not keep it open; once it is gone
    /// they throw as a closed database would.
    func openDatabaseEntry() -> OpenDatabase {
        let path = path
        return OpenDatabase(
            path: path, schemaVersion: schemaVersion,
            backUp: { [weak self] destination in
                guard let self else {
                    throw StoreError.closed(path)
                }
                try self.backup(to: destination)
            },
            checkIntegrity: { [weak self] in
                guard let self else {
                    throw StoreError.closed(path)
                }
                try self.checkIntegrity()
            })
    }
}
