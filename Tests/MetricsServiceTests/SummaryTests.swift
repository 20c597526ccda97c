import JieluContract
import JieluCore
import Testing

@testable import MetricsService

@Suite("Metrics summary")
struct SummaryTests {
    @Test("district indicators match the hand-computed fixture")
    func districtIndicators() throws {
        let fixture = try MetricsFixture()
        try fixture.record(ClosureFixture.events)

        let summary = try fixture.summary(nowMs: ClosureFixture.now)
        let district = try #require(summary.district)
        #expect(summary.asOfMs == ClosureFixture.now)
        #expect(district.scope == "district")
        #expect(district.id == "district")
        #expect(district.name == "全区")
        #expect(district.received == 6)
        #expect(district.dispatched == 5)
        #expect(district.resolved == 3)
        #expect(district.closed == 2)
        #expect(district.reopened == 1)
        #expect(district.due == 4)
        #expect(district.closedOnTime == 1)
        #expect(abs(district.completionRate - 2.0 / 6.0) < 1e-9)
        #expect(district.closureRate == 0.5)
        #expect(district.onTimeRate == 0.25)
        #expect(district.meanHandlingHours == 26)
    }

    @Test("sub-districts are listed by id with their own rates")
    func subDistrictIndicators() throws {
        let fixture = try MetricsFixture()
        try fixture.record(ClosureFixture.events)

        let summary = try fixture.summary(nowMs: ClosureFixture.now)
        #expect(summary.subDistricts.map(\.id) == ["SD-01", "SD-02"])

        let east = summary.subDistricts[0]
        #expect(east.scope == "sub_district")
        #expect(east.name == "东风街道")
        #expect(east.received == 4)
        #expect(east.dispatched == 4)
        #expect(east.resolved == 2)
        #expect(east.closed == 2)
        #expect(east.reopened == 1)
        #expect(east.due == 3)
        #expect(east.closedOnTime == 1)
        #expect(east.completionRate == 0.5)
        #expect(abs(east.closureRate - 2.0 / 3.0) < 1e-9)
        #expect(abs(east.onTimeRate - 1.0 / 3.0) < 1e-9)
        #expect(east.meanHandlingHours == 26)

        let west = summary.subDistricts[1]
        #expect(west.name == "向阳街道")
        #expect(west.received == 2)
        #expect(west.dispatched == 1)
        #expect(west.resolved == 1)
        #expect(west.closed == 0)
        #expect(west.due == 1)
        #expect(west.completionRate == 0)
        #expect(west.closureRate == 0)
        #expect(west.onTimeRate == 0)
        #expect(west.meanHandlingHours == 0)
    }

    @Test("streets appear only when asked for")
    func streetIndicators() throws {
        let fixture = try MetricsFixture()
        try fixture.record(ClosureFixture.events)

        #expect(try fixture.summary(nowMs: ClosureFixture.now, includeStreets: false).streets.isEmpty)

        let streets = try fixture.summary(nowMs: ClosureFixture.now).streets
        #expect(streets.map(\.id) == ["ST-001", "ST-002", "ST-101"])
        #expect(streets.allSatisfy { $0.scope == "street" })

        let peace = streets[0]
        #expect(peace.name == "和平路")
        #expect(peace.received == 2)
        #expect(peace.closed == 2)
        #expect(peace.due == 2)
        #expect(peace.completionRate == 1)
        #expect(peace.closureRate == 1)
        #expect(peace.onTimeRate == 0.5)

        let liberation = streets[1]
        #expect(liberation.received == 2)
        #expect(liberation.closed == 0)
        #expect(liberation.due == 1)
        #expect(liberation.onTimeRate == 0)
    }

    @Test("due count depends on the evaluation time")
    func dueDependsOnNow() throws {
        let fixture = try MetricsFixture()
        try fixture.record(ClosureFixture.events)

        // At 30 h, C (due at 48 h) is not due yet; A and B are closed and E is overdue.
        let early = try #require(try fixture.summary(nowMs: ClosureFixture.t0 + 30 * hourMs).district)
        #expect(early.due == 3)

        // At 200 h every case is due.
        let late = try #require(try fixture.summary(nowMs: ClosureFixture.t0 + 200 * hourMs).district)
        #expect(late.due == 6)
        #expect(abs(late.onTimeRate - 1.0 / 6.0) < 1e-9)
    }

    @Test("empty database gives zero rates")
    func emptySummary() throws {
        let fixture = try MetricsFixture()
        let summary = try fixture.summary(nowMs: ClosureFixture.now)
        let district = try #require(summary.district)
        #expect(district.received == 0)
        #expect(district.completionRate == 0)
        #expect(district.closureRate == 0)
        #expect(district.onTimeRate == 0)
        #expect(district.meanHandlingHours == 0)
        #expect(summary.subDistricts.isEmpty)
    }

    @Test("now_ms 0 means the current time")
    func zeroNowMeansCurrentTime() throws {
        let fixture = try MetricsFixture()
        let before = WallClock.nowMilliseconds()
        let summary = try fixture.summary(nowMs: 0)
        #expect(summary.asOfMs >= before)
        #expect(summary.asOfMs <= WallClock.nowMilliseconds())
    }

    @Test("negative now_ms is rejected")
    func negativeNowRejected() throws {
        let fixture = try MetricsFixture()
        let error = try #require(throws: ServiceError.self) { try fixture.summary(nowMs: -1) }
        #expect(error.code == .invalidArgument)
        #expect(error.reason == "invalid_now")
    }

    @Test("summary survives a restart")
    func summarySurvivesRestart() throws {
        let fixture = try MetricsFixture()
        try fixture.record(ClosureFixture.events)
        let before = try fixture.summary(nowMs: ClosureFixture.now)

        try fixture.reopen()
        #expect(try fixture.summary(nowMs: ClosureFixture.now) == before)
    }

    @Test("open cases not yet due come from the due index")
    func notYetDueUsesIndex() throws {
        let fixture = try MetricsFixture()
        let plan = try fixture.database.read { connection in
            try connection.query("EXPLAIN QUERY PLAN " + MetricsStore.notYetDueSQL, ClosureFixture.now)
                .map { $0.string("detail") }
        }
        #expect(plan.contains { $0.contains("SEARCH case_facts USING COVERING INDEX case_facts_open_by_due (due_at_ms>?)") })
        #expect(!plan.contains { $0.contains("SCAN case_facts") })
    }

    @Test("scope queries read only place_counts", arguments: ["district", "sub-districts", "streets"])
    func scopeQueriesReadPlaceCounts(scope: String) throws {
        let queries = [
            "district": MetricsStore.districtSQL, "sub-districts": MetricsStore.subDistrictsSQL,
            "streets": MetricsStore.streetsSQL,
        ]
        let sql = try #require(queries[scope])
        let fixture = try MetricsFixture()
        let plan = try fixture.database.read { connection in
            try connection.query("EXPLAIN QUERY PLAN " + sql).map { $0.string("detail") }
        }
        #expect(plan.contains { $0.contains("place_counts") })
        #expect(!plan.contains { $0.contains("case_facts") })
    }
}
