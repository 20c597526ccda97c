import JieluCore

/// The life of a construction-waste haul manifest, and the only moves
/// between its states.
///
/// - `registered`: the trip is planned for its time window. Next: `departed`
///   (the hauler records leaving the origin site) or `expired`.
/// - `departed`: the load is on the road. Next: `closed` (the hauler records
///   arrival at the manifest's licensed disposal site before the window
///   ends) or `expired`.
/// - `closed`: terminal; the loop is closed.
/// - `expired`: terminal; the window ended without arrival, and exactly one
///   case (category 0301 建筑垃圾乱倒) was queued for intake.
enum ManifestStatus: String, CaseIterable, Sendable {
    case registered, departed, closed, expired

    enum Action: Equatable {
        case depart
        case arrive
        case expire
    }

    /// Statuses whose window is still watched by the expiry check.
    static let open: [ManifestStatus] = [.registered, .departed]

    var displayName: String {
        switch self {
        case .registered: "已登记"
        case .departed: "运输中"
        case .closed: "已闭合"
        case .expired: "已超时"
        }
    }

    /// Returns the state after `action`.
    ///
    /// - Throws: FAILED_PRECONDITION `invalid_transition` with a Chinese
    ///   message naming the current state.
    func applying(_ action: Action) throws(ServiceError) -> ManifestStatus {
        switch (self, action) {
        case (.registered, .depart):
            return .departed
        case (.departed, .arrive):
            return .closed
        case (.registered, .expire), (.departed, .expire):
            return .expired
        default:
            throw ServiceError(
                .failedPrecondition, reason: "invalid_transition", message: rejectionMessage(for: action))
        }
    }

    private func rejectionMessage(for action: Action) -> String {
        let current = "联单当前状态为「\(displayName)」"
        switch (self, action) {
        case (.closed, _), (.expired, _):
            return "\(current)，已经结束，不能再登记。"
        case (.departed, .depart):
            return "\(current)，已经登记过出场。"
        case (.registered, .arrive):
            return "\(current)，请先登记出场，再登记到场。"
        default:
            return "\(current)，不能执行此操作。"
        }
    }
}
