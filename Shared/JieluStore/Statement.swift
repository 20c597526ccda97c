import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `SQLITE_TRANSIENT`, which Swift does not import: SQLite copies the bound
/// bytes before the bind call returns.
private let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement owned by one `SQLiteConnection`, which caches it by its
/// SQL text. Every use must end with `reset()` so the next use starts clean.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    /// The owning connection's use counter at the last use, for eviction.
    var lastUse: UInt64 = 0
    /// The result columns of the last execution, reused while SQLite reports
    /// the same names.
    private var cachedColumns: ResultColumns?

    init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
    }

    private var connectionHandle: OpaquePointer {
        sqlite3_db_handle(handle)
    }

    /// Binds `values` to parameters 1…n.
    ///
    /// - Throws: `StoreError` with `SQLITE_RANGE` when the count differs from the
    ///   statement's parameter count, or SQLite's error for a failed bind.
    func bind(_ values: [any SQLBindable]) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw StoreError(
                code: SQLITE_RANGE,
                message: "statement has \(expected) parameters but \(values.count) values were bound",
                sql: sql)
        }

        for (offset, value) in values.enumerated() {
            let result = bind(value.sqlValue, at: Int32(offset + 1))
            guard result == SQLITE_OK else {
                throw StoreError.last(on: connectionHandle, sql: sql)
            }
        }
    }

    private func bind(_ value: SQLValue, at index: Int32) -> Int32 {
        switch value {
        case .integer(let number):
            return sqlite3_bind_int64(handle, index, number)
        case .real(let number):
            return sqlite3_bind_double(handle, index, number)
        case .text(let text):
            var text = text
            return text.withUTF8 { bytes in
                guard let base = bytes.baseAddress, bytes.count > 0 else {
                    return sqlite3_bind_text64(handle, index, "", 0, transientDestructor, UInt8(SQLITE_UTF8))
                }
                let characters = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
                return sqlite3_bind_text64(
                    handle, index, characters, UInt64(bytes.count), transientDestructor, UInt8(SQLITE_UTF8))
            }
        case .blob(let bytes):
            return bytes.withUnsafeBytes { buffer in
                // A nil pointer would bind NULL, so an empty blob needs its own call.
                guard let base = buffer.baseAddress, buffer.count > 0 else {
                    return sqlite3_bind_zeroblob(handle, index, 0)
                }
                return sqlite3_bind_blob64(handle, index, base, UInt64(buffer.count), transientDestructor)
            }
        case .null:
            return sqlite3_bind_null(handle, index)
        }
    }

    /// Advances to the next row.
    ///
    /// - Returns: true when a row is ready, false when the statement is done.
    /// - Throws: `StoreError` with the extended code of the failed step.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        default:
            throw StoreError.last(on: connectionHandle, sql: sql)
        }
    }

    /// Reads the result column names. Callers read them once per execution, not
    /// once per statement, because SQLite re-prepares a statement after a schema
    /// change and `SELECT *` may then return other columns. The names are
    /// compared with those of the last execution, and when they are the same,
    /// the `ResultColumns` built then is returned instead of a new name index.
    func resultColumns() -> ResultColumns {
        let count = Int(sqlite3_column_count(handle))
        if let cached = cachedColumns, cached.names.count == count, hasColumnNames(cached.names) {
            return cached
        }
        var names: [String] = []
        names.reserveCapacity(count)
        for index in 0..<Int32(count) {
            if let name = sqlite3_column_name(handle, index) {
                names.append(String(cString: name))
            } else {
                names.append("")
            }
        }
        let columns = ResultColumns(names: names)
        cachedColumns = columns
        return columns
    }

    /// Returns whether SQLite reports exactly `names` as the result columns,
    /// comparing bytes without building strings.
    private func hasColumnNames(_ names: [String]) -> Bool {
        for (index, name) in names.enumerated() {
            guard let pointer = sqlite3_column_name(handle, Int32(index)) else {
                if name.isEmpty {
                    continue
                }
                return false
            }
            let bytes = UnsafeRawBufferPointer(start: pointer, count: strlen(pointer))
            if !name.utf8.elementsEqual(bytes) {
                return false
            }
        }
        return true
    }

    /// Copies the current row out of SQLite.
    ///
    /// - Throws: `StoreError` with `SQLITE_NOMEM` when SQLite cannot produce a
    ///   text or blob value.
    func currentRow(columns: ResultColumns) throws -> Row {
        var values: [SQLValue] = []
        values.reserveCapacity(columns.names.count)
        for index in 0..<Int32(columns.names.count) {
            values.append(try columnValue(at: index))
        }
        return Row(columns: columns, values: values)
    }

    private func columnValue(at index: Int32) throws -> SQLValue {
        // The type must be read before any conversion call changes it.
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            // column_bytes must come after column_text, which may convert the encoding.
            guard let characters = sqlite3_column_text(handle, index) else {
                throw StoreError.last(on: connectionHandle, sql: sql)
            }
            let count = Int(sqlite3_column_bytes(handle, index))
            return .text(String(decoding: UnsafeBufferPointer(start: characters, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let bytes = sqlite3_column_blob(handle, index)
            let count = Int(sqlite3_column_bytes(handle, index))
            guard count > 0 else {
                return .blob([])
            }
            guard let bytes else {
                throw StoreError.last(on: connectionHandle, sql: sql)
            }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            return .null
        }
    }

    /// Makes the statement ready for its next use and drops the bound values.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func finalize() {
        sqlite3_finalize(handle)
    }
}
