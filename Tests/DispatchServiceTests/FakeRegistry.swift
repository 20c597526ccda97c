import JieluContract
import JieluCore
import JieluRPC
import Synchronization

/// A registry test double that routes two streets and two category items,
/// and counts `ResolveResponsibility` calls. Other methods are unimplemented.
///
/// - Street ST-A (sub-district SD-1) with item 0401 ("public", 24 h): the
///   enforcement squad U-SQUAD and the street's lead cadre C-1.
/// - Street ST-B (sub-district SD-1) with item 0702 ("residential", 72 h):
///   the sub-district office U-OFFICE and the grid's staff G-2.
/// Any other street or item is NOT_FOUND.
final class FakeRegistry: RegistryHandling {
    static let squad = Registry.Unit(id: "U-SQUAD", name: "东风街道综合执法队", kind: "enforcement_squad", subDistrictIDs: ["SD-1"])
    static let office = Registry.Unit(id: "U-OFFICE", name: "东风街道办事处", kind: "sub_district_office", subDistrictIDs: ["SD-1"])
    static let cadre = Registry.Staff(id: "C-1", name: "李建国", role: "street_cadre", unitID: "U-DISTRICT", phone: "13800000001")
    static let gridStaff = Registry.Staff(id: "G-2", name: "王芳", role: "grid_staff", unitID: "U-OFFICE", phone: "13800000002")
    static let publicItem = Registry.CategoryItem(code: "0401", name: "占道经营", timeLimitHours: 24, area: "public")
    static let residentialItem = Registry.CategoryItem(code: "0702", name: "楼道堆物", timeLimitHours: 72, area: "residential")

    let resolveCalls = Atomic<Int>(0)

    func resolveResponsibility(
        _ request: Registry.ResolveResponsibilityRequest, context: RPCContext
    ) throws -> Registry.Responsibility {
        resolveCalls.wrappingAdd(1, ordering: .relaxed)
        switch (request.streetID, request.categoryCode) {
        case ("ST-A", "0401"):
            return Registry.Responsibility(
                street: Registry.Street(id: "ST-A", name: "和平路", subDistrictID: "SD-1"),
                category: FakeRegistry.publicItem, unit: FakeRegistry.squad, assignee: FakeRegistry.cadre,
                decidedBy: "default_public")
        case ("ST-B", "0702"):
            return Registry.Responsibility(
                street: Registry.Street(id: "ST-B", name: "解放路", subDistrictID: "SD-1"),
                category: FakeRegistry.residentialItem, unit: FakeRegistry.office, assignee: FakeRegistry.gridStaff,
                decidedBy: "default_residential")
        default:
            throw ServiceError.notFound(reason: "unknown_street", message: "街路不存在")
        }
    }

    func loadDistrict(_ request: Registry.LoadDistrictRequest, context: RPCContext) throws -> Registry.LoadDistrictResponse {
        throw FakeRegistry.unimplemented
    }

    func listStreets(_ request: Registry.ListStreetsRequest, context: RPCContext) throws -> Registry.ListStreetsResponse {
        throw FakeRegistry.unimplemented
    }

    func getBoard(_ request: Registry.GetBoardRequest, context: RPCContext) throws -> Registry.Board {
        throw FakeRegistry.unimplemented
    }

    func listCategories(
        _ request: Registry.ListCategoriesRequest, context: RPCContext
    ) throws -> Registry.ListCategoriesResponse {
        throw FakeRegistry.unimplemented
    }

    func getStaff(_ request: Registry.GetStaffRequest, context: RPCContext) throws -> Registry.Staff {
        throw FakeRegistry.unimplemented
    }

    func createToken(_ request: Registry.CreateTokenRequest, context: RPCContext) throws -> Registry.CreateTokenResponse {
        throw FakeRegistry.unimplemented
    }

    func authenticate(_ request: Registry.AuthenticateRequest, context: RPCContext) throws -> Registry.Principal {
        throw FakeRegistry.unimplemented
    }

    private static let unimplemented = ServiceError(.unimplemented, reason: "unimplemented", message: "not in the fake")
}
