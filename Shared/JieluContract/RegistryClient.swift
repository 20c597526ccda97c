import JieluRPC

/// Typed calls to the registry service over one `RPCClient`.
///
/// Every method throws the `ServiceError` the service replied with, or
/// DEADLINE_EXCEEDED and UNAVAILABLE from the client itself.
public struct RegistryClient: Sendable {
    public let rpc: RPCClient

    public init(_ rpc: RPCClient) {
        self.rpc = rpc
    }

    /// Replaces the whole district dataset in one transaction and keeps the access tokens.
    ///
    /// Idempotent, because it replaces the whole dataset: a call lost with its connection is sent once more.
    public func loadDistrict(
        _ request: Registry.LoadDistrictRequest, options: CallOptions
    ) throws -> Registry.LoadDistrictResponse {
        try rpc.call(
            Registry.Method.loadDistrict, request, as: Registry.LoadDistrictResponse.self, options: options,
            idempotent: true)
    }

    /// Lists the streets of one sub-district, or every street when `subDistrictID` is empty.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func listStreets(
        _ request: Registry.ListStreetsRequest, options: CallOptions
    ) throws -> Registry.ListStreetsResponse {
        try rpc.call(
            Registry.Method.listStreets, request, as: Registry.ListStreetsResponse.self, options: options,
            idempotent: true)
    }

    /// Returns the public board of the street with `boardCode`, or NOT_FOUND with reason "unknown_board".
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func getBoard(_ request: Registry.GetBoardRequest, options: CallOptions) throws -> Registry.Board {
        try rpc.call(
            Registry.Method.getBoard, request, as: Registry.Board.self, options: options,
            idempotent: true)
    }

    /// Returns the category catalog.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func listCategories(
        _ request: Registry.ListCategoriesRequest, options: CallOptions
    ) throws -> Registry.ListCategoriesResponse {
        try rpc.call(
            Registry.Method.listCategories, request, as: Registry.ListCategoriesResponse.self, options: options,
            idempotent: true)
    }

    /// Finds who handles a matter of one category item on one street, and which rule decided it.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func resolveResponsibility(
        _ request: Registry.ResolveResponsibilityRequest, options: CallOptions
    ) throws -> Registry.Responsibility {
        try rpc.call(
            Registry.Method.resolveResponsibility, request, as: Registry.Responsibility.self, options: options,
            idempotent: true)
    }

    /// Returns one staff member.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func getStaff(_ request: Registry.GetStaffRequest, options: CallOptions) throws -> Registry.Staff {
        try rpc.call(
            Registry.Method.getStaff, request, as: Registry.Staff.self, options: options,
            idempotent: true)
    }

    /// Creates a staff access token. The response contains the only copy of the token.
    ///
    /// Not idempotent, because each call creates a token: a call lost with its connection fails with
    /// UNAVAILABLE.
    public func createToken(
        _ request: Registry.CreateTokenRequest, options: CallOptions
    ) throws -> Registry.CreateTokenResponse {
        try rpc.call(
            Registry.Method.createToken, request, as: Registry.CreateTokenResponse.self, options: options,
            idempotent: false)
    }

    /// Returns the principal of a token, or UNAUTHENTICATED with reason "invalid_token".
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func authenticate(
        _ request: Registry.AuthenticateRequest, options: CallOptions
    ) throws -> Registry.Principal {
        try rpc.call(
            Registry.Method.authenticate, request, as: Registry.Principal.self, options: options,
            idempotent: true)
    }
}
