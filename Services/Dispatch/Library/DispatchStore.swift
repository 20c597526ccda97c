import JieluContract
import JieluCore
import JieluStore

/// The dispatch database: cases, their timelines and the metrics outbox.
///
/// Every change of a case writes the case row, one timeline row and one
/// outbox event in a single transaction, so the three never disagree.
struct DispatchStore: Sendable {
    let database: Database

    /// A case ready to be stored as dispatched, with what `Dispatch.Case`
    /// does not carry.
    struct NewCase {
        /// Status `dispatched`, with the received and dispatched timeline rows.
        var record: Dispatch.Case
        var boardCode: String
        var channel: String
        var decidedBy: String
    }

    enum AcceptOutcome: Equatable {
        case created
        /// The case id was stored already; nothing changed.
        case duplicate(status: String)
    }

    /// Identifier a caller gives for a case.
    enum CaseKey {
        case caseID(String)
        case trackingCode(String)
    }

    // MARK: Reads

    /// The status and tracking code of a stored case, which a repeated `AcceptCase` checks.
    struct StoredCase: Equatable {
        var status: String
        var trackingCode: String
    }

    /// Returns the status and tracking code of a case, or nil when it is not stored.
    func storedCase(caseID: String) throws -> StoredCase? {
        try database.read { connection in
            try connection.queryOne("SELECT status, tracking_code FROM cases WHERE case_id = ?", caseID)
                .map { StoredCase(status: $0.string("status"), trackingCode: $0.string("tracking_code")) }
        }
    }

    /// Returns each stored case among `caseIDs`, keyed by the case id's UTF-8
    /// bytes, from one read snapshot. Ids not stored are absent. Byte keys
    /// match ids as SQLite does, but a `String` key would also match a
    /// canonically equivalent id ("\u{E9}" and "e\u{301}") of another case.
    func storedCases(caseIDs: [String]) throws -> [[UInt8]: StoredCase] {
        try database.read { connection in
            var stored: [[UInt8]: StoredCase] = [:]
            for caseID in caseIDs {
                if let row = try connection.queryOne("SELECT status, tracking_code FROM cases WHERE case_id = ?", caseID) {
                    stored[Array(caseID.utf8)] = StoredCase(
                        status: row.string("status"), trackingCode: row.string("tracking_code"))
                }
            }
            return stored
        }
    }

    /// Returns the error for a case id that another report already has: the
    /// stored case has another tracking code, so the new report is not a redelivery.
    ///
    /// It happens when intake numbers reports again from an older state, for
    /// example after intake was restored from a backup older than dispatch's.
    /// Replying "duplicate" would lose the new report without a trace.
    ///
    /// TODO: let intake renumber a report that dispatch rejects this way;
    /// until then intake's relay waits at it for an operator.
    static func caseIDConflict(_ caseID: String) -> ServiceError {
        ServiceError(
            .failedPrecondition, reason: "case_id_conflict",
            message: "案件编号 \(caseID) 已被另一件查询码不同的案件占用，本件未能派遣；"
                + "请运维人员核对 intake 与 dispatch 的数据（常见于两者从不同时间的备份恢复）。",
            field: "report.case_id")
    }

    /// Returns a case with its timeline, oldest first, or nil when it is not stored.
    func findCase(_ key: CaseKey) throws -> Dispatch.Case? {
        try database.read { connection in
            try DispatchStore.loadCase(key, connection: connection)
        }
    }

    // MARK: Writes

    /// Stores a new case with its timeline and one outbox event per timeline
    /// row, unless the case id is stored already.
    ///
    /// - Throws: `StoreError` when the write fails (nothing is kept), for
    ///   example a tracking code that another case has.
    func insert(_ newCase: NewCase) throws -> AcceptOutcome {
        try database.write { connection in
            try DispatchStore.insert(newCase, connection: connection)
        }
    }

    /// The result of `insertBatch`: one outcome per case it stored or found stored,
    /// in order, and the error of the case after them when one failed.
    struct BatchOutcome {
        var outcomes: [AcceptOutcome] = []
        var failure: (any Error)?
    }

