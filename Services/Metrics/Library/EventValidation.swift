import JieluContract
import JieluCore

/// Checks of a `RecordEvents` request before anything is stored.
///
/// One bad event rejects the whole batch with INVALID_ARGUMENT, so a sender
/// never has to guess which part was kept.
enum EventValidation {
    /// Events accepted in one `RecordEvents` call.
    static let maxEventsPerRequest = 1000
    /// Maximum length of an event id or case id, in characters.
    static let maxIdentifierCharacters = 128

    /// - Throws: `ServiceError` INVALID_ARGUMENT with reason `too_many_events`
    ///   (field `events`) or `invalid_event` with the field of the first bad
    ///   event, for example `events[3].kind`.
    static func validate(_ request: Metrics.RecordEventsRequest) throws(ServiceError) {
        guard request.events.count <= maxEventsPerRequest else {
            throw ServiceError.invalid(
                "events", reason: "too_many_events",
                message: "一次最多上报 \(maxEventsPerRequest) 个事件，本次有 \(request.events.count) 个；请分批上报。")
        }
        for (index, event) in request.events.enumerated() {
            try validate(event, index: index)
        }
    }

    private static func validate(_ event: Metrics.CaseEvent, index: Int) throws(ServiceError) {
        let field = "events[\(index)]"
        guard !event.eventID.isEmpty, event.eventID.count <= maxIdentifierCharacters else {
            throw invalid(
                "\(field).event_id", "事件编号为空或超过 \(maxIdentifierCharacters) 个字符；请为每个事件填写唯一编号。")
        }
        guard !event.caseID.isEmpty, event.caseID.count <= maxIdentifierCharacters else {
            throw invalid("\(field).case_id", "事件 \(event.eventID) 的案件编号为空或超过 \(maxIdentifierCharacters) 个字符。")
        }
        guard CaseEventKind(rawValue: event.kind) != nil else {
            let kinds = CaseEventKind.allCases.map(\.rawValue).joined(separator: "、")
            throw invalid("\(field).kind", "事件 \(event.eventID) 的类型「\(event.kind)」无效；应为 \(kinds) 之一。")
        }
        guard event.atMs > 0 else {
            throw invalid("\(field).at_ms", "事件 \(event.eventID) 缺少发生时间（at_ms 应为正的 Unix 毫秒数）。")
        }
        guard event.dueAtMs >= 0 else {
            throw invalid("\(field).due_at_ms", "事件 \(event.eventID) 的办理期限 \(event.dueAtMs) 为负数。")
        }
    }

    private static func invalid(_ field: String, _ message: String) -> ServiceError {
        ServiceError.invalid(field, reason: "invalid_event", message: message)
    }
}
