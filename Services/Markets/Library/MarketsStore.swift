import JieluContract
import JieluCore
import JieluStore

/// The markets database. Every change writes its rows and one `events` row
/// per state change in a single transaction, so the history never disagrees
/// with the current state.
///
/// The operations live in extensions by concept: dataset loading, markets
/// and stalls, vendors and applications, allocation, permits, inspections,
/// stations, and manifests.
struct MarketsStore: Sendable {
    let database: Database
    let settings: MarketsSettings

    /// Id series and their printed forms.
    enum Series {
        static let vendor = (name: "vendor", prefix: "V", width: 4)
        static let permit = (name: "permit", prefix: "P", width: 6)
        static let inspection = (name: "inspection", prefix: "IN", width: 6)
        static let stationInspection = (name: "station_inspection", prefix: "SI", width: 6)
        static let rectification = (name: "rectification", prefix: "RO", width: 6)
    }

    /// Length of the random part of an application number, after "SQ".
    static let applicationNumberRandomLength = 10
    static let applicationNumberPrefix = "SQ"

    // MARK: History

    /// Appends one state change to `events`.
    static func record(
        kind: String, id: String, from: String, to: String, actor: String, reason: String, atMs: Int64,
        connection: SQLiteConnection
    ) throws {
        try connection.run(
            """
            INSERT INTO events (at_ms, entity_kind, entity_id, from_status, to_status, actor, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            atMs, kind, id, from, to, actor, reason)
    }

    /// Returns the state changes of one entity, oldest first.
    static func history(kind: String, id: String, connection: SQLiteConnection) throws -> [Markets.StateChange] {
        try connection.query(
            "SELECT * FROM events WHERE entity_kind = ? AND entity_id = ? ORDER BY sequence", kind, id
        ).map { row in
            Markets.StateChange(
                atMs: row.int64("at_ms"), entityKind: row.string("entity_kind"), entityID: row.string("entity_id"),
                fromStatus: row.string("from_status"), toStatus: row.string("to_status"), actor: row.string("actor"),
                reason: row.string("reason"))
        }
    }

    /// Returns the state changes of one entity, oldest first.
    func history(kind: String, id: String) throws -> [Markets.StateChange] {
        try database.read { connection in
            try MarketsStore.history(kind: kind, id: id, connection: connection)
        }
    }

    // MARK: Ids

    /// Increments the counter `name` and returns its new value.
    static func nextValue(_ name: String, connection: SQLiteConnection) throws -> Int64 {
        try connection.queryOne(
            """
            INSERT INTO counters (name, last_value) VALUES (?, 1)
            ON CONFLICT (name) DO UPDATE SET last_value = last_value + 1
            RETURNING last_value
            """, name
        )!.int64("last_value")
    }

    /// Returns the next id of a series, such as "V0061".
    static func nextID(
        _ series: (name: String, prefix: String, width: Int), connection: SQLiteConnection
    ) throws -> String {
        series.prefix + padded(try nextValue(series.name, connection: connection), series.width)
    }

    /// Sets the counter of a series to the largest number among `ids` that
    /// have the series' prefix, so new ids continue after the dataset's.
    static func resetCounter(
        _ series: (name: String, prefix: String, width: Int), ids: [String], connection: SQLiteConnection
    ) throws {
        let largest = ids.compactMap { id -> Int64? in
            guard id.hasPrefix(series.prefix) else {
                return nil
            }
            return Int64(id.dropFirst(series.prefix.count))
        }.max() ?? 0
        try connection.run(
            """
            INSERT INTO counters (name, last_value) VALUES (?, ?)
            ON CONFLICT (name) DO UPDATE SET last_value = excluded.last_value
            """, series.name, largest)
    }

    /// Returns an application number no application has: "SQ" and 10
    /// characters of `RandomCode.alphabet`.
    static func unusedApplicationNumber(connection: SQLiteConnection) throws -> String {
        for _ in 0..<8 {
            let number = applicationNumberPrefix + RandomCode.make(length: applicationNumberRandomLength)
            if try connection.queryOne("SELECT 1 FROM applications WHERE number = ?", number) == nil {
                return number
            }
        }
        // Eight collisions in a row mean the random source is broken, not bad luck.
        throw ServiceError.internal
    }

    static func padded(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    // MARK: Stall state

    /// SQL for the current status of stall `s` at `?1` (now): "suspended" when
    /// closed or its permit covering now is suspended, "occupied" when an
    /// active permit covers now, else "free". The query must bind now as `?1`.
    static let stallStatusSQL = """
        CASE WHEN s.closed = 1 THEN 'suspended' ELSE COALESCE((
            SELECT CASE p.status WHEN 'active' THEN 'occupied' ELSE 'suspended' END FROM permits p
            WHERE p.stall_id = s.id AND p.status IN \(MarketsSchema.livePermitStatuses)
                AND p.start_at_ms <= ?1 AND ?1 < p.end_at_ms
            LIMIT 1), 'free') END
        """

    /// SQL for the id of the live permit of stall `s` covering `?1` (now), or ''.
    static let stallPermitSQL = """
        COALESCE((
            SELECT p.id FROM permits p
            WHERE p.stall_id = s.id AND p.status IN \(MarketsSchema.livePermitStatuses)
                AND p.start_at_ms <= ?1 AND ?1 < p.end_at_ms
            LIMIT 1), '')
        """

    static func stall(from row: Row) -> Markets.Stall {
        Markets.Stall(
            id: row.string("id"), marketID: row.string("market_id"), number: row.string("number"),
            stallType: row.string("stall_type"), sizeM2: row.double("size_m2"),
            monthlyFeeFen: row.int64("monthly_fee_fen"), status: row.string("status"),
            permitID: row.string("permit_id"))
    }

    /// Loads one stall with its status at `nowMs`, or nil.
    static func stall(id: String, nowMs: Int64, connection: SQLiteConnection) throws -> Markets.Stall? {
        try connection.queryOne(
            """
            SELECT s.*, \(stallStatusSQL) AS status, \(stallPermitSQL) AS permit_id
            FROM stalls s WHERE s.id = ?2
            """, nowMs, id
        ).map(stall(from:))
    }

    // MARK: Errors

    /// Maps the schema's own guards to service errors: the overlap trigger
    /// and the one-live-permit-per-vendor index. Other errors pass unchanged.
    static func mapConstraint(_ error: any Error) -> any Error {
        guard let storeError = error as? StoreError, storeError.isConstraintViolation else {
            return error
        }
        if storeError.message.contains("permit_overlap") {
            return ServiceError(
                .failedPrecondition, reason: "permit_overlap",
                message: "该摊位在这段时间已有其他有效许可，许可期限不能重叠；请调整起止时间。")
        }
        if storeError.message.contains("permits.vendor_id") {
            return ServiceError(
                .failedPrecondition, reason: "vendor_has_stall", message: "该摊贩已持有一个摊位的有效许可，每位摊贩最多持有一个摊位。")
        }
        return error
    }
}
