import Foundation
import JieluContract
import JieluCore
import Testing

@testable import RegistryService

@Suite("LoadDistrict and reads")
struct DistrictLoadTests {
    @Test func loadReturnsReferenceCounts() throws {
        let fixture = try RegistryFixture()
        let response = try fixture.handler.loadDistrict(
            .init(district: ReferenceDataset.district), context: testContext())

        #expect(response.subDistricts == 7)
        #expect(response.communities == 45)
        #expect(response.grids == 132)
        #expect(response.units == 12)
        #expect(response.staff == 452)
        #expect(response.streets == 84)
        #expect(response.categoryItems == 20)
        #expect(response.rules == 7)
    }

    @Test func listStreetsReturnsAllSortedWithNames() throws {
        let fixture = try RegistryFixture.loaded()
        let streets = try fixture.handler.listStreets(.init(), context: testContext()).streets

        #expect(streets.count == 84)
        #expect(streets.map(\.id) == streets.map(\.id).sorted())
        let first = try #require(streets.first)
        #expect(first.id == "ST001")
        #expect(first.name == "勤俭大路")
        #expect(first.subDistrictName == "柏溪街道")
        #expect(first.communityName == "鸿福社区")
        #expect(first.cadreIDs == ["S0165", "S0052", "S0229"])
        #expect(first.boardCode == "JV8U7FN7Z52VE9UJ")
        #expect(streets.allSatisfy { !$0.subDistrictName.isEmpty })
        #expect(streets.allSatisfy { !$0.communityName.isEmpty })
    }

    @Test func streetsHave252DistinctCadres() throws {
        let fixture = try RegistryFixture.loaded()
        let streets = try fixture.handler.listStreets(.init(), context: testContext()).streets

        let cadreIDs = streets.flatMap(\.cadreIDs)
        #expect(cadreIDs.count == 252)
        #expect(Set(cadreIDs).count == 252)
        let roles = try Set(Set(cadreIDs).map { try fixture.handler.getStaff(.init(staffID: $0), context: testContext()).role })
        #expect(roles == ["street_cadre"])
    }

    @Test func listStreetsFiltersBySubDistrict() throws {
        let fixture = try RegistryFixture.loaded()
        let streets = try fixture.handler.listStreets(.init(subDistrictID: "SD01"), context: testContext()).streets

        #expect(streets.count == 13)
        #expect(streets.allSatisfy { $0.subDistrictID == "SD01" })
        #expect(streets.allSatisfy { $0.cadreIDs.count == 3 })
    }

    @Test func listStreetsRejectsUnknownSubDistrict() throws {
        let fixture = try RegistryFixture.loaded()
        let error = serviceError { _ = try fixture.handler.listStreets(.init(subDistrictID: "SD99"), context: testContext()) }

        #expect(error?.code == .notFound)
        #expect(error?.reason == "unknown_sub_district")
        #expect(error?.field == "sub_district_id")
    }

    @Test func emptyRegistryHasNoStreetsOrCategories() throws {
        let fixture = try RegistryFixture()

        #expect(try fixture.handler.listStreets(.init(), context: testContext()).streets.isEmpty)
        #expect(try fixture.handler.listCategories(.init(), context: testContext()).classes.isEmpty)
    }

    @Test func listCategoriesInCodeOrderWithClassFields() throws {
        let fixture = try RegistryFixture.loaded()
        let classes = try fixture.handler.listCategories(.init(), context: testContext()).classes

        #expect(classes.map(\.code) == ["01", "02", "03", "04", "05", "06"])
        #expect(classes.flatMap(\.items).count == 20)
        let municipal = try #require(classes.first { $0.code == "04" })
        #expect(municipal.name == "市政设施")
        #expect(municipal.items.map(\.code) == ["0401", "0402", "0403", "0404"])
        let water = try #require(municipal.items.first)
        #expect(water.name == "路面积水")
        #expect(water.timeLimitHours == 2)
        #expect(water.area == "public")
        #expect(water.classCode == "04")
        #expect(water.className == "市政设施")
    }

    @Test func getStaffReturnsFullRecord() throws {
        let fixture = try RegistryFixture.loaded()
        let staff = try fixture.handler.getStaff(.init(staffID: "S0165"), context: testContext())

        #expect(staff == Registry.Staff(id: "S0165", name: "卢静", role: "street_cadre", unitID: "U-DIST", phone: "17850159591"))
    }

    @Test func getStaffRejectsUnknownID() throws {
        let fixture = try RegistryFixture.loaded()
        let error = serviceError { _ = try fixture.handler.getStaff(.init(staffID: "S9999"), context: testContext()) }

        #expect(error?.code == .notFound)
        #expect(error?.reason == "unknown_staff")
    }

    @Test func dataSurvivesReopen() throws {
        let fixture = try RegistryFixture.loaded()
        try fixture.reopen()

        #expect(try fixture.handler.listStreets(.init(), context: testContext()).streets.count == 84)
        #expect(try fixture.handler.listCategories(.init(), context: testContext()).classes.count == 6)
    }

    @Test func reloadReplacesDataAndRefreshesCatalog() throws {
        let fixture = try RegistryFixture.loaded()
        // Fill the catalog cache before the reload.
        _ = try fixture.handler.listCategories(.init(), context: testContext())

        var district = ReferenceDataset.district
        district.categories[0].items[0].name = "暴露垃圾（新）"
        district.streets.removeLast()
        let response = try fixture.handler.loadDistrict(.init(district: district), context: testContext())

        #expect(response.streets == 83)
        #expect(try fixture.handler.listStreets(.init(), context: testContext()).streets.count == 83)
        let classes = try fixture.handler.listCategories(.init(), context: testContext()).classes
        #expect(classes[0].items[0].name == "暴露垃圾（新）")
    }
}
