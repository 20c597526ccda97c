/// A Swift value that can be bound to a `?` parameter of a statement.
///
/// Conforming types: `Int`, `Int64`, `Int32`, `UInt32`, `Double`, `Bool`
/// (stored as 1 or 0), `String`, `[UInt8]`, `SQLValue`, and `Optional` of any
/// of them (`nil` binds NULL). Write a bare NULL as `SQLValue.null`, because a
/// plain `nil` literal has no type to bind.
public protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLBindable {
    public var sqlValue: SQLValue { self }
}

extension Int: SQLBindable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Int64: SQLBindable {
    public var sqlValue: SQLValue { .integer(self) }
}

extension Int32: SQLBindable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension UInt32: SQLBindable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Double: SQLBindable {
    public var sqlValue: SQLValue { .real(self) }
}

extension Bool: SQLBindable {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
}

extension String: SQLBindable {
    public var sqlValue: SQLValue { .text(self) }
}

extension Array: SQLBindable where Element == UInt8 {
    public var sqlValue: SQLValue { .blob(self) }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue {
        switch self {
        case .some(let value):
            return value.sqlValue
        case .none:
            return .null
        }
    }
}