    /// Stores `cases` in order in one transaction, each as `insert` would,
    /// and stops at the first case whose write fails. The cases before it are
    /// committed, and the failed case and the ones after it are not stored.
    ///
    /// The batch runs without a savepoint per case: with one, SQLite copied
    /// every page a case touched into its statement journal and walked that
    /// journal on each release, which took about a quarter of dispatch's CPU
    /// under load. A failure instead rolls the whole transaction back, and the
    /// cases before the failed one are written again in a second transaction.
    ///
    /// - Throws: `StoreError` when a transaction itself fails (nothing of it is
    ///   kept); the failure of one case is returned, not thrown.
    func insertBatch(_ cases: [NewCase]) throws -> BatchOutcome {
        do {
            let outcomes = try database.write { connection in
                var outcomes: [AcceptOutcome] = []
                for (index, newCase) in cases.enumerated() {
                    do {
                        outcomes.append(try DispatchStore.insert(newCase, connection: connection))
                    } catch {
                        throw FailedCase(index: index, error: error)
                    }
                }
                return outcomes
            }
            return BatchOutcome(outcomes: outcomes)
        } catch let failed as FailedCase {
            var batch = failed.index == 0 ? BatchOutcome() : try insertBatch(Array(cases[..<failed.index]))
            if batch.failure == nil {
                batch.failure = failed.error
            }
            return batch
        }
    }

    /// The write of the case at `index` of a batch failed with `error`.
    private struct FailedCase: Error {
        var index: Int
        var error: any Error
    }

    private static func insert(_ newCase: NewCase, connection: SQLiteConnection) throws -> AcceptOutcome {
        let record = newCase.record
        if let existing = try connection.queryOne(
            "SELECT status, tracking_code FROM cases WHERE case_id = ?", record.caseID)
        {
            guard Array(existing.string("tracking_code").utf8) == Array(record.trackingCode.utf8) else {
                throw caseIDConflict(record.caseID)
            }
            return .duplicate(status: existing.string("status"))
        }

        try connection.run(
            """
            INSERT INTO cases (
                case_id, tracking_code, status, board_code, street_id, street_name, sub_district_id,
                sub_district_name, category_code, category_name, description, contact_phone, has_location,
                lat, lon, channel, received_at_ms, due_at_ms, dispatched_at_ms, closed_at_ms,
                assignee_staff_id, assignee_name, assignee_phone, unit_id, unit_name, decided_by, last_sequence,
                external_ref
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            bindings: [
                record.caseID, record.trackingCode, record.status, newCase.boardCode, record.streetID,
                record.streetName, record.subDistrictID, record.subDistrictName, record.categoryCode,
                record.categoryName, record.description, record.contactPhone, record.hasLocation, record.lat,
                record.lon, newCase.channel, record.receivedAtMs, record.dueAtMs, record.dispatchedAtMs,
                record.closedAtMs, record.assignee?.staffID ?? "", record.assignee?.name ?? "",
                record.assignee?.phone ?? "", record.unitID, record.unitName, newCase.decidedBy,
                record.timeline.count, record.externalRef,
            ])
        // A new case numbers its timeline 1, 2, … itself; last_sequence already counts these rows.
        for (offset, change) in record.timeline.enumerated() {
            try insertTimelineRow(change, sequence: offset + 1, of: record, connection: connection)
        }
        return .created
    }

    /// Moves a case on by `action` in one transaction: checks `authorize`
    /// against the stored case, applies the transition, appends the timeline
    /// row and queues its event.
    ///
    /// - Parameters:
    ///   - notFound: thrown when no case matches `key`.
    ///   - authorize: throws to reject the change. It gets the case as stored before the change.
    /// - Returns: the case after the change, with its timeline.
    /// - Throws: `notFound`, the error of `authorize`, `ServiceError`
    ///   `invalid_transition` from `CaseStatus`, or `StoreError`. Nothing
    ///   changes when it throws.
    func transition(
        _ key: CaseKey, action: CaseStatus.Action, actor: String, note: String, nowMs: Int64,
        notFound: ServiceError, authorize: (Dispatch.Case) throws -> Void = { _ in }
    ) throws -> Dispatch.Case {
        try database.write { connection in
            guard let record = try DispatchStore.loadCase(key, connection: connection, includeTimeline: false) else {
                throw notFound
            }
            try authorize(record)

            guard let current = CaseStatus(rawValue: record.status) else {
                // Code 1 is SQLITE_ERROR: the stored row is not one this binary wrote.
                throw StoreError(code: 1, message: "case \(record.caseID) has unknown status \(record.status)")
            }
            let next = try current.applying(action)
            let closedAtMs = next == .closed ? nowMs : record.closedAtMs
            try connection.run(
                "UPDATE cases SET status = ?, closed_at_ms = ? WHERE case_id = ?",
                next.rawValue, closedAtMs, record.caseID)

            var updated = record
            updated.status = next.rawValue
            updated.closedAtMs = closedAtMs
            let change = Dispatch.StatusChange(
                atMs: nowMs, fromStatus: current.rawValue, toStatus: next.rawValue, actor: actor, note: note)
            try DispatchStore.append(change, to: updated, connection: connection)

            return try DispatchStore.loadCase(.caseID(record.caseID), connection: connection)!
        }
    }

    /// Appends one timeline row to a stored case and queues its metrics event.
    private static func append(
        _ change: Dispatch.StatusChange, to record: Dispatch.Case, connection: SQLiteConnection
    ) throws {
        let sequence = try connection.queryOne(
            "UPDATE cases SET last_sequence = last_sequence + 1 WHERE case_id = ? RETURNING last_sequence",
            record.caseID
        )!.int("last_sequence")
        try insertTimelineRow(change, sequence: sequence, of: record, connection: connection)
    }

    /// Inserts timeline row `sequence` of a case and queues its metrics event.
    private static func insertTimelineRow(
        _ change: Dispatch.StatusChange, sequence: Int, of record: Dispatch.Case, connection: SQLiteConnection
    ) throws {
        try connection.run(
            """
            INSERT INTO case_timeline (case_id, sequence, at_ms, from_status, to_status, actor, note)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            record.caseID, sequence, change.atMs, change.fromStatus, change.toStatus, change.actor, change.note)
        try CaseEvents.enqueue(for: record, change: change, sequence: sequence, connection: connection)
    }

