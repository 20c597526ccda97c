import JieluCore

/// The life of a stall permit, and the only moves between its states.
///
/// - `active`: the vendor may use the stall from start to end. Next:
///   `suspended` (violations reached the threshold), `revoked`, `expired`;
///   a renewal keeps it `active` with a later end.
/// - `suspended`: the vendor may not trade until a manager lifts it. Next:
///   `active` (reinstated), `revoked`, `expired`.
/// - `revoked`: terminal; the stall was freed and offered to the waitlist.
/// - `expired`: terminal; the end passed, the stall was freed and offered.
///
/// `active` and `suspended` permits hold their stall ("live" permits).
enum PermitStatus: String, CaseIterable, Sendable {
    case active, suspended, revoked, expired

    /// Operation that may change a permit's status.
    enum Action: Equatable {
        case suspend
        case reinstate
        case revoke
        case expire
        case renew
    }

    var isLive: Bool { self == .active || self == .suspended }

    /// The label staff and vendors see.
    var displayName: String {
        switch self {
        case .active: "有效"
        case .suspended: "已暂停"
        case .revoked: "已吊销"
        case .expired: "已到期"
        }
    }

    /// Returns the state after `action`.
    ///
    /// - Throws: FAILED_PRECONDITION `invalid_transition` with a Chinese
    ///   message naming the current state.
    func applying(_ action: Action) throws(ServiceError) -> PermitStatus {
        switch (self, action) {
        case (.active, .suspend):
            return .suspended
        case (.suspended, .reinstate):
            return .active
        case (.active, .revoke), (.suspended, .revoke):
            return .revoked
        case (.active, .expire), (.suspended, .expire):
            return .expired
        case (.active, .renew):
            return .active
        default:
            throw ServiceError(
                .failedPrecondition, reason: "invalid_transition", message: rejectionMessage(for: action))
        }
    }

    private func rejectionMessage(for action: Action) -> String {
        let current = "摊位许可当前状态为「\(displayName)」"
        switch (self, action) {
        case (.revoked, _), (.expired, _):
            return "\(current)，已经终止，不能再变更；如需继续经营请重新申请。"
        case (.active, .reinstate):
            return "\(current)，没有被暂停，无需恢复。"
        case (.suspended, .suspend):
            return "\(current)，已经暂停。"
        case (.suspended, .renew):
            return "\(current)，请先恢复许可再办理续期。"
        default:
            return "\(current)，不能执行此操作。"
        }
    }
}
