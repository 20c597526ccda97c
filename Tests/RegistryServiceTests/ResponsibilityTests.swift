import JieluContract
import JieluCore
import Testing

@testable import RegistryService

@Suite("ResolveResponsibility")
struct ResponsibilityTests {
    /// What one resolution is expected to return.
    struct Expectation: Sendable, CustomTestStringConvertible {
        var streetID: String
        var categoryCode: String
        var unitID: String
        var assigneeID: String
        var decidedBy: String

        var testDescription: String { "\(streetID) \(categoryCode) → \(decidedBy)" }
    }

    static let gridStaffOfST005 = ReferenceDataset.district.grids.first { $0.id == "G010703" }!.staffID

    @Test("reference dataset routing", arguments: [
        // Public item, no rule: the squad covering SD01 and the lead cadre.
        Expectation(streetID: "ST005", categoryCode: "0101", unitID: "U-SQ1", assigneeID: "S0183", decidedBy: "default_public"),
        // Residential item, no rule: the sub-district office and the grid's staff.
        Expectation(
            streetID: "ST005", categoryCode: "0602", unitID: "U-SD01", assigneeID: gridStaffOfST005,
            decidedBy: "default_residential"),
        // Street rule on a class code, with a named squad member.
        Expectation(
            streetID: "ST001", categoryCode: "0402", unitID: "U-SQ1", assigneeID: "S0434",
            decidedBy: "override:street:ST001:04"),
        // Street rule on an item code; a sibling item keeps the default.
        Expectation(
            streetID: "ST061", categoryCode: "0401", unitID: "U-SQ3", assigneeID: "S0443",
            decidedBy: "override:street:ST061:0401"),
        Expectation(streetID: "ST061", categoryCode: "0402", unitID: "U-SQ3", assigneeID: "S0097", decidedBy: "default_public"),
        // Street rule without staff: the unit changes, the lead cadre stays.
        Expectation(
            streetID: "ST082", categoryCode: "0202", unitID: "U-SQ4", assigneeID: "S0218",
            decidedBy: "override:street:ST082:0202"),
        // Grid rule with the village leader.
        Expectation(
            streetID: "ST044", categoryCode: "0601", unitID: "U-SD04", assigneeID: "S0278",
            decidedBy: "override:grid:G040501:0601"),
        // Sub-district rule on a class code without staff.
        Expectation(
            streetID: "ST025", categoryCode: "0301", unitID: "U-SQ2",
            assigneeID: ReferenceDataset.district.streets.first { $0.id == "ST025" }!.cadreIDs[0],
            decidedBy: "override:sub_district:SD03:03"),
    ])
    func referenceRouting(expected: Expectation) throws {
        let fixture = try RegistryFixture.loaded()
        let result = try fixture.handler.resolveResponsibility(
            .init(streetID: expected.streetID, categoryCode: expected.categoryCode), context: testContext())

        #expect(result.unit?.id == expected.unitID)
        #expect(result.assignee?.id == expected.assigneeID)
        #expect(result.decidedBy == expected.decidedBy)
        #expect(result.street?.id == expected.streetID)
        #expect(result.category?.code == expected.categoryCode)
        #expect(result.category?.classCode == String(expected.categoryCode.prefix(2)))
    }

    @Test func responseCarriesFullRecords() throws {
        let fixture = try RegistryFixture.loaded()
        let result = try fixture.handler.resolveResponsibility(
            .init(streetID: "ST001", categoryCode: "0101"), context: testContext())

        #expect(result.street?.cadreIDs == ["S0165", "S0052", "S0229"])
        #expect(result.street?.subDistrictName == "柏溪街道")
        #expect(result.category?.timeLimitHours == 24)
        #expect(result.category?.className == "市容环境")
        #expect(result.unit?.subDistrictIDs == ["SD01", "SD02"])
        #expect(result.unit?.kind == "enforcement_squad")
        #expect(result.assignee?.phone == "17850159591")
    }

