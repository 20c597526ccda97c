import JieluStore

/// The tables of `markets.sqlite`.
///
/// Reference data from the dataset: `streets` (copied from the registry at
/// load time, with their board codes), `markets`, `stalls`, `stations`,
/// `haulers`, `vehicles` and `disposal_sites`. Records of the trade:
/// `vendors`, `applications`, `permits`, `inspections`,
/// `station_inspections`, `rectifications` and `manifests`.
/// `manifest_cases` has one row per expired manifest whose case was queued
/// for intake, and `intake_outbox` the `SubmitReport` requests intake has not
/// acknowledged yet. `events` has every state change with time, actor and reason.
///
/// Two rules hold in the schema itself, so no code path can break them:
/// a vendor has at most one active or suspended permit (a partial unique
/// index), and the active or suspended permits of one stall never overlap
/// in time (triggers that abort the insert or update).
enum MarketsSchema {
    static let outboxTable = "intake_outbox"

    /// Permit statuses that hold a stall.
    static let livePermitStatuses = "('active', 'suspended')"

    static let migrations = [
        Migration(
            version: 1,
            sql: """
                CREATE TABLE streets (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    board_code TEXT NOT NULL,
                    sub_district_id TEXT NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE markets (
                    id TEXT PRIMARY KEY,
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    street_id TEXT NOT NULL REFERENCES streets (id),
                    address TEXT NOT NULL,
                    near_kind TEXT NOT NULL,
                    near_name TEXT NOT NULL,
                    lat REAL NOT NULL,
                    lon REAL NOT NULL,
                    opens_at TEXT NOT NULL,
                    closes_at TEXT NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE stalls (
                    id TEXT PRIMARY KEY,
                    market_id TEXT NOT NULL REFERENCES markets (id),
                    number TEXT NOT NULL,
                    stall_type TEXT NOT NULL,
                    size_m2 REAL NOT NULL,
                    monthly_fee_fen INTEGER NOT NULL,
                    -- 1 while the market manager has closed the stall; it then
                    -- shows as suspended and is never allocated.
                    closed INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (market_id, number)
                ) WITHOUT ROWID;

                CREATE INDEX stalls_by_market ON stalls (market_id, stall_type, number);

                CREATE TABLE vendors (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    id_card TEXT NOT NULL UNIQUE,
                    phone TEXT NOT NULL,
                    goods_type TEXT NOT NULL,
                    hardship INTEGER NOT NULL,
                    registered_at_ms INTEGER NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE applications (
                    number TEXT PRIMARY KEY,
                    -- Order of arrival; breaks ties of equal hardship and time.
                    sequence INTEGER NOT NULL UNIQUE,
                    vendor_id TEXT NOT NULL REFERENCES vendors (id),
                    market_id TEXT NOT NULL REFERENCES markets (id),
                    stall_type TEXT NOT NULL,
                    hardship INTEGER NOT NULL,
                    applied_at_ms INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    stall_id TEXT NOT NULL DEFAULT '',
                    permit_id TEXT NOT NULL DEFAULT '',
                    decided_at_ms INTEGER NOT NULL DEFAULT 0,
                    decision_note TEXT NOT NULL DEFAULT ''
                ) WITHOUT ROWID;

                CREATE UNIQUE INDEX one_waiting_application_per_vendor ON applications (vendor_id)
                    WHERE status = 'waiting';
                -- The waitlist order: hardship first, then application time, then arrival.
                CREATE INDEX waitlist ON applications (market_id, stall_type, status, hardship DESC, applied_at_ms, sequence);

                CREATE TABLE permits (
                    id TEXT PRIMARY KEY,
                    vendor_id TEXT NOT NULL REFERENCES vendors (id),
                    stall_id TEXT NOT NULL REFERENCES stalls (id),
                    market_id TEXT NOT NULL REFERENCES markets (id),
                    application_number TEXT NOT NULL,
                    start_at_ms INTEGER NOT NULL,
                    end_at_ms INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    renewals INTEGER NOT NULL DEFAULT 0,
                    -- Violations before this time no longer count towards a
                    -- suspension: set when a suspension is lifted.
                    violations_reset_at_ms INTEGER NOT NULL DEFAULT 0,
                    CHECK (end_at_ms > start_at_ms)
                ) WITHOUT ROWID;

                CREATE UNIQUE INDEX one_live_permit_per_vendor ON permits (vendor_id)
                    WHERE status IN \(livePermitStatuses);
                CREATE INDEX permits_by_stall ON permits (stall_id, status, start_at_ms);
                CREATE INDEX permits_by_status ON permits (status, end_at_ms);

                CREATE TRIGGER permits_no_overlap_on_insert BEFORE INSERT ON permits
                WHEN NEW.status IN \(livePermitStatuses)
                BEGIN
                    SELECT RAISE(ABORT, 'permit_overlap') WHERE EXISTS (
                        SELECT 1 FROM permits
                        WHERE stall_id = NEW.stall_id AND status IN \(livePermitStatuses)
                            AND start_at_ms < NEW.end_at_ms AND NEW.start_at_ms < end_at_ms);
                END;

                CREATE TRIGGER permits_no_overlap_on_update BEFORE UPDATE OF stall_id, start_at_ms, end_at_ms, status
                ON permits
                WHEN NEW.status IN \(livePermitStatuses)
                BEGIN
                    SELECT RAISE(ABORT, 'permit_overlap') WHERE EXISTS (
                        SELECT 1 FROM permits
                        WHERE id <> NEW.id AND stall_id = NEW.stall_id AND status IN \(livePermitStatuses)
                            AND start_at_ms < NEW.end_at_ms AND NEW.start_at_ms < end_at_ms);
                END;

                CREATE TABLE inspections (
                    id TEXT PRIMARY KEY,
                    market_id TEXT NOT NULL REFERENCES markets (id),
                    stall_id TEXT NOT NULL,
                    vendor_id TEXT NOT NULL,
                    permit_id TEXT NOT NULL,
                    at_ms INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    result TEXT NOT NULL,
                    violation_type TEXT NOT NULL,
                    notes TEXT NOT NULL
                ) WITHOUT ROWID;

                CREATE INDEX inspections_by_permit ON inspections (permit_id, result, at_ms);
                CREATE INDEX inspections_by_vendor ON inspections (vendor_id, at_ms);

                CREATE TABLE stations (
                    id TEXT PRIMARY KEY,
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    street_id TEXT NOT NULL REFERENCES streets (id),
                    address TEXT NOT NULL,
                    lat REAL NOT NULL,
                    lon REAL NOT NULL,
                    operator_name TEXT NOT NULL,
                    license_number TEXT NOT NULL UNIQUE,
                    license_valid_from_ms INTEGER NOT NULL,
                    license_valid_until_ms INTEGER NOT NULL
                ) WITHOUT ROWID;

                CREATE INDEX stations_by_street ON stations (street_id, position);

                CREATE TABLE station_inspections (
                    id TEXT PRIMARY KEY,
                    station_id TEXT NOT NULL REFERENCES stations (id),
                    at_ms INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    result TEXT NOT NULL,
                    notes TEXT NOT NULL
                ) WITHOUT ROWID;

                CREATE INDEX station_inspections_by_station ON station_inspections (station_id, at_ms);

                CREATE TABLE rectifications (
                    id TEXT PRIMARY KEY,
                    station_id TEXT NOT NULL REFERENCES stations (id),
                    requirement TEXT NOT NULL,
                    issued_at_ms INTEGER NOT NULL,
                    deadline_at_ms INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    completed_at_ms INTEGER NOT NULL DEFAULT 0,
                    completion_note TEXT NOT NULL DEFAULT '',
                    issued_by TEXT NOT NULL,
                    completed_by TEXT NOT NULL DEFAULT ''
                ) WITHOUT ROWID;

                CREATE INDEX rectifications_by_station ON rectifications (station_id, issued_at_ms);

                CREATE TABLE haulers (
                    id TEXT PRIMARY KEY,
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    license_number TEXT NOT NULL UNIQUE,
                    license_valid_from_ms INTEGER NOT NULL,
                    license_valid_until_ms INTEGER NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE vehicles (
                    plate TEXT PRIMARY KEY,
                    hauler_id TEXT NOT NULL REFERENCES haulers (id),
                    position INTEGER NOT NULL,
                    capacity_tonnes REAL NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE disposal_sites (
                    id TEXT PRIMARY KEY,
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    address TEXT NOT NULL,
                    lat REAL NOT NULL,
                    lon REAL NOT NULL,
                    license_number TEXT NOT NULL UNIQUE,
                    license_valid_from_ms INTEGER NOT NULL,
                    license_valid_until_ms INTEGER NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE manifests (
                    id TEXT PRIMARY KEY,
                    hauler_id TEXT NOT NULL REFERENCES haulers (id),
                    vehicle_plate TEXT NOT NULL,
                    origin_site TEXT NOT NULL,
                    origin_street_id TEXT NOT NULL REFERENCES streets (id),
                    expected_load_tonnes REAL NOT NULL,
                    disposal_site_id TEXT NOT NULL REFERENCES disposal_sites (id),
                    window_start_ms INTEGER NOT NULL,
                    window_end_ms INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    created_at_ms INTEGER NOT NULL,
                    departed_at_ms INTEGER NOT NULL DEFAULT 0,
                    arrived_at_ms INTEGER NOT NULL DEFAULT 0,
                    CHECK (window_end_ms > window_start_ms)
                ) WITHOUT ROWID;

                -- The expiry check scans open manifests by window end.
                CREATE INDEX manifests_open ON manifests (status, window_end_ms);
                CREATE INDEX manifests_by_hauler ON manifests (hauler_id, created_at_ms);
                CREATE INDEX manifests_by_created ON manifests (created_at_ms);

                -- One row per expired manifest: written in the transaction that
                -- expires it, together with the outbox row, so a manifest is
                -- raised at most once. case_id is filled in when intake answers.
                CREATE TABLE manifest_cases (
                    manifest_id TEXT PRIMARY KEY REFERENCES manifests (id),
                    raised_at_ms INTEGER NOT NULL,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    case_id TEXT NOT NULL DEFAULT '',
                    tracking_code TEXT NOT NULL DEFAULT '',
                    filed_at_ms INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID;

                CREATE TABLE events (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    at_ms INTEGER NOT NULL,
                    entity_kind TEXT NOT NULL,
                    entity_id TEXT NOT NULL,
                    from_status TEXT NOT NULL,
                    to_status TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    reason TEXT NOT NULL
                );

                CREATE INDEX events_by_entity ON events (entity_kind, entity_id, sequence);

                -- Last number handed out per id series, e.g. "vendor" or "HM20261204".
                CREATE TABLE counters (
                    name TEXT PRIMARY KEY,
                    last_value INTEGER NOT NULL
                ) WITHOUT ROWID;

                \(OutboxRelay.migrationSQL(table: outboxTable))
                """),
    ]
}
