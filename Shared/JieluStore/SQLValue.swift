/// One SQLite value in one of SQLite's five storage classes.
public enum SQLValue: Sendable, Hashable {
    case integer(Int64)
    case real(Double)
    /// UTF-8 text. Embedded NUL characters survive a round trip, but SQL string
    /// functions such as `length()` stop at the first one.
    case text(String)
    /// Bytes. An empty array is stored as a zero-length blob, not as NULL.
    case blob([UInt8])
    case null
}

// MARK: Conversions used by `Row`

extension SQLValue {
    /// Integer view: reals are truncated toward zero and clamped to the `Int64`
    /// range (NaN gives 0), text is parsed as a number, blobs and NULL give 0.
    var int64Value: Int64 {
        switch self {
        case .integer(let value):
            return value
        case .real(let value):
            return SQLValue.clampedInt64(value)
        case .text(let text):
            if let value = Int64(text) {
                return value
            }
            return Double(text).map(SQLValue.clampedInt64) ?? 0
        case .blob, .null:
            return 0
        }
    }

    /// Floating-point view: integers convert, text is parsed, blobs and NULL give 0.
    var doubleValue: Double {
        switch self {
        case .integer(let value):
            return Double(value)
        case .real(let value):
            return value
        case .text(let text):
            return Double(text) ?? 0
        case .blob, .null:
            return 0
        }
    }

    /// Text view: numbers are formatted in decimal, blobs are decoded as UTF-8
    /// (invalid bytes become U+FFFD), NULL gives "".
    var stringValue: String {
        switch self {
        case .integer(let value):
            return String(value)
        case .real(let value):
            return String(value)
        case .text(let text):
            return text
        case .blob(let bytes):
            return String(decoding: bytes, as: UTF8.self)
        case .null:
            return ""
        }
    }

    /// Byte view: text and numbers give their UTF-8 text, NULL gives [].
    var bytesValue: [UInt8] {
        switch self {
        case .blob(let bytes):
            return bytes
        case .null:
            return []
        case .integer, .real, .text:
            return Array(stringValue.utf8)
        }
    }

    var isNull: Bool {
        self == .null
    }

    private static func clampedInt64(_ value: Double) -> Int64 {
        if value.isNaN {
            return 0
        }
        // 2^63 is exactly representable as a Double, while Int64.max is not.
        if value >= 9_223_372_036_854_775_808.0 {
            return .max
        }
        if value <= -9_223_372_036_854_775_808.0 {
            return .min
        }
        return Int64(value)
    }
}
