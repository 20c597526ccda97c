import Foundation
import JieluCore

/// The position after which the next page of `ListCases` starts: the sort key
/// (received_at_ms, case_id) of the last case of the previous page.
///
/// On the wire it is URL-safe base64 without padding of `<received_at_ms>:<case_id>`.
/// Clients treat it as opaque.
struct PageToken: Equatable {
    var receivedAtMs: Int64
    var caseID: String

    /// Maximum length of an accepted token, in bytes. A real one is far shorter.
    static let maxEncodedBytes = 200

    var encoded: String {
        Data("\(receivedAtMs):\(caseID)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a token from `encoded`.
    ///
    /// - Throws: `ServiceError` INVALID_ARGUMENT `invalid_page_token` (field
    ///   `page_token`) when the text is not a token this service produced.
    init(decoding text: String) throws(ServiceError) {
        guard text.utf8.count <= PageToken.maxEncodedBytes else {
            throw PageToken.invalid
        }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8),
            let colon = plain.firstIndex(of: ":"),
            let receivedAtMs = Int64(plain[..<colon]), receivedAtMs >= 0
        else {
            throw PageToken.invalid
        }
        let caseID = String(plain[plain.index(after: colon)...])
        guard !caseID.isEmpty, caseID.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
        else {
            throw PageToken.invalid
        }
        self.receivedAtMs = receivedAtMs
        self.caseID = caseID
    }

    init(receivedAtMs: Int64, caseID: String) {
        self.receivedAtMs = receivedAtMs
        self.caseID = caseID
    }

    private static let invalid = ServiceError.invalid(
        "page_token", reason: "invalid_page_token",
        message: "分页标记无效；请使用上一页返回的 next_page_token，或留空从第一页开始。")
}
