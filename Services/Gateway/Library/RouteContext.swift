import JieluCore
import JieluHTTP
import JieluRPC

/// Inputs of a route handler for one request.
struct RouteContext: Sendable {
    let request: HTTPRequest
    /// Values of the route pattern's `{name}` segments.
    let parameters: [String: String]
    /// Echoed in `X-Request-Id` and sent with every backing call.
    let requestID: String
    /// The gateway's logger with `request_id` attached.
    let logger: Logger
    let backends: Backends
    let authenticator: Authenticator
    /// Deadline of each backing call, counted from when the call starts.
    let callTimeoutMilliseconds: Int

    /// Returns the value of the path parameter `name`. The router binds every
    /// parameter of the pattern, so a missing one is a routing bug and yields "".
    func parameter(_ name: String) -> String {
        parameters[name] ?? ""
    }

    /// Options for one backing call: a fresh deadline and this request's id.
    func callOptions() -> CallOptions {
        CallOptions(deadline: .after(milliseconds: callTimeoutMilliseconds), requestID: requestID)
    }

    /// Identifies the caller behind the `Authorization` header.
    ///
    /// Throws UNAUTHENTICATED for a missing or rejected token, and the
    /// registry's error when it cannot be reached.
    func authenticate() throws -> StaffPrincipal {
        try authenticator.authenticate(authorization: request.headers["Authorization"], options: callOptions())
    }
}

/// A route handler: the response for a request, or a thrown error that
/// `ErrorMapping` turns into one.
typealias RouteHandler = @Sendable (RouteContext) throws -> HTTPResponse
