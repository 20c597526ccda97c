import JieluContract
import JieluCore
import JieluRPC
import Synchronization

/// Permission level of a staff access token.
enum StaffRole: String, Sendable, CaseIterable {
    /// Everything, including creating tokens.
    case admin
    /// Reads and resolves any case.
    case dispatcher
    /// Reads and resolves only the cases assigned to the token's staff member.
    case handler
    /// Runs container markets: vendors, applications, allocation, permits.
    case marketManager = "market_manager"
    /// Records inspections of market stalls and recycling stations.
    case inspector
    /// A construction-waste hauler; the token's staff id is the hauler id,
    /// and it reads and records only that hauler's manifests.
    case hauler
}

/// The staff caller behind a request's bearer token.
struct StaffPrincipal: Sendable, Equatable {
    let tokenID: String
    let role: StaffRole
    /// Empty for a token that names no staff member; never empty for a
    /// handler, and the hauler id for a hauler.
    let staffID: String
    let staffName: String

    /// Throws PERMISSION_DENIED `forbidden` unless the role is `admin`.
    func requireAdmin() throws(ServiceError) {
        guard role == .admin else {
            throw ServiceError(.permissionDenied, reason: "forbidden", message: "只有管理员令牌可以执行此操作，当前令牌的角色为 \(role.rawValue)。")
        }
    }
}

/// Checks `Authorization: Bearer <token>` against the registry and caches
/// successful results for `cacheSeconds`, so that a console's burst of
/// requests costs one registry call.
///
/// The cache is keyed by the token's SHA-256, so plain tokens are never kept
/// in memory beyond the request. A token revoked in the registry therefore
/// keeps working here for up to `cacheSeconds`. Failures are not cached.
final class Authenticator: Sendable {
    /// Maximum token length checked with the registry. Issued tokens are much shorter.
    static let maxTokenBytes = 512
    /// Cached tokens beyond which expired entries are purged, and if none
    /// expired, the whole cache is dropped.
    static let maxCachedTokens = 10_000

    private struct Entry {
        var principal: StaffPrincipal
        var expires: Deadline
    }

    private let registry: RegistryClient
    private let cacheSeconds: Double
    /// Token SHA-256 (hex) → principal; guarded by the mutex itself.
    private let cache = LockedValue<[String: Entry]>([:])

    init(registry: RegistryClient, cacheSeconds: Double) {
        self.registry = registry
        self.cacheSeconds = cacheSeconds
    }

    /// The principal for the `Authorization` header value `authorization`.
    /// It is the request's only Authorization field, because the HTTP parser
    /// rejects a request with two (400 `duplicate_header`).
    ///
    /// Throws UNAUTHENTICATED `unauthenticated` when the header is missing, is
    /// not a bearer token, or the registry rejects the token. Throws
    /// PERMISSION_DENIED `forbidden` when the token's role is unknown to the
    /// gateway. Passes on the registry's own error (UNAVAILABLE,
    /// DEADLINE_EXCEEDED) when it cannot be reached in time.
    func authenticate(authorization: String?, options: CallOptions) throws -> StaffPrincipal {
        let token = try Authenticator.bearerToken(from: authorization)
        let key = SHA256.hexDigest(token)
        if let cached = cache.withLock({ $0[key] }), !cached.expires.hasPassed {
            return cached.principal
        }

        let registered: Registry.Principal
        do {
            registered = try registry.authenticate(Registry.AuthenticateRequest(token: token), options: options)
        } catch let error as ServiceError where error.code == .unauthenticated || error.code == .invalidArgument {
            throw Authenticator.unauthenticated("访问令牌无效或已被撤销，请向管理员重新申请。")
        }
        guard let role = StaffRole(rawValue: registered.role) else {
            throw ServiceError(.permissionDenied, reason: "forbidden", message: "令牌的角色 \(registered.role) 不受网关支持，请向管理员重新申请令牌。")
        }
        if role == .handler && registered.staffID.isEmpty {
            throw ServiceError(.permissionDenied, reason: "forbidden", message: "处置人员令牌未关联工作人员编号，请向管理员重新申请。")
        }
        if role == .hauler && registered.staffID.isEmpty {
            throw ServiceError(.permissionDenied, reason: "forbidden", message: "运输单位令牌未关联运输单位编号，请向管理员重新申请。")
        }

        let principal = StaffPrincipal(tokenID: registered.tokenID, role: role, staffID: registered.staffID, staffName: registered.staffName)
        remember(principal, key: key)
        return principal
    }

    /// Extracts the token of an `Authorization: Bearer <token>` header (RFC 6750
    /// §2.1): the scheme in any case, one or more spaces, then token68 characters.
    ///
    /// Throws UNAUTHENTICATED `unauthenticated` for anything else.
    static func bearerToken(from header: String?) throws(ServiceError) -> String {
        guard let header, !header.isEmpty else {
            throw unauthenticated("缺少访问令牌，请在请求头中加入 Authorization: Bearer <令牌>。")
        }
        let scheme = header.prefix { $0 != " " }
        guard scheme.lowercased() == "bearer" else {
            throw unauthenticated("Authorization 请求头须使用 Bearer 方式，格式为 Authorization: Bearer <令牌>。")
        }
        let token = header.dropFirst(scheme.count).drop { $0 == " " }
        guard !token.isEmpty, token.utf8.count <= maxTokenBytes, isToken68(token) else {
            throw unauthenticated("访问令牌格式不正确，请检查是否完整复制了令牌。")
        }
        return String(token)
    }

    /// Principals cached now; for tests.
    var cachedCount: Int {
        cache.withLock { $0.count }
    }

    private func remember(_ principal: StaffPrincipal, key: String) {
        let expires = Deadline.after(seconds: cacheSeconds)
        cache.withLock { cache in
            if cache.count >= Authenticator.maxCachedTokens {
                cache = cache.filter { !$0.value.expires.hasPassed }
                if cache.count >= Authenticator.maxCachedTokens {
                    cache.removeAll()
                }
            }
            cache[key] = Entry(principal: principal, expires: expires)
        }
    }

    /// token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    private static func isToken68(_ text: Substring) -> Bool {
        let body = text.utf8.reversed().drop { $0 == UInt8(ascii: "=") }
        guard !body.isEmpty else {
            return false
        }
        return body.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                true
            default:
                false
            }
        }
    }

    static func unauthenticated(_ message: String) -> ServiceError {
        ServiceError(.unauthenticated, reason: "unauthenticated", message: message)
    }
}
