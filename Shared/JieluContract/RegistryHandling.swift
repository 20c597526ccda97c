import JieluRPC

/// The server side of the registry service: one method per RPC.
///
/// Each method runs on a worker thread, may block, and returns the response
/// or throws `ServiceError`. Any other error reaches the caller as INTERNAL.
public protocol RegistryHandling: Sendable {
    /// Replaces the whole district dataset in one transaction and keeps the access tokens.
    func loadDistrict(
        _ request: Registry.LoadDistrictRequest, context: RPCContext
    ) throws -> Registry.LoadDistrictResponse

    /// Lists the streets of one sub-district, or every street when `subDistrictID` is empty.
    func listStreets(_ request: Registry.ListStreetsRequest, context: RPCContext) throws -> Registry.ListStreetsResponse

    /// Returns the public board of the street with `boardCode`, or NOT_FOUND with reason "unknown_board".
    func getBoard(_ request: Registry.GetBoardRequest, context: RPCContext) throws -> Registry.Board

    /// Returns the category catalog.
    func listCategories(
        _ request: Registry.ListCategoriesRequest, context: RPCContext
    ) throws -> Registry.ListCategoriesResponse

    /// Finds who handles a matter of one category item on one street, and which rule decided it.
    func resolveResponsibility(
        _ request: Registry.ResolveResponsibilityRequest, context: RPCContext
    ) throws -> Registry.Responsibility

    /// Returns one staff member.
    func getStaff(_ request: Registry.GetStaffRequest, context: RPCContext) throws -> Registry.Staff

    /// Creates a staff access token. The response contains the only copy of the token.
    func createToken(_ request: Registry.CreateTokenRequest, context: RPCContext) throws -> Registry.CreateTokenResponse

    /// Returns the principal of a token, or UNAUTHENTICATED with reason "invalid_token".
    func authenticate(_ request: Registry.AuthenticateRequest, context: RPCContext) throws -> Registry.Principal
}

extension RPCRouter {
    /// Registers every method of the registry service, replacing earlier registrations
    /// of the same method names.
    public func register(registry handler: some RegistryHandling) {
        register(Registry.Method.loadDistrict) { (request: Registry.LoadDistrictRequest, context) in
            try handler.loadDistrict(request, context: context)
        }
        register(Registry.Method.listStreets) { (request: Registry.ListStreetsRequest, context) in
            try handler.listStreets(request, context: context)
        }
        register(Registry.Method.getBoard) { (request: Registry.GetBoardRequest, context) in
            try handler.getBoard(request, context: context)
        }
        register(Registry.Method.listCategories) { (request: Registry.ListCategoriesRequest, context) in
            try handler.listCategories(request, context: context)
        }
        register(Registry.Method.resolveResponsibility) { (request: Registry.ResolveResponsibilityRequest, context) in
            try handler.resolveResponsibility(request, context: context)
        }
        register(Registry.Method.getStaff) { (request: Registry.GetStaffRequest, context) in
            try handler.getStaff(request, context: context)
        }
        register(Registry.Method.createToken) { (request: Registry.CreateTokenRequest, context) in
            try handler.createToken(request, context: context)
        }
        register(Registry.Method.authenticate) { (request: Registry.AuthenticateRequest, context) in
            try handler.authenticate(request, context: context)
        }
    }
}
