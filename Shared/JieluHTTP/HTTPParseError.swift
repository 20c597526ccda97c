/// A request the server cannot accept, with the HTTP status of the response,
/// a stable English `code` clients can branch on, and a Simplified Chinese
/// `message` for people.
///
/// After any of these the server responds once and closes the connection,
/// because the position of the next request in the byte stream is unknown.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable reason codes, one per rule the parser enforces.
    public enum Code: String, Sendable, CaseIterable {
        case headersTooLarge = "headers_too_large"
        case tooManyHeaders = "too_many_headers"
        case bodyTooLarge = "body_too_large"
        case ambiguousLength = "ambiguous_length"
        case conflictingContentLength = "conflicting_content_length"
        case invalidContentLength = "invalid_content_length"
        case unsupportedTransferEncoding = "unsupported_transfer_encoding"
        case invalidTransferEncoding = "invalid_transfer_encoding"
        case invalidChunk = "invalid_chunk"
        case invalidLineEnding = "invalid_line_ending"
        case obsoleteLineFolding = "obsolete_line_folding"
        case invalidHeaderName = "invalid_header_name"
        case invalidHeaderValue = "invalid_header_value"
        case invalidRequestLine = "invalid_request_line"
        case invalidMethod = "invalid_method"
        case unsupportedMethod = "unsupported_method"
        case invalidTarget = "invalid_target"
        case invalidPathEncoding = "invalid_path_encoding"
        case invalidQuery = "invalid_query"
        case invalidVersion = "invalid_version"
        case unsupportedVersion = "unsupported_version"
        case missingHost = "missing_host"
        case duplicateHost = "duplicate_host"
        case duplicateHeader = "duplicate_header"
        case unsupportedExpectation = "unsupported_expectation"
    }

    public let code: Code
    /// The HTTP status of the error response: 400, 413, 417, 431, 501 or 505.
    public let status: Int
    public let message: String

    init(_ code: Code, status: Int, message: String) {
        self.code = code
        self.status = status
        self.message = message
    }

    public var description: String { "\(status) \(code.rawValue): \(message)" }

    // MARK: Size limits

    static func headersTooLarge(limit: Int) -> HTTPParseError {
        HTTPParseError(.headersTooLarge, status: 431, message: "请求行和请求头共超过 \(limit) 字节的上限，请减少或缩短请求头后重试。")
    }

    static func tooManyHeaders(limit: Int) -> HTTPParseError {
        HTTPParseError(.tooManyHeaders, status: 431, message: "请求头超过 \(limit) 个的上限，请减少请求头后重试。")
    }

    static func bodyTooLarge(limit: Int) -> HTTPParseError {
        HTTPParseError(.bodyTooLarge, status: 413, message: "请求体超过 \(limit) 字节的上限，请减小内容后重试。")
    }

    // MARK: Body framing

    static let ambiguousLength = HTTPParseError(
        .ambiguousLength, status: 400, message: "请求同时带有 Content-Length 和 Transfer-Encoding，无法确定请求体长度，请只保留其中一个。")

    static let conflictingContentLength = HTTPParseError(
        .conflictingContentLength, status: 400, message: "请求带有多个互相矛盾的 Content-Length，请只发送一个。")

    static let invalidContentLength = HTTPParseError(
        .invalidContentLength, status: 400, message: "Content-Length 必须是不带符号的十进制整数。")

    static let unsupportedTransferEncoding = HTTPParseError(
        .unsupportedTransferEncoding, status: 501, message: "只支持 Transfer-Encoding: chunked，请改用 chunked 或 Content-Length。")

    static let transferEncodingInHTTP10 = HTTPParseError(
        .invalidTransferEncoding, status: 400, message: "HTTP/1.0 请求不能使用 Transfer-Encoding，请改用 Content-Length。")

    static let invalidChunk = HTTPParseError(
        .invalidChunk, status: 400, message: "chunked 请求体格式错误：块大小须为十六进制数，块数据后须紧跟 CRLF。")

    // MARK: Lines and fields

    static let invalidLineEnding = HTTPParseError(
        .invalidLineEnding, status: 400, message: "请求中的每一行必须以 CRLF 结尾，不接受单独的 CR 或 LF。")

    static let obsoleteLineFolding = HTTPParseError(
        .obsoleteLineFolding, status: 400, message: "请求头不能折行（以空格或制表符开头的续行），请把每个请求头写在一行内。")

    static let invalidHeaderName = HTTPParseError(
        .invalidHeaderName, status: 400, message: "请求头名称为空或含有不允许的字符（包括冒号前的空格）。")

    static let invalidHeaderValue = HTTPParseError(
        .invalidHeaderValue, status: 400, message: "请求头的值含有控制字符或不是有效的 UTF-8。")

    // MARK: Request line

    static let invalidRequestLine = HTTPParseError(
        .invalidRequestLine, status: 400, message: "请求行格式错误，应为“方法 路径 HTTP/1.1”，各部分之间用一个空格分隔。")

    static let invalidMethod = HTTPParseError(
        .invalidMethod, status: 400, message: "请求方法含有不允许的字符。")

    static let unsupportedMethod = HTTPParseError(
        .unsupportedMethod, status: 501, message: "不支持该请求方法，可用的方法为 GET、HEAD、POST、PUT、PATCH、DELETE、OPTIONS。")

    static let invalidTarget = HTTPParseError(
        .invalidTarget, status: 400, message: "请求路径必须以 / 开头，只能含 URI 允许的字符，百分号后须跟两位十六进制数。")

    static let invalidPathEncoding = HTTPParseError(
        .invalidPathEncoding, status: 400, message: "请求路径解码后不是有效的 UTF-8，或含有 %00。")

    static let invalidQuery = HTTPParseError(
        .invalidQuery, status: 400, message: "查询参数解码后不是有效的 UTF-8，或含有 %00。")

    static let invalidVersion = HTTPParseError(
        .invalidVersion, status: 400, message: "HTTP 版本格式错误，应为 HTTP/1.1 或 HTTP/1.0。")

    static let unsupportedVersion = HTTPParseError(
        .unsupportedVersion, status: 505, message: "只支持 HTTP/1.1 和 HTTP/1.0。")

    // MARK: Header semantics

    static let missingHost = HTTPParseError(
        .missingHost, status: 400, message: "HTTP/1.1 请求必须带有 Host 请求头。")

    static let duplicateHost = HTTPParseError(
        .duplicateHost, status: 400, message: "请求带有多个 Host 请求头，请只发送一个。")

    /// Builds the error for a repeated field that must appear once. `name` is
    /// spelled as in `HTTPRequestHead.singletonFieldNames`, not as the client sent it.
    static func duplicateHeader(_ name: String) -> HTTPParseError {
        HTTPParseError(.duplicateHeader, status: 400, message: "请求带有多个 \(name) 请求头，无法确定以哪个为准，请只发送一个。")
    }

    static let unsupportedExpectation = HTTPParseError(
        .unsupportedExpectation, status: 417, message: "Expect 请求头只支持 100-continue。")
}
