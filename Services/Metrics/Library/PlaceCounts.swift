/// The place the summary groups a case by: its sub-district and street, with
/// the names its events carried.
///
/// The names are part of the key because the summary shows the greatest name
/// (SQLite `MAX`, byte order) among a group's cases. Keeping one row per
/// distinct name keeps that maximum exact after a case moves to another place.
///
/// Keys compare by UTF-8 bytes, as SQLite compares the `place_counts` key.
/// Swift's `String ==` treats canonically equivalent text ("\u{E9}" and
/// "e\u{301}") as equal, which would merge the changes of two rows into one.
struct PlaceKey: Hashable, Sendable {
    var subDistrictID: String
    var streetID: String
    var subDistrictName: String
    var streetName: String

    static func == (left: PlaceKey, right: PlaceKey) -> Bool {
        left.subDistrictID.utf8.elementsEqual(right.subDistrictID.utf8)
            && left.streetID.utf8.elementsEqual(right.streetID.utf8)
            && left.subDistrictName.utf8.elementsEqual(right.subDistrictName.utf8)
            && left.streetName.utf8.elementsEqual(right.streetName.utf8)
    }

    func hash(into hasher: inout Hasher) {
        for part in [subDistrictID, streetID, subDistrictName, streetName] {
            // The length separates the parts, so ("ab", "c") and ("a", "bc") hash apart.
            hasher.combine(part.utf8.count)
            for byte in part.utf8 {
                hasher.combine(byte)
            }
        }
    }
}

/// Running totals over the case facts of one place: one row of `place_counts`,
/// or the change to such a row.
///
/// Addition and subtraction wrap on overflow instead of trapping.
/// NOTE: the totals are exact only while every sum fits in `Int64`. With event
/// times in Unix milliseconds that is far beyond any real history, and the
/// GROUP BY recount failed with an integer overflow error there as well.
struct PlaceCounts: Equatable, Sendable {
    /// Cases, one per fact.
    var received: Int64 = 0
    /// Cases with a dispatched event.
    var dispatched: Int64 = 0
    /// Cases whose status is resolved or closed.
    var resolved: Int64 = 0
    var closed: Int64 = 0
    /// Cases reopened at least once.
    var reopened: Int64 = 0
    /// Closed cases whose close time is not after their due time.
    var closedOnTime: Int64 = 0
    /// Sum over closed cases of closed_at_ms − received_at_ms.
    var handlingMs: Int64 = 0
    /// Open cases with a known due time. How many of them are past due depends
    /// on the evaluation time, so the summary works that out when it runs.
    var openWithDue: Int64 = 0

    var isZero: Bool {
        self == PlaceCounts()
    }

    static func + (left: PlaceCounts, right: PlaceCounts) -> PlaceCounts {
        PlaceCounts(
            received: left.received &+ right.received, dispatched: left.dispatched &+ right.dispatched,
            resolved: left.resolved &+ right.resolved, closed: left.closed &+ right.closed,
            reopened: left.reopened &+ right.reopened, closedOnTime: left.closedOnTime &+ right.closedOnTime,
            handlingMs: left.handlingMs &+ right.handlingMs, openWithDue: left.openWithDue &+ right.openWithDue)
    }

    static func - (left: PlaceCounts, right: PlaceCounts) -> PlaceCounts {
        PlaceCounts(
            received: left.received &- right.received, dispatched: left.dispatched &- right.dispatched,
            resolved: left.resolved &- right.resolved, closed: left.closed &- right.closed,
            reopened: left.reopened &- right.reopened, closedOnTime: left.closedOnTime &- right.closedOnTime,
            handlingMs: left.handlingMs &- right.handlingMs, openWithDue: left.openWithDue &- right.openWithDue)
    }
}
