import JieluContract
import JieluCore
import Testing

@testable import MetricsService

@Suite("Metrics RecordEvents")
struct RecordEventsTests {
    @Test("repeated events are counted, not applied")
    func duplicatesNotApplied() throws {
        let fixture = try MetricsFixture()
        let events = ClosureFixture.events

        let first = try fixture.record(events)
        #expect(first.recorded == UInt32(events.count))
        #expect(first.duplicates == 0)
        let before = try fixture.summary(nowMs: ClosureFixture.now)

        let second = try fixture.record(events)
        #expect(second.recorded == 0)
        #expect(second.duplicates == UInt32(events.count))
        #expect(try fixture.summary(nowMs: ClosureFixture.now) == before)

        let fact = try #require(try fixture.handler.store.fact(caseID: "B"))
        #expect(fact.reopenedCount == 1)
    }

    @Test("a duplicate inside one batch is applied once")
    func duplicateWithinBatch() throws {
        let fixture = try MetricsFixture()
        let reopen = CaseScript("B", .s1, dueAtMs: ClosureFixture.t0 + 24 * hourMs)
            .then("received", at: ClosureFixture.t0).then("reopened", at: ClosureFixture.t0 + hourMs).events
        let response = try fixture.record(reopen + [reopen[1]])
        #expect(response.recorded == 2)
        #expect(response.duplicates == 1)
        #expect(try fixture.handler.store.fact(caseID: "B")?.reopenedCount == 1)
    }

    @Test("reversed order gives the same summary")
    func reversedOrder() throws {
        let inOrder = try MetricsFixture()
        try inOrder.record(ClosureFixture.events)

        let reversed = try MetricsFixture()
        try reversed.record(ClosureFixture.events.reversed())

        #expect(try reversed.summary(nowMs: ClosureFixture.now) == inOrder.summary(nowMs: ClosureFixture.now))
        for script in ClosureFixture.cases {
            let expected = try inOrder.handler.store.fact(caseID: script.caseID)
            #expect(try reversed.handler.store.fact(caseID: script.caseID) == expected)
        }
    }

    @Test("shuffled single events give the same summary", arguments: [1, 2, 3, 4, 5])
    func shuffledOrder(seed: UInt64) throws {
        let inOrder = try MetricsFixture()
        try inOrder.record(ClosureFixture.events)

        var generator = SplitMix(seed: seed)
        let shuffled = try MetricsFixture()
        for event in ClosureFixture.events.shuffled(using: &generator) {
            try shuffled.record([event])
        }
        #expect(try shuffled.summary(nowMs: ClosureFixture.now) == inOrder.summary(nowMs: ClosureFixture.now))
    }

    @Test("a late received event keeps the later status")
    func lateReceivedEvent() throws {
        let fixture = try MetricsFixture()
        let script = CaseScript("X", .s1, dueAtMs: ClosureFixture.t0 + 24 * hourMs)
            .then("received", at: ClosureFixture.t0).then("dispatched", at: ClosureFixture.t0 + 5_000)
        try fixture.record([script.events[1]])
        let early = try #require(try fixture.handler.store.fact(caseID: "X"))
        #expect(early.status == "dispatched")
        #expect(early.receivedAtMs == ClosureFixture.t0 + 5_000)

        try fixture.record([script.events[0]])
        let fact = try #require(try fixture.handler.store.fact(caseID: "X"))
        #expect(fact.status == "dispatched")
        #expect(fact.receivedAtMs == ClosureFixture.t0)
        #expect(fact.dispatchedAtMs == ClosureFixture.t0 + 5_000)
    }

    @Test("events in the same millisecond are ordered by sequence")
    func sameMillisecondOrder() throws {
        let fixture = try MetricsFixture()
        let at = ClosureFixture.t0
        let script = CaseScript("Y", .s1, dueAtMs: at + hourMs)
            .then("received", at: at).then("dispatched", at: at).then("resolved", at: at)
            .then("reopened", at: at).then("resolved", at: at)
        try fixture.record(script.events.reversed())
        let fact = try #require(try fixture.handler.store.fact(caseID: "Y"))
        #expect(fact.status == "resolved")
        #expect(fact.reopenedCount == 1)
    }

    @Test("closed stays closed when older events arrive later")
    func closedIsTerminal() throws {
        let fixture = try MetricsFixture()
        let t0 = ClosureFixture.t0
        let script = CaseScript("Z", .s1, dueAtMs: t0 + 24 * hourMs)
            .then("received", at: t0).then("dispatched", at: t0 + 1).then("resolved", at: t0 + 2)
            .then("closed", at: t0 + 3)
        try fixture.record([script.events[3]])
        try fixture.record(Array(script.events[0..<3]))
        let fact = try #require(try fixture.handler.store.fact(caseID: "Z"))
        #expect(fact.status == "closed")
        #expect(fact.closedAtMs == t0 + 3)
        #expect(fact.receivedAtMs == t0)
    }

    @Test("invalid events reject the whole batch", arguments: [
        ("event_id", "events[1].event_id"),
        ("case_id", "events[1].case_id"),
        ("kind", "events[1].kind"),
        ("at_ms", "events[1].at_ms"),
        ("due_at_ms", "events[1].due_at_ms"),
    ])
    func invalidEventRejectsBatch(broken: String, field: String) throws {
        let fixture = try MetricsFixture()
        var events = CaseScript("V", .s1, dueAtMs: ClosureFixture.t0)
            .then("received", at: ClosureFixture.t0).then("dispatched", at: ClosureFixture.t0 + 1).events
        switch broken {
        case "event_id": events[1].eventID = ""
        case "case_id": events[1].caseID = ""
        case "kind": events[1].kind = "archived"
        case "at_ms": events[1].atMs = 0
        default: events[1].dueAtMs = -1
        }

        let error = try #require(throws: ServiceError.self) { try fixture.record(events) }
        #expect(error.code == .invalidArgument)
        #expect(error.reason == "invalid_event")
        #expect(error.field == field)
        #expect(try fixture.handler.store.fact(caseID: "V") == nil)
    }

    @Test("more than 1000 events are rejected")
    func tooManyEvents() throws {
        let fixture = try MetricsFixture()
        let events = (0...1000).map { index in
            Metrics.CaseEvent(eventID: "E:\(index)", caseID: "E", kind: "received", atMs: 1)
        }
        let error = try #require(throws: ServiceError.self) { try fixture.record(events) }
        #expect(error.reason == "too_many_events")
        #expect(try fixture.record(Array(events.prefix(1000))).recorded == 1000)
    }
}

/// A seeded generator so that a failing shuffle can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
