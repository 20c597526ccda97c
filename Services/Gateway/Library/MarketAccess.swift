import JieluCore

/// Who may call the markets endpoints, and how a caller is recorded as the
/// actor of a change.
///
/// An admin may do everything except record a hauler's departure or
/// arrival, which only the hauler itself attests.
enum MarketAccess {
    /// Markets, vendors, applications, allocation and permits.
    static let marketManagement: Set<StaffRole> = [.admin, .marketManager]
    /// Inspections of stalls, vendors and stations, and rectification orders.
    static let inspection: Set<StaffRole> = [.admin, .inspector]
    /// Reading vendors, stations and their records.
    static let marketReading: Set<StaffRole> = [.admin, .marketManager, .inspector]
    /// Reading manifests: a hauler reads only its own.
    static let manifestReading: Set<StaffRole> = [.admin, .inspector, .hauler]
    /// Registering manifests: a hauler only for itself.
    static let manifestWriting: Set<StaffRole> = [.admin, .hauler]

    /// Identifies the caller and checks that its role is in `roles`.
    ///
    /// Throws 401 without a valid token and 403 `forbidden` naming the
    /// action for any other role.
    static func principal(_ context: RouteContext, in roles: Set<StaffRole>, action: String) throws -> StaffPrincipal {
        let principal = try context.authenticate()
        guard roles.contains(principal.role) else {
            let allowed = roles.map(\.rawValue).sorted().joined(separator: "、")
            throw ServiceError(
                .permissionDenied, reason: "forbidden",
                message: "角色 \(principal.role.rawValue) 的令牌不能\(action)；需要 \(allowed) 令牌。")
        }
        return principal
    }

    /// The actor recorded in the markets history: "hauler:<id>" for a hauler,
    /// "staff:<id>" for a token naming a staff member, else "token:<token id>".
    static func actor(_ principal: StaffPrincipal) -> String {
        if principal.role == .hauler {
            return "hauler:\(principal.staffID)"
        }
        if !principal.staffID.isEmpty {
            return "staff:\(principal.staffID)"
        }
        return "token:\(principal.tokenID)"
    }

    /// Returns `text` when it could be an id from a path: 1 to 64 ASCII
    /// letters, digits, `-` and `_`. Throws NOT_FOUND `reason` otherwise.
    static func checkedID(_ text: String, reason: String, label: String) throws(ServiceError) -> String {
        let isWellFormed = text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                true
            default:
                false
            }
        }
        guard !text.isEmpty, text.utf8.count <= 64, isWellFormed else {
            let shown = text.count > 32 ? String(text.prefix(32)) + "…" : text
            throw ServiceError.notFound(reason: reason, message: "找不到编号为 \(shown) 的\(label)，请核对编号。")
        }
        return text
    }
}
