import JieluContract
import JieluCore
import JieluStore

/// Stall allocation: the waitlist order and the permits it produces.
///
/// The rule is stated to vendors in the docs and in every decision note.
/// Within one market and stall type, waiting applications are served
/// hardship first, then by application time, then by order of arrival. Free
/// stalls are handed out in stall-number order. A stall is free for a period
/// when it is not closed and no active or suspended permit overlaps the
/// period.
extension MarketsStore {
    /// The period a new permit covers: `start` inclusive, `end` exclusive.
    struct PermitPeriod: Equatable {
        var start: Int64
        var end: Int64
    }

    /// Allocates the free stalls of `marketID` (of one type, or every type
    /// when `stallType` is empty) to the head of each waitlist, in one transaction.
    ///
    /// - Returns: the applications that got a stall, with the counts of
    ///   applications still waiting and stalls still free in those types.
    /// - Throws: INVALID_ARGUMENT `unknown_market`; `StoreError` when a
    ///   write fails. Nothing changes when it throws.
    func allocate(
        marketID: String, stallType: String, period: PermitPeriod, actor: String, nowMs: Int64
    ) throws -> Markets.AllocateStallsResponse {
        try database.write { connection in
            guard try MarketsStore.market(id: marketID, connection: connection) != nil else {
                throw MarketsStore.unknownMarket(marketID, asArgument: true)
            }
            let types = stallType.isEmpty ? FieldValidation.stallTypes : [stallType]
            var response = Markets.AllocateStallsResponse()
            for type in types {
                let stalls = try MarketsStore.freeStalls(
                    marketID: marketID, stallType: type, period: period, connection: connection)
                let waitlist = try MarketsStore.waitlist(marketID: marketID, stallType: type, connection: connection)
                let allocated = try assign(
                    stalls: stalls, waitlist: waitlist, period: period, trigger: "", actor: actor, nowMs: nowMs,
                    connection: connection)
                response.allocations += allocated
                response.stillWaiting += UInt32(waitlist.count - allocated.count)
                response.stillFree += UInt32(stalls.count - allocated.count)
            }
            return response
        }
    }

    /// Offers a stall that just became free to the head of its waitlist,
    /// inside the caller's transaction. The permit runs from now for the
    /// permit term, or until the stall's next permit starts if that is sooner.
    ///
    /// - Returns: the application that got the stall, or nil when the stall
    ///   is closed or held now, the waitlist is empty, or the gap before the next
    ///   permit is shorter than a day.
    func offerStall(
        _ stallID: String, trigger: String, actor: String, nowMs: Int64, connection: SQLiteConnection
    ) throws -> Markets.Application? {
        guard let stall = try connection.queryOne("SELECT * FROM stalls WHERE id = ? AND closed = 0", stallID) else {
            return nil
        }
        let nextStart = try connection.queryOne(
            """
            SELECT MIN(start_at_ms) AS next_start FROM permits
            WHERE stall_id = ? AND status IN \(MarketsSchema.livePermitStatuses) AND end_at_ms > ?
            """, stallID, nowMs
        )?.optionalInt64("next_start")
        if let nextStart, nextStart <= nowMs {
            return nil
        }
        var period = PermitPeriod(start: nowMs, end: nowMs + settings.permitTermMilliseconds)
        if let nextStart {
            period.end = min(period.end, nextStart)
        }
        guard period.end - period.start >= 86_400_000 else {
            return nil
        }

        let waitlist = try MarketsStore.waitlist(
            marketID: stall.string("market_id"), stallType: stall.string("stall_type"), connection: connection)
        return try assign(
            stalls: [stall], waitlist: waitlist, period: period, trigger: trigger, actor: actor,
            nowMs: nowMs, connection: connection
        ).first
    }

    /// Returns the stalls of one market and type that are open and have no
    /// live permit overlapping `period`, in stall-number order.
    static func freeStalls(
        marketID: String, stallType: String, period: PermitPeriod, connection: SQLiteConnection
    ) throws -> [Row] {
        try connection.query(
            """
            SELECT s.* FROM stalls s
            WHERE s.market_id = ?1 AND s.stall_type = ?2 AND s.closed = 0 AND NOT EXISTS (
                SELECT 1 FROM permits p
                WHERE p.stall_id = s.id AND p.status IN \(MarketsSchema.livePermitStatuses)
                    AND p.start_at_ms < ?4 AND ?3 < p.end_at_ms)
            ORDER BY s.number
            """, marketID, stallType, period.start, period.end)
    }

