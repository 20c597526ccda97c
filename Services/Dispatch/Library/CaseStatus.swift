import JieluCore

/// The life of a case, and the only moves between its states.
///
/// - `received`: intake stored the report; dispatch has not taken it yet.
///   Next: `dispatched` (dispatch assigns it).
/// - `dispatched`: assigned to a unit and a staff member. Next: `resolved`.
/// - `resolved`: the assignee reports it handled and the resident is asked to
///   confirm. Next: `closed` (satisfied) or `reopened` (not satisfied).
/// - `reopened`: the resident was not satisfied; the same assignee handles it
///   again. Next: `resolved`.
/// - `closed`: terminal; nothing moves a closed case.
enum CaseStatus: String, CaseIterable, Sendable {
    case received, dispatched, resolved, reopened, closed

    /// Operation on a case that may change its status.
    enum Action: Equatable {
        case dispatch
        case resolve
        case confirm(satisfied: Bool)
    }

    /// The label residents and staff see, as in 「已派遣」.
    var displayName: String {
        switch self {
        case .received: "已受理"
        case .dispatched: "已派遣"
        case .resolved: "已处置"
        case .reopened: "已重新交办"
        case .closed: "已结案"
        }
    }

    /// Returns the state after `action`.
    ///
    /// - Throws: `ServiceError` FAILED_PRECONDITION with reason
    ///   `invalid_transition` and a Chinese message naming the current state
    ///   and what has to happen first.
    func applying(_ action: Action) throws(ServiceError) -> CaseStatus {
        switch (self, action) {
        case (.received, .dispatch):
            return .dispatched
        case (.dispatched, .resolve), (.reopened, .resolve):
            return .resolved
        case (.resolved, .confirm(let satisfied)):
            return satisfied ? .closed : .reopened
        default:
            throw ServiceError(
                .failedPrecondition, reason: "invalid_transition", message: rejectionMessage(for: action))
        }
    }

    private func rejectionMessage(for action: Action) -> String {
        let current = "案件当前状态为「\(displayName)」"
        switch (self, action) {
        case (.closed, _):
            return "\(current)，已经办结，不能再变更。"
        case (_, .dispatch):
            return "\(current)，已经派遣过，不能重复派遣。"
        case (.received, .resolve):
            return "\(current)，派遣之后才能处置。"
        case (.resolved, .resolve):
            return "\(current)，正在等待居民确认，不能重复处置。"
        case (_, .confirm):
            return "\(current)，处置完成后才能确认。"
        default:
            return "\(current)，不能执行此操作。"
        }
    }
}
