import JieluContract
import JieluCore
import JieluStore

extension MarketsStore {
    /// Permits the expiry check handles per transaction.
    static let expiryBatchSize = 100

    // MARK: Reads

    func permit(id: String) throws -> Markets.Permit? {
        try database.read { connection in
            try MarketsStore.permit(id: id, connection: connection)
        }
    }

    static func permit(id: String, connection: SQLiteConnection) throws -> Markets.Permit? {
        guard
            let row = try connection.queryOne(
                """
                SELECT p.*, v.name AS vendor_name, s.number AS stall_number
                FROM permits p JOIN vendors v ON v.id = p.vendor_id JOIN stalls s ON s.id = p.stall_id
                WHERE p.id = ?
                """, id)
        else {
            return nil
        }
        return Markets.Permit(
            id: row.string("id"), vendorID: row.string("vendor_id"), stallID: row.string("stall_id"),
            marketID: row.string("market_id"), applicationNumber: row.string("application_number"),
            startAtMs: row.int64("start_at_ms"), endAtMs: row.int64("end_at_ms"), status: row.string("status"),
            renewals: UInt32(row.int64("renewals")), vendorName: row.string("vendor_name"),
            stallNumber: row.string("stall_number"), history: try history(kind: "permit", id: id, connection: connection))
    }

    // MARK: Changes

    /// Moves a permit's end to `endAtMs`, which must be later than its
    /// current end and at most three years after its start.
    ///
    /// - Throws: NOT_FOUND `unknown_permit`; FAILED_PRECONDITION
    ///   `invalid_transition` unless active; INVALID_ARGUMENT
    ///   `invalid_permit_dates` or `permit_too_long` (field `end_at`);
    ///   FAILED_PRECONDITION `permit_overlap` when the new period overlaps
    ///   another permit of the stall. Nothing changes when it throws.
    func renewPermit(id: String, endAtMs: Int64, actor: String, reason: String, nowMs: Int64) throws -> Markets.Permit {
        try database.write { connection in
            let (permit, status) = try MarketsStore.loadPermit(id, connection: connection)
            _ = try status.applying(.renew)
            guard endAtMs > permit.endAtMs, endAtMs > nowMs else {
                throw ServiceError.invalid(
                    "end_at", reason: "invalid_permit_dates",
                    message: "新的截止时间 \(MarketsText.time(endAtMs)) 须晚于当前截止时间 \(MarketsText.time(permit.endAtMs))。")
            }
            guard endAtMs - permit.startAtMs <= Int64(MarketsSettings.maxPermitDays) * 86_400_000 else {
                throw ServiceError.invalid(
                    "end_at", reason: "permit_too_long",
                    message: "许可期限最长 \(MarketsSettings.maxPermitDays) 天（自 \(MarketsText.day(permit.startAtMs)) 起算）；请缩短续期。")
            }
            do {
                try connection.run(
                    "UPDATE permits SET end_at_ms = ?, renewals = renewals + 1 WHERE id = ?", endAtMs, id)
            } catch {
                throw MarketsStore.mapConstraint(error)
            }
            try MarketsStore.record(
                kind: "permit", id: id, from: status.rawValue, to: status.rawValue, actor: actor,
                reason: "续期至 \(MarketsText.time(endAtMs))：\(reason)", atMs: nowMs, connection: connection)
            return try MarketsStore.permit(id: id, connection: connection)!
        }
    }

    /// Revokes a permit, then offers its stall to the head of the waitlist
    /// when no other permit holds it now.
    ///
    /// - Throws: NOT_FOUND `unknown_permit`; FAILED_PRECONDITION
    ///   `invalid_transition` for a revoked or expired permit.
    func revokePermit(id: String, actor: String, reason: String, nowMs: Int64) throws -> Markets.Permit {
        try database.write { connection in
            let (permit, status) = try MarketsStore.loadPermit(id, connection: connection)
            let next = try status.applying(.revoke)
            try connection.run("UPDATE permits SET status = ? WHERE id = ?", next.rawValue, id)
            try MarketsStore.record(
                kind: "permit", id: id, from: status.rawValue, to: next.rawValue, actor: actor, reason: reason, atMs: nowMs,
                connection: connection)
            try freeStall(of: permit, trigger: "原许可 \(id) 被吊销，摊位空出，按候补顺序递补。", actor: actor, nowMs: nowMs, connection: connection)
            return try MarketsStore.permit(id: id, connection: connection)!
        }
    }

