import Testing

@testable import MetricsService

/// Expects `place_counts` to equal a recount from `case_facts`, and
/// `MetricsStore.counts` to equal the version 1 summary at every time in
/// `RandomCaseHistory.evaluationTimes`. `label` names the state in failures.
func expectRunningCountsMatchRecount(
    _ fixture: MetricsFixture, _ label: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let stored = try FactRecount.storedPlaceRows(database: fixture.database)
    let expected = try FactRecount.expectedPlaceRows(database: fixture.database)
    #expect(stored == expected, "place_counts rows, \(label)", sourceLocation: sourceLocation)

    for nowMs in RandomCaseHistory.evaluationTimes {
        let running = try fixture.handler.store.counts(nowMs: nowMs, includeStreets: true)
        let recount = try FactRecount.counts(nowMs: nowMs, includeStreets: true, database: fixture.database)
        #expect(running.district == recount.district, "district, \(label), now \(nowMs)", sourceLocation: sourceLocation)
        #expect(
            running.subDistricts == recount.subDistricts, "sub-districts, \(label), now \(nowMs)",
            sourceLocation: sourceLocation)
        #expect(running.streets == recount.streets, "streets, \(label), now \(nowMs)", sourceLocation: sourceLocation)
    }
}
