import Foundation
import JieluContract
import JieluCore

/// Checks of dispatch requests, before anything is read or stored.
enum DispatchValidation {
    /// Maximum length of a resolution note or resident comment, in characters.
    static let maxNoteCharacters = 500
    static let defaultPageSize = 50
    static let maxPageSize = 200
    /// Maximum length of a staff id from a caller, in characters.
    static let maxStaffIDCharacters = 64
    /// Maximum cases in one `AcceptCases` call.
    static let maxBatchCases = 500

    /// Checks the size of an `AcceptCases` request; its cases are checked one by one later.
    ///
    /// - Throws: INVALID_ARGUMENT `invalid_batch_size` (field `cases`) for
    ///   no case or more than `maxBatchCases`.
    static func batch(_ request: Dispatch.AcceptCasesRequest) throws(ServiceError) {
        guard (1...maxBatchCases).contains(request.cases.count) else {
            throw ServiceError.invalid(
                "cases", reason: "invalid_batch_size",
                message: "一次最多移交 \(maxBatchCases) 件案件，至少 1 件；本次为 \(request.cases.count) 件。")
        }
    }

    /// Returns the report of an `AcceptCase` request.
    ///
    /// - Throws: INVALID_ARGUMENT `missing_report` when there is none, or
    ///   `invalid_report` naming the first empty required field.
    static func report(of request: Dispatch.AcceptCaseRequest) throws(ServiceError) -> Intake.Report {
        guard let report = request.report else {
            throw ServiceError.invalid("report", reason: "missing_report", message: "请求中缺少案件报告（report）。")
        }
        let required: [(field: String, value: String)] = [
            ("report.case_id", report.caseID), ("report.tracking_code", report.trackingCode),
            ("report.street_id", report.streetID), ("report.category_code", report.categoryCode),
        ]
        for (field, value) in required where value.isEmpty {
            throw ServiceError.invalid(field, reason: "invalid_report", message: "案件报告缺少必填字段 \(field)。")
        }
        guard report.receivedAtMs > 0 else {
            throw ServiceError.invalid(
                "report.received_at_ms", reason: "invalid_report", message: "案件报告缺少受理时间 received_at_ms。")
        }
        return report
    }

    /// Returns the trimmed resolution note.
    ///
    /// - Throws: INVALID_ARGUMENT `empty_note`, `note_too_long` (more than
    ///   500 characters or 4,000 UTF-8 bytes) or `invalid_note` (control
    ///   characters), all with field `note`.
    static func note(_ text: String) throws(ServiceError) -> String {
        let note = text.trimmingWhitespaceAndNewlines()
        guard !FreeText.isBlank(note) else {
            throw ServiceError.invalid("note", reason: "empty_note", message: "请填写处置说明，写明做了什么、结果如何。")
        }
        guard note.count <= maxNoteCharacters, note.utf8.count <= FreeText.maxBytes(forCharacters: maxNoteCharacters) else {
            throw ServiceError.invalid(
                "note", reason: "note_too_long",
                message: "处置说明有 \(note.count) 个字，最多 \(maxNoteCharacters) 个字；请精简后再提交。")
        }
        guard !FreeText.hasControlCharacters(note) else {
            throw ServiceError.invalid(
                "note", reason: "invalid_note", message: "处置说明中含有无法显示的控制字符；请删除后再提交。")
        }
        return note
    }

    /// Returns the trimmed resident comment, possibly empty.
    ///
    /// - Throws: INVALID_ARGUMENT `comment_too_long` (more than 500 characters
    ///   or 4,000 UTF-8 bytes) or `invalid_comment` (control characters), with
    ///   field `comment`.
    static func comment(_ text: String) throws(ServiceError) -> String {
        let comment = text.trimmingWhitespaceAndNewlines()
        guard comment.count <= maxNoteCharacters, comment.utf8.count <= FreeText.maxBytes(forCharacters: maxNoteCharacters) else {
            throw ServiceError.invalid(
                "comment", reason: "comment_too_long",
                message: "评价有 \(comment.count) 个字，最多 \(maxNoteCharacters) 个字；请精简后再提交。")
        }
        guard !FreeText.hasControlCharacters(comment) else {
            throw ServiceError.invalid(
                "comment", reason: "invalid_comment", message: "评价中含有无法显示的控制字符；请删除后再提交。")
        }
        return comment
    }

    /// Returns the staff id of the person acting, trimmed.
    ///
    /// - Throws: INVALID_ARGUMENT `missing_actor` (field `actor_staff_id`).
    static func actor(_ staffID: String) throws(ServiceError) -> String {
        let actor = staffID.trimmingWhitespace()
        guard !actor.isEmpty, actor.count <= maxStaffIDCharacters else {
            throw ServiceError.invalid(
                "actor_staff_id", reason: "missing_actor", message: "缺少处置人员编号（actor_staff_id）。")
        }
        return actor
    }

    /// Returns the key of the case a `GetCase` request names.
    ///
    /// - Throws: INVALID_ARGUMENT `missing_identifier` (field `case_id`) when
    ///   both the case id and the tracking code are empty.
    static func caseKey(caseID: String, trackingCode: String) throws(ServiceError) -> DispatchStore.CaseKey {
        let caseID = caseID.trimmingWhitespace()
        if !caseID.isEmpty {
            return .caseID(caseID)
        }
        let trackingCode = normalizedTrackingCode(trackingCode)
        if !trackingCode.isEmpty {
            return .trackingCode(trackingCode)
        }
        throw ServiceError.invalid(
            "case_id", reason: "missing_identifier", message: "请提供案件编号（case_id）或查询码（tracking_code）。")
    }

    /// Normalizes a tracking code as a resident typed it: blanks removed, upper case.
    static func normalizedTrackingCode(_ text: String) -> String {
        text.trimmingWhitespace().uppercased()
    }

    /// Returns the filter, cursor and page size of a `ListCases` request.
    ///
    /// - Throws: INVALID_ARGUMENT `invalid_status`, `invalid_limit` or
    ///   `invalid_page_token`.
    static func listing(
        _ request: Dispatch.ListCasesRequest
    ) throws(ServiceError) -> (filter: DispatchStore.CaseFilter, after: PageToken?, limit: Int) {
        var filter = DispatchStore.CaseFilter()
        if !request.status.isEmpty {
            guard let status = CaseStatus(rawValue: request.status) else {
                let known = CaseStatus.allCases.map(\.rawValue).joined(separator: "、")
                throw ServiceError.invalid(
                    "status", reason: "invalid_status",
                    message: "状态「\(request.status)」无效；应为 \(known) 之一，或留空表示全部。")
            }
            filter.status = status
        }
        let assignee = request.assigneeStaffID.trimmingWhitespace()
        if !assignee.isEmpty {
            filter.assigneeStaffID = assignee
        }

        let limit = request.limit == 0 ? defaultPageSize : Int(request.limit)
        guard (1...maxPageSize).contains(limit) else {
            throw ServiceError.invalid(
                "limit", reason: "invalid_limit",
                message: "每页条数 \(request.limit) 无效；应为 1 到 \(maxPageSize)，或填 0 使用默认的 \(defaultPageSize)。")
        }

        let after = request.pageToken.isEmpty ? nil : try PageToken(decoding: request.pageToken)
        return (filter, after, limit)
    }
}
