import Foundation
import JieluContract
import JieluCore
import JieluRPC
import Testing

@testable import MarketsService

@Suite("Inspections and suspension")
struct InspectionTests {
    static let day: Int64 = 86_400_000

    /// Returns an MK01 stall whose dataset permit runs at least 60 more days.
    static func heldStall(_ fixture: MarketsFixture) throws -> Markets.Stall {
        try #require(
            try fixture.market("MK01").stalls.first { stall in
                guard stall.status == "occupied", let permit = try fixture.store.permit(id: stall.permitID) else {
                    return false
                }
                return permit.endAtMs > fixture.clock.now + 60 * day
            })
    }

    @Test func thresholdWithinWindowSuspendsPermit() throws {
        let fixture = try MarketsFixture()
        let stall = try Self.heldStall(fixture)

        let first = try fixture.inspect(marketID: "MK01", stallID: stall.id)
        let second = try fixture.inspect(marketID: "MK01", stallID: stall.id)
        #expect(first.violationsInWindow == 1)
        #expect(second.violationsInWindow == 2)
        #expect(!second.suspended)
        #expect(second.permit?.status == "active")

        let third = try fixture.inspect(marketID: "MK01", stallID: stall.id)
        #expect(third.violationsInWindow == 3)
        #expect(third.violationThreshold == 3)
        #expect(third.violationWindowDays == 30)
        #expect(third.suspended)
        #expect(third.permit?.status == "suspended")
        #expect(third.permit?.history.last?.reason.contains("达到暂停阈值 3 次") == true)
        #expect(try fixture.market("MK01").stalls.first { $0.id == stall.id }?.status == "suspended")
    }

    @Test func passesDoNotCount() throws {
        let fixture = try MarketsFixture()
        let stall = try Self.heldStall(fixture)
        for _ in 0..<4 {
            _ = try fixture.inspect(marketID: "MK01", stallID: stall.id, result: "pass")
        }
        let response = try fixture.inspect(marketID: "MK01", stallID: stall.id)
        #expect(response.violationsInWindow == 1)
        #expect(!response.suspended)
    }

    @Test func violationsOutsideWindowDoNotCount() throws {
        let fixture = try MarketsFixture()
        let stall = try Self.heldStall(fixture)
        _ = try fixture.inspect(marketID: "MK01", stallID: stall.id)
        _ = try fixture.inspect(marketID: "MK01", stallID: stall.id)

        fixture.clock.advance(milliseconds: 30 * Self.day + 1)
        let response = try fixture.inspect(marketID: "MK01", stallID: stall.id)

        #expect(response.violationsInWindow == 1)
        #expect(!response.suspended)
    }

    @Test func thresholdAndWindowAreSettings() throws {
        let fixture = try MarketsFixture(settings: MarketsSettings(violationThreshold: 2, violationWindowDays: 7))
        let stall = try Self.heldStall(fixture)
        _ = try fixture.inspect(marketID: "MK01", stallID: stall.id)
        fixture.clock.advance(milliseconds: 6 * Self.day)

        let response = try fixture.inspect(marketID: "MK01", stallID: stall.id)

        #expect(response.suspended)
        #expect(response.violationThreshold == 2)
        #expect(response.violationWindowDays == 7)
    }

    @Test func reinstatementStartsTheCountAgain() throws {
        let fixture = try MarketsFixture()
        let stall = try Self.heldStall(fixture)
        for _ in 0..<3 {
            _ = try fixture.inspect(marketID: "MK01", stallID: stall.id)
        }
        fixture.clock.advance(milliseconds: 1_000)
        let reinstated = try fixture.handler.reinstatePermit(
            Markets.ReinstatePermitRequest(permitID: stall.permitID, actor: fixture.manager, reason: "已整改"),
            context: testContext())
        #expect(reinstated.status == "active")

        fixture.clock.advance(milliseconds: 1_000)
        let response = try fixture.inspect(marketID: "MK01", stallID: stall.id)
        #expect(response.violationsInWindow == 1)
        #expect(!response.suspended)

        let again = serviceError {
            _ = try fixture.handler.reinstatePermit(
                Markets.ReinstatePermitRequest(permitID: stall.permitID, actor: fixture.manager, reason: "再次恢复"),
                context: testContext())
        }
        #expect(again?.reason == "invalid_transition")
    }

    @Test func vendorInspectionFindsThePermit() throws {
        let fixture = try MarketsFixture()
        let stall = try Self.heldStall(fixture)
        let holder = try #require(try fixture.store.permit(id: stall.permitID)?.vendorID)

        let response = try fixture.inspect(marketID: "MK01", vendorID: holder)

        #expect(response.inspection?.permitID == stall.permitID)
        #expect(response.inspection?.stallID == stall.id)
        #expect(response.violationsInWindow == 1)
    }

    @Test("bad inspections store nothing", arguments: [
        ("MK99", "HELD", "", "violation", "unknown_market"),
        ("MK01", "", "", "violation", "missing_target"),
        ("MK01", "MK02-A01", "", "violation", "unknown_stall"),
        ("MK01", "HELD", "V0060", "violation", "vendor_not_at_stall"),
        ("MK01", "HELD", "", "bad", "invalid_result"),
        ("MK01", "HELD", "", "violation-without-type", "missing_violation_type"),
    ])
    func badInspectionStoresNothing(market: String, stall: String, vendor: String, result: String, reason: String) throws {
        let fixture = try MarketsFixture()
        let held = try Self.heldStall(fixture)
        let stallID = stall == "HELD" ? held.id : stall
        let request = Markets.RecordInspectionRequest(
            marketID: market, stallID: stallID, vendorID: vendor,
            result: result == "violation-without-type" ? "violation" : result,
            violationType: result == "violation-without-type" ? "" : "占道", notes: "", actor: fixture.inspector)

        let error = serviceError { _ = try fixture.handler.recordInspection(request, context: testContext()) }

        #expect(error?.code == .invalidArgument)
        #expect(error?.reason == reason)
        let count = try fixture.store.database.read { try $0.queryOne("SELECT COUNT(*) AS n FROM inspections")!.int("n") }
        #expect(count == 0)
    }
}
