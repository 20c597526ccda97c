import Foundation
import JieluContract
import JieluCore
import JieluRPC
import Synchronization
import Testing

@testable import IntakeService

@Suite("Intake SubmitReport")
struct SubmitReportTests {
    @Test("a valid report is stored and queued for dispatch")
    func storesReport() throws {
        let fixture = try IntakeFixture()
        let response = try fixture.submit(validRequest())

        #expect(response.caseID == "JL20261204-000001")
        #expect(RandomCode.isWellFormed(response.trackingCode, length: 10))
        #expect(response.status == "received")
        #expect(response.receivedAtMs == IntakeFixture.noonMs)
        #expect(response.dueAtMs == IntakeFixture.noonMs + 24 * 3_600_000)
        #expect(response.replayed == false)

        let report = try fixture.report(trackingCode: response.trackingCode)
        #expect(report.caseID == response.caseID)
        #expect(report.boardCode == "BOARD-HEPING")
        #expect(report.streetID == "ST-A")
        #expect(report.streetName == "和平路")
        #expect(report.subDistrictID == "SD-1")
        #expect(report.subDistrictName == "东风街道")
        #expect(report.categoryCode == "0401")
        #expect(report.categoryName == "占道经营")
        #expect(report.description == "路口有人摆摊占道，影响通行")
        #expect(report.contactPhone == "13912345678")
        #expect(report.hasLocation)
        #expect(report.lat == 31.2304)
        #expect(report.lon == 121.4737)
        #expect(report.channel == "qr_board")
        #expect(report.delivered == false)

        let outbox = try fixture.outbox()
        #expect(outbox.count == 1)
        #expect(outbox.first?.report == report)
    }

    @Test("sub-district name falls back to the street's")
    func subDistrictNameFromStreet() throws {
        let fixture = try IntakeFixture()
        let response = try fixture.submit(validRequest(board: "BOARD-JIEFANG", category: "0702"))
        let report = try fixture.report(caseID: response.caseID)
        #expect(report.subDistrictName == "向阳街道")
        #expect(report.dueAtMs == report.receivedAtMs + 72 * 3_600_000)
    }

    @Test("case ids count up per district day and restart at midnight UTC+8")
    func dailySequence() throws {
        let fixture = try IntakeFixture()
        fixture.clock.set(1_796_399_999_998)
        #expect(try fixture.submit(validRequest()).caseID == "JL20261204-000001")
        fixture.clock.advance(milliseconds: 1)
        #expect(try fixture.submit(validRequest()).caseID == "JL20261204-000002")
        fixture.clock.advance(milliseconds: 1)
        #expect(try fixture.submit(validRequest()).caseID == "JL20261205-000001")
        #expect(try fixture.submit(validRequest()).caseID == "JL20261205-000002")
    }

    @Test("the sequence survives a restart")
    func sequenceSurvivesRestart() throws {
        let fixture = try IntakeFixture()
        _ = try fixture.submit(validRequest())
        _ = try fixture.submit(validRequest())
        try fixture.restart()
        #expect(try fixture.submit(validRequest()).caseID == "JL20261204-000003")
    }

    @Test("tracking codes differ between reports")
    func trackingCodesDiffer() throws {
        let fixture = try IntakeFixture()
        let codes = try (0..<20).map { _ in try fixture.submit(validRequest()).trackingCode }
        #expect(Set(codes).count == 20)
    }

    @Test("unknown category is rejected and nothing is stored")
    func unknownCategory() throws {
        let fixture = try IntakeFixture()
        let error = try #require(throws: ServiceError.self) { try fixture.submit(validRequest(category: "9999")) }
        #expect(error.code == .invalidArgument)
        #expect(error.reason == "unknown_category")
        #expect(error.field == "category_code")
        #expect(try fixture.reportCount() == 0)
    }

    @Test("a class code is not an item code")
    func classCodeRejected() throws {
        let fixture = try IntakeFixture()
        let error = try #require(throws: ServiceError.self) { try fixture.submit(validRequest(category: "04")) }
        #expect(error.reason == "unknown_category")
    }

    @Test("unknown board becomes INVALID_ARGUMENT")
    func unknownBoard() throws {
        let fixture = try IntakeFixture()
        let error = try #require(throws: ServiceError.self) { try fixture.submit(validRequest(board: "BOARD-NOPE")) }
        #expect(error.code == .invalidArgument)
        #expect(error.reason == "unknown_board")
        #expect(error.field == "board_code")
        #expect(try fixture.reportCount() == 0)
        #expect(try fixture.outbox().isEmpty)
    }

    @Test("registry down gives UNAVAILABLE")
    func registryDown() throws {
        let fixture = try IntakeFixture()
        fixture.registryServer.drain()
        let error = try #require(throws: ServiceError.self) { try fixture.submit(validRequest()) }
        #expect(error.code == .unavailable)
        #expect(try fixture.reportCount() == 0)
    }

    @Test("board cache and unknown codes")
    func boardCache() throws {
        let fixture = try IntakeFixture()
        _ = try fixture.submit(validRequest())
        _ = try fixture.submit(validRequest(description: "第二次：路口仍有人摆摊"))
        #expect(fixture.registry.getBoardCalls.load(ordering: .relaxed) == 1)

        for _ in 0..<2 {
            let error = try #require(throws: ServiceError.self) { try fixture.submit(validRequest(board: "BOARD-NONE")) }
            #expect(error.reason == "unknown_board")
        }
        #expect(fixture.registry.getBoardCalls.load(ordering: .relaxed) == 3, "an unknown code is never cached")

        // With the board and the catalog cached, a report is taken while the registry is down.
        fixture.registryServer.drain()
        let response = try fixture.submit(validRequest(description: "注册服务停机时提交"))
        #expect(response.status == "received")
        #expect(try fixture.reportCount() == 3)
    }

