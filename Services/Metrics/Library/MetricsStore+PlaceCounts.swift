import JieluStore

extension MetricsStore {
    /// Adds each place's change to its `place_counts` row, creating the row
    /// when the place is new and deleting it when its last case has left, so
    /// that the summary lists only places with cases. Runs inside the caller's
    /// write transaction.
    ///
    /// - Throws: `StoreError` when a statement fails; the caller's transaction
    ///   then discards the whole batch.
    static func apply(_ changes: PlaceCountChanges, connection: SQLiteConnection) throws {
        for (place, change) in changes.nonZero {
            try connection.run(
                """
                INSERT INTO place_counts (
                    sub_district_id, street_id, sub_district_name, street_name, received, dispatched,
                    resolved, closed, reopened, closed_on_time, handling_ms, open_with_due
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (sub_district_id, street_id, sub_district_name, street_name) DO UPDATE SET
                    received = received + excluded.received,
                    dispatched = dispatched + excluded.dispatched,
                    resolved = resolved + excluded.resolved,
                    closed = closed + excluded.closed,
                    reopened = reopened + excluded.reopened,
                    closed_on_time = closed_on_time + excluded.closed_on_time,
                    handling_ms = handling_ms + excluded.handling_ms,
                    open_with_due = open_with_due + excluded.open_with_due
                """,
                place.subDistrictID, place.streetID, place.subDistrictName, place.streetName, change.received,
                change.dispatched, change.resolved, change.closed, change.reopened, change.closedOnTime,
                change.handlingMs, change.openWithDue)

            // Every other count is a subset or a sum over the place's cases, so
            // they are all 0 once `received` is.
            if change.received < 0 {
                try connection.run(
                    """
                    DELETE FROM place_counts
                    WHERE sub_district_id = ? AND street_id = ? AND sub_district_name = ? AND street_name = ?
                        AND received = 0
                    """,
                    place.subDistrictID, place.streetID, place.subDistrictName, place.streetName)
            }
        }
    }
}
