/// A response to send: status, header fields and the full body.
///
/// `Content-Length`, `Transfer-Encoding` and `Connection` are written by
/// `serialize(keepAlive:includeBody:date:announceKeepAlive:)`, so values set here for them are
/// ignored.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text, with invalid bytes replaced by U+FFFD.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
