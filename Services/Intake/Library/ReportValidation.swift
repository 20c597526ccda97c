import Foundation
import JieluContract
import JieluCore

/// The checks of a `SubmitReport` request that need no other service.
///
/// The category and the board are checked against the registry afterwards
/// (`CategoryCatalog`, `BoardLookup`).
enum ReportValidation {
    static let maxDescriptionCharacters = 500
    /// A second cap in UTF-8 bytes, because one grapheme cluster can carry
    /// any number of combining marks.
    static let maxDescriptionBytes = FreeText.maxBytes(forCharacters: maxDescriptionCharacters)
    static let maxIdempotencyKeyCharacters = 128
    static let minLandlineCharacters = 7
    static let maxLandlineCharacters = 20
    /// Maximum length of a board code, category code or channel, in characters.
    /// Real ones are far shorter, and the limit keeps junk out of logs and calls.
    static let maxCodeCharacters = 64

    /// A request that passed the local checks, with its text trimmed.
    struct CheckedReport: Equatable {
        var boardCode: String
        var categoryCode: String
        var description: String
        /// Empty when the resident gave none.
        var contactPhone: String
        var hasLocation: Bool
        var lat: Double
        var lon: Double
        /// Nil when the request has none.
        var idempotencyKey: String?
        var channel: String
        /// "manifest:<id>", "station:<id>" or empty.
        var externalRef: String
    }

    /// Runs every local check: description, phone, location, idempotency key,
    /// channel and external reference, then whether a category code and a
    /// board code are present.
    ///
    /// - Throws: `ServiceError` INVALID_ARGUMENT naming the field, with reason
    ///   `empty_description`, `description_too_long`, `invalid_description`,
    ///   `invalid_phone`, `invalid_location`, `invalid_idempotency_key`,
    ///   `invalid_channel`, `invalid_external_ref`, `unknown_category` or
    ///   `unknown_board`.
    static func check(_ request: Intake.SubmitReportRequest) throws(ServiceError) -> CheckedReport {
        let description = try description(request.description)
        let contactPhone = try contactPhone(request.contactPhone)
        var lat = 0.0
        var lon = 0.0
        if request.hasLocation {
            lat = try coordinate(request.lat, field: "lat", limit: 90)
            lon = try coordinate(request.lon, field: "lon", limit: 180)
        }
        let idempotencyKey = try idempotencyKey(request.idempotencyKey)
        let channel = try channel(request.channel)
        let externalRef = try externalRef(request.externalRef)

        let categoryCode = request.categoryCode.trimmingWhitespace()
        guard !categoryCode.isEmpty, categoryCode.count <= maxCodeCharacters else {
            throw unknownCategory(categoryCode)
        }
        let boardCode = request.boardCode.trimmingWhitespace()
        guard !boardCode.isEmpty, boardCode.count <= maxCodeCharacters else {
            throw ServiceError.invalid(
                "board_code", reason: "unknown_board", message: "缺少有效的公示牌编码；请扫描街路公示牌上的二维码后再提交。")
        }

        return CheckedReport(
            boardCode: boardCode, categoryCode: categoryCode, description: description, contactPhone: contactPhone,
            hasLocation: request.hasLocation, lat: lat, lon: lon, idempotencyKey: idempotencyKey, channel: channel,
            externalRef: externalRef)
    }

    /// Returns the description without leading and trailing blanks. It must
    /// have 1 to 500 characters (grapheme clusters, so "街" and "👍🏽" count as
    /// one), at most 4,000 UTF-8 bytes, something besides blanks and invisible
    /// format characters, and no control characters besides line breaks and tabs.
    static func description(_ text: String) throws(ServiceError) -> String {
        let description = text.trimmingWhitespaceAndNewlines()
        guard !FreeText.isBlank(description) else {
            throw ServiceError.invalid(
                "description", reason: "empty_description", message: "请描述遇到的问题，例如位置、现象和持续时间。")
        }
        guard description.count <= maxDescriptionCharacters else {
            throw ServiceError.invalid(
                "description", reason: "description_too_long",
                message: "问题描述有 \(description.count) 个字，最多 \(maxDescriptionCharacters) 个字；请精简后再提交。")
        }
        guard description.utf8.count <= maxDescriptionBytes else {
            throw ServiceError.invalid(
                "description", reason: "description_too_long",
                message: "问题描述过长（\(description.utf8.count) 字节，最多 \(maxDescriptionBytes) 字节），可能含有大量组合符号；请精简后再提交。")
        }
        guard !FreeText.hasControlCharacters(description) else {
            throw ServiceError.invalid(
                "description", reason: "invalid_description", message: "问题描述中含有无法显示的控制字符；请删除后再提交。")
        }
        return description
    }