    // MARK: Row mapping

    static func loadCase(
        _ key: CaseKey, connection: SQLiteConnection, includeTimeline: Bool = true
    ) throws -> Dispatch.Case? {
        let row: Row?
        switch key {
        case .caseID(let caseID):
            row = try connection.queryOne("SELECT * FROM cases WHERE case_id = ?", caseID)
        case .trackingCode(let trackingCode):
            row = try connection.queryOne("SELECT * FROM cases WHERE tracking_code = ?", trackingCode)
        }
        guard let row else {
            return nil
        }

        var record = caseRecord(from: row)
        if includeTimeline {
            record.timeline = try connection.query(
                "SELECT * FROM case_timeline WHERE case_id = ? ORDER BY sequence", record.caseID
            ).map { row in
                Dispatch.StatusChange(
                    atMs: row.int64("at_ms"), fromStatus: row.string("from_status"), toStatus: row.string("to_status"),
                    actor: row.string("actor"), note: row.string("note"))
            }
        }
        return record
    }

    /// Maps a `cases` row to a case without its timeline.
    static func caseRecord(from row: Row) -> Dispatch.Case {
        Dispatch.Case(
            caseID: row.string("case_id"), trackingCode: row.string("tracking_code"), status: row.string("status"),
            streetID: row.string("street_id"), streetName: row.string("street_name"),
            subDistrictID: row.string("sub_district_id"), subDistrictName: row.string("sub_district_name"),
            categoryCode: row.string("category_code"), categoryName: row.string("category_name"),
            description: row.string("description"), contactPhone: row.string("contact_phone"),
            receivedAtMs: row.int64("received_at_ms"), dueAtMs: row.int64("due_at_ms"),
            dispatchedAtMs: row.int64("dispatched_at_ms"), closedAtMs: row.int64("closed_at_ms"),
            assignee: Dispatch.Assignee(
                staffID: row.string("assignee_staff_id"), name: row.string("assignee_name"),
                phone: row.string("assignee_phone")),
            unitID: row.string("unit_id"), unitName: row.string("unit_name"),
            hasLocation: row.bool("has_location"), lat: row.double("lat"), lon: row.double("lon"),
            externalRef: row.string("external_ref"))
    }
}
