import Foundation

/// A response received by `HTTPClient`.
public struct HTTPClientResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text, with invalid bytes replaced by U+FFFD.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// Parses the body with `JSONSerialization` (objects as `[String: Any]`).
    /// Returns nil when it is not JSON.
    public func json() -> Any? {
        try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
    }
}

/// A failure of `HTTPClient.send` other than a socket error. Socket errors
/// are thrown as `SocketError` unchanged.
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The method, path or a header would not make a valid request line or field.
    case invalidRequest(String)
    /// The server closed the connection before a complete response arrived.
    case connectionClosed
    /// The response broke HTTP/1.1 syntax. The text names the part.
    case malformedResponse(String)
    /// The response head or body exceeded the client's limit, in bytes.
    case responseTooLarge(limit: Int)
    /// The server sent `Transfer-Encoding`, which this client does not decode.
    case unsupportedTransferEncoding(String)

    public var description: String {
        switch self {
        case .invalidRequest(let detail): "invalid request: \(detail)"
        case .connectionClosed: "the server closed the connection before a complete response"
        case .malformedResponse(let detail): "malformed response: \(detail)"
        case .responseTooLarge(let limit): "response exceeds the client limit of \(limit) bytes"
        case .unsupportedTransferEncoding(let coding):
            "the response uses Transfer-Encoding \(coding), which this client does not support; the server must send Content-Length"
        }
    }
}