    /// Returns the waiting applications of one market and type in allocation
    /// order, with the vendor's name.
    static func waitlist(marketID: String, stallType: String, connection: SQLiteConnection) throws -> [Row] {
        try connection.query(
            """
            SELECT a.*, v.name AS vendor_name, m.name AS market_name
            FROM applications a JOIN vendors v ON v.id = a.vendor_id JOIN markets m ON m.id = a.market_id
            WHERE a.market_id = ? AND a.stall_type = ? AND a.status = 'waiting'
            ORDER BY a.hardship DESC, a.applied_at_ms, a.sequence
            """, marketID, stallType)
    }

    /// Pairs stalls with applications in order and issues a permit for each
    /// pair: the permit row, the application's decision, and history entries
    /// for application, permit and stall.
    private func assign(
        stalls: [Row], waitlist: [Row], period: PermitPeriod, trigger: String, actor: String, nowMs: Int64,
        connection: SQLiteConnection
    ) throws -> [Markets.Application] {
        var allocated: [Markets.Application] = []
        for (index, (stall, application)) in zip(stalls, waitlist).enumerated() {
            let number = application.string("number")
            let vendorID = application.string("vendor_id")
            let stallID = stall.string("id")
            let permitID = try MarketsStore.nextID(Series.permit, connection: connection)

            let note = MarketsStore.decisionNote(
                application: application, rank: index + 1, waiting: waitlist.count, stallNumber: stall.string("number"),
                period: period, trigger: trigger)
            do {
                try connection.run(
                    """
                    INSERT INTO permits (id, vendor_id, stall_id, market_id, application_number, start_at_ms, end_at_ms, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'active')
                    """,
                    permitID, vendorID, stallID, stall.string("market_id"), number, period.start, period.end)
            } catch {
                throw MarketsStore.mapConstraint(error)
            }
            try connection.run(
                """
                UPDATE applications SET status = 'allocated', stall_id = ?, permit_id = ?, decided_at_ms = ?, decision_note = ?
                WHERE number = ?
                """, stallID, permitID, nowMs, note, number)

            try MarketsStore.record(
                kind: "application", id: number, from: "waiting", to: "allocated", actor: actor, reason: note, atMs: nowMs,
                connection: connection)
            try MarketsStore.record(
                kind: "permit", id: permitID, from: "", to: "active", actor: actor,
                reason: "按申请 \(number) 分配摊位 \(stall.string("number"))，期限 \(MarketsText.time(period.start)) 至 \(MarketsText.time(period.end))",
                atMs: nowMs, connection: connection)
            try MarketsStore.record(
                kind: "stall", id: stallID, from: "free", to: "occupied", actor: actor,
                reason: "许可 \(permitID) 自 \(MarketsText.time(period.start)) 起生效", atMs: nowMs, connection: connection)

            allocated.append(
                Markets.Application(
                    number: number, vendorID: vendorID, marketID: application.string("market_id"),
                    stallType: application.string("stall_type"), hardship: application.bool("hardship"),
                    appliedAtMs: application.int64("applied_at_ms"), status: "allocated",
                    vendorName: application.string("vendor_name"), stallID: stallID, stallNumber: stall.string("number"),
                    permitID: permitID, decidedAtMs: nowMs, decisionNote: note))
        }
        return allocated
    }

    /// Builds the Chinese explanation stored with an allocation: the rule, the
    /// application's place and facts, and the stall and period it got.
    static func decisionNote(
        application: Row, rank: Int, waiting: Int, stallNumber: String, period: PermitPeriod, trigger: String
    ) -> String {
        let hardship = application.bool("hardship") ? "困难户" : "非困难户"
        let type = FieldValidation.stallTypeLabel(application.string("stall_type"))
        return trigger + "分配规则：困难户优先，同等条件按申请时间先后。本申请（\(hardship)，申请于 "
            + "\(MarketsText.time(application.int64("applied_at_ms")))）在\(type)候补队列中排第 \(rank) 位（共 \(waiting) 位），"
            + "分得 \(stallNumber) 号摊位，许可期限 \(MarketsText.time(period.start)) 至 \(MarketsText.time(period.end))。"
    }
}
