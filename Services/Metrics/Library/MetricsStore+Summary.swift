import JieluStore

extension MetricsStore {
    /// The counts of one scope of the summary.
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

    /// Counts for the whole district (with empty id and name), per
    /// sub-district (sorted by id) and, when `includeStreets` is set, per
    /// street (sorted by sub-district id, then street id), all from one read
    /// snapshot. A sub-district or street appears when it has at least one
    /// case. A group's name is the greatest name among its cases.
    ///
    /// "Due" means closed, or not closed with a known due time before `nowMs`.
    /// Everything but "due" comes from `place_counts`. "Due" is the closed
    /// count, plus the open cases with a due time, minus the open cases due
    /// at or after `nowMs`. The last term is counted from the partial index
    /// `case_facts_open_by_due`, so a summary reads one row per place and one
    /// index entry per open case not yet due, however many cases are stored.
    /// A `nowMs` far in the past makes that count, and the summary, slower,
    /// but never inexact.
    ///
    /// - Throws: `StoreError` when a query fails.
    func counts(nowMs: Int64, includeStreets: Bool) throws -> (
        district: Counts, subDistricts: [Counts], streets: [Counts]
    ) {
        try database.read { connection in
            let notYetDue = try MetricsStore.openCasesNotYetDue(nowMs: nowMs, connection: connection)

            let districtRow = try connection.queryOne(MetricsStore.districtSQL)
            let district = districtRow.map { row in
                MetricsStore.counts(from: row, notYetDue: notYetDue.total)
            } ?? Counts()

            let subDistricts = try connection.query(MetricsStore.subDistrictsSQL).map { row in
                let subDistrictID = row.string("id")
                return MetricsStore.counts(from: row, notYetDue: notYetDue.total(subDistrictID: subDistrictID))
            }

            var streets: [Counts] = []
            if includeStreets {
                streets = try connection.query(MetricsStore.streetsSQL).map { row in
                    let count = notYetDue.count(subDistrictID: row.string("sub_district_id"), streetID: row.string("id"))
                    return MetricsStore.counts(from: row, notYetDue: count)
                }
            }
            return (district, subDistricts, streets)
        }
    }

    /// Open cases with a due time at or after the evaluation time, per
    /// sub-district and street.
    ///
    /// Ids are keyed by their UTF-8 bytes, as SQLite groups them. `String`
    /// keys would merge canonically equivalent ids ("\u{E9}" and "e\u{301}"),
    /// which are two groups in the summary.
    struct NotYetDue {
        private(set) var bySubDistrict: [[UInt8]: [[UInt8]: Int64]] = [:]
        private(set) var total: Int64 = 0

        mutating func add(_ count: Int64, subDistrictID: String, streetID: String) {
            bySubDistrict[Array(subDistrictID.utf8), default: [:]][Array(streetID.utf8), default: 0] += count
            total += count
        }

        func total(subDistrictID: String) -> Int64 {
            bySubDistrict[Array(subDistrictID.utf8)]?.values.reduce(0, +) ?? 0
        }

        func count(subDistrictID: String, streetID: String) -> Int64 {
            bySubDistrict[Array(subDistrictID.utf8)]?[Array(streetID.utf8)] ?? 0
        }
    }

    /// Counts, per place, the open cases with a known due time (above 0) at
    /// or after `nowMs`, which are not yet due at that time.
    static func openCasesNotYetDue(nowMs: Int64, connection: SQLiteConnection) throws -> NotYetDue {
        // A single lower bound makes the index range start at the evaluation
        // time. With `due_at_ms > 0` as a second bound, SQLite might start the
        // range at 0 and read every open case.
        let lowerBoundMs = max(nowMs, 1)
        var notYetDue = NotYetDue()
        for row in try connection.query(notYetDueSQL, lowerBoundMs) {
            notYetDue.add(
                row.int64("not_yet_due"), subDistrictID: row.string("sub_district_id"), streetID: row.string("street_id"))
        }
        return notYetDue
    }

    /// `?1` is the first due time that is not yet due, at least 1. The
    /// `closed_at_ms <= 0` term matches the partial index's WHERE clause, which
    /// SQLite needs before it uses that index.
    static let notYetDueSQL = """
        SELECT sub_district_id, street_id, COUNT(*) AS not_yet_due
        FROM case_facts
        WHERE closed_at_ms <= 0 AND due_at_ms >= ?1
        GROUP BY sub_district_id, street_id
        """

    static let districtSQL = "SELECT '' AS id, '' AS name, \(placeSums) FROM place_counts"

    static let subDistrictsSQL = """
        SELECT sub_district_id AS id, MAX(sub_district_name) AS name, \(placeSums)
        FROM place_counts GROUP BY sub_district_id ORDER BY sub_district_id
        """

    static let streetsSQL = """
        SELECT sub_district_id, street_id AS id, MAX(street_name) AS name, \(placeSums)
        FROM place_counts GROUP BY sub_district_id, street_id ORDER BY sub_district_id, street_id
        """

    private static let placeSums = """
        COALESCE(SUM(received), 0) AS received,
        COALESCE(SUM(dispatched), 0) AS dispatched,
        COALESCE(SUM(resolved), 0) AS resolved,
        COALESCE(SUM(closed), 0) AS closed,
        COALESCE(SUM(reopened), 0) AS reopened,
        COALESCE(SUM(closed_on_time), 0) AS closed_on_time,
        COALESCE(SUM(handling_ms), 0) AS handling_ms,
        COALESCE(SUM(open_with_due), 0) AS open_with_due
        """

    private static func counts(from row: Row, notYetDue: Int64) -> Counts {
        let closed = row.int64("closed")
        return Counts(
            id: row.string("id"), name: row.string("name"), received: row.int64("received"),
            dispatched: row.int64("dispatched"), resolved: row.int64("resolved"), closed: closed,
            reopened: row.int64("reopened"), due: closed + row.int64("open_with_due") - notYetDue,
            closedOnTime: row.int64("closed_on_time"), handlingMs: row.int64("handling_ms"))
    }
}
