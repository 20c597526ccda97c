import JieluContract
import JieluCore
import JieluRPC
import JieluStore

/// The `jielu.registry.v1.Registry` methods over one registry database.
///
/// Reads use `db.read` snapshots and the in-memory category catalog; only
/// `LoadDistrict` and `CreateToken` write.
public struct RegistryHandler: RegistryHandling {
    let store: RegistryStore
    let tokens: TokenStore
    let catalog: CategoryCatalog
    let logger: Logger

    public init(database: Database, logger: Logger) {
        let store = RegistryStore(database: database)
        self.store = store
        self.tokens = TokenStore(database: database)
        self.catalog = CategoryCatalog(load: { try store.categoryClasses() })
        self.logger = logger
    }

    /// Validates the whole dataset, then replaces every district table in one
    /// transaction and drops the cached catalog. Tokens stay.
    ///
    /// - Throws: INVALID_ARGUMENT `invalid_dataset` listing the problems;
    ///   nothing is written then.
    public func loadDistrict(
        _ request: Registry.LoadDistrictRequest, context: RPCContext
    ) throws -> Registry.LoadDistrictResponse {
        guard let district = request.district else {
            throw ServiceError.invalid(
                "district", reason: "invalid_dataset", message: "请求中缺少辖区数据（district），未写入任何数据。")
        }
        try DistrictValidator.validate(district)
        try context.checkDeadline()

        try store.replaceDistrict(district)
        catalog.invalidate()

        let response = Registry.LoadDistrictResponse(
            subDistricts: UInt32(district.subDistricts.count),
            communities: UInt32(district.communities.count),
            grids: UInt32(district.grids.count),
            units: UInt32(district.units.count),
            staff: UInt32(district.staff.count),
            streets: UInt32(district.streets.count),
            categoryItems: UInt32(district.categories.reduce(0) { $0 + $1.items.count }),
            rules: UInt32(district.rules.count))
        context.logger.info(
            "district loaded",
            [
                "district_id": district.id, "streets": response.streets, "staff": response.staff,
                "category_items": response.categoryItems, "rules": response.rules,
            ])
        return response
    }

    /// Lists streets sorted by id. An unknown non-empty sub-district id is
    /// NOT_FOUND `unknown_sub_district`.
    public func listStreets(
        _ request: Registry.ListStreetsRequest, context: RPCContext
    ) throws -> Registry.ListStreetsResponse {
        let streets = try store.streets(subDistrictID: request.subDistrictID)
        let isUnknownSubDistrict = try streets.isEmpty && !request.subDistrictID.isEmpty
            && !store.hasSubDistrict(request.subDistrictID)
        if isUnknownSubDistrict {
            throw ServiceError.notFound(
                reason: "unknown_sub_district", message: "街道编号「\(request.subDistrictID)」不存在。",
                field: "sub_district_id")
        }
        return Registry.ListStreetsResponse(streets: streets)
    }

    public func getBoard(_ request: Registry.GetBoardRequest, context: RPCContext) throws -> Registry.Board {
        guard let board = try store.board(code: request.boardCode) else {
            throw ServiceError.notFound(
                reason: "unknown_board",
                message: "街路牌编码「\(request.boardCode)」不存在，请核对街路牌上的二维码或编码。",
                field: "board_code")
        }
        return board
    }

    public func listCategories(
        _ request: Registry.ListCategoriesRequest, context: RPCContext
    ) throws -> Registry.ListCategoriesResponse {
        Registry.ListCategoriesResponse(classes: try catalog.snapshot().classes)
    }

    /// - Throws: INVALID_ARGUMENT `unknown_category` when the code is not an
    ///   item code (class codes included); NOT_FOUND `unknown_street`.
    public func resolveResponsibility(
        _ request: Registry.ResolveResponsibilityRequest, context: RPCContext
    ) throws -> Registry.Responsibility {
        guard let item = try catalog.snapshot().itemsByCode[request.categoryCode] else {
            throw ServiceError.invalid(
                "category_code", reason: "unknown_category",
                message: "事项编码「\(request.categoryCode)」不存在，请从事项目录中选择具体事项（如 0401）。")
        }
        guard let responsibility = try store.responsibility(streetID: request.streetID, item: item) else {
            throw ServiceError.notFound(
                reason: "unknown_street", message: "街路编号「\(request.streetID)」不存在。", field: "street_id")
        }
        context.logger.debug(
            "responsibility resolved",
            [
                "street_id": request.streetID, "category_code": item.code,
                "unit_id": responsibility.unit?.id ?? "", "decided_by": responsibility.decidedBy,
            ])
        return responsibility
    }

    public func getStaff(_ request: Registry.GetStaffRequest, context: RPCContext) throws -> Registry.Staff {
        guard let staff = try store.staff(id: request.staffID) else {
            throw TokenStore.unknownStaff(request.staffID)
        }
        return staff
    }

    public func createToken(
        _ request: Registry.CreateTokenRequest, context: RPCContext
    ) throws -> Registry.CreateTokenResponse {
        let created = try tokens.create(
            role: request.role, staffID: request.staffID, nowMilliseconds: WallClock.nowMilliseconds())
        context.logger.info(
            "token created", ["token_id": created.tokenID, "role": request.role, "staff_id": request.staffID])
        return Registry.CreateTokenResponse(token: created.token, tokenID: created.tokenID)
    }

    /// - Throws: UNAUTHENTICATED `invalid_token` for an empty or unknown
    ///   token, and for a token whose staff member is no longer in the
    ///   dataset (the person has left, so the token stops working). A hauler
    ///   token's staff id is a hauler id, which the markets service checks.
    public func authenticate(_ request: Registry.AuthenticateRequest, context: RPCContext) throws -> Registry.Principal {
        let invalid = ServiceError(
            .unauthenticated, reason: "invalid_token", message: "访问令牌无效或已失效，请向管理员重新申请。", field: "token")
        guard !request.token.isEmpty, let record = try tokens.find(token: request.token) else {
            throw invalid
        }
        if !record.staffID.isEmpty && record.staffName == nil && record.role != "hauler" {
            context.logger.warning(
                "token rejected, its staff member is not in the dataset",
                ["token_id": record.tokenID, "staff_id": record.staffID])
            throw invalid
        }
        return Registry.Principal(
            tokenID: record.tokenID, role: record.role, staffID: record.staffID, staffName: record.staffName ?? "")
    }
}
