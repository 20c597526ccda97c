/// What one case fact adds to the running counts of its place.
///
/// Each count is the predicate that the version 1 summary evaluated on every
/// `case_facts` row, and the version 2 migration back-fills `place_counts`
/// with the same predicates. So the sum of the contributions of all facts
/// equals a full recount. "Closed" means `closedAtMs > 0`, and every other
/// value of `closedAtMs` counts as open.
struct FactContribution: Equatable, Sendable {
    var place: PlaceKey
    var counts: PlaceCounts

    init(_ fact: CaseFact) {
        place = PlaceKey(
            subDistrictID: fact.subDistrictID, streetID: fact.streetID,
            subDistrictName: fact.subDistrictName, streetName: fact.streetName)

        let isClosed = fact.closedAtMs > 0
        counts = PlaceCounts(
            received: 1,
            dispatched: fact.dispatchedAtMs > 0 ? 1 : 0,
            resolved: fact.status == CaseEventKind.resolved.rawValue || fact.status == CaseEventKind.closed.rawValue
                ? 1 : 0,
            closed: isClosed ? 1 : 0,
            reopened: fact.reopenedCount > 0 ? 1 : 0,
            closedOnTime: isClosed && fact.closedAtMs <= fact.dueAtMs ? 1 : 0,
            handlingMs: isClosed ? fact.closedAtMs &- fact.receivedAtMs : 0,
            openWithDue: !isClosed && fact.dueAtMs > 0 ? 1 : 0)
    }
}
