import JieluContract
import JieluCore
import JieluStore

/// Staff access tokens. Only the SHA-256 hex digest of a token is stored, so
/// the database file never contains a usable token.
///
/// Roles: admin, dispatcher and handler work on cases; market_manager,
/// inspector and hauler work on the markets service. A hauler token's
/// staff id is the hauler's id in the markets dataset ("HL" and 1 to 16
/// upper-case letters or digits). The registry checks only that form,
/// because haulers are not staff. The markets service rejects a hauler id
/// it does not know on every call.
struct TokenStore: Sendable {
    static let roles: Set<String> = ["admin", "dispatcher", "handler", "market_manager", "inspector", "hauler"]
    /// Roles whose staff id is required.
    static let rolesWithStaffID: Set<String> = ["handler", "hauler"]
    /// Random characters after the `jl_` prefix: 32 × log2(31) ≈ 158 bits.
    static let tokenRandomLength = 32
    static let tokenPrefix = "jl_"
    static let tokenIDRandomLength = 8

    let database: Database

    /// A stored token's columns, with the staff member's name when the staff id resolves.
    struct Record: Sendable, Equatable {
        var tokenID: String
        var role: String
        var staffID: String
        /// nil when the token names a staff member that is not in the current dataset.
        var staffName: String?
    }

    /// Creates and stores a token for `role` and returns the raw token with its id.
    ///
    /// The staff check and the insert run in one write transaction, so the
    /// staff member cannot disappear in between.
    ///
    /// - Throws: INVALID_ARGUMENT `invalid_role` for a role outside `roles`;
    ///   INVALID_ARGUMENT `missing_staff_id` for a handler or hauler without
    ///   staff id; INVALID_ARGUMENT `invalid_hauler_id` for a hauler id of
    ///   the wrong form; NOT_FOUND `unknown_staff` when a given staff id of
    ///   any other role does not exist. Nothing is stored then.
    func create(role: String, staffID: String, nowMilliseconds: Int64) throws -> (token: String, tokenID: String) {
        guard TokenStore.roles.contains(role) else {
            throw ServiceError.invalid(
                "role", reason: "invalid_role",
                message: "角色「\(role)」无效，应为 admin、dispatcher、handler、market_manager、inspector 或 hauler。")
        }
        if TokenStore.rolesWithStaffID.contains(role) && staffID.isEmpty {
            throw ServiceError.invalid(
                "staff_id", reason: "missing_staff_id",
                message: "处置人员（handler）和运输单位（hauler）令牌必须指定 staff_id（人员编号或运输单位编号）。")
        }
        if role == "hauler" && !TokenStore.isHaulerID(staffID) {
            throw ServiceError.invalid(
                "staff_id", reason: "invalid_hauler_id",
                message: "运输单位编号「\(staffID)」格式不正确，应为 HL 加 1 到 16 位大写字母或数字，如 HL01。")
        }
        let checksStaff = !staffID.isEmpty && role != "hauler"

        let token = TokenStore.tokenPrefix + RandomCode.make(length: TokenStore.tokenRandomLength)
        let tokenID = try database.write { connection in
            if checksStaff,
                try connection.queryOne("SELECT 1 FROM staff WHERE id = ?", staffID) == nil
            {
                throw TokenStore.unknownStaff(staffID)
            }
            return try TokenStore.insert(
                tokenHash: SHA256.hexDigest(token), role: role, staffID: staffID, nowMilliseconds: nowMilliseconds,
                connection: connection)
        }
        return (token, tokenID)
    }

    /// Stores `token` as an admin token unless a token with its hash exists.
    /// Returns the new token id, or nil when it was stored already.
    func storeBootstrapAdmin(token: String, nowMilliseconds: Int64) throws -> String? {
        let tokenHash = SHA256.hexDigest(token)
        return try database.write { connection in
            if try connection.queryOne("SELECT 1 FROM tokens WHERE token_hash = ?", tokenHash) != nil {
                return nil
            }
            return try TokenStore.insert(
                tokenHash: tokenHash, role: "admin", staffID: "", nowMilliseconds: nowMilliseconds, connection: connection)
        }
    }

    /// Finds the stored token whose hash matches `token`, or returns nil.
    func find(token: String) throws -> Record? {
        let tokenHash = SHA256.hexDigest(token)
        return try database.read { connection in
            let row = try connection.queryOne(
                """
                SELECT t.token_id, t.role, t.staff_id, st.name AS staff_name
                FROM tokens t LEFT JOIN staff st ON st.id = t.staff_id
                WHERE t.token_hash = ?
                """, tokenHash)
            return row.map { row in
                Record(
                    tokenID: row.string("token_id"), role: row.string("role"), staffID: row.string("staff_id"),
                    staffName: row.optionalString("staff_name"))
            }
        }
    }

    /// Inserts a token row with a fresh "T" + 8-character id, drawing again
    /// in the unlikely case that the id is taken.
    private static func insert(
        tokenHash: String, role: String, staffID: String, nowMilliseconds: Int64, connection: SQLiteConnection
    ) throws -> String {
        while true {
            let tokenID = "T" + RandomCode.make(length: tokenIDRandomLength)
            let inserted = try connection.run(
                """
                INSERT INTO tokens (token_id, token_hash, role, staff_id, created_at_ms) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (token_id) DO NOTHING
                """, tokenID, tokenHash, role, staffID, nowMilliseconds)
            if inserted == 1 {
                return tokenID
            }
        }
    }

    /// True for a hauler id: "HL" and 1 to 16 upper-case ASCII letters or digits.
    static func isHaulerID(_ id: String) -> Bool {
        let rest = id.utf8.dropFirst(2)
        return id.hasPrefix("HL") && (1...16).contains(rest.count)
            && rest.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    static func unknownStaff(_ staffID: String) -> ServiceError {
        ServiceError.notFound(
            reason: "unknown_staff", message: "人员编号「\(staffID)」不存在，请核对后重试。", field: "staff_id")
    }
}
