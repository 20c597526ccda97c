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
