import JieluStore

/// The tables of `metrics.sqlite`.
///
/// `recorded_events` remembers every event id, which makes `RecordEvents`
/// idempotent. `case_facts` has one row per case, folded from its events so
/// far, and the summary aggregates over it with GROUP BY.
enum MetricsSchema {
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
    ]
}
