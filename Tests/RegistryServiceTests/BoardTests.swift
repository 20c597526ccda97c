import JieluContract
import JieluCore
import Testing

@testable import RegistryService

@Suite("GetBoard")
struct BoardTests {
    @Test func boardListsResponsiblePeopleInOrder() throws {
        let fixture = try RegistryFixture.loaded()
        let board = try fixture.handler.getBoard(.init(boardCode: "JV8U7FN7Z52VE9UJ"), context: testContext())

        let street = try #require(board.street)
        #expect(street.id == "ST001")
        #expect(street.grade == "A")
        #expect(board.subDistrictName == "柏溪街道")
        #expect(board.communityName == "鸿福社区")
        #expect(board.gridName == "鸿福社区第1网格")

        #expect(board.people.map(\.staffID) == ["S0165", "S0052", "S0229", "S0254", "S0301", "S0430"])
        #expect(board.people.map(\.role) == [
            "street_cadre", "street_cadre", "street_cadre", "sub_district_leader", "grid_staff", "squad_member",
        ])
        #expect(board.people[0].name == "卢静")
        #expect(board.people[0].unitName == "区直机关")
        #expect(board.people[3].unitName == "柏溪街道办事处")
        let squad = try #require(board.people.last)
        #expect(squad.name == "江佳慧")
        #expect(squad.unitName == "第一城管中队")
    }

    @Test func boardMasksEveryPhone() throws {
        let fixture = try RegistryFixture.loaded()
        let board = try fixture.handler.getBoard(.init(boardCode: "JV8U7FN7Z52VE9UJ"), context: testContext())

        #expect(board.people[0].phoneMasked == "178****9591")
        #expect(board.people.last?.phoneMasked == "159****9911")
        for person in board.people {
            let full = try fixture.handler.getStaff(.init(staffID: person.staffID), context: testContext()).phone
            #expect(person.phoneMasked == maskPhone(full))
            #expect(person.phoneMasked != full)
        }
    }

    @Test("unknown or malformed board code", arguments: ["22222222222222222", "", "JV8U7FN7Z52VE9U"])
    func unknownBoardIsNotFound(code: String) throws {
        let fixture = try RegistryFixture.loaded()
        let error = serviceError { _ = try fixture.handler.getBoard(.init(boardCode: code), context: testContext()) }

        #expect(error?.code == .notFound)
        #expect(error?.reason == "unknown_board")
        #expect(error?.field == "board_code")
    }

    @Test func squadWithoutMembersIsListedByName() throws {
        let fixture = try RegistryFixture()
        var district = ReferenceDataset.district
        let squadMembers = Set(district.staff.filter { $0.unitID == "U-SQ1" }.map(\.id))
        district.staff.removeAll { squadMembers.contains($0.id) }
        district.rules.removeAll { squadMembers.contains($0.staffID) }
        _ = try fixture.handler.loadDistrict(.init(district: district), context: testContext())

        let board = try fixture.handler.getBoard(.init(boardCode: "JV8U7FN7Z52VE9UJ"), context: testContext())
        let squad = try #require(board.people.last)
        #expect(squad.name == "第一城管中队")
        #expect(squad.staffID == "")
        #expect(squad.phoneMasked == "")
    }
}
