/// Column names of one result set, shared by all of its rows.
final class ResultColumns: Sendable {
    let names: [String]
    /// Position of each name. When a join returns two columns with the same
    /// name, the first one wins; alias them with `AS` to reach both by name.
    let indexByName: [String: Int]

    init(names: [String]) {
        self.names = names
        var indexByName: [String: Int] = [:]
        for (index, name) in names.enumerated() where indexByName[name] == nil {
            indexByName[name] = index
        }
        self.indexByName = indexByName
    }
}

/// One result row. The values are copied out of SQLite, so a row stays valid
/// after its transaction ends and may be sent to other threads.
///
/// The typed accessors never fail on a type mismatch; they convert as each one
/// documents. Naming a column that the query did not return is a programming
/// error and stops the process with a message listing the columns.
public struct Row: Sendable {
    let columns: ResultColumns
    let values: [SQLValue]

    init(columns: ResultColumns, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// Column names in the order the query returned them.
    public var columnNames: [String] { columns.names }

    public var count: Int { values.count }

    /// Returns the value at a 0-based column position.
    public subscript(index: Int) -> SQLValue {
        precondition(
            values.indices.contains(index),
            "column index \(index) is out of range; the row has \(values.count) columns")
        return values[index]
    }

    /// Returns the stored value without conversion.
    public func value(_ column: String) -> SQLValue {
        values[position(of: column)]
    }

    /// Returns the value as an integer: 0 for NULL and blobs, reals truncated toward
    /// zero and clamped to the `Int64` range, text parsed as a number (0 if it is not one).
    public func int64(_ column: String) -> Int64 {
        value(column).int64Value
    }

    /// `int64(_:)` as an `Int`.
    public func int(_ column: String) -> Int {
        Int(truncatingIfNeeded: value(column).int64Value)
    }

    /// Returns the value as a `Double`: 0 for NULL and blobs, text parsed as a number.
    public func double(_ column: String) -> Double {
        value(column).doubleValue
    }

    /// True when `int64(_:)` is not 0, so NULL reads as false.
    public func bool(_ column: String) -> Bool {
        value(column).int64Value != 0
    }

    /// Returns the value as text: "" for NULL, numbers in decimal, blobs decoded as UTF-8.
    public func string(_ column: String) -> String {
        value(column).stringValue
    }

    /// `string(_:)`, or nil for NULL.
    public func optionalString(_ column: String) -> String? {
        let value = value(column)
        return value.isNull ? nil : value.stringValue
    }

    /// `int64(_:)`, or nil for NULL.
    public func optionalInt64(_ column: String) -> Int64? {
        let value = value(column)
        return value.isNull ? nil : value.int64Value
    }

    /// `double(_:)`, or nil for NULL.
    public func optionalDouble(_ column: String) -> Double? {
        let value = value(column)
        return value.isNull ? nil : value.doubleValue
    }

    /// Returns the value as bytes: [] for NULL, text and numbers as their UTF-8 text.
    public func blob(_ column: String) -> [UInt8] {
        value(column).bytesValue
    }

    public func isNull(_ column: String) -> Bool {
        value(column).isNull
    }

    private func position(of column: String) -> Int {
        guard let index = columns.indexByName[column] else {
            preconditionFailure("no column named \"\(column)\" in this row; its columns are \(columns.names)")
        }
        return index
    }
}