    /// Rules stacked on ST005 (sub-district SD01, grid G010703) to check precedence.
    static let subDistrictItemRule = Registry.ResponsibilityRule(
        scope: "sub_district", scopeID: "SD01", categoryCode: "0101", unitID: "U-DIST", staffID: "S0001")
    static let gridClassRule = Registry.ResponsibilityRule(
        scope: "grid", scopeID: "G010703", categoryCode: "01", unitID: "U-SQ1", staffID: "S0002")
    static let streetClassRule = Registry.ResponsibilityRule(
        scope: "street", scopeID: "ST005", categoryCode: "01", unitID: "U-SD01", staffID: "S0003")
    static let streetItemRule = Registry.ResponsibilityRule(
        scope: "street", scopeID: "ST005", categoryCode: "0101", unitID: "U-DIST")

    @Test("precedence of stacked rules", arguments: [
        ([subDistrictItemRule, gridClassRule, streetClassRule, streetItemRule], "0101", "override:street:ST005:0101", "S0183"),
        ([subDistrictItemRule, gridClassRule, streetClassRule, streetItemRule], "0102", "override:street:ST005:01", "S0003"),
        ([subDistrictItemRule, gridClassRule], "0101", "override:grid:G010703:01", "S0002"),
        ([subDistrictItemRule], "0101", "override:sub_district:SD01:0101", "S0001"),
        ([subDistrictItemRule], "0102", "default_public", "S0183"),
    ])
    func precedence(rules: [Registry.ResponsibilityRule], categoryCode: String, decidedBy: String, assigneeID: String) throws {
        let fixture = try RegistryFixture()
        var district = ReferenceDataset.district
        district.rules = rules
        _ = try fixture.handler.loadDistrict(.init(district: district), context: testContext())

        let result = try fixture.handler.resolveResponsibility(
            .init(streetID: "ST005", categoryCode: categoryCode), context: testContext())
        #expect(result.decidedBy == decidedBy)
        #expect(result.assignee?.id == assigneeID)
    }

    @Test func overridingRuleIgnoresOtherScopes() {
        let street = Registry.Street(id: "ST005", subDistrictID: "SD01", gridID: "G010703")
        let item = Registry.CategoryItem(code: "0101", area: "public", classCode: "01")
        let elsewhere = [
            Registry.ResponsibilityRule(scope: "street", scopeID: "ST006", categoryCode: "0101", unitID: "U-DIST"),
            Registry.ResponsibilityRule(scope: "grid", scopeID: "G010701", categoryCode: "01", unitID: "U-DIST"),
            Registry.ResponsibilityRule(scope: "sub_district", scopeID: "SD02", categoryCode: "0101", unitID: "U-DIST"),
            Registry.ResponsibilityRule(scope: "street", scopeID: "ST005", categoryCode: "02", unitID: "U-DIST"),
            Registry.ResponsibilityRule(scope: "community", scopeID: "C0107", categoryCode: "0101", unitID: "U-DIST"),
        ]

        #expect(ResponsibilityRouting.overridingRule(among: elsewhere, street: street, item: item) == nil)
    }

    @Test func unknownStreetIsNotFound() throws {
        let fixture = try RegistryFixture.loaded()
        let error = serviceError {
            _ = try fixture.handler.resolveResponsibility(.init(streetID: "ST999", categoryCode: "0101"), context: testContext())
        }

        #expect(error?.code == .notFound)
        #expect(error?.reason == "unknown_street")
        #expect(error?.field == "street_id")
    }

    @Test("category code that is not an item", arguments: ["04", "9999", "", "0101 "])
    func unknownCategoryIsInvalid(code: String) throws {
        let fixture = try RegistryFixture.loaded()
        let error = serviceError {
            _ = try fixture.handler.resolveResponsibility(.init(streetID: "ST001", categoryCode: code), context: testContext())
        }

        #expect(error?.code == .invalidArgument)
        #expect(error?.reason == "unknown_category")
        #expect(error?.field == "category_code")
    }
}