    /// Lifts a suspension. Violations before now stop counting towards the next one.
    ///
    /// - Throws: NOT_FOUND `unknown_permit`; FAILED_PRECONDITION
    ///   `invalid_transition` unless suspended.
    func reinstatePermit(id: String, actor: String, reason: String, nowMs: Int64) throws -> Markets.Permit {
        try database.write { connection in
            let (_, status) = try MarketsStore.loadPermit(id, connection: connection)
            let next = try status.applying(.reinstate)
            try connection.run(
                "UPDATE permits SET status = ?, violations_reset_at_ms = ? WHERE id = ?", next.rawValue, nowMs, id)
            try MarketsStore.record(
                kind: "permit", id: id, from: status.rawValue, to: next.rawValue, actor: actor, reason: reason, atMs: nowMs,
                connection: connection)
            return try MarketsStore.permit(id: id, connection: connection)!
        }
    }

    /// Expires every active or suspended permit whose end has passed and
    /// offers each freed stall to its waitlist, at most `expiryBatchSize`
    /// per transaction.
    ///
    /// - Returns: the ids of the expired permits.
    func expirePermits(nowMs: Int64) throws -> [String] {
        var expired: [String] = []
        while true {
            let batch = try database.write { connection -> [String] in
                let rows = try connection.query(
                    """
                    SELECT id FROM permits WHERE status IN \(MarketsSchema.livePermitStatuses) AND end_at_ms <= ?
                    ORDER BY end_at_ms, id LIMIT ?
                    """, nowMs, MarketsStore.expiryBatchSize)
                var ids: [String] = []
                for row in rows {
                    let id = row.string("id")
                    let (permit, status) = try MarketsStore.loadPermit(id, connection: connection)
                    let next = try status.applying(.expire)
                    try connection.run("UPDATE permits SET status = ? WHERE id = ?", next.rawValue, id)
                    try MarketsStore.record(
                        kind: "permit", id: id, from: status.rawValue, to: next.rawValue, actor: "system",
                        reason: "许可于 \(MarketsText.time(permit.endAtMs)) 期满", atMs: nowMs, connection: connection)
                    try freeStall(
                        of: permit, trigger: "原许可 \(id) 期满，摊位空出，按候补顺序递补。", actor: "system", nowMs: nowMs,
                        connection: connection)
                    ids.append(id)
                }
                return ids
            }
            expired += batch
            if batch.count < MarketsStore.expiryBatchSize {
                return expired
            }
        }
    }

    /// Suspends an active permit inside the caller's transaction.
    static func suspendPermit(
        _ id: String, actor: String, reason: String, nowMs: Int64, connection: SQLiteConnection
    ) throws {
        let (_, status) = try loadPermit(id, connection: connection)
        let next = try status.applying(.suspend)
        try connection.run("UPDATE permits SET status = ? WHERE id = ?", next.rawValue, id)
        try record(
            kind: "permit", id: id, from: status.rawValue, to: next.rawValue, actor: actor, reason: reason, atMs: nowMs,
            connection: connection)
    }

    // MARK: Helpers

    /// Records that a permit's stall is free when the permit covered now,
    /// and offers the stall to its waitlist. `permit` is the permit as it
    /// was before it ended.
    private func freeStall(
        of permit: Markets.Permit, trigger: String, actor: String, nowMs: Int64, connection: SQLiteConnection
    ) throws {
        if permit.startAtMs <= nowMs {
            try MarketsStore.record(
                kind: "stall", id: permit.stallID, from: permit.status == "suspended" ? "suspended" : "occupied", to: "free",
                actor: actor,
                reason: "许可 \(permit.id) 终止", atMs: nowMs, connection: connection)
        }
        _ = try offerStall(permit.stallID, trigger: trigger, actor: actor, nowMs: nowMs, connection: connection)
    }

    /// Loads a permit and its status for a change.
    ///
    /// - Throws: NOT_FOUND `unknown_permit`.
    static func loadPermit(
        _ id: String, connection: SQLiteConnection
    ) throws -> (permit: Markets.Permit, status: PermitStatus) {
        guard let permit = try permit(id: id, connection: connection) else {
            throw ServiceError.notFound(
                reason: "unknown_permit", message: "摊位许可「\(id)」不存在；请核对许可编号。", field: "permit_id")
        }
        guard let status = PermitStatus(rawValue: permit.status) else {
            // Code 1 is SQLITE_ERROR: the stored row is not one this binary wrote.
            throw StoreError(code: 1, message: "permit \(id) has unknown status \(permit.status)")
        }
        return (permit, status)
    }
}
