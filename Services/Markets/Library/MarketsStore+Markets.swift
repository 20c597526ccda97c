import JieluContract
import JieluCore
import JieluStore

extension MarketsStore {
    // MARK: Reads

    /// Returns every market in dataset order with its stall counts per type
    /// and how many stalls are free at `nowMs`.
    func markets(nowMs: Int64) throws -> [Markets.Market] {
        try database.read { connection in
            let counts = try MarketsStore.stallCounts(marketID: nil, nowMs: nowMs, connection: connection)
            return try connection.query(
                """
                SELECT m.*, st.name AS street_name FROM markets m JOIN streets st ON st.id = m.street_id
                ORDER BY m.position
                """
            ).map { row in
                var market = MarketsStore.market(from: row)
                market.stallCounts = counts[market.id] ?? []
                return market
            }
        }
    }

    /// Returns one market with every stall and its status at `nowMs`, or nil.
    func market(id: String, nowMs: Int64) throws -> Markets.MarketDetail? {
        try database.read { connection in
            guard var market = try MarketsStore.market(id: id, connection: connection) else {
                return nil
            }
            market.stallCounts = try MarketsStore.stallCounts(marketID: id, nowMs: nowMs, connection: connection)[id] ?? []
            let stalls = try connection.query(
                """
                SELECT s.*, \(MarketsStore.stallStatusSQL) AS status, \(MarketsStore.stallPermitSQL) AS permit_id
                FROM stalls s WHERE s.market_id = ?2
                ORDER BY CASE s.stall_type WHEN 'food' THEN 0 WHEN 'produce' THEN 1 ELSE 2 END, s.number
                """, nowMs, id
            ).map(MarketsStore.stall(from:))
            return Markets.MarketDetail(market: market, stalls: stalls)
        }
    }

    static func market(id: String, connection: SQLiteConnection) throws -> Markets.Market? {
        try connection.queryOne(
            """
            SELECT m.*, st.name AS street_name FROM markets m JOIN streets st ON st.id = m.street_id
            WHERE m.id = ?
            """, id
        ).map(market(from:))
    }

    static func market(from row: Row) -> Markets.Market {
        Markets.Market(
            id: row.string("id"), name: row.string("name"), streetID: row.string("street_id"),
            address: row.string("address"), nearKind: row.string("near_kind"), nearName: row.string("near_name"),
            lat: row.double("lat"), lon: row.double("lon"), opensAt: row.string("opens_at"),
            closesAt: row.string("closes_at"), streetName: row.string("street_name"))
    }

    /// Stall counts per market and type (food, produce, goods order), with
    /// the stalls free at `nowMs`; for one market or, with nil, all.
    static func stallCounts(
        marketID: String?, nowMs: Int64, connection: SQLiteConnection
    ) throws -> [String: [Markets.StallCount]] {
        let rows = try connection.query(
            """
            SELECT market_id, stall_type, COUNT(*) AS total, SUM(status = 'free') AS free FROM (
                SELECT s.market_id, s.stall_type, \(stallStatusSQL) AS status FROM stalls s
                WHERE ?2 = '' OR s.market_id = ?2)
            GROUP BY market_id, stall_type
            ORDER BY market_id, CASE stall_type WHEN 'food' THEN 0 WHEN 'produce' THEN 1 ELSE 2 END
            """, nowMs, marketID ?? "")
        var counts: [String: [Markets.StallCount]] = [:]
        for row in rows {
            counts[row.string("market_id"), default: []].append(
                Markets.StallCount(
                    stallType: row.string("stall_type"), total: UInt32(row.int64("total")),
                    free: UInt32(row.int64("free"))))
        }
        return counts
    }

    // MARK: Closing and reopening stalls

    /// Closes a free stall (it then shows as suspended and is never
    /// allocated) or reopens a closed one, records the change, and on
    /// reopening offers the stall to the head of its waitlist.
    ///
    /// - Throws: NOT_FOUND `unknown_stall`; INVALID_ARGUMENT
    ///   `invalid_stall_status` for a status other than free or suspended;
    ///   FAILED_PRECONDITION `invalid_transition` when the stall is held by a
    ///   permit now or already has the requested status.
    func setStallStatus(
        stallID: String, status: String, actor: String, reason: String, nowMs: Int64
    ) throws -> Markets.Stall {
        guard status == "free" || status == "suspended" else {
            throw ServiceError.invalid(
                "status", reason: "invalid_stall_status",
                message: "摊位状态「\(status)」无效；只能设为 suspended（关闭）或 free（重新开放）。")
        }
        return try database.write { connection in
            guard let stall = try MarketsStore.stall(id: stallID, nowMs: nowMs, connection: connection) else {
                throw MarketsStore.unknownStall(stallID)
            }
            let isClosed = try connection.queryOne("SELECT closed FROM stalls WHERE id = ?", stallID)!.bool("closed")
            switch (status, stall.status, isClosed) {
            case ("suspended", "free", false):
                try connection.run("UPDATE stalls SET closed = 1 WHERE id = ?", stallID)
                try MarketsStore.record(
                    kind: "stall", id: stallID, from: "free", to: "suspended", actor: actor, reason: reason, atMs: nowMs,
                    connection: connection)
            case ("free", _, true):
                try connection.run("UPDATE stalls SET closed = 0 WHERE id = ?", stallID)
                try MarketsStore.record(
                    kind: "stall", id: stallID, from: "suspended", to: "free", actor: actor, reason: reason, atMs: nowMs,
                    connection: connection)
                _ = try offerStall(
                    stallID, trigger: "摊位重新开放，按候补顺序递补。", actor: actor, nowMs: nowMs, connection: connection)
            default:
                let label = stall.status == "occupied" ? "已被许可占用" : (isClosed ? "已关闭" : "当前为「\(stall.status)」")
                throw ServiceError(
                    .failedPrecondition, reason: "invalid_transition",
                    message: "摊位 \(stall.number) \(label)，不能设为「\(status)」；有许可的摊位请通过暂停或吊销许可处理。")
            }
            return try MarketsStore.stall(id: stallID, nowMs: nowMs, connection: connection)!
        }
    }

    static func unknownStall(_ stallID: String) -> ServiceError {
        ServiceError.notFound(reason: "unknown_stall", message: "摊位「\(stallID)」不存在；请核对摊位编号。", field: "stall_id")
    }

    static func unknownMarket(_ marketID: String, asArgument: Bool) -> ServiceError {
        let message = "市场「\(marketID)」不存在；请从市场列表中选择。"
        if asArgument {
            return ServiceError.invalid("market_id", reason: "unknown_market", message: message)
        }
        return ServiceError.notFound(reason: "unknown_market", message: message, field: "market_id")
    }
}
