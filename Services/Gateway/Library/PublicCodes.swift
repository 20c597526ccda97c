import JieluCore

/// The codes residents type or scan: board codes on street boards and
/// tracking codes on receipts. Both are `RandomCode` strings, so a value of
/// the wrong length or with a character outside the alphabet is rejected
/// before any backend is asked.
enum PublicCodes {
    static let boardCodeLength = 16
    static let trackingCodeLength = 10

    /// Throws `unknown_board` unless `code` is a well-formed board code: NOT_FOUND
    /// for a code in the path, INVALID_ARGUMENT for a request field (`field`
    /// set), matching what intake answers for a well-formed unknown code.
    static func checkBoardCode(_ code: String, field: String? = nil) throws(ServiceError) {
        guard RandomCode.isWellFormed(code, length: boardCodeLength) else {
            throw unknownBoard(code, field: field)
        }
    }

    /// Throws NOT_FOUND `unknown_tracking_code` unless `code` is a well-formed tracking code.
    static func checkTrackingCode(_ code: String) throws(ServiceError) {
        guard RandomCode.isWellFormed(code, length: trackingCodeLength) else {
            throw unknownTrackingCode(code)
        }
    }

    static func unknownBoard(_ code: String, field: String? = nil) -> ServiceError {
        ServiceError(
            field == nil ? .notFound : .invalidArgument,
            reason: "unknown_board",
            message: "找不到公示牌编码 \(displayed(code)) 对应的街路，请核对公示牌上的二维码或编码（\(boardCodeLength) 位字母和数字）。",
            field: field)
    }

    static func unknownTrackingCode(_ code: String) -> ServiceError {
        ServiceError.notFound(
            reason: "unknown_tracking_code",
            message: "找不到查询码 \(displayed(code)) 对应的诉求，请核对回执上的 \(trackingCodeLength) 位查询码。")
    }

    /// `code` shortened to 32 characters for an error message, so a huge
    /// path segment is not echoed back in full.
    private static func displayed(_ code: String) -> String {
        code.count > 32 ? String(code.prefix(32)) + "…" : code
    }
}
