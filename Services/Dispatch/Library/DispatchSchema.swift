import JieluStore

/// The tables of `dispatch.sqlite`.
///
/// `cases` has one row per case with its current status and assignment.
/// `case_timeline` has every status change, numbered per case from 1.
/// `metrics_outbox` has the case events that metrics has not acknowledged yet.
enum DispatchSchema {
    static let outboxTable = "metrics_outbox"

    static let migrations = [
        Migration(
            version: 1,
            sql: """
                CREATE TABLE cases (
                    case_id TEXT PRIMARY KEY,
                    tracking_code TEXT NOT NULL UNIQUE,
                    status TEXT NOT NULL,
                    board_code TEXT NOT NULL,
                    street_id TEXT NOT NULL,
                    street_name TEXT NOT NULL,
                    sub_district_id TEXT NOT NULL,
                    sub_district_name TEXT NOT NULL,
                    category_code TEXT NOT NULL,
                    category_name TEXT NOT NULL,
                    description TEXT NOT NULL,
                    contact_phone TEXT NOT NULL,
                    has_location INTEGER NOT NULL,
                    lat REAL NOT NULL,
                    lon REAL NOT NULL,
                    channel TEXT NOT NULL,
                    received_at_ms INTEGER NOT NULL,
                    due_at_ms INTEGER NOT NULL,
                    dispatched_at_ms INTEGER NOT NULL,
                    -- 0 while not closed.
                    closed_at_ms INTEGER NOT NULL DEFAULT 0,
                    assignee_staff_id TEXT NOT NULL,
                    assignee_name TEXT NOT NULL,
                    assignee_phone TEXT NOT NULL,
                    unit_id TEXT NOT NULL,
                    unit_name TEXT NOT NULL,
                    -- The registry's decided_by: which routing rule chose the assignment.
                    decided_by TEXT NOT NULL,
                    -- Sequence number of the newest timeline row.
                    last_sequence INTEGER NOT NULL
                ) WITHOUT ROWID;

                -- ListCases walks newest first with keyset pagination on
                -- (received_at_ms, case_id), with or without each filter.
                CREATE INDEX cases_by_received ON cases (received_at_ms, case_id);
                CREATE INDEX cases_by_status ON cases (status, received_at_ms, case_id);
                CREATE INDEX cases_by_assignee ON cases (assignee_staff_id, received_at_ms, case_id);
                CREATE INDEX cases_by_assignee_status
                    ON cases (assignee_staff_id, status, received_at_ms, case_id);

                CREATE TABLE case_timeline (
                    case_id TEXT NOT NULL REFERENCES cases (case_id),
                    sequence INTEGER NOT NULL,
                    at_ms INTEGER NOT NULL,
                    from_status TEXT NOT NULL,
                    to_status TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    note TEXT NOT NULL,
                    PRIMARY KEY (case_id, sequence)
                ) WITHOUT ROWID;

                \(OutboxRelay.migrationSQL(table: outboxTable))
                """),
        Migration(
            version: 2,
            sql: """
                -- The report's external reference: "manifest:<id>", "station:<id>" or empty.
                ALTER TABLE cases ADD COLUMN external_ref TEXT NOT NULL DEFAULT '';
                """),
    ]
}
