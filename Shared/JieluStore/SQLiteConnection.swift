import CSQLite

/// One SQLite connection with a cache of prepared statements.
///
/// A connection is used by one thread at a time, so it is not `Sendable`.
/// `Database` hands one to the body of each `write` or `read`; keep it inside
/// that body. Each call runs to completion and copies its rows out before it
/// returns, so no statement stays active between calls.
public final class SQLiteConnection {
    /// Statements kept prepared per connection. Past this count the least
    /// recently used one is finalized, so SQL built at run time (for example
    /// `IN (?, ?, …)` lists of varying length) cannot grow the cache without bound.
    static let maximumCachedStatements = 256

    let handle: OpaquePointer
    let path: String
    private var statements: [String: Statement] = [:]
    private var useCounter: UInt64 = 0
    private var isOpen = true

    /// Opens `path` with `flags` (`SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE` or
    /// `SQLITE_OPEN_READONLY`). NOMUTEX is added because callers serialise access,
    /// and extended result codes are turned on.
    ///
    /// - Throws: `StoreError` with SQLite's code and message, for example
    ///   `SQLITE_CANTOPEN` when the file or its directory is missing or unreadable.
    init(path: String, flags: Int32, busyTimeoutMilliseconds: Int) throws {
        var handle: OpaquePointer?
        let result = sqlite3_open_v2(
            path, &handle, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nil)
        guard result == SQLITE_OK, let handle else {
            // SQLite allocates a handle even when opening fails; it carries the message.
            var error = StoreError(code: result, message: "cannot open database \(path)")
            if let handle {
                error.message += ": " + String(cString: sqlite3_errmsg(handle))
                sqlite3_close_v2(handle)
            }
            throw error
        }

        self.handle = handle
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, Int32(clamping: busyTimeoutMilliseconds))
    }

    deinit {
        close()
    }

    // MARK: Running SQL

    /// Runs a script of one or more statements without bound values, such as a
    /// schema migration. Rows the statements return are discarded.
    ///
    /// - Throws: `StoreError` from the first failing statement. The statements
    ///   before it have run; the surrounding transaction decides whether they stay.
    public func execute(_ sql: String) throws {
        try checkOpen(sql: sql)

        var errorMessage: UnsafeMutablePointer<CChar>?
        let result = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        guard result == SQLITE_OK else {
            var error = StoreError.last(on: handle, sql: sql)
            if let errorMessage {
                error.message = String(cString: errorMessage)
                sqlite3_free(errorMessage)
            }
            throw error
        }
    }

    /// Runs one statement (INSERT, UPDATE, DELETE, DDL) with `bindings` bound to
    /// its `?` parameters in order.
    ///
    /// - Returns: the number of rows the statement changed (`sqlite3_changes64`).
    /// - Throws: `StoreError` when the SQL is not exactly one statement, the
    ///   number of bindings differs from the number of parameters, or SQLite
    ///   fails, for example on a constraint violation.
    @discardableResult
    public func run(_ sql: String, _ bindings: any SQLBindable...) throws -> Int {
        try run(sql, bindings: bindings)
    }

    /// `run(_:_:)` with the bindings in an array.
    @discardableResult
    public func run(_ sql: String, bindings: [any SQLBindable]) throws -> Int {
        let statement = try prepare(sql)
        defer { statement.reset() }

        try statement.bind(bindings)
        // Step to the end so that `INSERT … RETURNING` and the like complete.
        while try statement.step() {}
        return Int(sqlite3_changes64(handle))
    }

    /// Runs one query and returns all of its rows.
    ///
    /// - Throws: as `run(_:_:)`.
    public func query(_ sql: String, _ bindings: any SQLBindable...) throws -> [Row] {
        try query(sql, bindings: bindings)
    }

    /// `query(_:_:)` with the bindings in an array.
    public func query(_ sql: String, bindings: [any SQLBindable]) throws -> [Row] {
        try collectRows(sql, bindings: bindings, limit: .max)
    }

    /// Runs one query and returns its first row, or nil when it returns none.
    /// Later rows are not read.
    ///
    /// - Throws: as `run(_:_:)`.
    public func queryOne(_ sql: String, _ bindings: any SQLBindable...) throws -> Row? {
        try queryOne(sql, bindings: bindings)
    }

    /// `queryOne(_:_:)` with the bindings in an array.
    public func queryOne(_ sql: String, bindings: [any SQLBindable]) throws -> Row? {
        try collectRows(sql, bindings: bindings, limit: 1).first
    }

    /// The rowid of the last successful INSERT on this connection, 0 if none.
    public var lastInsertRowID: Int64 {
        sqlite3_last_insert_rowid(handle)
    }

    /// Whether an explicit transaction is open on this connection.
    var isInTransaction: Bool {
        sqlite3_get_autocommit(handle) == 0
    }

    private func collectRows(_ sql: String, bindings: [any SQLBindable], limit: Int) throws -> [Row] {
        let statement = try prepare(sql)
        defer { statement.reset() }

        try statement.bind(bindings)
        var rows: [Row] = []
        var columns: ResultColumns?
        while rows.count < limit, try statement.step() {
            let rowColumns = columns ?? statement.resultColumns()
            columns = rowColumns
            rows.append(try statement.currentRow(columns: rowColumns))
        }
        return rows
    }

    // MARK: Statement cache

    /// Returns the cached statement for `sql`, preparing it on first use.
    ///
    /// - Throws: `StoreError` when SQLite rejects the SQL, when it contains no
    ///   statement, or when it contains more than one (use `execute` for scripts).
    private func prepare(_ sql: String) throws -> Statement {
        try checkOpen(sql: sql)
        useCounter += 1

        if let cached = statements[sql] {
            cached.lastUse = useCounter
            return cached
        }

        let statement = try compile(sql)
        if statements.count >= SQLiteConnection.maximumCachedStatements {
            evictLeastRecentlyUsed()
        }
        statement.lastUse = useCounter
        statements[sql] = statement
        return statement
    }

    private func compile(_ sql: String) throws -> Statement {
        try sql.withCString { text in
            var compiled: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let flags = UInt32(SQLITE_PREPARE_PERSISTENT)
            guard sqlite3_prepare_v3(handle, text, -1, flags, &compiled, &tail) == SQLITE_OK else {
                throw StoreError.last(on: handle, sql: sql)
            }
            guard let compiled else {
                throw StoreError.misuse("the SQL contains no statement", sql: sql)
            }

            // Anything after the first statement other than blanks, semicolons
            // and comments compiles to a second statement, which run and query
            // would silently skip.
            if let tail, tail.pointee != 0 {
                var extra: OpaquePointer?
                let result = sqlite3_prepare_v2(handle, tail, -1, &extra, nil)
                if result != SQLITE_OK || extra != nil {
                    sqlite3_finalize(extra)
                    sqlite3_finalize(compiled)
                    throw StoreError.misuse(
                        "run and query take exactly one statement; use execute for a script", sql: sql)
                }
            }
            return Statement(handle: compiled, sql: sql)
        }
    }

    private func evictLeastRecentlyUsed() {
        guard let oldest = statements.values.min(by: { $0.lastUse < $1.lastUse }) else {
            return
        }
        statements[oldest.sql] = nil
        oldest.finalize()
    }

    // MARK: Lifecycle

    private func checkOpen(sql: String) throws {
        guard isOpen else {
            throw StoreError.misuse("connection to \(path) is closed", sql: sql)
        }
    }

    /// Finalizes the cached statements and closes the connection. Calls after
    /// this throw; closing twice does nothing.
    func close() {
        guard isOpen else {
            return
        }
        isOpen = false
        for statement in statements.values {
            statement.finalize()
        }
        statements.removeAll()
        sqlite3_close_v2(handle)
    }
}

/// A connection must stay on the thread that `Database` gave it to.
@available(*, unavailable)
extension SQLiteConnection: Sendable {}
