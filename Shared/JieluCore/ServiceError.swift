/// An error that crosses a service boundary: a status code, a stable English
/// `reason` that clients branch on, and a Simplified Chinese `message` that may
/// be shown to residents and staff.
///
/// Domain code throws these directly. Any other error reaching an RPC or HTTP
/// edge is logged there and replaced by `ServiceError.internal`, so internal
/// details never leak to callers.
public struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: StatusCode
    /// Stable English word such as "unknown_board".
    public var reason: String
    /// Simplified Chinese text naming the value and what to do.
    public var message: String
    /// The request field at fault, when there is one.
    public var field: String?

    public init(_ code: StatusCode, reason: String, message: String, field: String? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.field = field
    }

    public var description: String {
        var text = "\(code.name) \(reason): \(message)"
        if let field {
            text += " (field \(field))"
        }
        return text
    }

    /// A field failed validation.
    public static func invalid(_ field: String, reason: String, message: String) -> ServiceError {
        ServiceError(.invalidArgument, reason: reason, message: message, field: field)
    }

    public static func notFound(reason: String, message: String, field: String? = nil) -> ServiceError {
        ServiceError(.notFound, reason: reason, message: message, field: field)
    }

    public static let `internal` = ServiceError(
        .internal, reason: "internal", message: "服务内部错误，请稍后重试；如持续出现请联系运维人员。")

    public static func unavailable(_ service: String) -> ServiceError {
        ServiceError(
            .unavailable, reason: "unavailable",
            message: "后台服务 \(service) 暂时不可用，请稍后重试。")
    }

    public static let deadlineExceeded = ServiceError(
        .deadlineExceeded, reason: "deadline_exceeded", message: "处理超时，请稍后重试。")
}
