import JieluContract

@testable import MetricsService

/// Random event histories for holding the running counts to a full recount.
///
/// Cases move between places: one street id appears in two sub-districts, a
/// street and a sub-district each have two names, and some events carry no
/// names or no place at all. Kinds are drawn at random, so a case may be
/// closed, reopened or closed again, and events may come before the received
/// event. Times fall on half-hour steps, so many events share a millisecond.
/// Due times cluster around `now` and at hour boundaries. Events arrive
/// shuffled, and about a tenth arrive twice.
enum RandomCaseHistory {
    static let t0 = ClosureFixture.t0
    /// The time that due times cluster around, on an hour boundary.
    static let now = t0 + 50 * hourMs

    static let places: [Place] = [
        .s1, .s2, .s3,
        Place(streetID: "ST-001", streetName: "和平路", subDistrictID: "SD-02", subDistrictName: "向阳街道"),
        Place(streetID: "ST-001", streetName: "和平大路", subDistrictID: "SD-01", subDistrictName: "东风街道办"),
        Place(streetID: "ST-002", streetName: "", subDistrictID: "SD-01", subDistrictName: ""),
        Place(streetID: "ST-101", streetName: "", subDistrictID: "", subDistrictName: ""),
        Place(streetID: "", streetName: "", subDistrictID: "", subDistrictName: ""),
    ]

    /// Due times an event may carry; 0 leaves the case's due time unchanged.
    static let dueTimes: [Int64] = [
        0, t0 + 24 * hourMs, now - hourMs - 1, now - hourMs, now - 1, now, now + 1, now + hourMs - 1,
        now + hourMs, now + 30 * hourMs,
    ]

    /// Every due time and its neighbours, plus times before and after all of
    /// them. -1 and 0 are below every due time; the handler rejects a negative
    /// time, but the store must still count it the same way as the recount.
    static let evaluationTimes: [Int64] = Set(
        dueTimes.flatMap { [$0 - 1, $0, $0 + 1] } + [1, t0, t0 + 500 * hourMs]
    ).sorted()

    /// The events of `caseCount` cases in arrival order, repeats included.
    static func events(seed: UInt64, caseCount: Int) -> [Metrics.CaseEvent] {
        var generator = SplitMix(seed: seed)
        var events: [Metrics.CaseEvent] = []
        for caseIndex in 0..<caseCount {
            let caseID = "R\(seed)-\(caseIndex)"
            let home = places.randomElement(using: &generator)!
            let eventCount = Int.random(in: 1...7, using: &generator)

            for sequence in 1...eventCount {
                // Most events stay at the case's place; the others move it.
                let place = Int.random(in: 0..<10, using: &generator) < 7
                    ? home : places.randomElement(using: &generator)!
                let kind = CaseEventKind.allCases.randomElement(using: &generator)!
                let atMs = t0 + Int64.random(in: 0...120, using: &generator) * hourMs / 2
                events.append(
                    Metrics.CaseEvent(
                        eventID: "\(caseID):\(sequence)", caseID: caseID, kind: kind.rawValue, atMs: atMs,
                        streetID: place.streetID, streetName: place.streetName, subDistrictID: place.subDistrictID,
                        subDistrictName: place.subDistrictName, dueAtMs: dueTimes.randomElement(using: &generator)!))
            }
        }

        let repeats = (0..<events.count / 10).map { _ in events.randomElement(using: &generator)! }
        return (events + repeats).shuffled(using: &generator)
    }

    /// Splits `events` in order into batches of 1 to 12 events.
    static func batches(_ events: [Metrics.CaseEvent], seed: UInt64) -> [[Metrics.CaseEvent]] {
        var generator = SplitMix(seed: seed)
        var batches: [[Metrics.CaseEvent]] = []
        var start = 0
        while start < events.count {
            let end = min(start + Int.random(in: 1...12, using: &generator), events.count)
            batches.append(Array(events[start..<end]))
            start = end
        }
        return batches
    }

    /// Folds `events` into facts in memory, skipping repeated event ids as
    /// `RecordEvents` does.
    static func facts(_ events: [Metrics.CaseEvent]) -> [CaseFact] {
        var facts: [String: CaseFact] = [:]
        var seen: Set<String> = []
        for event in events where seen.insert(event.eventID).inserted {
            facts[event.caseID, default: CaseFact(caseID: event.caseID)].apply(event)
        }
        return facts.keys.sorted().map { facts[$0]! }
    }
}
