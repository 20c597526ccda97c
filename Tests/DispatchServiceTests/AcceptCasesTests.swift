import Foundation
import JieluContract
import JieluCore
import JieluRPC
import Testing

@testable import DispatchService

@Suite("Dispatch AcceptCases")
struct AcceptCasesTests {
    private func acceptBatch(_ fixture: DispatchFixture, _ reports: [Intake.Report]) throws -> Dispatch.AcceptCasesResponse {
        try fixture.handler.acceptCases(
            Dispatch.AcceptCasesRequest(cases: reports.map { Dispatch.AcceptCaseRequest(report: $0) }),
            context: testContext())
    }

    private func isStored(_ fixture: DispatchFixture, _ caseID: String) throws -> Bool {
        try fixture.database.read { connection in
            try connection.queryOne("SELECT 1 AS found FROM cases WHERE case_id = ?", caseID) != nil
        }
    }

    @Test("a batch is stored in order, routed once per street and item")
    func batchStored() throws {
        let fixture = try DispatchFixture()
        let reports = [
            makeReport("JL20261204-000101"), makeReport("JL20261204-000102"),
            makeReport("JL20261204-000103", street: "ST-B", category: "0702"),
        ]

        let response = try acceptBatch(fixture, reports)
        #expect(response.failure == nil)
        #expect(response.results.map(\.caseID) == reports.map(\.caseID))
        #expect(response.results.allSatisfy { $0.status == "dispatched" })
        #expect(response.results.allSatisfy { !$0.duplicate })
        #expect(try fixture.getCase("JL20261204-000103").assignee?.staffID == "G-2")
        #expect(try fixture.outboxEvents().map(\.eventID) == [
            "JL20261204-000101:1", "JL20261204-000101:2", "JL20261204-000102:1", "JL20261204-000102:2",
            "JL20261204-000103:1", "JL20261204-000103:2",
        ])
        #expect(fixture.registry.resolveCalls.load(ordering: .relaxed) == 2, "ST-A/0401 was asked once for two cases")
    }

    @Test("stored cases and a repeat inside the batch are answered as duplicates")
    func duplicatesInBatch() throws {
        let fixture = try DispatchFixture()
        let earlier = makeReport("JL20261204-000111")
        try fixture.accept(earlier)
        try fixture.resolve(earlier.caseID, by: "C-1")
        let fresh = makeReport("JL20261204-000112")

        let response = try acceptBatch(fixture, [earlier, fresh, fresh])
        #expect(response.failure == nil)
        #expect(response.results.map(\.duplicate) == [true, false, true])
        #expect(response.results.map(\.status) == ["resolved", "dispatched", "dispatched"])
        #expect(try fixture.getCase(fresh.caseID).timeline.count == 2)
        #expect(try fixture.outboxEvents().count == 2 + 1 + 2, "earlier: 2 + resolved; fresh: 2")
    }

    @Test("a look-alike case id is a new case, as in AcceptCase")
    func lookalikeCaseID() throws {
        let fixture = try DispatchFixture()
        // Swift's `==` calls these two ids equal (canonical equivalence), but SQLite stores them as two keys.
        let composed = makeReport("JL20261204-\u{E9}01", trackingCode: "TLOOKALIKE1")
        let decomposed = makeReport("JL20261204-e\u{301}01", trackingCode: "TLOOKALIKE2")
        try fixture.accept(composed)

        let response = try acceptBatch(fixture, [composed, decomposed])
        #expect(response.failure == nil)
        #expect(response.results.map(\.duplicate) == [true, false])
        #expect(try isStored(fixture, decomposed.caseID))
        #expect(try fixture.outboxEvents().count == 2 + 2)
    }

    @Test("an unroutable case stops the batch; the cases before it stay", arguments: [0, 1, 2])
    func unroutableStopsBatch(position: Int) throws {
        let fixture = try DispatchFixture()
        var reports = (1...3).map { makeReport("JL20261204-00012\($0)") }
        reports[position].streetID = "ST-Z"

        let response = try acceptBatch(fixture, reports)
        #expect(response.results.map(\.caseID) == reports.prefix(position).map(\.caseID))
        let failure = try #require(response.failure)
        #expect(failure.caseID == reports[position].caseID)
        #expect(failure.code == StatusCode.failedPrecondition.rawValue)
        #expect(failure.reason == "unroutable_case")
        #expect(failure.message.contains("ST-Z"))
        for (index, report) in reports.enumerated() {
            #expect(try isStored(fixture, report.caseID) == (index < position))
        }
        #expect(try fixture.outboxEvents().count == 2 * position)
    }

    @Test("an invalid report stops the batch with its field")
    func invalidReportStopsBatch() throws {
        let fixture = try DispatchFixture()
        var second = makeReport("JL20261204-000132")
        second.trackingCode = ""

        let response = try acceptBatch(fixture, [makeReport("JL20261204-000131"), second, makeReport("JL20261204-000133")])
        #expect(response.results.count == 1)
        #expect(response.failure?.reason == "invalid_report")
        #expect(response.failure?.field == "report.tracking_code")
        #expect(response.failure?.code == StatusCode.invalidArgument.rawValue)
        #expect(try !isStored(fixture, "JL20261204-000133"))
    }

    @Test("a failed write rolls back only that case and stops the batch")
    func failedWriteStopsBatch() throws {
        let fixture = try DispatchFixture()
        try fixture.accept(makeReport("JL20261204-000141", trackingCode: "TCLASH00001"))
        // Another case id with a tracking code that is taken violates UNIQUE in the middle of the batch.
        let clash = makeReport("JL20261204-000143", trackingCode: "TCLASH00001")

        let response = try acceptBatch(
            fixture, [makeReport("JL20261204-000142"), clash, makeReport("JL20261204-000144")])
        #expect(response.results.map(\.caseID) == ["JL20261204-000142"])
        #expect(response.failure?.caseID == clash.caseID)
        #expect(response.failure?.code == StatusCode.internal.rawValue)
        #expect(try isStored(fixture, "JL20261204-000142"))
        #expect(try !isStored(fixture, clash.caseID))
        #expect(try !isStored(fixture, "JL20261204-000144"))
        #expect(
            try fixture.outboxEvents().map(\.caseID) == [
                "JL20261204-000141", "JL20261204-000141", "JL20261204-000142", "JL20261204-000142",
            ], "no event of the rolled-back case is queued")
    }

    @Test("reused case id is a conflict")
    func caseIDConflictStopsBatch() throws {
        let fixture = try DispatchFixture()
        let original = makeReport("JL20261204-000171", trackingCode: "TORIGINAL01")
        try fixture.accept(original)
        // Intake numbered a new report again with a case id dispatch already holds.
        var renumbered = makeReport("JL20261204-000171", trackingCode: "TNEWREPORT1")
        renumbered.description = "另一条上报：井盖缺失"

        let single = try #require(throws: ServiceError.self) { try fixture.accept(renumbered) }
        #expect(single.code == .failedPrecondition)
        #expect(single.reason == "case_id_conflict")
        #expect(single.message.contains("JL20261204-000171"))

        let response = try acceptBatch(fixture, [makeReport("JL20261204-000172"), renumbered, makeReport("JL20261204-000173")])
        #expect(response.results.map(\.caseID) == ["JL20261204-000172"])
        #expect(response.failure?.reason == "case_id_conflict")
        #expect(response.failure?.caseID == "JL20261204-000171")
        #expect(try !isStored(fixture, "JL20261204-000173"))
        let stored = try fixture.getCase("JL20261204-000171")
        #expect(stored.trackingCode == "TORIGINAL01")
        #expect(stored.description == original.description, "the stored case is untouched")
    }

    @Test("registry down fails the first case with UNAVAILABLE and stores nothing")
    func registryDown() throws {
        let fixture = try DispatchFixture()
        fixture.registryServer.drain()

        let response = try acceptBatch(fixture, [makeReport("JL20261204-000151"), makeReport("JL20261204-000152")])
        #expect(response.results.isEmpty)
        #expect(response.failure?.code == StatusCode.unavailable.rawValue)
        #expect(try fixture.outboxEvents().isEmpty)
    }

    @Test("a routing answer is reused until it expires")
    func routingCacheExpires() throws {
        let fixture = try DispatchFixture(routingMaxAgeSeconds: 0.2)
        _ = try acceptBatch(fixture, [makeReport("JL20261204-000161")])
        _ = try acceptBatch(fixture, [makeReport("JL20261204-000162")])
        #expect(fixture.registry.resolveCalls.load(ordering: .relaxed) == 1)

        Thread.sleep(forTimeInterval: 0.3)
        _ = try acceptBatch(fixture, [makeReport("JL20261204-000163")])
        #expect(fixture.registry.resolveCalls.load(ordering: .relaxed) == 2)
    }

    @Test("an empty or oversized batch is rejected", arguments: [0, DispatchValidation.maxBatchCases + 1])
    func batchSize(count: Int) throws {
        let fixture = try DispatchFixture()
        let reports = (0..<count).map { makeReport(String(format: "JL20261204-%06d", 200 + $0)) }
        let error = try #require(throws: ServiceError.self) { try acceptBatch(fixture, reports) }
        #expect(error.code == .invalidArgument)
        #expect(error.reason == "invalid_batch_size")
        #expect(error.field == "cases")
        #expect(try fixture.outboxEvents().isEmpty)
    }

    @Test("a full batch of 500 is taken")
    func fullBatch() throws {
        let fixture = try DispatchFixture()
        let reports = (0..<DispatchValidation.maxBatchCases).map { makeReport(String(format: "JL20261205-%06d", $0)) }
        let response = try acceptBatch(fixture, reports)
        #expect(response.failure == nil)
        #expect(response.results.count == reports.count)
        #expect(try fixture.outboxEvents().count == 2 * reports.count)
    }
}
