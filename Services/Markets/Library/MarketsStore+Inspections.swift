import JieluContract
import JieluCore
import JieluStore

extension MarketsStore {
    /// A checked `RecordInspection` request.
    struct InspectionDraft {
        var marketID: String
        /// Empty when the inspection names only a vendor.
        var stallID: String
        /// Empty when the inspection names only a stall.
        var vendorID: String
        var result: String
        var violationType: String
        var notes: String
        var actor: String
    }

    /// Records an inspection of a stall or vendor in one transaction. The
    /// inspection counts against the permit that covers the stall (or the
    /// vendor's permit in this market) now. A violation that brings the
    /// permit's violations within the window to the threshold suspends an
    /// active permit. Violations before the last reinstatement do not count.
    ///
    /// - Throws: INVALID_ARGUMENT `unknown_market`, `unknown_stall`,
    ///   `unknown_vendor` or `vendor_not_at_stall` (a vendor other than the
    ///   stall's permit holder). Nothing is stored when it throws.
    func recordInspection(_ draft: InspectionDraft, nowMs: Int64) throws -> Markets.RecordInspectionResponse {
        try database.write { connection in
            guard try MarketsStore.market(id: draft.marketID, connection: connection) != nil else {
                throw MarketsStore.unknownMarket(draft.marketID, asArgument: true)
            }
            var stallID = draft.stallID
            var vendorID = draft.vendorID
            var permitID = ""

            if !stallID.isEmpty {
                guard let stall = try MarketsStore.stall(id: stallID, nowMs: nowMs, connection: connection),
                    stall.marketID == draft.marketID
                else {
                    throw ServiceError.invalid(
                        "stall_id", reason: "unknown_stall", message: "市场 \(draft.marketID) 中没有摊位「\(stallID)」。")
                }
                permitID = stall.permitID
            }
            if !vendorID.isEmpty, try MarketsStore.vendor(id: vendorID, connection: connection) == nil {
                throw MarketsStore.unknownVendor(vendorID, asArgument: true)
            }

            if !permitID.isEmpty {
                let holder = try connection.queryOne("SELECT vendor_id FROM permits WHERE id = ?", permitID)!.string("vendor_id")
                if !vendorID.isEmpty && vendorID != holder {
                    throw ServiceError.invalid(
                        "vendor_id", reason: "vendor_not_at_stall",
                        message: "摊位 \(stallID) 当前的许可持有人是 \(holder)，不是摊贩 \(vendorID)；请核对后再记录。")
                }
                vendorID = holder
            } else if stallID.isEmpty, let permit = try connection.queryOne(
                """
                SELECT id, stall_id FROM permits
                WHERE vendor_id = ? AND market_id = ? AND status IN \(MarketsSchema.livePermitStatuses)
                    AND start_at_ms <= ? AND ? < end_at_ms
                """, vendorID, draft.marketID, nowMs, nowMs)
            {
                permitID = permit.string("id")
                stallID = permit.string("stall_id")
            }

            let id = try MarketsStore.nextID(Series.inspection, connection: connection)
            try connection.run(
                """
                INSERT INTO inspections (id, market_id, stall_id, vendor_id, permit_id, at_ms, actor, result, violation_type, notes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                bindings: [
                    id, draft.marketID, stallID, vendorID, permitID, nowMs, draft.actor, draft.result,
                    draft.violationType, draft.notes,
                ])
            let inspection = Markets.Inspection(
                id: id, marketID: draft.marketID, stallID: stallID, vendorID: vendorID, permitID: permitID, atMs: nowMs,
                actor: draft.actor, result: draft.result, violationType: draft.violationType, notes: draft.notes)

            var response = Markets.RecordInspectionResponse(
                inspection: inspection, violationThreshold: UInt32(settings.violationThreshold),
                violationWindowDays: UInt32(settings.violationWindowDays))
            guard !permitID.isEmpty else {
                return response
            }

            let permit = try connection.queryOne(
                "SELECT status, violations_reset_at_ms FROM permits WHERE id = ?", permitID)!
            let since = max(nowMs - settings.violationWindowMilliseconds, permit.int64("violations_reset_at_ms") - 1)
            let count = try connection.queryOne(
                """
                SELECT COUNT(*) AS n FROM inspections
                WHERE permit_id = ? AND result = 'violation' AND at_ms > ?
                """, permitID, since
            )!.int("n")
            response.violationsInWindow = UInt32(count)

            if draft.result == "violation" && permit.string("status") == PermitStatus.active.rawValue
                && count >= settings.violationThreshold
            {
                try MarketsStore.suspendPermit(
                    permitID, actor: draft.actor,
                    reason: "\(settings.violationWindowDays) 天内违规 \(count) 次，达到暂停阈值 \(settings.violationThreshold) 次"
                        + "（检查记录 \(id)：\(draft.violationType)）",
                    nowMs: nowMs, connection: connection)
                response.suspended = true
            }
            response.permit = try MarketsStore.permit(id: permitID, connection: connection)
            return response
        }
    }

    static func inspection(from row: Row) -> Markets.Inspection {
        Markets.Inspection(
            id: row.string("id"), marketID: row.string("market_id"), stallID: row.string("stall_id"),
            vendorID: row.string("vendor_id"), permitID: row.string("permit_id"), atMs: row.int64("at_ms"),
            actor: row.string("actor"), result: row.string("result"), violationType: row.string("violation_type"),
            notes: row.string("notes"))
    }
}
