import JieluContract
import JieluCore
import Testing

@testable import DispatchService

@Suite("Dispatch case lifecycle")
struct CaseLifecycleTests {
    @Test("dispatched, resolved, reopened, resolved, closed")
    func fullLifecycle() throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000101", trackingCode: "K7M2Q9X4WP")
        try fixture.accept(report)
        let dispatchedAt = fixture.clock.now

        fixture.advance(milliseconds: 3_600_000)
        let resolved = try fixture.resolve(report.caseID, by: "C-1", note: "  已劝离摊贩  ", requireAssignee: true)
        #expect(resolved.status == "resolved")

        fixture.advance(milliseconds: 60_000)
        let reopened = try fixture.confirm("k7m2q9x4wp", satisfied: false, comment: "第二天又来了")
        #expect(reopened.status == "reopened")
        #expect(reopened.closedAtMs == 0)

        fixture.advance(milliseconds: 3_600_000)
        try fixture.resolve(report.caseID, by: "C-1", note: "已协调城管每日巡查")

        fixture.advance(milliseconds: 60_000)
        let closedAt = fixture.clock.now
        let closed = try fixture.confirm("K7M2Q9X4WP", satisfied: true)
        #expect(closed.status == "closed")
        #expect(closed.closedAtMs == closedAt)
        #expect(closed.dispatchedAtMs == dispatchedAt)

        let timeline = try fixture.getCase(report.caseID).timeline
        #expect(timeline.map(\.toStatus) == ["received", "dispatched", "resolved", "reopened", "resolved", "closed"])
        #expect(timeline.map(\.fromStatus) == ["", "received", "dispatched", "resolved", "reopened", "resolved"])
        #expect(timeline.map(\.actor) == ["resident", "system", "staff:C-1", "resident", "staff:C-1", "resident"])
        #expect(timeline[2].note == "已劝离摊贩")
        #expect(timeline[3].note == "第二天又来了")
        #expect(timeline[5].note == "居民确认满意")
        #expect(timeline[5].atMs == closedAt)
        #expect(timeline.map(\.atMs) == timeline.map(\.atMs).sorted())

