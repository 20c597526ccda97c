import CSQLite

/// A failed SQLite call, or a broken rule of this store (closed database,
/// schema newer than the binary, invalid migration list or options).
///
/// `code` is SQLite's extended result code, so `code & 0xFF` is the primary
/// code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, …). The text is English and meant
/// for logs. Services return `ServiceError.internal` to their callers unless
/// they handle a specific case such as a constraint violation.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// Extended SQLite result code, for example 2067 (`SQLITE_CONSTRAINT_UNIQUE`).
    public var code: Int32
    /// The text of `sqlite3_errmsg`, or this store's explanation for its own errors.
    public var message: String
    /// The statement that failed, when the failure belongs to one. Bound values
    /// are never part of it, so it is safe to log.
    public var sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code, `code` without its extended bits.
    public var primaryCode: Int32 { code & 0xFF }

    /// True for every `SQLITE_CONSTRAINT_*` code: UNIQUE, PRIMARY KEY, FOREIGN KEY,
    /// NOT NULL, CHECK. The transaction that hit it has been rolled back.
    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }

    /// True for every `SQLITE_BUSY_*` code: another connection or process held a lock
    /// past the busy timeout. Retrying the whole transaction may succeed.
    public var isBusy: Bool { primaryCode == SQLITE_BUSY }

    public var description: String {
        var text = "SQLite error \(code) (\(String(cString: sqlite3_errstr(code)))): \(message)"
        if let sql {
            text += " [SQL: \(sql)]"
        }
        return text
    }
}

extension StoreError {
    /// Builds the error that SQLite last recorded on `handle`, with its extended code.
    static func last(on handle: OpaquePointer, sql: String?) -> StoreError {
        StoreError(
            code: sqlite3_extended_errcode(handle),
            message: String(cString: sqlite3_errmsg(handle)),
            sql: sql)
    }

    /// Builds an error for an API misuse that this store detects before SQLite sees it.
    static func misuse(_ message: String, sql: String? = nil) -> StoreError {
        StoreError(code: SQLITE_MISUSE, message: message, sql: sql)
    }

    static func closed(_ path: String) -> StoreError {
        StoreError(code: SQLITE_MISUSE, message: "database \(path) is closed")
    }
}
