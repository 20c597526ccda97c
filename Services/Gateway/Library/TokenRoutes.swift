import JieluContract
import JieluCore
import JieluHTTP

/// `POST /api/v1/tokens`: an admin creates a staff access token.
enum TokenRoutes {
    static func register(in router: inout Router<RouteHandler>) {
        router.add("POST", "/api/v1/tokens", createToken)
    }

    /// Body `{"role": "admin"|"dispatcher"|"handler", "staff_id"?: string}`.
    /// Responds 201 with the token, which is shown only this once.
    ///
    /// Throws 401 without a valid token, 403 `forbidden` for a non-admin,
    /// 400 `invalid_field` for an unknown role, and the registry's errors
    /// (such as a handler token without a known staff id) as they are.
    static func createToken(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try context.authenticate()
        try principal.requireAdmin()

        let body = try JSONBody(context.request.body)
        let role = try body.string("role")
        guard StaffRole(rawValue: role) != nil else {
            let roles = StaffRole.allCases.map(\.rawValue).joined(separator: "、")
            throw ServiceError.invalid("role", reason: "invalid_field", message: "角色 \(role) 无效，应为 \(roles) 之一。")
        }
        let staffID = try body.optionalString("staff_id") ?? ""

        let response = try context.backends.registry.createToken(
            Registry.CreateTokenRequest(role: role, staffID: staffID), options: context.callOptions())
        context.logger.info("token created", ["token_id": response.tokenID, "role": role, "by_token_id": principal.tokenID])
        return .json(status: 201, JSONViews.createdToken(response, role: role, staffID: staffID))
    }
}
