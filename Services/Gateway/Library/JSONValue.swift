import JieluHTTP

/// A JSON document built by the gateway for a response, with object members
/// kept in the order they were written so that responses read the same every
/// time.
///
/// Serialization escapes `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX`, so the
/// output stays inert even if a browser sniffs it as HTML or it lands inside a
/// `<script>` element.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    /// A finite number; NaN and infinities are written as `null`, which JSON
    /// has no spelling for.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// `text`, or `null` when it is empty: for optional string fields.
    static func stringOrNull(_ text: String) -> JSONValue {
        text.isEmpty ? .null : .string(text)
    }

    /// Serializes the value compactly as UTF-8.
    func serializedBytes() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(into: &output)
        return output
    }

    private func write(into output: inout [UInt8]) {
        switch self {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let value):
            output.append(contentsOf: (value ? "true" : "false").utf8)
        case .integer(let value):
            output.append(contentsOf: String(value).utf8)
        case .number(let value):
            if !value.isFinite {
                output.append(contentsOf: "null".utf8)
            } else if value == value.rounded(), abs(value) < 1e15 {
                // Whole numbers without a trailing ".0", as clients expect for counts.
                output.append(contentsOf: String(Int64(value)).utf8)
            } else {
                // Swift prints the shortest text that reads back as the same double.
                output.append(contentsOf: String(value).utf8)
            }
        case .string(let value):
            JSONValue.writeString(value, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 {
                    output.append(UInt8(ascii: ","))
                }
                element.write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 {
                    output.append(UInt8(ascii: ","))
                }
                JSONValue.writeString(member.0, into: &output)
                output.append(UInt8(ascii: ":"))
                member.1.write(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Writes `text` as a JSON string, copying its UTF-8 bytes except those to
    /// escape. These are quote, backslash, control characters and DEL, and also
    /// `<`, `>` and `&`, so the JSON is safe inside HTML. U+2028 and U+2029
    /// (bytes E2 80 A8 and E2 80 A9) are escaped too, because JavaScript
    /// before ES2019 does not accept them in strings.
    private static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            output.reserveCapacity(output.count + bytes.count + 2)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"):
                    output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\n"):
                    output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"):
                    output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case UInt8(ascii: "\t"):
                    output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x00..<0x20, 0x7F:
                    appendEscape(UInt32(byte), into: &output)
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    appendEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029, into: &output)
                    index += 2
                default:
                    output.append(byte)
                }
                index += 1
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendEscape(_ value: UInt32, into output: inout [UInt8]) {
        let digits = hexDigits
        output.append(contentsOf: "\\u".utf8)
        for shift in stride(from: 12, through: 0, by: -4) {
            output.append(digits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}

extension HTTPResponse {
    /// `value` as a JSON response (`application/json; charset=utf-8`).
    static func json(status: Int = 200, _ value: JSONValue, headers: HTTPHeaders = [:]) -> HTTPResponse {
        .json(status: status, body: value.serializedBytes(), headers: headers)
    }
}
