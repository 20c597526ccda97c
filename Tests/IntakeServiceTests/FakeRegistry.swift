import JieluContract
import JieluCore
import JieluRPC
import Synchronization

/// A registry test double with two boards and a category catalog that tests
/// may extend, counting `GetBoard` and `ListCategories` calls. Other methods are unimplemented.
///
/// - Board BOARD-HEPING: street ST-A 和平路 in SD-1 东风街道.
/// - Board BOARD-JIEFANG: street ST-B 解放路 in SD-2 向阳街道 (the sub-district
///   name only on the street, as the registry fills it on output).
/// - Board BOARD-KANGLE: street ST-C 康乐路 in SD-1 东风街道.
/// - Items 0401 占道经营 (24 h) and 0702 楼道堆物 (72 h).
final class FakeRegistry: RegistryHandling {
    let getBoardCalls = Atomic<Int>(0)
    let listCategoriesCalls = Atomic<Int>(0)
    private let classes = Mutex<[Registry.CategoryClass]>([
        Registry.CategoryClass(
            code: "04", name: "市容环境",
            items: [Registry.CategoryItem(code: "0401", name: "占道经营", timeLimitHours: 24, area: "public")]),
        Registry.CategoryClass(
            code: "07", name: "小区管理",
            items: [Registry.CategoryItem(code: "0702", name: "楼道堆物", timeLimitHours: 72, area: "residential")]),
    ])

    /// Adds an item to the catalog, as a registry reload would.
    func addItem(_ item: Registry.CategoryItem) {
        classes.withLock { $0.append(Registry.CategoryClass(code: "99", name: "其他", items: [item])) }
    }

    func getBoard(_ request: Registry.GetBoardRequest, context: RPCContext) throws -> Registry.Board {
        getBoardCalls.wrappingAdd(1, ordering: .relaxed)
        // The registry matches codes byte for byte in SQLite. A Swift `switch` would also match
        // canonically equivalent spellings, such as U+212A KELVIN SIGN for K, so those are unknown here.
        guard request.boardCode.utf8.allSatisfy({ $0 < 0x80 }) else {
            throw ServiceError.notFound(reason: "unknown_board", message: "公示牌不存在")
        }
        switch request.boardCode {
        case "BOARD-HEPING":
            return Registry.Board(
                street: Registry.Street(id: "ST-A", name: "和平路", subDistrictID: "SD-1", boardCode: "BOARD-HEPING"),
                subDistrictName: "东风街道", communityName: "和平社区", gridName: "和平一网格")
        case "BOARD-JIEFANG":
            return Registry.Board(
                street: Registry.Street(
                    id: "ST-B", name: "解放路", subDistrictID: "SD-2", boardCode: "BOARD-JIEFANG",
                    subDistrictName: "向阳街道"))
        case "BOARD-KANGLE":
            return Registry.Board(
                street: Registry.Street(id: "ST-C", name: "康乐路", subDistrictID: "SD-1", boardCode: "BOARD-KANGLE"),
                subDistrictName: "东风街道")
        default:
            throw ServiceError.notFound(reason: "unknown_board", message: "公示牌不存在")
        }
    }

    func listCategories(
        _ request: Registry.ListCategoriesRequest, context: RPCContext
    ) throws -> Registry.ListCategoriesResponse {
        listCategoriesCalls.wrappingAdd(1, ordering: .relaxed)
        return Registry.ListCategoriesResponse(classes: classes.withLock { $0 })
    }

    func resolveResponsibility(
        _ request: Registry.ResolveResponsibilityRequest, context: RPCContext
    ) throws -> Registry.Responsibility {
        throw FakeRegistry.unimplemented
    }

    func loadDistrict(_ request: Registry.LoadDistrictRequest, context: RPCContext) throws -> Registry.LoadDistrictResponse {
        throw FakeRegistry.unimplemented
    }

    func listStreets(_ request: Registry.ListStreetsRequest, context: RPCContext) throws -> Registry.ListStreetsResponse {
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
