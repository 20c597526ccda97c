import JieluContract
import JieluCore
import Testing

@testable import RegistryService

@Suite("LoadDistrict validation")
struct DatasetValidationTests {
    /// One way to break the reference dataset and words the message must contain.
    struct Breakage: Sendable, CustomTestStringConvertible {
        var name: String
        var mentions: [String]
        var apply: @Sendable (inout Registry.District) -> Void

        var testDescription: String { name }
    }

    static let breakages: [Breakage] = [
        Breakage(name: "dangling community sub-district", mentions: ["C0101", "SD99"]) { $0.communities[0].subDistrictID = "SD99" },
        Breakage(name: "dangling community leader", mentions: ["C0101", "S9999"]) { $0.communities[0].leaderID = "S9999" },
        Breakage(name: "dangling grid staff", mentions: ["G010101", "S9999"]) { $0.grids[0].staffID = "S9999" },
        Breakage(name: "dangling street cadre", mentions: ["ST001", "S9999"]) { $0.streets[0].cadreIDs[1] = "S9999" },
        Breakage(name: "street without cadres", mentions: ["ST001", "cadre_ids"]) { $0.streets[0].cadreIDs = [] },
        Breakage(name: "dangling staff unit", mentions: ["S0001", "U-NONE"]) { $0.staff[0].unitID = "U-NONE" },
        Breakage(name: "dangling unit sub-district", mentions: ["U-SQ1", "SD99"]) { $0.units[1].subDistrictIDs.append("SD99") },
        Breakage(name: "duplicate board code", mentions: ["ST002", "ST001", "JV8U7FN7Z52VE9UJ"]) {
            $0.streets[1].boardCode = $0.streets[0].boardCode
        },
        Breakage(name: "malformed board code", mentions: ["ST001", "jv8u7fn7z52ve9uj"]) { $0.streets[0].boardCode = "jv8u7fn7z52ve9uj" },
        Breakage(name: "board code with a confusable letter", mentions: ["ST001"]) { $0.streets[0].boardCode = "JV8U7FN7Z52VE9U0" },
        Breakage(name: "bad grade", mentions: ["ST001", "「D」"]) { $0.streets[0].grade = "D" },
        Breakage(name: "duplicate street id", mentions: ["ST001", "重复"]) { $0.streets[1].id = "ST001" },
        Breakage(name: "empty staff id", mentions: ["人员", "id 为空"]) { $0.staff[5].id = "" },
        Breakage(name: "grid outside the street's community", mentions: ["ST001", "G010101", "C0102"]) {
            $0.streets[0].gridID = "G010101"
        },
        Breakage(name: "community outside the street's sub-district", mentions: ["ST001", "C0201", "SD01"]) {
            $0.streets[0].communityID = "C0201"
            $0.streets[0].gridID = "G020101"
        },
        Breakage(name: "zero time limit", mentions: ["0101", "0 小时"]) { $0.categories[0].items[0].timeLimitHours = 0 },
        Breakage(name: "time limit past 720 hours", mentions: ["0101", "721"]) { $0.categories[0].items[0].timeLimitHours = 721 },
        Breakage(name: "unknown area", mentions: ["0101", "private"]) { $0.categories[0].items[0].area = "private" },
        Breakage(name: "duplicate item code", mentions: ["0101", "重复"]) { $0.categories[1].items[0].code = "0101" },
        Breakage(name: "rule with unknown scope", mentions: ["community"]) { $0.rules[0].scope = "community" },
        Breakage(name: "rule with dangling scope id", mentions: ["ST999"]) { $0.rules[0].scopeID = "ST999" },
        Breakage(name: "rule with unknown category", mentions: ["0999"]) { $0.rules[0].categoryCode = "0999" },
        Breakage(name: "rule with dangling unit", mentions: ["U-NONE"]) { $0.rules[0].unitID = "U-NONE" },
        Breakage(name: "rule with dangling staff", mentions: ["S9999"]) { $0.rules[0].staffID = "S9999" },
        Breakage(name: "duplicate rule", mentions: ["第 8 条"]) { $0.rules.append($0.rules[0]) },
        Breakage(name: "sub-district without a squad", mentions: ["SD07", "城管中队"]) {
            $0.units.removeAll { $0.id == "U-SQ4" }
            $0.staff.removeAll { $0.unitID == "U-SQ4" }
            $0.rules.removeAll { $0.unitID == "U-SQ4" }
        },
        Breakage(name: "unknown staff role", mentions: ["S0001", "mayor"]) { $0.staff[0].role = "mayor" },
        Breakage(name: "empty district id", mentions: ["辖区 id 为空"]) { $0.id = "" },
    ]

    @Test("broken dataset is rejected", arguments: breakages)
    func brokenDatasetIsRejected(breakage: Breakage) throws {
        let fixture = try RegistryFixture.loaded()
        var district = ReferenceDataset.district
        breakage.apply(&district)

        let error = serviceError { _ = try fixture.handler.loadDistrict(.init(district: district), context: testContext()) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.reason == "invalid_dataset")
        #expect(error?.field == "district")
        for word in breakage.mentions {
            #expect(error?.message.contains(word) == true, "message should mention \(word): \(error?.message ?? "")")
        }

        // The previous dataset is untouched.
        #expect(try fixture.handler.listStreets(.init(), context: testContext()).streets.count == 84)
        let board = try fixture.handler.getBoard(.init(boardCode: "JV8U7FN7Z52VE9UJ"), context: testContext())
        #expect(board.street?.id == "ST001")
        #expect(board.people.count == 6)
    }

    @Test func referenceDatasetHasNoProblems() {
        #expect(DistrictValidator.problems(in: ReferenceDataset.district) == [])
    }

    @Test("time limits at the bounds are accepted", arguments: [UInt32(1), 720])
    func timeLimitBoundsAccepted(hours: UInt32) throws {
        var district = ReferenceDataset.district
        district.categories[0].items[0].timeLimitHours = hours

        #expect(DistrictValidator.problems(in: district) == [])
    }

    @Test func messageListsAtMostTwentyProblems() throws {
        let fixture = try RegistryFixture()
        var district = ReferenceDataset.district
        for index in district.streets.indices {
            district.streets[index].grade = "X"
        }

        let error = serviceError { _ = try fixture.handler.loadDistrict(.init(district: district), context: testContext()) }
        let message = try #require(error?.message)
        #expect(message.contains("共 84 处问题"))
        #expect(message.contains("ST020"))
        #expect(!message.contains("ST021"))
        #expect(message.contains("另有 64 处问题未列出"))
    }

    @Test func missingDistrictIsRejected() throws {
        let fixture = try RegistryFixture.loaded()
        let error = serviceError { _ = try fixture.handler.loadDistrict(.init(district: nil), context: testContext()) }

        #expect(error?.reason == "invalid_dataset")
        #expect(try fixture.handler.listStreets(.init(), context: testContext()).streets.count == 84)
    }
}
