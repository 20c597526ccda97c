import Foundation
import JieluContract
import JieluCore
import JieluRPC
import Testing

@testable import MarketsService

@Suite("Applications and allocation")
struct AllocationTests {
    /// MK02's food stalls are all held in the reference dataset, so its food
    /// waitlist moves only when a permit ends.
    static let fullMarket = "MK02"

    @Test func waitlistServesHardshipFirstThenApplicationTime() throws {
        let fixture = try MarketsFixture()
        let first = try fixture.registerVendor(name: "先来")
        let needy = try fixture.registerVendor(name: "困难", hardship: true)
        let third = try fixture.registerVendor(name: "后到")
        let a = try fixture.apply(first.id, to: Self.fullMarket)
        fixture.clock.advance(milliseconds: 60_000)
        let b = try fixture.apply(needy.id, to: Self.fullMarket)
        fixture.clock.advance(milliseconds: 60_000)
        let c = try fixture.apply(third.id, to: Self.fullMarket)

        let waitlist = try fixture.handler.listWaitlist(
            Markets.ListWaitlistRequest(marketID: Self.fullMarket, stallType: "food"), context: testContext()
        ).applications
        #expect(waitlist.map(\.number) == [b.number, a.number, c.number])
        #expect(waitlist.map(\.waitlistRank) == [1, 2, 3])
        let marketName = try fixture.application(a.number).marketName
        #expect(!marketName.isEmpty)
        #expect(waitlist.allSatisfy { $0.marketName == marketName }, "the waitlist names the market like one application does")
        #expect(try fixture.application(c.number).waitlistRank == 3)
    }

    @Test func equalTimesKeepOrderOfArrival() throws {
        let fixture = try MarketsFixture()
        let numbers = try (0..<3).map { index in
            try fixture.apply(try fixture.registerVendor(name: "摊贩\(index)").id, to: Self.fullMarket).number
        }
        let waitlist = try fixture.handler.listWaitlist(
            Markets.ListWaitlistRequest(marketID: Self.fullMarket, stallType: "food"), context: testContext()
        ).applications
        #expect(waitlist.map(\.number) == numbers)
    }

    @Test func revokedPermitGoesToHeadOfWaitlist() throws {
        let fixture = try MarketsFixture()
        let first = try fixture.apply(try fixture.registerVendor().id, to: Self.fullMarket)
        fixture.clock.advance(milliseconds: 1_000)
        let needy = try fixture.apply(try fixture.registerVendor(hardship: true).id, to: Self.fullMarket)
        let empty = try fixture.allocate(Self.fullMarket, type: "food")
        #expect(empty.allocations.isEmpty)
        #expect(empty.stillWaiting == 2)

        let stall = try #require(try fixture.market(Self.fullMarket).stalls.first { $0.stallType == "food" && $0.status == "occupied" })
        let revoked = try fixture.handler.revokePermit(
            Markets.RevokePermitRequest(permitID: stall.permitID, actor: fixture.manager, reason: "摊主退出"),
            context: testContext())

        #expect(revoked.status == "revoked")
        let winner = try fixture.application(needy.number)
        #expect(winner.status == "allocated")
        #expect(winner.stallID == stall.id)
        #expect(winner.decisionNote.contains("困难户优先"))
        #expect(winner.decisionNote.contains("第 1 位"))
        #expect(try fixture.application(first.number).waitlistRank == 1)
        #expect(try fixture.market(Self.fullMarket).stalls.first { $0.id == stall.id }?.permitID == winner.permitID)
    }

    @Test func allocationFillsFreeStallsInNumberOrder() throws {
        let fixture = try MarketsFixture()
        let response = try fixture.allocate("MK01", type: "food")

        // The two waiting dataset applications for MK01 food, hardship first.
        #expect(response.allocations.count == 2)
        #expect(response.allocations.first?.hardship == true)
        #expect(response.allocations.map(\.stallNumber) == ["A-11", "A-12"])
        #expect(response.stillWaiting == 0)
        #expect(response.stillFree == 0)
        #expect(response.allocations.allSatisfy { !$0.permitID.isEmpty })
        #expect(response.allocations.allSatisfy { !$0.decisionNote.isEmpty })
    }

    @Test func vendorHoldsAtMostOneStall() throws {
        let fixture = try MarketsFixture()
        let vendor = try fixture.registerVendor(goodsType: "goods")
        _ = try fixture.apply(vendor.id, to: "MK04")

        let pending = serviceError { _ = try fixture.apply(vendor.id, to: "MK03") }
        #expect(pending?.reason == "application_pending")

        _ = try fixture.allocate("MK04", type: "goods")
        let holding = serviceError { _ = try fixture.apply(vendor.id, to: "MK03") }
        #expect(holding?.code == .failedPrecondition)
        #expect(holding?.reason == "vendor_has_stall")
        #expect(try fixture.livePermits().filter { $0.vendor == vendor.id }.count == 1)
    }

