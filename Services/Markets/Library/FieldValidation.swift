import Foundation
import JieluCore

/// Checks of single values that requests and the dataset share. Each throws
/// INVALID_ARGUMENT naming `field` with a stable reason and a Chinese
/// message that shows the value and what to do.
enum FieldValidation {
    static let stallTypes = ["food", "produce", "goods"]
    static let maxNameCharacters = 30
    static let maxNoteCharacters = 500
    static let maxShortTextCharacters = 100
    static let maxIdentifierCharacters = 64
    static let maxActorCharacters = 80

    /// Returns the label of a stall type, as in 「食品类」.
    static func stallTypeLabel(_ type: String) -> String {
        switch type {
        case "food": "食品类"
        case "produce": "果蔬类"
        case "goods": "百货类"
        default: type
        }
    }

    /// Returns `text` trimmed; it must have 1 to `maxCharacters` characters
    /// and no control characters (line breaks and tabs only when
    /// `allowsLineBreaks`).
    static func text(
        _ text: String, field: String, label: String, maxCharacters: Int, allowsLineBreaks: Bool = false
    ) throws(ServiceError) -> String {
        let trimmed = text.trimmingWhitespaceAndNewlines()
        guard !trimmed.isEmpty else {
            throw ServiceError.invalid(field, reason: "missing_\(field)", message: "请填写\(label)。")
        }
        guard trimmed.count <= maxCharacters else {
            throw ServiceError.invalid(
                field, reason: "\(field)_too_long", message: "\(label)有 \(trimmed.count) 个字，最多 \(maxCharacters) 个字；请精简。")
        }
        let allowed: Set<Unicode.Scalar> = allowsLineBreaks ? ["\n", "\r", "\t"] : []
        let hasControl = trimmed.unicodeScalars.contains { scalar in
            scalar.properties.generalCategory == .control && !allowed.contains(scalar)
        }
        guard !hasControl else {
            throw ServiceError.invalid(field, reason: "invalid_\(field)", message: "\(label)中含有无法显示的控制字符；请删除后重试。")
        }
        return trimmed
    }

    /// Returns `text` trimmed, which may be empty, with at most `maxCharacters`.
    static func optionalText(
        _ text: String, field: String, label: String, maxCharacters: Int
    ) throws(ServiceError) -> String {
        if text.trimmingWhitespaceAndNewlines().isEmpty {
            return ""
        }
        return try self.text(text, field: field, label: label, maxCharacters: maxCharacters, allowsLineBreaks: true)
    }

    /// Returns an identifier from a request trimmed: 1 to 64 visible ASCII characters.
    ///
    /// - Throws: INVALID_ARGUMENT `missing_<field>` when empty or malformed.
    static func identifier(_ text: String, field: String, label: String) throws(ServiceError) -> String {
        let value = text.trimmingWhitespace()
        guard !value.isEmpty, value.utf8.count <= maxIdentifierCharacters,
            value.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
        else {
            throw ServiceError.invalid(field, reason: "missing_\(field)", message: "请提供有效的\(label)（\(field)）。")
        }
        return value
    }

    /// Returns the actor of a change: "system", "dataset", "staff:<id>",
    /// "token:<id>" or "hauler:<id>", up to 80 visible ASCII characters.
    ///
    /// - Throws: INVALID_ARGUMENT `missing_actor`.
    static func actor(_ text: String) throws(ServiceError) -> String {
        let value = text.trimmingWhitespace()
        guard !value.isEmpty, value.utf8.count <= maxActorCharacters,
            value.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
        else {
            throw ServiceError.invalid("actor", reason: "missing_actor", message: "缺少操作人（actor），无法记录是谁做的变更。")
        }
        return value
    }

    /// Returns a stall or goods type: "food", "produce" or "goods".
    static func stallType(_ text: String, field: String) throws(ServiceError) -> String {
        guard stallTypes.contains(text) else {
            throw ServiceError.invalid(
                field, reason: "invalid_stall_type",
                message: "类型「\(text)」无效；应为 food（食品类）、produce（果蔬类）或 goods（百货类）。")
        }
        return text
    }

    /// Returns a person's or company's name trimmed: 1 to 30 characters, no control characters.
    static func name(_ text: String, field: String = "name") throws(ServiceError) -> String {
        try self.text(text, field: field, label: "姓名", maxCharacters: maxNameCharacters)
    }

    /// Returns the ID-card number normalized to upper case: 18 characters,
    /// 17 digits and a check character (0-9 or X) that matches the GB 11643
    /// checksum, with a real birth date between 1900 and today.
    ///
    /// - Throws: INVALID_ARGUMENT `invalid_id_card` (field `field`).
    static func idCard(_ text: String, field: String = "id_card", nowMs: Int64) throws(ServiceError) -> String {
        let value = text.trimmingWhitespace().uppercased()
        guard IDCardNumber.isValid(value, nowMs: nowMs) else {
            throw ServiceError.invalid(
                field, reason: "invalid_id_card",
                message: "身份证号码「\(IDCardNumber.masked(value))」无效；应为 18 位，出生日期和最后一位校验码须正确。")
        }
        return value
    }

    /// Returns a mainland mobile number: 11 digits starting with 1[3-9].
    ///
    /// - Throws: INVALID_ARGUMENT `invalid_phone`.
    static func mobilePhone(_ text: String, field: String = "phone") throws(ServiceError) -> String {
        let phone = text.trimmingWhitespace()
        let bytes = Array(phone.utf8)
        let isMobile =
            bytes.count == 11 && bytes[0] == UInt8(ascii: "1")
            && (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(bytes[1])
            && bytes.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        guard isMobile else {
            throw ServiceError.invalid(
                field, reason: "invalid_phone", message: "手机号「\(maskPhone(phone))」格式不正确；请填写 11 位手机号。")
        }
        return phone
    }

    /// Returns a result of an inspection: "pass" or "violation".
    static func inspectionResult(_ text: String) throws(ServiceError) -> String {
        guard text == "pass" || text == "violation" else {
            throw ServiceError.invalid(
                "result", reason: "invalid_result", message: "检查结果「\(text)」无效；应为 pass（合格）或 violation（违规）。")
        }
        return text
    }
}
