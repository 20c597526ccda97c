/// A failed CLI operation that is not a `ServiceError`: a gateway response
/// with an error body, an unreachable gateway, or an unreadable input file.
struct CommandFailure: Error, Equatable, Sendable {
    /// Stable English word: the gateway's error code, or the CLI's own such as
    /// "unavailable" and "invalid_reports_file".
    let reason: String
    /// Simplified Chinese message.
    let message: String
    /// HTTP status of the gateway response, or 0 when there was none.
    let httpStatus: Int

    init(reason: String, message: String, httpStatus: Int = 0) {
        self.reason = reason
        self.message = message
        self.httpStatus = httpStatus
    }
}
