import JieluCore

extension SQLiteConnection {
    /// Runs `body` between `begin` (`BEGIN` or `BEGIN IMMEDIATE`) and `COMMIT`.
    ///
    /// When `body` or `COMMIT` throws, the transaction is rolled back and the
    /// error is rethrown. The body must not end the transaction itself; use a
    /// `SAVEPOINT` to undo part of it.
    ///
    /// - Throws: the body's error, or `StoreError` when BEGIN or COMMIT fails.
    ///   Also `StoreError` when the transaction was no longer open at COMMIT.
    ///   This call then cannot tell whether the body's changes were kept.
    func withTransaction<T>(
        _ begin: String, logger: Logger, _ body: (SQLiteConnection) throws -> T
    ) throws -> T {
        try run(begin)

        do {
            let value = try body(self)
            guard isInTransaction else {
                throw StoreError.misuse(
                    "the transaction ended inside the body (COMMIT, ROLLBACK or an automatic rollback "
                        + "after an error the body caught); its changes may or may not have been kept")
            }
            try run("COMMIT")
            return value
        } catch {
            rollbackIfInTransaction(logger: logger)
            throw error
        }
    }

    /// Rolls back an open transaction. SQLite may already have rolled back on
    /// its own (for example after SQLITE_FULL), in which case there is nothing to do.
    private func rollbackIfInTransaction(logger: Logger) {
        guard isInTransaction else {
            return
        }
        do {
            try run("ROLLBACK")
        } catch {
            logger.error("rollback failed", ["path": path, "error": String(describing: error)])
        }
    }
}
