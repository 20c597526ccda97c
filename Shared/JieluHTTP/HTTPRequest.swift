/// The HTTP versions the server speaks.
public enum HTTPVersion: String, Sendable, Equatable, CustomStringConvertible {
    case http1_0 = "HTTP/1.0"
    case http1_1 = "HTTP/1.1"

    public var description: String { rawValue }
}

/// A complete, validated request as `HTTPRequestParser` produces it.
public struct HTTPRequest: Sendable, Equatable {
    /// The method token as received, e.g. `GET`; methods are case-sensitive.
    public var method: String
    /// The path of the target, percent-decoded and valid UTF-8, without the
    /// query. `%2F` decodes to `/`, so a router that must tell an escaped
    /// slash from a separator reads `rawTarget` instead. `*` for `OPTIONS *`.
    public var path: String
    /// The request target exactly as received, query included.
    public var rawTarget: String
    /// Query parameters, percent-decoded with `+` read as a space. When a name
    /// repeats, the first value wins.
    public var query: [String: String]
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// The body after any chunked transfer coding is removed; empty when the
    /// request has none.
    public var body: [UInt8]
    /// Whether the client lets the connection stay open after the response:
    /// HTTP/1.1 unless it sent `Connection: close`, HTTP/1.0 only with
    /// `Connection: keep-alive`.
    public var keepAlive: Bool

    public init(
        method: String, path: String, rawTarget: String, query: [String: String] = [:],
        version: HTTPVersion = .http1_1, headers: HTTPHeaders = [:], body: [UInt8] = [], keepAlive: Bool = true
    ) {
        self.method = method
        self.path = path
        self.rawTarget = rawTarget
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive
    }
}
