import Foundation
import JieluCore

/// A request body that must be one JSON object, with typed accessors that
/// reject a wrong type with the field's name.
///
/// Parsing uses Foundation's `JSONSerialization`, which rejects invalid UTF-8,
/// unpaired surrogates, trailing garbage and nesting deeper than 512 levels.
/// Members the gateway does not read are ignored. A member set to `null`
/// counts as absent. Strings containing U+0000 are rejected, because the
/// backing services store them as C strings.
struct JSONBody {
    private let members: [String: Any]

    /// Parses `bytes`.
    ///
    /// Throws INVALID_ARGUMENT `malformed_json` when the body is empty, not
    /// JSON, or JSON whose top level is not an object.
    init(_ bytes: [UInt8]) throws(ServiceError) {
        guard !bytes.isEmpty else {
            throw JSONBody.malformed("请求体为空，请发送一个 JSON 对象。")
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw JSONBody.malformed("请求体不是有效的 JSON（须为 UTF-8 编码），请检查括号、引号和逗号。")
        }
        guard let object = parsed as? [String: Any] else {
            throw JSONBody.malformed("请求体必须是 JSON 对象（以 { 开头）。")
        }
        members = object
    }

    /// Returns the string member `field`, or nil when it is absent or null.
    ///
    /// Throws INVALID_ARGUMENT `invalid_field` when it is not a string or
    /// contains U+0000.
    func optionalString(_ field: String) throws(ServiceError) -> String? {
        guard let value = present(field) else {
            return nil
        }
        guard let text = value as? String else {
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
        guard let number = value as? NSNumber, JSONBody.isBoolean(number) else {
            throw JSONBody.wrongType(field, expected: "布尔值 true 或 false")
        }
        return number.boolValue
    }

    /// Returns the numeric member `field`, or nil when it is absent or null.
    ///
    /// Throws `invalid_field` when it is not a number (`true` included).
    func optionalNumber(_ field: String) throws(ServiceError) -> Double? {
        guard let value = present(field) else {
            return nil
        }
        guard let number = value as? NSNumber, !JSONBody.isBoolean(number) else {
            throw JSONBody.wrongType(field, expected: "数字")
        }
        return number.doubleValue
    }

    private func present(_ field: String) -> Any? {
        guard let value = members[field], !(value is NSNull) else {
            return nil
        }
        return value
    }

    /// The class Foundation uses for JSON `true` and `false`. On Linux a
    /// parsed `1` also converts with `as? Bool`, so the class is what tells
    /// the two apart.
    private static let booleanType = type(of: NSNumber(value: true))

    private static func isBoolean(_ number: NSNumber) -> Bool {
        type(of: number) == booleanType
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
