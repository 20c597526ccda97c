import JieluStore

/// The tables of `intake.sqlite`.
///
/// `reports` has every report as intake built it, and `idempotency_keys` the
/// first response per key. `daily_case_counters` has the last case sequence
/// number per district day. `dispatch_outbox` has the `AcceptCase` requests
/// that dispatch has not acknowledged yet.
enum IntakeSchema {
    static let outboxTable = "dispatch_outbox"

    static let migrations = [
        Migration(
            version: 1,
            sql: """
                CREATE TABLE reports (
                    case_id TEXT PRIMARY KEY,
                    tracking_code TEXT NOT NULL UNIQUE,
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
                    -- The dispatch_outbox row that carries this report; set to
                    -- delivered = 1 in the transaction that deletes that row.
                    outbox_id INTEGER NOT NULL,
                    delivered INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID;

                CREATE INDEX reports_by_outbox_id ON reports (outbox_id);

                CREATE TABLE idempotency_keys (
                    idempotency_key TEXT PRIMARY KEY,
                    case_id TEXT NOT NULL REFERENCES reports (case_id),
                    -- The serialized SubmitReportResponse of the first submission.
                    response BLOB NOT NULL,
                    created_at_ms INTEGER NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE daily_case_counters (
                    -- yyyyMMdd in the district's time zone (UTC+8).
                    day TEXT PRIMARY KEY,
                    last_sequence INTEGER NOT NULL
                ) WITHOUT ROWID;

                \(OutboxRelay.migrationSQL(table: outboxTable))
                """),
        Migration(
            version: 2,
            sql: """
                -- What the report is about in another service: "manifest:<id>",
                -- "station:<id>" or empty.
                ALTER TABLE reports ADD COLUMN external_ref TEXT NOT NULL DEFAULT '';
                """),
    ]
}
