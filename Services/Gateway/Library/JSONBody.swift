import JieluCore

/// A request body that must be one JSON object, with typed accessors that
/// reject a wrong type with the field's name.
///
/// Parsing uses `JSONParser`, which accepts strict RFC 8259 JSON in UTF-8
/// only. It rejects duplicate names in an object, trailing commas, invalid
/// UTF-8, unpaired surrogate escapes, trailing content and nesting deeper
/// than `JSONParser.maxDepth` levels. Members the gateway does not read are
/// ignored. A member set to `null` counts as absent. A string member that
/// contains U+0000 is rejected when it is read, because the backing services
/// store strings as C strings. Such a string can only come from the escape
/// `\u0000`, because the parser rejects raw control characters.
struct JSONBody {
    /// The top-level members in order. Names are unique, because the parser
    /// rejects duplicates.
    private let members: [(String, JSONValue)]

    /// Parses `bytes`.
    ///
    /// Throws INVALID_ARGUMENT `malformed_json` when the body is empty, not
    /// JSON, or JSON whose top level is not an object. The message names the
    /// problem, and for most problems the byte position.
    init(_ bytes: [UInt8]) throws(ServiceError) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw JSONBody.malformed(JSONBody.message(for: error))
        }
        guard case .object(let members) = document else {
            throw JSONBody.malformed("请求体必须是 JSON 对象（以 { 开头）。")
        }
        self.members = members
    }

    /// Returns the string member `field`, or nil when it is absent or null.
    ///
    /// Throws INVALID_ARGUMENT `invalid_field` when it is not a string or
    /// contains U+0000.
    func optionalString(_ field: String) throws(ServiceError) -> String? {
        guard let value = present(field) else {
            return nil
        }
        guard case .string(let text) = value else {
            throw JSONBody.wrongType(field, expected: "字符串")
        }
        guard !text.unicodeScalars.contains("\0") else {
            throw ServiceError.invalid(field, reason: "invalid_field", message: "字段 \(field) 含有不允许的空字符（U+0000），请删除后重试。")
        }
        return text
    }

    /// Returns the string member `field`.
    ///
    /// Throws INVALID_ARGUMENT `missing_field` when it is absent or null, and
    /// `invalid_field` as `optionalString` does.
    func string(_ field: String) throws(ServiceError) -> String {
        guard let text = try optionalString(field) else {
            throw JSONBody.missing(field)
        }
        return text
    }

    /// Returns the boolean member `field`.
    ///
    /// Throws `missing_field` when it is absent or null and `invalid_field`
    /// when it is anything but `true` or `false` (0 and 1 included).
    func bool(_ field: String) throws(ServiceError) -> Bool {
        guard let value = present(field) else {
            throw JSONBody.missing(field)
        }
        guard case .bool(let flag) = value else {
            throw JSONBody.wrongType(field, expected: "布尔值 true 或 false")
        }
        return flag
    }

    /// Returns the numeric member `field`, or nil when it is absent or null.
    ///
    /// Throws `invalid_field` when it is not a number (`true` included).
    func optionalNumber(_ field: String) throws(ServiceError) -> Double? {
        guard let value = present(field) else {
            return nil
        }
        switch value {
        case .integer(let integer):
            return Double(integer)
        case .number(let number):
            return number
        default:
            throw JSONBody.wrongType(field, expected: "数字")
        }
    }

    private func present(_ field: String) -> JSONValue? {
        guard let member = members.first(where: { $0.0 == field }), member.1 != .null else {
            return nil
        }
        return member.1
    }

    static func malformed(_ message: String) -> ServiceError {
        ServiceError(.invalidArgument, reason: "malformed_json", message: message)
    }

    private static func wrongType(_ field: String, expected: String) -> ServiceError {
        ServiceError.invalid(field, reason: "invalid_field", message: "字段 \(field) 的类型不对，应为\(expected)。")
    }

    private static func missing(_ field: String) -> ServiceError {
        ServiceError.invalid(field, reason: "missing_field", message: "缺少字段 \(field)，请补充后重试。")
    }
}

// MARK: Parse error messages