    @Test("a cached board does not answer a look-alike code")
    func boardCacheComparesBytes() throws {
        let fixture = try IntakeFixture()
        _ = try fixture.submit(validRequest(board: "BOARD-KANGLE"))

        // U+212A KELVIN SIGN is canonically equivalent to K, so Swift's `==` finds this code equal
        // to the cached one. The registry compares bytes and has no such board.
        let lookalike = "BOARD-\u{212A}ANGLE"
        let error = try #require(throws: ServiceError.self) { try fixture.submit(validRequest(board: lookalike)) }
        #expect(error.reason == "unknown_board")
        #expect(try fixture.reportCount() == 1)
        #expect(fixture.registry.getBoardCalls.load(ordering: .relaxed) == 2, "the look-alike code went to the registry")
    }

    @Test("a repeated key returns the first response and creates nothing")
    func idempotentReplay() throws {
        let fixture = try IntakeFixture()
        let first = try fixture.submit(validRequest(key: "resident-42-attempt"))
        fixture.clock.advance(milliseconds: 5_000)

        let second = try fixture.submit(validRequest(key: "resident-42-attempt"))
        #expect(second.replayed)
        #expect(second.caseID == first.caseID)
        #expect(second.trackingCode == first.trackingCode)
        #expect(second.receivedAtMs == first.receivedAtMs)
        #expect(second.dueAtMs == first.dueAtMs)
        #expect(second.status == first.status)
        #expect(try fixture.reportCount() == 1)
        #expect(try fixture.outbox().count == 1)

        let other = try fixture.submit(validRequest(key: "resident-42-other"))
        #expect(other.caseID != first.caseID)
        #expect(other.replayed == false)
    }

    @Test("a reused key with other content is rejected")
    func reusedKeyRejected() throws {
        let fixture = try IntakeFixture()
        let first = try fixture.submit(validRequest(key: "resident-7"))

        let error = try #require(throws: ServiceError.self) {
            try fixture.submit(validRequest(description: "另一段描述", key: "resident-7"))
        }
        #expect(error.code == .failedPrecondition)
        #expect(error.reason == "idempotency_key_reused")
        #expect(error.field == "idempotency_key")
        #expect(!error.message.contains(first.trackingCode))
        #expect(try fixture.reportCount() == 1)
    }

    @Test("a replay is answered while the registry is down")
    func replayWithoutRegistry() throws {
        let fixture = try IntakeFixture()
        let first = try fixture.submit(validRequest(key: "k-1"))
        fixture.registryServer.drain()
        let second = try fixture.submit(validRequest(key: "k-1"))
        #expect(second.replayed)
        #expect(second.caseID == first.caseID)
    }

    @Test("a key survives a restart")
    func keySurvivesRestart() throws {
        let fixture = try IntakeFixture()
        let first = try fixture.submit(validRequest(key: "k-restart"))
        try fixture.restart()
        let second = try fixture.submit(validRequest(key: "k-restart"))
        #expect(second.replayed)
        #expect(second.caseID == first.caseID)
    }

    @Test("8 concurrent submissions with one key create one case")
    func concurrentSameKey() throws {
        let fixture = try IntakeFixture()
        let handler = fixture.handler
        let responses = Mutex<[Intake.SubmitReportResponse]>([])
        let failures = Mutex<[String]>([])

        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do {
                let response = try handler.submitReport(validRequest(key: "same-key"), context: testContext())
                responses.withLock { $0.append(response) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }

        #expect(failures.withLock { $0 }.isEmpty)
        let all = responses.withLock { $0 }
        #expect(all.count == 8)
        #expect(Set(all.map(\.caseID)).count == 1)
        #expect(all.filter { !$0.replayed }.count == 1)
        #expect(try fixture.reportCount() == 1)
        #expect(try fixture.outbox().count == 1)
    }

    @Test("description and phone are stored trimmed")
    func storesTrimmedText() throws {
        let fixture = try IntakeFixture()
        let response = try fixture.submit(validRequest(description: "\n  垃圾桶满溢  \n", phone: " 010-12345678 "))
        let report = try fixture.report(caseID: response.caseID)
        #expect(report.description == "垃圾桶满溢")
        #expect(report.contactPhone == "010-12345678")
    }

    @Test("GetReport errors name the missing thing")
    func getReportErrors() throws {
        let fixture = try IntakeFixture()

        let unknownCode = try #require(throws: ServiceError.self) { try fixture.report(trackingCode: "ZZZZZZZZZZ") }
        #expect(unknownCode.code == .notFound)
        #expect(unknownCode.reason == "unknown_tracking_code")

        let unknownCase = try #require(throws: ServiceError.self) { try fixture.report(caseID: "JL20261204-000001") }
        #expect(unknownCase.code == .notFound)
        #expect(unknownCase.reason == "unknown_case")

        let neither = try #require(throws: ServiceError.self) { try fixture.report() }
        #expect(neither.code == .invalidArgument)
        #expect(neither.reason == "missing_identifier")
    }

    @Test("GetReport accepts a lower-case tracking code")
    func lowerCaseTrackingCode() throws {
        let fixture = try IntakeFixture()
        let response = try fixture.submit(validRequest())
        #expect(try fixture.report(trackingCode: response.trackingCode.lowercased()).caseID == response.caseID)
    }
}
