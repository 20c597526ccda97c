import JieluContract
import JieluStore
import Testing

@testable import MetricsService

@Suite("Metrics running counts")
struct RunningCountsTests {
    @Test("random batches match a full recount", arguments: 1...12 as ClosedRange<UInt64>)
    func randomBatches(seed: UInt64) throws {
        let fixture = try MetricsFixture()
        let events = RandomCaseHistory.events(seed: seed, caseCount: 40)
        for (index, batch) in RandomCaseHistory.batches(events, seed: seed &+ 1000).enumerated() {
            try fixture.record(batch)
            try expectRunningCountsMatchRecount(fixture, "seed \(seed), after batch \(index)")
        }
    }

    @Test("single events match a full recount", arguments: 21...23 as ClosedRange<UInt64>)
    func singleEvents(seed: UInt64) throws {
        let fixture = try MetricsFixture()
        for (index, event) in RandomCaseHistory.events(seed: seed, caseCount: 15).enumerated() {
            try fixture.record([event])
            try expectRunningCountsMatchRecount(fixture, "seed \(seed), after event \(index) (\(event.eventID))")
        }
    }

    @Test("one batch of every event matches a full recount", arguments: 31...33 as ClosedRange<UInt64>)
    func oneBatch(seed: UInt64) throws {
        let fixture = try MetricsFixture()
        try fixture.record(RandomCaseHistory.events(seed: seed, caseCount: 80))
        try expectRunningCountsMatchRecount(fixture, "seed \(seed)")
    }

    @Test("counts survive a restart")
    func restart() throws {
        let fixture = try MetricsFixture()
        try fixture.record(RandomCaseHistory.events(seed: 41, caseCount: 40))
        try fixture.reopen()
        try expectRunningCountsMatchRecount(fixture, "after reopening")
    }

    @Test("a case that moves leaves no empty place")
    func movedCase() throws {
        let fixture = try MetricsFixture()
        let t0 = ClosureFixture.t0
        try fixture.record(CaseScript("M", .s1, dueAtMs: t0 + hourMs).then("received", at: t0).events)
        let move = CaseScript("M", .s3, dueAtMs: 0).then("received", at: t0).then("dispatched", at: t0 + 1).events[1]
        try fixture.record([move])

        let summary = try fixture.summary(nowMs: t0 + 2 * hourMs)
        #expect(summary.streets.map(\.id) == ["ST-101"])
        #expect(summary.subDistricts.map(\.id) == ["SD-02"])
        #expect(summary.streets.first?.dispatched == 1)
        #expect(summary.streets.first?.due == 1)
        let rows = try FactRecount.storedPlaceRows(database: fixture.database)
        #expect(rows.map(\.place.streetID) == ["ST-101"])
    }

    @Test("places equal only under Unicode equivalence stay apart")
    func canonicallyEquivalentPlaces() throws {
        let fixture = try MetricsFixture()
        let t0 = ClosureFixture.t0
        // Swift's `==` calls "\u{E9}" and "e\u{301}" equal (canonical equivalence), but SQLite
        // compares bytes, so `case_facts` and `place_counts` hold them as two places.
        let composed = Place(streetID: "ST-\u{E9}", streetName: "和平路", subDistrictID: "SD-01", subDistrictName: "东风街道")
        let decomposed = Place(
            streetID: "ST-e\u{301}", streetName: "和平路", subDistrictID: "SD-01", subDistrictName: "东风街道")
        let stops: [(kind: String, place: Place)] = [("received", composed), ("dispatched", decomposed), ("resolved", .s3)]

        for (index, stop) in stops.enumerated() {
            let event = Metrics.CaseEvent(
                eventID: "U:\(index + 1)", caseID: "U", kind: stop.kind, atMs: t0 + Int64(index) * hourMs,
                streetID: stop.place.streetID, streetName: stop.place.streetName,
                subDistrictID: stop.place.subDistrictID, subDistrictName: stop.place.subDistrictName,
                dueAtMs: t0 + 24 * hourMs)
            try fixture.record([event])
            try expectRunningCountsMatchRecount(fixture, "after event \(index + 1)")
        }

        let rows = try FactRecount.storedPlaceRows(database: fixture.database)
        #expect(rows.map { Array($0.place.streetID.utf8) } == [Array("ST-101".utf8)], "no row left at a former place")
        let summary = try fixture.summary(nowMs: t0 + 2 * hourMs)
        #expect(summary.streets.map(\.id) == ["ST-101"])
    }

    @Test("open cases at look-alike places are counted apart")
    func canonicallyEquivalentOpenCases() throws {
        let fixture = try MetricsFixture()
        let t0 = ClosureFixture.t0
        // Two streets and two sub-districts whose ids differ in bytes but not under Swift's `==`.
        let composed = Place(streetID: "ST-\u{E9}", streetName: "和平路", subDistrictID: "SD-\u{C5}", subDistrictName: "东风街道")
        let decomposed = Place(
            streetID: "ST-e\u{301}", streetName: "和平路", subDistrictID: "SD-A\u{30A}", subDistrictName: "东风街道")
        try fixture.record(
            CaseScript("P", composed, dueAtMs: t0 + 10 * hourMs).then("received", at: t0).events
                + CaseScript("Q", decomposed, dueAtMs: t0 + 10 * hourMs).then("received", at: t0).events)

        try expectRunningCountsMatchRecount(fixture, "two open cases")
        let summary = try fixture.summary(nowMs: t0 + hourMs)
        #expect(summary.streets.map(\.due) == [0, 0], "neither case is due yet")
        #expect(summary.subDistricts.map(\.due) == [0, 0])
    }

    @Test("a failed batch leaves the counts unchanged")
    func failedBatch() throws {
        let fixture = try MetricsFixture()
        let t0 = ClosureFixture.t0
        try fixture.record(ClosureFixture.events)
        let before = try FactRecount.storedPlaceRows(database: fixture.database)
        try fixture.database.write { connection in
            try connection.execute(
                """
                CREATE TRIGGER reject_case_fail BEFORE INSERT ON case_facts WHEN NEW.case_id = 'FAIL'
                BEGIN SELECT RAISE(ABORT, 'rejected by the test'); END
                """)
        }

        // The first two events change counts before the third one fails.
        let batch = [
            CaseScript("N", .s2, dueAtMs: t0 + hourMs).then("received", at: t0).events[0],
            CaseScript("F", .s1, dueAtMs: 0).then("received", at: t0).then("closed", at: t0 + 90 * hourMs).events[1],
            CaseScript("FAIL", .s1, dueAtMs: 0).then("received", at: t0).events[0],
        ]
        #expect(throws: StoreError.self) { try fixture.record(batch) }
        #expect(try FactRecount.storedPlaceRows(database: fixture.database) == before)
        try expectRunningCountsMatchRecount(fixture, "after the failed batch")

        try fixture.record(Array(batch.prefix(2)))
        #expect(try FactRecount.storedPlaceRows(database: fixture.database) != before)
        try expectRunningCountsMatchRecount(fixture, "after the batch without the failing event")
    }
}
