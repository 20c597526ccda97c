import JieluStore

@testable import MetricsService

/// The schema version 1 summary, which aggregated every row of `case_facts`
/// on each request. The tests hold the running counts to it: for every state,
/// `MetricsStore.counts` must return exactly what this recount returns.
enum FactRecount {
    /// The version 1 `MetricsStore.counts`, unchanged.
    static func counts(nowMs: Int64, includeStreets: Bool, database: Database) throws -> (
        district: MetricsStore.Counts, subDistricts: [MetricsStore.Counts], streets: [MetricsStore.Counts]
    ) {
        try database.read { connection in
            let district = try connection.queryOne(
                "SELECT '' AS id, '' AS name, \(aggregateColumns) FROM case_facts", nowMs
            ).map(counts(from:)) ?? MetricsStore.Counts()

            let subDistricts = try connection.query(
                """
                SELECT sub_district_id AS id, MAX(sub_district_name) AS name, \(aggregateColumns)
                FROM case_facts GROUP BY sub_district_id ORDER BY sub_district_id
                """, nowMs
            ).map(counts(from:))

            var streets: [MetricsStore.Counts] = []
            if includeStreets {
                streets = try connection.query(
                    """
                    SELECT street_id AS id, MAX(street_name) AS name, \(aggregateColumns)
                    FROM case_facts GROUP BY sub_district_id, street_id ORDER BY sub_district_id, street_id
                    """, nowMs
                ).map(counts(from:))
            }
            return (district, subDistricts, streets)
        }
    }

    /// The rows `place_counts` should hold, recounted from `case_facts` and
    /// sorted by key.
    static func expectedPlaceRows(database: Database) throws -> [PlaceRow] {
        try database.read { connection in
            try connection.query(
                """
                SELECT sub_district_id, street_id, sub_district_name, street_name,
                    COUNT(*) AS received,
                    SUM(dispatched_at_ms > 0) AS dispatched,
                    SUM(status IN ('resolved', 'closed')) AS resolved,
                    SUM(closed_at_ms > 0) AS closed,
                    SUM(reopened_count > 0) AS reopened,
                    SUM(closed_at_ms > 0 AND closed_at_ms <= due_at_ms) AS closed_on_time,
                    SUM(CASE WHEN closed_at_ms > 0 THEN closed_at_ms - received_at_ms ELSE 0 END) AS handling_ms,
                    SUM(closed_at_ms <= 0 AND due_at_ms > 0) AS open_with_due
                FROM case_facts
                GROUP BY sub_district_id, street_id, sub_district_name, street_name
                ORDER BY sub_district_id, street_id, sub_district_name, street_name
                """
            ).map(placeRow(from:))
        }
    }

    /// The rows of `place_counts`, sorted by key.
    static func storedPlaceRows(database: Database) throws -> [PlaceRow] {
        try database.read { connection in
            try connection.query(
                """
                SELECT * FROM place_counts
                ORDER BY sub_district_id, street_id, sub_district_name, street_name
                """
            ).map(placeRow(from:))
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

    private static func counts(from row: Row) -> MetricsStore.Counts {
        MetricsStore.Counts(
            id: row.string("id"), name: row.string("name"), received: row.int64("received"),
            dispatched: row.int64("dispatched"), resolved: row.int64("resolved"), closed: row.int64("closed"),
            reopened: row.int64("reopened"), due: row.int64("due"), closedOnTime: row.int64("closed_on_time"),
            handlingMs: row.int64("handling_ms"))
    }

    private static func placeRow(from row: Row) -> PlaceRow {
        PlaceRow(
            place: PlaceKey(
                subDistrictID: row.string("sub_district_id"), streetID: row.string("street_id"),
                subDistrictName: row.string("sub_district_name"), streetName: row.string("street_name")),
            counts: PlaceCounts(
                received: row.int64("received"), dispatched: row.int64("dispatched"), resolved: row.int64("resolved"),
                closed: row.int64("closed"), reopened: row.int64("reopened"), closedOnTime: row.int64("closed_on_time"),
                handlingMs: row.int64("handling_ms"), openWithDue: row.int64("open_with_due")))
    }
}

/// One row of `place_counts`.
struct PlaceRow: Equatable {
    var place: PlaceKey
    var counts: PlaceCounts
}
