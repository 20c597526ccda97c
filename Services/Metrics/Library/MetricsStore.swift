import JieluContract
import JieluCore
import JieluStore

/// The metrics database: recorded event ids, per-case facts, the running
/// counts per place, and the queries behind the summary.
struct MetricsStore: Sendable {
    let database: Database

    /// How many events of a batch were applied and how many were repeats.
    struct RecordOutcome: Equatable {
        var recorded = 0
        var duplicates = 0
    }

    /// Applies a batch of validated events in one transaction. An event id
    /// seen before (in an earlier batch or earlier in this one) is counted as
    /// a duplicate and changes nothing. The running counts in `place_counts`
    /// move by the difference between each rewritten fact's old and new
    /// contribution, in the same transaction.
    ///
    /// - Throws: `StoreError` when the write fails; then nothing of the batch is kept.
    func record(_ events: [Metrics.CaseEvent], nowMs: Int64) throws -> RecordOutcome {
        try database.write { connection in
            var outcome = RecordOutcome()
            var changes = PlaceCountChanges()
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

                let stored = try MetricsStore.loadFact(caseID: event.caseID, connection: connection)
                var fact = stored ?? CaseFact(caseID: event.caseID)
                fact.apply(event)
                try MetricsStore.saveFact(fact, connection: connection)
                changes.replace(stored.map(FactContribution.init), with: FactContribution(fact))
                outcome.recorded += 1
            }

            try MetricsStore.apply(changes, connection: connection)
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

    /// Writes only the fact row of one case. `record` moves the running
    /// counts itself.
    static func saveFact(_ fact: CaseFact, connection: SQLiteConnection) throws {
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
}
