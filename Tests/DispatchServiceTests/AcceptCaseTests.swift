import Foundation
import Synchronization
import JieluContract
import JieluCore
import JieluRPC
import Testing

@testable import DispatchService

@Suite("Dispatch AcceptCase")
struct AcceptCaseTests {
    @Test("a public matter goes to the squad and the lead cadre")
    func publicRouting() throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000001", receivedAtMs: 1_764_806_000_000)

        let response = try fixture.accept(report)
        #expect(response.caseID == report.caseID)
        #expect(response.status == "dispatched")
        #expect(response.duplicate == false)

        let stored = try fixture.getCase(report.caseID)
        #expect(stored.status == "dispatched")
        #expect(stored.unitID == "U-SQUAD")
        #expect(stored.unitName == "东风街道综合执法队")
        #expect(stored.assignee == Dispatch.Assignee(staffID: "C-1", name: "李建国", phone: "13800000001"))
        #expect(stored.dueAtMs == report.receivedAtMs + 24 * 3_600_000)
        #expect(stored.dispatchedAtMs == fixture.clock.now)
        #expect(stored.description == report.description)
        #expect(stored.contactPhone == report.contactPhone)
        #expect(stored.hasLocation)
        #expect(stored.lat == 31.2)
        #expect(stored.closedAtMs == 0)
    }

    @Test("a residential matter goes to the office and the grid staff")
    func residentialRouting() throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000002", street: "ST-B", category: "0702")
        try fixture.accept(report)

        let stored = try fixture.getCase(report.caseID)
        #expect(stored.unitID == "U-OFFICE")
        #expect(stored.assignee?.staffID == "G-2")
        #expect(stored.dueAtMs == report.receivedAtMs + 72 * 3_600_000)
    }

    @Test("the timeline starts with received and dispatched")
    func initialTimeline() throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000003")
        try fixture.accept(report)

        let timeline = try fixture.getCase(report.caseID).timeline
        #expect(timeline.count == 2)
        #expect(timeline[0] == Dispatch.StatusChange(
            atMs: report.receivedAtMs, fromStatus: "", toStatus: "received", actor: "resident", note: "居民提交诉求"))
        #expect(timeline[1].fromStatus == "received")
        #expect(timeline[1].toStatus == "dispatched")
        #expect(timeline[1].actor == "system")
        #expect(timeline[1].note.contains("东风街道综合执法队"))
        #expect(timeline[1].note.contains("李建国"))
    }

    @Test("accepting twice creates one case and one set of events")
    func duplicateAccept() throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000004")
        try fixture.accept(report)
        fixture.advance(milliseconds: 5_000)

        let second = try fixture.accept(report)
        #expect(second.duplicate)
        #expect(second.status == "dispatched")
        #expect(try fixture.getCase(report.caseID).timeline.count == 2)
        #expect(try fixture.outboxEvents().count == 2)
        // The repeat did not call the registry again.
        #expect(fixture.registry.resolveCalls.load(ordering: .relaxed) == 1)
    }

    @Test("a repeat after a status change reports the current status")
    func duplicateAfterResolve() throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000005")
        try fixture.accept(report)
        try fixture.resolve(report.caseID, by: "C-1")

        let again = try fixture.accept(report)
        #expect(again.duplicate)
        #expect(again.status == "resolved")
        #expect(try fixture.getCase(report.caseID).status == "resolved")
    }

    @Test("received and dispatched events go to the outbox")
    func acceptEmitsEvents() throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000006")
        try fixture.accept(report)

        let events = try fixture.outboxEvents()
        #expect(events.map(\.eventID) == ["JL20261204-000006:1", "JL20261204-000006:2"])
        #expect(events.map(\.kind) == ["received", "dispatched"])
        #expect(events[0].atMs == report.receivedAtMs)
        #expect(events[1].atMs == fixture.clock.now)
        #expect(events.allSatisfy { $0.streetID == "ST-A" })
        #expect(events.allSatisfy { $0.subDistrictID == "SD-1" })
        #expect(events.allSatisfy { $0.subDistrictName == "东风街道" })
        #expect(events.allSatisfy { $0.streetName == "和平路" })
        #expect(events.allSatisfy { $0.dueAtMs == report.receivedAtMs + 24 * 3_600_000 })
    }

    @Test("unknown street is unroutable and stores nothing")
    func unroutableCase() throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000007", street: "ST-Z")

        let error = try #require(throws: ServiceError.self) { try fixture.accept(report) }
        #expect(error.code == .failedPrecondition)
        #expect(error.reason == "unroutable_case")
        #expect(throws: ServiceError.self) { try fixture.getCase(report.caseID) }
        #expect(try fixture.outboxEvents().isEmpty)
    }

    @Test("registry down gives UNAVAILABLE so intake retries")
    func registryDown() throws {
        let fixture = try DispatchFixture()
        fixture.registryServer.drain()

        let report = makeReport("JL20261204-000008")
        let error = try #require(throws: ServiceError.self) { try fixture.accept(report) }
        #expect(error.code == .unavailable)
        #expect(try fixture.outboxEvents().isEmpty)
    }

    @Test("missing report fields are rejected", arguments: [
        ("case_id", "report.case_id"),
        ("tracking_code", "report.tracking_code"),
        ("street_id", "report.street_id"),
        ("category_code", "report.category_code"),
        ("received_at_ms", "report.received_at_ms"),
    ])
    func invalidReport(missing: String, field: String) throws {
        let fixture = try DispatchFixture()
        var report = makeReport("JL20261204-000009")
        switch missing {
        case "case_id": report.caseID = ""
        case "tracking_code": report.trackingCode = ""
        case "street_id": report.streetID = ""
        case "category_code": report.categoryCode = ""
        default: report.receivedAtMs = 0
        }
        let error = try #require(throws: ServiceError.self) { try fixture.accept(report) }
        #expect(error.code == .invalidArgument)
        #expect(error.reason == "invalid_report")
        #expect(error.field == field)
    }

    @Test("a request without a report is rejected")
    func missingReport() throws {
        let fixture = try DispatchFixture()
        let error = try #require(throws: ServiceError.self) {
            try fixture.handler.acceptCase(Dispatch.AcceptCaseRequest(), context: testContext())
        }
        #expect(error.reason == "missing_report")
    }

    @Test("cases survive a restart")
    func restartKeepsCases() throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000010")
        try fixture.accept(report)
        let before = try fixture.getCase(report.caseID)

        try fixture.reopen()
        #expect(try fixture.getCase(report.caseID) == before)
        #expect(try fixture.accept(report).duplicate)
    }

    @Test("concurrent deliveries of one case create it once")
    func concurrentAccept() throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000011")
        let handler = fixture.handler

        let duplicates = Mutex(0)
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do {
                let response = try handler.acceptCase(Dispatch.AcceptCaseRequest(report: report), context: testContext())
                if response.duplicate {
                    duplicates.withLock { $0 += 1 }
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(duplicates.withLock { $0 } == 7)
        #expect(try fixture.outboxEvents().count == 2)
    }
}
