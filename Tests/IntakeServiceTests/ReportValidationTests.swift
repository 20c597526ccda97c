import JieluContract
import JieluCore
import Testing

@testable import IntakeService

@Suite("Intake report validation")
struct ReportValidationTests {
    /// A request change and the reason and field it must be rejected with.
    struct Rejection: CustomTestStringConvertible, Sendable {
        let label: String
        let change: @Sendable (inout Intake.SubmitReportRequest) -> Void
        let reason: String
        let field: String

        var testDescription: String { label }
    }

    static let rejections: [Rejection] = [
        Rejection(label: "empty description", change: { $0.description = "" }, reason: "empty_description", field: "description"),
        Rejection(label: "blank description", change: { $0.description = " \n\t　" }, reason: "empty_description", field: "description"),
        Rejection(
            label: "501 characters", change: { $0.description = String(repeating: "路", count: 501) },
            reason: "description_too_long", field: "description"),
        Rejection(
            label: "501 emoji", change: { $0.description = String(repeating: "👍🏽", count: 501) },
            reason: "description_too_long", field: "description"),
        Rejection(
            label: "combining marks past 4,000 bytes", change: { $0.description = "a" + String(repeating: "\u{0301}", count: 2500) },
            reason: "description_too_long", field: "description"),
        Rejection(label: "only invisible characters", change: { $0.description = "\u{FEFF}\u{200B}" }, reason: "empty_description", field: "description"),
        Rejection(label: "bell character", change: { $0.description = "占道\u{07}经营" }, reason: "invalid_description", field: "description"),
        Rejection(label: "NUL character", change: { $0.description = "占道\u{00}经营" }, reason: "invalid_description", field: "description"),
        Rejection(label: "DEL character", change: { $0.description = "占道\u{7F}经营" }, reason: "invalid_description", field: "description"),
        Rejection(label: "C1 control", change: { $0.description = "占道\u{9B}经营" }, reason: "invalid_description", field: "description"),
        Rejection(label: "mobile 12x", change: { $0.contactPhone = "12812345678" }, reason: "invalid_phone", field: "contact_phone"),
        Rejection(label: "mobile 10 digits", change: { $0.contactPhone = "1381234567" }, reason: "invalid_phone", field: "contact_phone"),
        Rejection(label: "mobile 12 digits", change: { $0.contactPhone = "138123456789" }, reason: "invalid_phone", field: "contact_phone"),
        Rejection(label: "country code", change: { $0.contactPhone = "+8613812345678" }, reason: "invalid_phone", field: "contact_phone"),
        Rejection(label: "full-width digits", change: { $0.contactPhone = "１３８１２３４５６７８" }, reason: "invalid_phone", field: "contact_phone"),
        Rejection(label: "landline without hyphen", change: { $0.contactPhone = "0101234567" }, reason: "invalid_phone", field: "contact_phone"),
        Rejection(label: "two hyphens", change: { $0.contactPhone = "010-1234-5678" }, reason: "invalid_phone", field: "contact_phone"),
        Rejection(label: "leading hyphen", change: { $0.contactPhone = "-0101234567" }, reason: "invalid_phone", field: "contact_phone"),
        Rejection(label: "trailing hyphen", change: { $0.contactPhone = "0101234567-" }, reason: "invalid_phone", field: "contact_phone"),
        Rejection(label: "landline 6 characters", change: { $0.contactPhone = "0-1234" }, reason: "invalid_phone", field: "contact_phone"),
        Rejection(
            label: "landline 21 characters", change: { $0.contactPhone = "0123-5678901234567890" },
            reason: "invalid_phone", field: "contact_phone"),
        Rejection(label: "letters", change: { $0.contactPhone = "010-ABCDEFG" }, reason: "invalid_phone", field: "contact_phone"),
        Rejection(label: "latitude NaN", change: { $0.lat = .nan }, reason: "invalid_location", field: "lat"),
        Rejection(label: "latitude 90.0001", change: { $0.lat = 90.0001 }, reason: "invalid_location", field: "lat"),
        Rejection(label: "latitude -infinity", change: { $0.lat = -.infinity }, reason: "invalid_location", field: "lat"),
        Rejection(label: "longitude 180.5", change: { $0.lon = 180.5 }, reason: "invalid_location", field: "lon"),
        Rejection(label: "longitude infinity", change: { $0.lon = .infinity }, reason: "invalid_location", field: "lon"),
        Rejection(
            label: "key 129 characters", change: { $0.idempotencyKey = String(repeating: "k", count: 129) },
            reason: "invalid_idempotency_key", field: "idempotency_key"),
        Rejection(label: "key not ASCII", change: { $0.idempotencyKey = "键-1" }, reason: "invalid_idempotency_key", field: "idempotency_key"),
        Rejection(label: "key with tab", change: { $0.idempotencyKey = "a\tb" }, reason: "invalid_idempotency_key", field: "idempotency_key"),
        Rejection(label: "channel not ASCII", change: { $0.channel = "二维码" }, reason: "invalid_channel", field: "channel"),
        Rejection(label: "empty category", change: { $0.categoryCode = " " }, reason: "unknown_category", field: "category_code"),
        Rejection(label: "empty board", change: { $0.boardCode = "" }, reason: "unknown_board", field: "board_code"),
    ]