    @Test func schemaRejectsSecondLivePermitAndOverlap() throws {
        let fixture = try MarketsFixture()
        let permit = try #require(try fixture.livePermits().first)

        // A second live permit for the same vendor on another stall.
        #expect(throws: (any Error).self) {
            try fixture.store.database.write { connection in
                try connection.run(
                    """
                    INSERT INTO permits (id, vendor_id, stall_id, market_id, application_number, start_at_ms, end_at_ms, status)
                    VALUES ('P999999', ?, 'MK04-C05', 'MK04', '', 1, 2, 'active')
                    """, permit.vendor)
            }
        }
        // An overlapping live permit for another vendor on the same stall.
        let other = try fixture.registerVendor()
        let error = try #require(throws: (any Error).self) {
            try fixture.store.database.write { connection in
                try connection.run(
                    """
                    INSERT INTO permits (id, vendor_id, stall_id, market_id, application_number, start_at_ms, end_at_ms, status)
                    VALUES ('P999998', ?, ?, 'MK01', '', ?, ?, 'active')
                    """, other.id, permit.stall, permit.start, permit.start + 1)
            }
        }
        #expect((MarketsStore.mapConstraint(error) as? ServiceError)?.reason == "permit_overlap")
    }

    @Test func concurrentAllocationsNeverShareAStall() throws {
        let fixture = try MarketsFixture()
        let second = try fixture.secondStore()
        for index in 0..<12 {
            _ = try fixture.apply(try fixture.registerVendor(name: "并发\(index)", goodsType: "produce").id, to: "MK03")
        }

        let group = DispatchGroup()
        let stores = [fixture.store, second]
        for worker in 0..<8 {
            group.enter()
            let store = stores[worker % 2]
            let thread = Thread {
                defer { group.leave() }
                for _ in 0..<3 {
                    _ = try? store.allocate(
                        marketID: "MK03", stallType: "produce",
                        period: MarketsStore.PermitPeriod(start: MarketsFixture.noonMs, end: MarketsFixture.noonMs + 86_400_000 * 30),
                        actor: "staff:S0100", nowMs: MarketsFixture.noonMs)
                }
            }
            thread.start()
        }
        #expect(group.wait(timeout: .now() + 60) == .success)

        let permits = try fixture.livePermits()
        for (index, permit) in permits.enumerated() {
            for other in permits[(index + 1)...] where other.stall == permit.stall {
                #expect(!(permit.start < other.end && other.start < permit.end), "stall \(permit.stall) allocated twice")
            }
        }
        #expect(Set(permits.map(\.vendor)).count == permits.count)
        // MK03 has 10 produce stalls: 3 held, 1 closed, 6 free for 12 applicants.
        let produce = try fixture.market("MK03").stalls.filter { $0.stallType == "produce" }
        #expect(produce.filter { $0.status == "occupied" }.count == 9)
    }

    @Test("permit period is checked", arguments: [
        (MarketsFixture.noonMs - 86_400_000, Int64(0), "invalid_permit_dates", "start_at"),
        (MarketsFixture.noonMs, MarketsFixture.noonMs, "invalid_permit_dates", "end_at"),
        (MarketsFixture.noonMs, MarketsFixture.noonMs - 1, "invalid_permit_dates", "end_at"),
        (MarketsFixture.noonMs, MarketsFixture.noonMs + 1_097 * 86_400_000, "permit_too_long", "end_at"),
    ])
    func permitPeriodIsChecked(start: Int64, end: Int64, reason: String, field: String) throws {
        let fixture = try MarketsFixture()
        let error = serviceError { _ = try fixture.allocate("MK01", startMs: start, endMs: end) }

        #expect(error?.code == .invalidArgument)
        #expect(error?.reason == reason)
        #expect(error?.field == field)
        #expect(try fixture.application(try Self.waitingNumber(fixture, market: "MK01")).status == "waiting")
    }

    @Test func renewalMayNotOverlapTheNextPermit() throws {
        let fixture = try MarketsFixture()
        let day: Int64 = 86_400_000
        let now = MarketsFixture.noonMs
        _ = try fixture.apply(try fixture.registerVendor(goodsType: "goods").id, to: "MK04")
        let current = try #require(try fixture.allocate("MK04", type: "goods", endMs: now + 30 * day).allocations.first)
        _ = try fixture.apply(try fixture.registerVendor(goodsType: "goods").id, to: "MK04")
        // Every other goods stall is busy for the later period, so the stall of the first permit is the one left.
        for stall in try fixture.market("MK04").stalls where stall.stallType == "goods" && stall.status == "free" {
            _ = try fixture.handler.setStallStatus(
                Markets.SetStallStatusRequest(stallID: stall.id, status: "suspended", actor: fixture.manager, reason: "维修"),
                context: testContext())
        }
        let next = try #require(
            try fixture.allocate("MK04", type: "goods", startMs: now + 40 * day, endMs: now + 100 * day).allocations.first)
        #expect(next.stallID == current.stallID)

        let error = serviceError {
            _ = try fixture.handler.renewPermit(
                Markets.RenewPermitRequest(permitID: current.permitID, endAtMs: now + 60 * day, actor: fixture.manager, reason: "续期"),
                context: testContext())
        }
        #expect(error?.reason == "permit_overlap")
        #expect(try fixture.store.permit(id: current.permitID)?.endAtMs == now + 30 * day)

        let renewed = try fixture.handler.renewPermit(
            Markets.RenewPermitRequest(permitID: current.permitID, endAtMs: now + 40 * day, actor: fixture.manager, reason: "续期"),
            context: testContext())
        #expect(renewed.renewals == 1)
        #expect(renewed.history.last?.reason.contains("续期") == true)
    }

    @Test func expiredPermitOffersStallToWaitlist() throws {
        let fixture = try MarketsFixture()
        let now = MarketsFixture.noonMs
        _ = try fixture.apply(try fixture.registerVendor(goodsType: "goods").id, to: "MK04")
        let short = try #require(try fixture.allocate("MK04", type: "goods", endMs: now + 2 * 86_400_000).allocations.first)
        let waiting = try fixture.apply(try fixture.registerVendor(goodsType: "goods").id, to: "MK04")

        fixture.clock.advance(milliseconds: 2 * 86_400_000)
        let expired = try fixture.store.expirePermits(nowMs: fixture.clock.now)

        #expect(expired == [short.permitID])
        #expect(try fixture.store.permit(id: short.permitID)?.status == "expired")
        let offered = try fixture.application(waiting.number)
        #expect(offered.status == "allocated")
        #expect(offered.stallID == short.stallID)
        #expect(offered.decisionNote.contains("期满"))
        #expect(try fixture.store.expirePermits(nowMs: fixture.clock.now).isEmpty)
    }

    @Test func everyChangeIsRecordedWithActorAndReason() throws {
        let fixture = try MarketsFixture()
        let vendor = try fixture.registerVendor(goodsType: "goods")
        let application = try fixture.apply(vendor.id, to: "MK04")
        let allocated = try #require(try fixture.allocate("MK04", type: "goods").allocations.first)

        let applicationHistory = try fixture.application(application.number).history
        #expect(applicationHistory.map(\.toStatus) == ["waiting", "allocated"])
        #expect(applicationHistory.allSatisfy { $0.actor == fixture.manager })
        #expect(applicationHistory.allSatisfy { !$0.reason.isEmpty })
        #expect(applicationHistory.allSatisfy { $0.atMs > 0 })
        let stallHistory = try fixture.store.history(kind: "stall", id: allocated.stallID)
        #expect(stallHistory.last?.toStatus == "occupied")
        #expect(try fixture.store.history(kind: "vendor", id: vendor.id).first?.actor == fixture.manager)
    }

    @Test("bad application input stores nothing", arguments: [
        ("V0999", "MK01", "unknown_vendor", "vendor_id"),
        ("VENDOR", "MK99", "unknown_market", "market_id"),
    ])
    func badApplicationStoresNothing(vendor: String, market: String, reason: String, field: String) throws {
        let fixture = try MarketsFixture()
        let vendorID = vendor == "VENDOR" ? try fixture.registerVendor().id : vendor
        let before = try fixture.handler.listWaitlist(Markets.ListWaitlistRequest(marketID: "MK01"), context: testContext())

        let error = serviceError { _ = try fixture.apply(vendorID, to: market) }

        #expect(error?.code == .invalidArgument)
        #expect(error?.reason == reason)
        #expect(error?.field == field)
        #expect(try fixture.handler.listWaitlist(Markets.ListWaitlistRequest(marketID: "MK01"), context: testContext()) == before)
    }

    static func waitingNumber(_ fixture: MarketsFixture, market: String) throws -> String {
        try #require(
            try fixture.handler.listWaitlist(Markets.ListWaitlistRequest(marketID: market), context: testContext())
                .applications.first?.number)
    }
}
