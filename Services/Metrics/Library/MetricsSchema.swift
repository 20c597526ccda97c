import JieluStore

/// The tables of `metrics.sqlite`.
///
/// `recorded_events` remembers every event id, which makes `RecordEvents`
/// idempotent. `case_facts` has one row per case, folded from its events so
/// far. `place_counts` keeps running totals over `case_facts` per place, which
/// `RecordEvents` updates in the same transaction as the facts. The summary
/// reads those totals and the open cases not yet due, so its cost does not
/// grow with the number of stored cases.
enum MetricsSchema {
    /// Fills `place_counts` from every row of `case_facts`; run on an empty
    /// table. Migration 2 back-fills with it, and the bench seeder recounts
    /// with it after writing facts directly.
    static let placeCountsRecount = """
        INSERT INTO place_counts (
            sub_district_id, street_id, sub_district_name, street_name, received, dispatched,
            resolved, closed, reopened, closed_on_time, handling_ms, open_with_due
        )
        SELECT
            sub_district_id, street_id, sub_district_name, street_name,
            COUNT(*),
            SUM(dispatched_at_ms > 0),
            SUM(status IN ('resolved', 'closed')),
            SUM(closed_at_ms > 0),
            SUM(reopened_count > 0),
            SUM(closed_at_ms > 0 AND closed_at_ms <= due_at_ms),
            SUM(CASE WHEN closed_at_ms > 0 THEN closed_at_ms - received_at_ms ELSE 0 END),
            SUM(closed_at_ms <= 0 AND due_at_ms > 0)
        FROM case_facts
        GROUP BY sub_district_id, street_id, sub_district_name, street_name
        """

    static let migrations = [
        Migration(
            version: 1,
            sql: """
                CREATE TABLE recorded_events (
                    event_id TEXT PRIMARY KEY,
                    case_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    at_ms INTEGER NOT NULL,
                    recorded_at_ms INTEGER NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE case_facts (
                    case_id TEXT PRIMARY KEY,
                    street_id TEXT NOT NULL,
                    street_name TEXT NOT NULL,
                    sub_district_id TEXT NOT NULL,
                    sub_district_name TEXT NOT NULL,
                    -- 0 while no event has carried a due time.
                    due_at_ms INTEGER NOT NULL,
                    -- The received event's time; until it arrives, the earliest event time seen.
                    received_at_ms INTEGER NOT NULL,
                    has_received_event INTEGER NOT NULL,
                    -- 0 until a dispatched event arrives.
                    dispatched_at_ms INTEGER NOT NULL,
                    -- Kind of the latest event by (status_at_ms, status_sequence).
                    status TEXT NOT NULL,
                    status_at_ms INTEGER NOT NULL,
                    status_sequence INTEGER NOT NULL,
                    reopened_count INTEGER NOT NULL,
                    -- 0 while not closed.
                    closed_at_ms INTEGER NOT NULL
                ) WITHOUT ROWID;

                -- The summary groups by sub-district and by street.
                CREATE INDEX case_facts_by_place ON case_facts (sub_district_id, street_id);
                CREATE INDEX case_facts_by_street ON case_facts (street_id);
                """),
        Migration(
            version: 2,
            sql: """
                -- One row per place that has at least one case; a row whose received count
                -- reaches 0 is deleted. The names belong to the key because the summary shows
                -- MAX(name) over a group's cases, which only per-name rows keep exact when a
                -- case moves to another place. Each column sums, over the place's facts, the
                -- predicate the summary used to evaluate on every case_facts row.
                CREATE TABLE place_counts (
                    sub_district_id TEXT NOT NULL,
                    street_id TEXT NOT NULL,
                    sub_district_name TEXT NOT NULL,
                    street_name TEXT NOT NULL,
                    received INTEGER NOT NULL,
                    dispatched INTEGER NOT NULL,
                    resolved INTEGER NOT NULL,
                    closed INTEGER NOT NULL,
                    reopened INTEGER NOT NULL,
                    closed_on_time INTEGER NOT NULL,
                    -- Sum over closed cases of closed_at_ms - received_at_ms.
                    handling_ms INTEGER NOT NULL,
                    -- Open cases with a due time; the summary subtracts those not yet due.
                    open_with_due INTEGER NOT NULL,
                    PRIMARY KEY (sub_district_id, street_id, sub_district_name, street_name)
                ) WITHOUT ROWID;

                \(placeCountsRecount);

                -- Open cases by due time: the summary counts the open cases due at or after its
                -- evaluation time, a number bounded by the intake rate times the longest time
                -- limit rather than by the stored cases. closed_at_ms is a column only so that
                -- SQLite 3.40 uses the index as a covering index, without reading table rows.
                CREATE INDEX case_facts_open_by_due
                    ON case_facts (due_at_ms, sub_district_id, street_id, closed_at_ms)
                    WHERE closed_at_ms <= 0;

                -- Only the GROUP BY summary of version 1 read these.
                DROP INDEX case_facts_by_place;
                DROP INDEX case_facts_by_street;
                """),
    ]
}