    @Test("invalid requests are rejected with reason and field", arguments: rejections)
    func rejects(rejection: Rejection) throws {
        var request = validRequest()
        rejection.change(&request)
        let error = try #require(throws: ServiceError.self) { try ReportValidation.check(request) }
        #expect(error.code == .invalidArgument)
        #expect(error.reason == rejection.reason)
        #expect(error.field == rejection.field)
        #expect(!error.message.isEmpty)
    }

    /// A request change that must pass.
    struct Acceptance: CustomTestStringConvertible, Sendable {
        let label: String
        let change: @Sendable (inout Intake.SubmitReportRequest) -> Void

        var testDescription: String { label }
    }

    static let acceptances: [Acceptance] = [
        Acceptance(label: "500 characters") { $0.description = String(repeating: "路", count: 500) },
        Acceptance(label: "500 emoji") { $0.description = String(repeating: "👍🏽", count: 500) },
        Acceptance(label: "500 characters inside blanks") { $0.description = "  " + String(repeating: "路", count: 500) + "\n" },
        Acceptance(label: "line breaks and tabs") { $0.description = "第一行\n第二行\r\n\t第三行" },
        Acceptance(label: "no phone") { $0.contactPhone = "" },
        Acceptance(label: "mobile 19x") { $0.contactPhone = "19912345678" },
        Acceptance(label: "mobile with blanks around") { $0.contactPhone = " 13812345678 " },
        Acceptance(label: "landline with area code") { $0.contactPhone = "010-12345678" },
        Acceptance(label: "landline 7 characters") { $0.contactPhone = "0-12345" },
        Acceptance(label: "landline 20 characters") { $0.contactPhone = "0123-567890123456789" },
        Acceptance(label: "latitude 90, longitude -180") {
            $0.lat = 90
            $0.lon = -180
        },
        Acceptance(label: "no location ignores bad coordinates") {
            $0.hasLocation = false
            $0.lat = .nan
            $0.lon = 1000
        },
        Acceptance(label: "key 128 characters") { $0.idempotencyKey = String(repeating: "k", count: 128) },
        Acceptance(label: "key with space and tilde") { $0.idempotencyKey = "a b~c" },
        Acceptance(label: "empty channel") { $0.channel = "" },
    ]

    @Test("valid variations pass", arguments: acceptances)
    func accepts(acceptance: Acceptance) throws {
        var request = validRequest()
        acceptance.change(&request)
        _ = try ReportValidation.check(request)
    }

    @Test("checked report is trimmed")
    func trimsText() throws {
        var request = validRequest(description: "  井盖缺失\n", phone: " 13812345678 ")
        request.boardCode = " BOARD-HEPING "
        request.hasLocation = false
        request.lat = 12
        let checked = try ReportValidation.check(request)
        #expect(checked.description == "井盖缺失")
        #expect(checked.contactPhone == "13812345678")
        #expect(checked.boardCode == "BOARD-HEPING")
        #expect(checked.lat == 0)
        #expect(checked.idempotencyKey == nil)
    }

    @Test("description is checked before the phone")
    func checkOrder() throws {
        var request = validRequest(description: "", phone: "123")
        request.lat = .nan
        let error = try #require(throws: ServiceError.self) { try ReportValidation.check(request) }
        #expect(error.reason == "empty_description")
    }
}