extension JSONBody {
    /// Maximum characters of a member name quoted in a message.
    static let maxQuotedNameCharacters = 64
    /// Maximum UTF-8 bytes of a member name quoted in a message, which bounds
    /// names made of few characters with many combining marks.
    static let maxQuotedNameBytes = 256

    /// Returns the Simplified Chinese message for a body the parser
    /// rejected. Positions count bytes from 1.
    static func message(for error: JSONParseError) -> String {
        let position = error.offset + 1
        switch error.kind {
        case .emptyInput:
            return "请求体为空，请发送一个 JSON 对象。"
        case .unexpectedEnd:
            return "请求体中的 JSON 不完整，在末尾提前结束，请检查括号和引号是否成对。"
        case .unexpectedCharacter(let scalar):
            return "请求体不是有效的 JSON：第 \(position) 个字节处有意外的字符「\(quotedCharacter(scalar))」，请检查括号、引号和逗号（须为英文半角符号）。"
        case .invalidUTF8:
            return "请求体第 \(position) 个字节处不是有效的 UTF-8 编码，请以 UTF-8 编码发送 JSON。"
        case .controlCharacter:
            return #"JSON 字符串中第 \#(position) 个字节处有未转义的控制字符，换行、制表符等须写成 \n、\t 等转义形式。"#
        case .invalidEscape:
            return #"JSON 字符串中第 \#(position) 个字节处的转义无效，反斜杠后只能跟 " \ / b f n r t，或 u 加四位十六进制数。"#
        case .unpairedSurrogate:
            return #"JSON 字符串中第 \#(position) 个字节处有不成对的 UTF-16 代理项转义，\uD800–\uDBFF 之后须紧跟 \uDC00–\uDFFF。"#
        case .leadingZero:
            return "JSON 中第 \(position) 个字节处的数字不能有前导零，例如 01 应写成 1。"
        case .invalidNumber:
            return "JSON 中第 \(position) 个字节处的数字格式错误：不能以 + 或小数点开头，小数点和指数 e 之后须有数字。"
        case .numberOutOfRange:
            return "JSON 中第 \(position) 个字节处的数字超出可表示的范围。"
        case .nonFiniteNumber:
            return "JSON 不支持 NaN 和 Infinity（第 \(position) 个字节处），请改用数字或 null。"
        case .extraComma:
            return "JSON 中有多余的逗号（第 \(position) 个字节处），最后一个元素或成员之后不能再加逗号。"
        case .duplicateName(let name):
            return "JSON 对象中字段「\(quotedName(name))」重复出现，请只保留一个。"
        case .trailingContent:
            return "JSON 之后还有多余的内容（第 \(position) 个字节处），请求体只能包含一个 JSON 对象。"
        case .nestingTooDeep:
            return "JSON 嵌套超过 \(JSONParser.maxDepth) 层的上限（第 \(position) 个字节处）。"
        }
    }

    /// Returns `name` shortened for a message: at most
    /// `maxQuotedNameCharacters` characters and `maxQuotedNameBytes` bytes,
    /// cut between characters and marked with "…". Characters containing a
    /// control character, a line or paragraph separator or a bidirectional
    /// control become U+FFFD, so a name cannot break or reorder the message.
    static func quotedName(_ name: String) -> String {
        var quoted = ""
        var characters = 0
        var bytes = 0
        for character in name {
            let printable: Character = character.unicodeScalars.contains(where: isHiddenInMessage) ? "\u{FFFD}" : character
            let size = printable.utf8.count
            if characters == maxQuotedNameCharacters || bytes + size > maxQuotedNameBytes {
                return quoted + "…"
            }
            quoted.append(printable)
            characters += 1
            bytes += size
        }
        return quoted
    }

    /// Returns the character of an unexpected-character message, or its code
    /// point (`U+0027`) when it is invisible or would break the message.
    private static func quotedCharacter(_ scalar: Unicode.Scalar) -> String {
        if scalar.value <= 0x20 || isHiddenInMessage(scalar) || scalar.properties.generalCategory == .spaceSeparator {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        return String(scalar)
    }

    private static func isHiddenInMessage(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator:
            return true
        default:
            return scalar.properties.isBidiControl
        }
    }
}
