import JieluContract
import JieluCore
import JieluStore

/// The metrics database: recorded event ids, per-case facts, and the
/// aggregate queries behind the summary.
struct MetricsStore: Sendable {
    let database: Database

    /// How many events of a batch were applied and how many were repeats.
    struct RecordOutcome: Equatable {
        var recorded = 0
        var duplicates = 0
    }

    /// Applies a batch of validated events in one transaction. An event id
    /// seen before (in an earlier batch or earlier in this one) is counted as
    /// a duplicate and changes nothing.
    ///
    /// - Throws: `StoreError` when the write fails; then nothing of the batch is kept.
    func record(_ events: [Metrics.CaseEvent], nowMs: Int64) throws -> RecordOutcome {
        try database.write { connection in
            var outcome = RecordOutcome()
            for event in events {
                let inserted = try connection.run(
                    """
                    INSERT INTO recorded_events (event_id, case_id, kind, at_ms, recorded_at_ms)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING
                    """,
                    event.eventID, event.caseID, event.kind, event.atMs, nowMs)
                guard inserted == 1 else {
                    outcome.duplicates += 1
                    continue
                }

                var fact = try MetricsStore.loadFact(caseID: event.caseID, connection: connection)
                    ?? CaseFact(caseID: event.caseID)
                fact.apply(event)
                try MetricsStore.saveFact(fact, connection: connection)
                outcome.recorded += 1
            }
            return outcome
        }
    }

    /// Returns the fact row of one case, or nil when no event of it was applied yet.
    func fact(caseID: String) throws -> CaseFact? {
        try database.read { connection in
            try MetricsStore.loadFact(caseID: caseID, connection: connection)
        }
    }

    private static func loadFact(caseID: String, connection: SQLiteConnection) throws -> CaseFact? {
        guard let row = try connection.queryOne("SELECT * FROM case_facts WHERE case_id = ?", caseID) else {
            return nil
        }
        var fact = CaseFact(caseID: caseID)
        fact.streetID = row.string("street_id")
        fact.streetName = row.string("street_name")
        fact.subDistrictID = row.string("sub_district_id")
        fact.subDistrictName = row.string("sub_district_name")
        fact.dueAtMs = row.int64("due_at_ms")
        fact.receivedAtMs = row.int64("received_at_ms")
        fact.hasReceivedEvent = row.bool("has_received_event")
        fact.dispatchedAtMs = row.int64("dispatched_at_ms")
        fact.status = row.string("status")
        fact.statusAtMs = row.int64("status_at_ms")
        fact.statusSequence = row.int64("status_sequence")
        fact.reopenedCount = row.int("reopened_count")
        fact.closedAtMs = row.int64("closed_at_ms")
        return fact
    }

    private static func saveFact(_ fact: CaseFact, connection: SQLiteConnection) throws {
        try connection.run(
            """
            INSERT OR REPLACE INTO case_facts (
                case_id, street_id, street_name, sub_district_id, sub_district_name, due_at_ms,
                received_at_ms, has_received_event, dispatched_at_ms, status, status_at_ms,
                status_sequence, reopened_count, closed_at_ms
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            fact.caseID, fact.streetID, fact.streetName, fact.subDistrictID, fact.subDistrictName, fact.dueAtMs,
            fact.receivedAtMs, fact.hasReceivedEvent, fact.dispatchedAtMs, fact.status, fact.statusAtMs,
            fact.statusSequence, fact.reopenedCount, fact.closedAtMs)
    }

    // MARK: Summary

    /// The counts of one scope as the aggregate query returns them.
    struct Counts: Equatable {
        var id = ""
        var name = ""
        var received: Int64 = 0
        var dispatched: Int64 = 0
        var resolved: Int64 = 0
        var closed: Int64 = 0
        var reopened: Int64 = 0
        var due: Int64 = 0
        var closedOnTime: Int64 = 0
        /// Sum over closed cases of closed_at_ms − received_at_ms.
        var handlingMs: Int64 = 0
    }

    /// Counts for the whole district, per sub-district (sorted by id) and,
    /// when `includeStreets` is set, per street (sorted by sub-district id,
    /// then street id), all from one read snapshot.
    ///
    /// "Due" means closed, or not closed with a known due time before `nowMs`.
    func counts(nowMs: Int64, includeStreets: Bool) throws -> (
        district: Counts, subDistricts: [Counts], streets: [Counts]
    ) {
        try database.read { connection in
            let district = try connection.queryOne(
                "SELECT '' AS id, '' AS name, \(MetricsStore.aggregateColumns) FROM case_facts", nowMs
            ).map(MetricsStore.counts(from:)) ?? Counts()

            let subDistricts = try connection.query(
                """
                SELECT sub_district_id AS id, MAX(sub_district_name) AS name, \(MetricsStore.aggregateColumns)
                FROM case_facts GROUP BY sub_district_id ORDER BY sub_district_id
                """, nowMs
            ).map(MetricsStore.counts(from:))

            var streets: [Counts] = []
            if includeStreets {
                streets = try connection.query(
                    """
                    SELECT street_id AS id, MAX(street_name) AS name, \(MetricsStore.aggregateColumns)
                    FROM case_facts GROUP BY sub_district_id, street_id ORDER BY sub_district_id, street_id
                    """, nowMs
                ).map(MetricsStore.counts(from:))
            }
            return (district, subDistricts, streets)
        }
    }

    /// The aggregates of one group; `?` is the evaluation time in Unix milliseconds.
    private static let aggregateColumns = """
        COUNT(*) AS received,
        COALESCE(SUM(dispatched_at_ms > 0), 0) AS dispatched,
        COALESCE(SUM(status IN ('resolved', 'closed')), 0) AS resolved,
        COALESCE(SUM(closed_at_ms > 0), 0) AS closed,
        COALESCE(SUM(reopened_count > 0), 0) AS reopened,
        COALESCE(SUM(closed_at_ms > 0 OR (due_at_ms > 0 AND due_at_ms < ?1)), 0) AS due,
        COALESCE(SUM(closed_at_ms > 0 AND closed_at_ms <= due_at_ms), 0) AS closed_on_time,
        COALESCE(SUM(CASE WHEN closed_at_ms > 0 THEN closed_at_ms - received_at_ms ELSE 0 END), 0) AS handling_ms
        """

    private static func counts(from row: Row) -> Counts {
        Counts(
            id: row.string("id"), name: row.string("name"), received: row.int64("received"),
            dispatched: row.int64("dispatched"), resolved: row.int64("resolved"), closed: row.int64("closed"),
            reopened: row.int64("reopened"), due: row.int64("due"), closedOnTime: row.int64("closed_on_time"),
            handlingMs: row.int64("handling_ms"))
    }
}
