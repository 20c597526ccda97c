import Foundation
import JieluCore

extension HTTPResponse {
    static let jsonContentType = "application/json; charset=utf-8"

    /// Encodes `value` as JSON: UTF-8, keys sorted, `/` and non-ASCII text
    /// such as Chinese written as is.
    ///
    /// When encoding fails (for a NaN or infinite `Double`, or a throwing
    /// `encode(to:)`), the response is a 500 `internal` error instead, so
    /// handlers need no `try`.
    public static func json<Value: Encodable>(status: Int = 200, _ value: Value, headers: HTTPHeaders = [:]) -> HTTPResponse {
        guard let body = try? encodeJSON(value) else {
            return .error(.internal)
        }
        return json(status: status, body: body, headers: headers)
    }

    /// Sends bytes that are already JSON with the JSON content type.
    public static func json(status: Int = 200, body: [UInt8], headers: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = headers
        headers.replaceOrAdd(name: "Content-Type", value: jsonContentType)
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    public static func html(status: Int = 200, _ text: String, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = headers
        headers.replaceOrAdd(name: "Content-Type", value: "text/html; charset=utf-8")
        return HTTPResponse(status: status, headers: headers, body: Array(text.utf8))
    }

    public static func text(status: Int = 200, _ text: String, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = headers
        headers.replaceOrAdd(name: "Content-Type", value: "text/plain; charset=utf-8")
        return HTTPResponse(status: status, headers: headers, body: Array(text.utf8))
    }

    /// Builds the error body every Jielu HTTP endpoint uses:
    /// `{"error":{"code":"…","field":"…","message":"…"}}`, with `field` left
    /// out when nil. `code` is the stable English reason, `message` the
    /// Simplified Chinese text for people.
    public static func error(status: Int, code: String, message: String, field: String? = nil, headers: HTTPHeaders = [:]) -> HTTPResponse {
        let envelope = ErrorEnvelope(error: ErrorEnvelope.Detail(code: code, message: message, field: field))
        guard let body = try? encodeJSON(envelope) else {
            // Three strings always encode; this keeps the function total.
            return HTTPResponse(status: 500)
        }
        return json(status: status, body: body, headers: headers)
    }

    /// Builds the error response for a `ServiceError`, with the HTTP status
    /// mapped from its code.
    public static func error(_ error: ServiceError, headers: HTTPHeaders = [:]) -> HTTPResponse {
        .error(status: error.code.httpStatus, code: error.reason, message: error.message, field: error.field, headers: headers)
    }

    /// Builds the error response for a request the parser rejected.
    public static func error(_ error: HTTPParseError) -> HTTPResponse {
        .error(status: error.status, code: error.code.rawValue, message: error.message)
    }

    /// Encodes `value` the way every JSON response is encoded.
    public static func encodeJSON<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    private struct ErrorEnvelope: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
            var field: String?
        }

        var error: Detail
    }
}
