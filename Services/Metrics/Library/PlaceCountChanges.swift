/// The net change to `place_counts` from the facts that one batch of events
/// rewrote, collected in memory so that each place is written once per batch.
struct PlaceCountChanges {
    private(set) var byPlace: [PlaceKey: PlaceCounts] = [:]

    /// Records that a fact changed from `old` to `new`: the old contribution
    /// leaves its place and the new one joins its own, which may be another
    /// place. `old` is nil for a case seen for the first time.
    mutating func replace(_ old: FactContribution?, with new: FactContribution) {
        if let old {
            byPlace[old.place, default: PlaceCounts()] = byPlace[old.place, default: PlaceCounts()] - old.counts
        }
        byPlace[new.place, default: PlaceCounts()] = byPlace[new.place, default: PlaceCounts()] + new.counts
    }

    /// The places whose counts change, leaving out those whose changes cancelled out.
    var nonZero: [(place: PlaceKey, change: PlaceCounts)] {
        byPlace.compactMap { place, change in change.isZero ? nil : (place, change) }
    }
}
