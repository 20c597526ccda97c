import Foundation
import JieluContract
import JieluCore
import JieluRPC
import Synchronization
import Testing

@testable import IntakeService

/// `IntakeHandler.startSubmitReport`, the event-loop path of SubmitReport.
@Suite("Intake deferred SubmitReport")
struct DeferredSubmitTests {
    /// Runs `startSubmitReport` and waits for its completion.
    private func start(
        _ fixture: IntakeFixture, _ request: Intake.SubmitReportRequest
    ) throws -> (deferred: Bool, result: Result<Intake.SubmitReportResponse, ServiceError>?) {
        let outcome = Mutex<Result<Intake.SubmitReportResponse, ServiceError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let deferred = fixture.handler.startSubmitReport(request, context: testContext()) { result in
            outcome.withLock { $0 = result }
            done.signal()
        }
        guard deferred else {
            return (false, nil)
        }
        try #require(done.wait(timeout: .now() + 10) == .success, "the completion never ran")
        return (true, outcome.withLock { $0 })
    }

    @Test("with nothing cached the report is left to the blocking path")
    func coldCacheDeclines() throws {
        let fixture = try IntakeFixture()
        let (deferred, _) = try start(fixture, validRequest())
        #expect(!deferred)
        #expect(try fixture.reportCount() == 0)
        #expect(fixture.registry.getBoardCalls.load(ordering: .relaxed) == 0, "the event loop never calls the registry")
    }

    @Test("with board and category cached the report is stored and queued like submitReport's")
    func warmCacheStores() throws {
        let fixture = try IntakeFixture()
        let first = try fixture.submit(validRequest())

        let (deferred, result) = try start(fixture, validRequest(description: "第二件：路口仍有人摆摊"))
        #expect(deferred)
        let response = try #require(try result?.get())
        #expect(response.caseID == "JL20261204-000002")
        #expect(response.status == "received")
        #expect(response.dueAtMs == IntakeFixture.noonMs + 24 * 3_600_000)
        #expect(RandomCode.isWellFormed(response.trackingCode, length: 10))
        #expect(response.trackingCode != first.trackingCode)

        let report = try fixture.report(caseID: response.caseID)
        #expect(report.streetID == "ST-A")
        #expect(report.subDistrictName == "东风街道")
        #expect(report.description == "第二件：路口仍有人摆摊")
        #expect(try fixture.outbox().map { $0.report?.caseID } == [first.caseID, response.caseID])
    }

    @Test("an invalid report completes at once with its error and stores nothing")
    func invalidCompletes() throws {
        let fixture = try IntakeFixture()
        _ = try fixture.submit(validRequest())

        let (deferred, result) = try start(fixture, validRequest(description: "   "))
        #expect(deferred)
        guard case .failure(let error)? = result else {
            Issue.record("expected INVALID_ARGUMENT")
            return
        }
        #expect(error.code == .invalidArgument)
        #expect(error.field == "description")
        #expect(try fixture.reportCount() == 1)
    }

    @Test("a repeated idempotency key on the deferred path returns the first response")
    func keyReplayed() throws {
        let fixture = try IntakeFixture()
        let first = try fixture.submit(validRequest(key: "resident-7-attempt"))

        let (deferred, result) = try start(fixture, validRequest(key: "resident-7-attempt"))
        #expect(deferred)
        let replayed = try #require(try result?.get())
        #expect(replayed.caseID == first.caseID)
        #expect(replayed.trackingCode == first.trackingCode)
        #expect(replayed.replayed)
        #expect(try fixture.reportCount() == 1)
    }

    @Test("an unknown category, even with the catalog cached, goes to the blocking path")
    func unknownCategoryDeclines() throws {
        let fixture = try IntakeFixture()
        _ = try fixture.submit(validRequest())
        let (deferred, _) = try start(fixture, validRequest(category: "0999"))
        #expect(!deferred, "the blocking path decides whether to reload the catalog")
    }
}