        let events = try fixture.outboxEvents()
        #expect(events.map(\.kind) == ["received", "dispatched", "resolved", "reopened", "resolved", "closed"])
        #expect(events.map(\.eventID) == (1...6).map { "JL20261204-000101:\($0)" })
        #expect(events.map(\.atMs) == timeline.map(\.atMs))
    }

    @Test("an unsatisfied resident without comment gets a default note")
    func defaultReopenNote() throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000102")
        try fixture.accept(report)
        try fixture.resolve(report.caseID, by: "C-1")
        let reopened = try fixture.confirm(report.trackingCode, satisfied: false)
        #expect(reopened.timeline.last?.note == "居民不满意，要求重新办理")
    }

    @Test("illegal transitions name the current status", arguments: [
        ("confirm", "dispatched", "案件当前状态为「已派遣」，处置完成后才能确认。"),
        ("resolve", "resolved", "案件当前状态为「已处置」，正在等待居民确认，不能重复处置。"),
        ("resolve", "closed", "案件当前状态为「已结案」，已经办结，不能再变更。"),
        ("confirm", "closed", "案件当前状态为「已结案」，已经办结，不能再变更。"),
        ("confirm", "reopened", "案件当前状态为「已重新交办」，处置完成后才能确认。"),
    ])
    func illegalTransitions(action: String, status: String, message: String) throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000103")
        try fixture.accept(report)
        if status != "dispatched" {
            try fixture.resolve(report.caseID, by: "C-1")
        }
        if status == "closed" || status == "reopened" {
            try fixture.confirm(report.trackingCode, satisfied: status == "closed")
        }
        #expect(try fixture.getCase(report.caseID).status == status)
        let eventsBefore = try fixture.outboxEvents().count

        let error = try #require(throws: ServiceError.self) {
            if action == "confirm" {
                try fixture.confirm(report.trackingCode, satisfied: true)
            } else {
                try fixture.resolve(report.caseID, by: "C-1")
            }
        }
        #expect(error.code == .failedPrecondition)
        #expect(error.reason == "invalid_transition")
        #expect(error.message == message)
        #expect(try fixture.getCase(report.caseID).status == status)
        #expect(try fixture.outboxEvents().count == eventsBefore)
    }

    @Test("only the assignee may resolve when required")
    func notAssignee() throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000104")
        try fixture.accept(report)

        let error = try #require(throws: ServiceError.self) {
            try fixture.resolve(report.caseID, by: "G-2", requireAssignee: true)
        }
        #expect(error.code == .permissionDenied)
        #expect(error.reason == "not_assignee")
        #expect(error.message.contains("李建国"))
        #expect(try fixture.getCase(report.caseID).status == "dispatched")

        // Without the requirement (a dispatcher acting), anyone may resolve.
        let resolved = try fixture.resolve(report.caseID, by: "D-9")
        #expect(resolved.timeline.last?.actor == "staff:D-9")
    }

    @Test("resolution note must be 1 to 500 characters", arguments: [
        ("", "empty_note"),
        ("   \n ", "empty_note"),
        (String(repeating: "清", count: 501), "note_too_long"),
    ])
    func invalidNote(note: String, reason: String) throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000105")
        try fixture.accept(report)

        let error = try #require(throws: ServiceError.self) { try fixture.resolve(report.caseID, by: "C-1", note: note) }
        #expect(error.code == .invalidArgument)
        #expect(error.reason == reason)
        #expect(error.field == "note")
    }

    @Test("a 500-character note is accepted")
    func longestNote() throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000106")
        try fixture.accept(report)
        let note = String(repeating: "清", count: 500)
        #expect(try fixture.resolve(report.caseID, by: "C-1", note: note).timeline.last?.note == note)
    }

    @Test("comment over 500 characters is rejected")
    func commentTooLong() throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000107")
        try fixture.accept(report)
        try fixture.resolve(report.caseID, by: "C-1")

        let error = try #require(throws: ServiceError.self) {
            try fixture.confirm(report.trackingCode, satisfied: true, comment: String(repeating: "好", count: 501))
        }
        #expect(error.reason == "comment_too_long")
        #expect(try fixture.getCase(report.caseID).status == "resolved")
    }

    @Test("unknown ids are NOT_FOUND")
    func unknownIDs() throws {
        let fixture = try DispatchFixture()

        let resolveError = try #require(throws: ServiceError.self) { try fixture.resolve("JL20990101-000001", by: "C-1") }
        #expect(resolveError.code == .notFound)
        #expect(resolveError.reason == "unknown_case")

        let confirmError = try #require(throws: ServiceError.self) { try fixture.confirm("NOSUCHCODE", satisfied: true) }
        #expect(confirmError.code == .notFound)
        #expect(confirmError.reason == "unknown_tracking_code")

        let getError = try #require(throws: ServiceError.self) {
            try fixture.handler.getCase(Dispatch.GetCaseRequest(trackingCode: "NOSUCHCODE"), context: testContext())
        }
        #expect(getError.reason == "unknown_tracking_code")

        let emptyError = try #require(throws: ServiceError.self) {
            try fixture.handler.getCase(Dispatch.GetCaseRequest(), context: testContext())
        }
        #expect(emptyError.reason == "missing_identifier")
    }

    @Test("resolve needs an actor")
    func missingActor() throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000108")
        try fixture.accept(report)
        let error = try #require(throws: ServiceError.self) { try fixture.resolve(report.caseID, by: " ") }
        #expect(error.reason == "missing_actor")
        #expect(error.field == "actor_staff_id")
    }

    @Test("GetCase by tracking code returns the timeline")
    func getByTrackingCode() throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000109", trackingCode: "ABCDEFGHJK")
        try fixture.accept(report)
        let found = try fixture.handler.getCase(Dispatch.GetCaseRequest(trackingCode: "abcdefghjk"), context: testContext())
        #expect(found.caseID == report.caseID)
        #expect(found.timeline.count == 2)
    }
}
