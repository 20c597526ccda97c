import CSQLite

/// A bare SQLite connection for the bench: the durable-commit ceiling,
/// seeding and checking the services' files. The services' own `Database`
/// is not used here on purpose: the ceiling must be SQLite alone, and the
/// seeder writes files whose service is stopped.
final class SQLiteFile {
    let path: String
    private let handle: OpaquePointer

    /// Opens `path`; `readOnly` opens without creating.
    init(path: String, readOnly: Bool) throws(LoadError) {
        var handle: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        guard sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw LoadError("cannot open \(path): \(message)")
        }
        self.path = path
        self.handle = handle
        sqlite3_busy_timeout(handle, 10_000)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs SQL without parameters, discarding rows.
    func execute(_ sql: String) throws(LoadError) {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(message)
            throw LoadError("\(path): \(text) in \(sql.prefix(120))")
        }
    }

    func prepare(_ sql: String) throws(LoadError) -> SQLiteStatement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw LoadError("\(path): \(String(cString: sqlite3_errmsg(handle))) in \(sql.prefix(120))")
        }
        return SQLiteStatement(statement, file: self)
    }

    /// The first column of the first row of `sql` as an integer; 0 without rows.
    func integer(_ sql: String) throws(LoadError) -> Int64 {
        let statement = try prepare(sql)
        guard try statement.step() else {
            return 0
        }
        return statement.int64(0)
    }

    var lastError: String {
        String(cString: sqlite3_errmsg(handle))
    }
}

/// A prepared statement of a `SQLiteFile`, bound by position from 1.
final class SQLiteStatement {
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private let statement: OpaquePointer
    private let file: SQLiteFile

    init(_ statement: OpaquePointer, file: SQLiteFile) {
        self.statement = statement
        self.file = file
    }

    deinit {
        sqlite3_finalize(statement)
    }

    func bind(_ index: Int32, _ value: String) {
        sqlite3_bind_text(statement, index, value, -1, SQLiteStatement.transient)
    }

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(statement, index, value)
    }

    func bind(_ index: Int32, _ value: Double) {
        sqlite3_bind_double(statement, index, value)
    }

    func bind(_ index: Int32, _ value: [UInt8]) {
        value.withUnsafeBytes { buffer in
            _ = sqlite3_bind_blob(statement, index, buffer.baseAddress, Int32(buffer.count), SQLiteStatement.transient)
        }
    }

    /// Steps once; true when a row is ready. Throws on an error.
    @discardableResult
    func step() throws(LoadError) -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        default:
            throw LoadError("\(file.path): \(file.lastError)")
        }
    }

    /// Runs the statement to the end and resets it for the next bindings.
    func run() throws(LoadError) {
        defer { reset() }
        while try step() {}
    }

    func reset() {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement, column)
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(statement, column) == SQLITE_NULL
    }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement, column) else {
            return ""
        }
        return String(cString: pointer)
    }
}
