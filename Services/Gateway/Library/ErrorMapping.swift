import JieluCore
import JieluHTTP

/// Turns every error a route handler throws into the HTTP error response
/// `{"error":{"code","message","field"}}`. This is the only place where
/// status codes are chosen for errors.
///
/// A `ServiceError` keeps its reason (as `code`), message and field, and its
/// status follows `StatusCode.httpStatus` with these changes:
/// - FAILED_PRECONDITION is 409, because it means the case is in the wrong
///   state (`invalid_transition`), not that the request is malformed.
/// - RESOURCE_EXHAUSTED from an overloaded backend (`overloaded`,
///   `too_many_calls`) is 503; any other RESOURCE_EXHAUSTED is 429. Both carry
///   `Retry-After`.
/// - UNAUTHENTICATED carries `WWW-Authenticate: Bearer`.
///
/// Any other error becomes 500 `internal` with a generic message, and is
/// logged with the request id so an operator can find its cause.
enum ErrorMapping {
    /// Seconds a client should wait before retrying after a 429 or 503.
    static let retryAfterSeconds = 1

    /// Reasons under which a backend reports that it is out of capacity.
    static let overloadReasons: Set<String> = ["overloaded", "too_many_calls"]

    static func response(for error: any Error, requestID: String, logger: Logger) -> HTTPResponse {
        guard let serviceError = error as? ServiceError else {
            logger.error("request failed with an unexpected error", ["error": error, "request_id": requestID])
            return response(for: ServiceError.internal)
        }
        return response(for: serviceError)
    }

    /// Builds the response for `error`, without logging.
    static func response(for error: ServiceError) -> HTTPResponse {
        let status = httpStatus(for: error)
        return .error(
            status: status, code: error.reason, message: error.message, field: error.field,
            headers: headers(for: error, status: status))
    }

    /// 405 `method_not_allowed` with the `Allow` header listing `allowed`.
    static func methodNotAllowed(method: String, path: String, allowed: [String]) -> HTTPResponse {
        .error(
            status: 405, code: "method_not_allowed",
            message: "\(path) 不支持 \(method) 方法，可用的方法为 \(allowed.joined(separator: "、"))。",
            headers: ["Allow": allowed.joined(separator: ", ")])
    }

    /// Headers an error response needs besides its body: `WWW-Authenticate`
    /// for 401, `Retry-After` for 429 and 503.
    static func headers(for error: ServiceError, status: Int) -> HTTPHeaders {
        var headers: HTTPHeaders = [:]
        if error.code == .unauthenticated {
            headers.add(name: "WWW-Authenticate", value: "Bearer")
        }
        if status == 429 || status == 503 {
            headers.add(name: "Retry-After", value: String(retryAfterSeconds))
        }
        return headers
    }

    static func httpStatus(for error: ServiceError) -> Int {
        switch error.code {
        case .failedPrecondition:
            return 409
        case .resourceExhausted:
            return overloadReasons.contains(error.reason) ? 503 : 429
        default:
            return error.code.httpStatus
        }
    }
}