    /// Returns the phone number without blanks. It must be empty, a mainland
    /// mobile number (11 digits, `1[3-9]` then 9 digits), or a landline of
    /// digits with exactly one hyphen, 7 to 20 characters, such as 010-12345678.
    static func contactPhone(_ text: String) throws(ServiceError) -> String {
        let phone = text.trimmingWhitespace()
        if phone.isEmpty || isMobile(phone) || isLandline(phone) {
            return phone
        }
        throw ServiceError.invalid(
            "contact_phone", reason: "invalid_phone",
            message: "联系电话「\(phone)」格式不正确；请填写 11 位手机号，或带区号的座机号（如 010-12345678），也可以不填。")
    }

    static func isMobile(_ phone: String) -> Bool {
        let bytes = Array(phone.utf8)
        return bytes.count == 11 && bytes[0] == UInt8(ascii: "1")
            && (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(bytes[1]) && bytes.allSatisfy(isDigit)
    }

    static func isLandline(_ phone: String) -> Bool {
        let bytes = Array(phone.utf8)
        guard (minLandlineCharacters...maxLandlineCharacters).contains(bytes.count) else {
            return false
        }
        let hyphens = bytes.filter { $0 == UInt8(ascii: "-") }.count
        return hyphens == 1 && bytes.first != UInt8(ascii: "-") && bytes.last != UInt8(ascii: "-")
            && bytes.allSatisfy { isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    /// Returns a latitude (`limit` 90) or longitude (`limit` 180) after checking
    /// that it is finite and within ±`limit` degrees.
    static func coordinate(_ value: Double, field: String, limit: Double) throws(ServiceError) -> Double {
        guard value.isFinite, (-limit...limit).contains(value) else {
            throw ServiceError.invalid(
                field, reason: "invalid_location",
                message: "位置坐标 \(field)=\(value) 无效；纬度应在 -90 到 90 之间，经度应在 -180 到 180 之间。")
        }
        return value
    }

    /// Returns nil for an empty key, otherwise the key exactly as sent. It must
    /// have up to 128 printable ASCII characters (space to "~").
    static func idempotencyKey(_ key: String) throws(ServiceError) -> String? {
        if key.isEmpty {
            return nil
        }
        let isPrintableASCII = key.utf8.allSatisfy { (0x20...0x7E).contains($0) }
        guard isPrintableASCII, key.utf8.count <= maxIdempotencyKeyCharacters else {
            throw ServiceError.invalid(
                "idempotency_key", reason: "invalid_idempotency_key",
                message: "幂等键无效：应为不超过 \(maxIdempotencyKeyCharacters) 个可打印 ASCII 字符（例如 UUID）。")
        }
        return key
    }

    /// Returns the channel without blanks. It must be empty or up to 64 visible
    /// ASCII characters ("!" to "~").
    static func channel(_ text: String) throws(ServiceError) -> String {
        let channel = text.trimmingWhitespace()
        guard channel.utf8.count <= maxCodeCharacters, channel.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw ServiceError.invalid(
                "channel", reason: "invalid_channel", message: "来源渠道「\(channel)」无效；应为不超过 64 个字符的英文标识，如 qr_board。")
        }
        return channel
    }

    /// Returns the external reference as sent: empty, or "manifest:" or
    /// "station:" followed by 1 to 64 ASCII letters, digits, "-" or "_".
    static func externalRef(_ text: String) throws(ServiceError) -> String {
        if text.isEmpty {
            return text
        }
        let kinds = ["manifest:", "station:"]
        let id = kinds.first(where: text.hasPrefix).map { text.utf8.dropFirst($0.utf8.count) }
        let isWellFormed = id.map { id in
            (1...maxCodeCharacters).contains(id.count)
                && id.allSatisfy { byte in
                    isDigit(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                        || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "-")
                        || byte == UInt8(ascii: "_")
                }
        }
        guard isWellFormed == true else {
            throw ServiceError.invalid(
                "external_ref", reason: "invalid_external_ref",
                message: "关联编号「\(text)」无效；应为 manifest:<联单编号> 或 station:<回收站编号>。")
        }
        return text
    }

    static func unknownCategory(_ code: String) -> ServiceError {
        ServiceError.invalid(
            "category_code", reason: "unknown_category", message: "问题类别「\(code)」不存在；请从类别列表中选择。")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
