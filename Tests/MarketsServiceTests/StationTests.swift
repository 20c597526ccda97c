import Foundation
import JieluContract
import JieluCore
import JieluRPC
import Testing

@testable import MarketsService

@Suite("Recycling stations")
struct StationTests {
    func match(_ fixture: MarketsFixture, street: String, text: String) throws -> Markets.MatchStationResponse {
        try fixture.handler.matchStation(Markets.MatchStationRequest(streetID: street, text: text), context: testContext())
    }

    @Test func reportOnStationStreetLinksToIt() throws {
        let fixture = try MarketsFixture()
        let response = try match(fixture, street: "ST003", text: "小区后墙外的废品站天天往外冒污水")

        #expect(response.matched)
        #expect(response.station?.id == "RS01")
        #expect(response.matchedBy == "street")
    }

    @Test func reportNamingStationLinksWherever() throws {
        let fixture = try MarketsFixture()
        let stations = try fixture.handler.listStations(Markets.ListStationsRequest(), context: testContext()).stations
        let named = try #require(stations.first { $0.id == "RS03" })

        let byName = try match(fixture, street: "ST001", text: "\(named.name)的纸壳子堆到马路上了")
        let byLicense = try match(fixture, street: "ST001", text: "许可证号\(named.licenseNumber)那家站点污水横流")

        #expect(byName.station?.id == "RS03")
        #expect(byName.matchedBy == "name")
        #expect(byLicense.station?.id == "RS03")
        #expect(byLicense.matchedBy == "license")
    }

    @Test func lapsedLicenseNeverLinks() throws {
        let fixture = try MarketsFixture()
        let stations = try fixture.handler.listStations(Markets.ListStationsRequest(), context: testContext()).stations
        let lapsed = try #require(stations.first { !$0.licensed })
        #expect(stations.filter(\.licensed).count == 6)

        let response = try match(fixture, street: lapsed.streetID, text: "\(lapsed.name)污染严重")

        #expect(!response.matched)
        #expect(response.station == nil)
    }

    @Test func streetWithoutStationStaysUnlinked() throws {
        let fixture = try MarketsFixture()
        #expect(!(try match(fixture, street: "ST001", text: "废品站污染")).matched)
        #expect(!(try match(fixture, street: "", text: "")).matched)
    }

    @Test func rectificationOrderRunsToCompletion() throws {
        let fixture = try MarketsFixture()
        let deadline = fixture.clock.now + 7 * 86_400_000
        let order = try fixture.handler.issueRectification(
            Markets.IssueRectificationRequest(
                stationID: "RS02", requirement: "清理站外堆放的废纸和塑料，设置围挡", deadlineAtMs: deadline,
                actor: fixture.inspector),
            context: testContext())
        #expect(order.status == "open")
        #expect(!order.overdue)
        #expect(try fixture.handler.getStation(Markets.GetStationRequest(stationID: "RS02"), context: testContext())
            .station?.openRectifications == 1)

        fixture.clock.advance(milliseconds: 8 * 86_400_000)
        let detail = try fixture.handler.getStation(Markets.GetStationRequest(stationID: "RS02"), context: testContext())
        #expect(detail.rectifications.first?.overdue == true)

        let done = try fixture.handler.completeRectification(
            Markets.CompleteRectificationRequest(rectificationID: order.id, note: "已清理并加装围挡", actor: fixture.inspector),
            context: testContext())
        #expect(done.status == "completed")
        #expect(done.overdue)
        let again = serviceError {
            _ = try fixture.handler.completeRectification(
                Markets.CompleteRectificationRequest(rectificationID: order.id, note: "再次登记", actor: fixture.inspector),
                context: testContext())
        }
        #expect(again?.reason == "invalid_transition")
        #expect(try fixture.store.history(kind: "rectification", id: order.id).map(\.toStatus) == ["open", "completed"])
    }

    @Test("rectification deadline is checked", arguments: [Int64(0), Int64(-1), Int64(366) * 86_400_000])
    func rectificationDeadlineIsChecked(offset: Int64) throws {
        let fixture = try MarketsFixture()
        let error = serviceError {
            _ = try fixture.handler.issueRectification(
                Markets.IssueRectificationRequest(
                    stationID: "RS02", requirement: "整改", deadlineAtMs: fixture.clock.now + offset, actor: fixture.inspector),
                context: testContext())
        }
        #expect(error?.reason == "invalid_deadline")
        #expect(try fixture.handler.getStation(Markets.GetStationRequest(stationID: "RS02"), context: testContext())
            .rectifications.isEmpty)
    }

    @Test func stationInspectionIsListed() throws {
        let fixture = try MarketsFixture()
        _ = try fixture.handler.recordStationInspection(
            Markets.RecordStationInspectionRequest(stationID: "RS04", result: "violation", notes: "露天堆放", actor: fixture.inspector),
            context: testContext())
        let unknown = serviceError {
            _ = try fixture.handler.recordStationInspection(
                Markets.RecordStationInspectionRequest(stationID: "RS99", result: "pass", actor: fixture.inspector),
                context: testContext())
        }

        #expect(unknown?.code == .notFound)
        let detail = try fixture.handler.getStation(Markets.GetStationRequest(stationID: "RS04"), context: testContext())
        #expect(detail.inspections.map(\.result) == ["violation"])
    }
}
