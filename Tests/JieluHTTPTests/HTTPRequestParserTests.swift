import JieluHTTP
import Testing

/// A request the parser must reject, with the status and code it must return.
struct MalformedRequest: Sendable, CustomTestStringConvertible {
    var name: String
    var input: [UInt8]
    var status: Int
    var code: HTTPParseError.Code

    init(_ name: String, _ text: String, _ status: Int, _ code: HTTPParseError.Code) {
        self.init(name, bytes(text), status, code)
    }

    init(_ name: String, _ input: [UInt8], _ status: Int, _ code: HTTPParseError.Code) {
        self.name = name
        self.input = input
        self.status = status
        self.code = code
    }

    var testDescription: String { name }
}

let malformedRequests: [MalformedRequest] = [
    // Body framing and request smuggling.
    MalformedRequest("CL then TE", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400, .ambiguousLength),
    MalformedRequest("TE then CL", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", 400, .ambiguousLength),
    MalformedRequest("CL with unsupported TE", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: gzip\r\n\r\n", 400, .ambiguousLength),
    MalformedRequest("two different CL fields", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400, .conflictingContentLength),
    MalformedRequest("CL list that disagrees", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 6\r\n\r\n", 400, .conflictingContentLength),
    MalformedRequest("huge CLs that disagree", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\nContent-Length: 99999999999999999999998\r\n\r\n", 400, .conflictingContentLength),
    MalformedRequest("CL letters", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n", 400, .invalidContentLength),
    MalformedRequest("CL negative", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400, .invalidContentLength),
    MalformedRequest("CL plus sign", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\n", 400, .invalidContentLength),
    MalformedRequest("CL empty", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \r\n\r\n", 400, .invalidContentLength),
    MalformedRequest("CL hex", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n", 400, .invalidContentLength),
    MalformedRequest("CL inner space", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1 2\r\n\r\n", 400, .invalidContentLength),
    MalformedRequest("CL empty list element", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5,\r\n\r\n", 400, .invalidContentLength),
    MalformedRequest("TE gzip", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 501, .unsupportedTransferEncoding),
    MalformedRequest("TE gzip, chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501, .unsupportedTransferEncoding),
    MalformedRequest("TE chunked twice", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 501, .unsupportedTransferEncoding),
    MalformedRequest("TE identity", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n", 501, .unsupportedTransferEncoding),
    MalformedRequest("TE in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400, .invalidTransferEncoding),

    // Line endings and fields.
    MalformedRequest("bare CR in request line", "GET / HTTP/1.1\rHost: a\r\n\r\n", 400, .invalidLineEnding),
    MalformedRequest("bare LF line endings", "GET / HTTP/1.1\nHost: a\n\n", 400, .invalidLineEnding),
    MalformedRequest("bare LF after headers", "GET / HTTP/1.1\r\nHost: a\r\n\n", 400, .invalidLineEnding),
    MalformedRequest("bare CR inside a value", "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", 400, .invalidLineEnding),
    MalformedRequest("obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n", 400, .obsoleteLineFolding),
    MalformedRequest("whitespace before first field", "GET / HTTP/1.1\r\n Host: a\r\n\r\n", 400, .obsoleteLineFolding),
    MalformedRequest("space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400, .invalidHeaderName),
    MalformedRequest("empty header name", "GET / HTTP/1.1\r\nHost: a\r\n: b\r\n\r\n", 400, .invalidHeaderName),
    MalformedRequest("header without colon", "GET / HTTP/1.1\r\nHost a\r\n\r\n", 400, .invalidHeaderName),
    MalformedRequest("non-token header name", "GET / HTTP/1.1\r\nHost: a\r\nX(a): b\r\n\r\n", 400, .invalidHeaderName),
    MalformedRequest("NUL in header value", "GET / HTTP/1.1\r\nHost: a\r\nX-A: a\u{0}b\r\n\r\n", 400, .invalidHeaderValue),
    MalformedRequest("DEL in header value", "GET / HTTP/1.1\r\nHost: a\r\nX-A: a\u{7F}b\r\n\r\n", 400, .invalidHeaderValue),
    MalformedRequest("non-UTF-8 header value", bytes("GET / HTTP/1.1\r\nHost: a\r\nX-A: ") + [0xFF, 0xFE] + bytes("\r\n\r\n"), 400, .invalidHeaderValue),

    // Request line.
    MalformedRequest("method with parenthesis", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidMethod),
    MalformedRequest("TLS handshake bytes", [0x16, 0x03, 0x01, 0x02, 0x00, 0x01], 400, .invalidMethod),
    // Found by fuzzing: the method error must win over the later bare CR however the input is split.
    MalformedRequest("bad method byte before bare CR", bytes("P") + [0xC3] + bytes("ST / ch\u{0}\r / HTTP/1.0\r\n\r\n"), 400, .invalidMethod),
    MalformedRequest("lower-case method", "get / HTTP/1.1\r\nHost: a\r\n\r\n", 501, .unsupportedMethod),
    MalformedRequest("unknown method", "BREW / HTTP/1.1\r\nHost: a\r\n\r\n", 501, .unsupportedMethod),
    MalformedRequest("TRACE", "TRACE / HTTP/1.1\r\nHost: a\r\n\r\n", 501, .unsupportedMethod),
    MalformedRequest("CONNECT", "CONNECT a:443 HTTP/1.1\r\nHost: a\r\n\r\n", 501, .unsupportedMethod),
    MalformedRequest("double space", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidRequestLine),
    MalformedRequest("trailing space", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n", 400, .invalidRequestLine),
    MalformedRequest("missing version", "GET /\r\nHost: a\r\n\r\n", 400, .invalidRequestLine),
    MalformedRequest("tab separator", "GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidMethod),
    MalformedRequest("absolute-form target", "GET http://example.com/ HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidTarget),
    MalformedRequest("relative target", "GET a/b HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidTarget),
    MalformedRequest("bad escape", "GET /a%zz HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidTarget),
    MalformedRequest("truncated escape", "GET /a% HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidTarget),
    MalformedRequest("escape missing one digit", "GET /a%4 HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidTarget),
    MalformedRequest("quote in target", "GET /a\"b HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidTarget),
    MalformedRequest("brace in target", "GET /a{b} HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidTarget),
    MalformedRequest("fragment in target", "GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidTarget),
    MalformedRequest("raw UTF-8 in target", "GET /街道 HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidTarget),
    MalformedRequest("raw invalid byte in target", bytes("GET /") + [0xE4] + bytes(" HTTP/1.1\r\nHost: a\r\n\r\n"), 400, .invalidTarget),
    MalformedRequest("asterisk for GET", "GET * HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidTarget),
    MalformedRequest("escaped invalid UTF-8 path", "GET /%FF HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidPathEncoding),
    MalformedRequest("escaped truncated UTF-8 path", "GET /%E8%A1 HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidPathEncoding),
    MalformedRequest("escaped NUL path", "GET /a%00b HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidPathEncoding),
    MalformedRequest("escaped invalid UTF-8 query", "GET /a?q=%FF HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidQuery),
    MalformedRequest("escaped NUL query name", "GET /a?%00=1 HTTP/1.1\r\nHost: a\r\n\r\n", 400, .invalidQuery),
    MalformedRequest("HTTP/1.2", "GET / HTTP/1.2\r\nHost: a\r\n\r\n", 505, .unsupportedVersion),
    MalformedRequest("HTTP/2.0", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505, .unsupportedVersion),
    MalformedRequest("version without minor", "GET / HTTP/1\r\nHost: a\r\n\r\n", 400, .invalidVersion),
    MalformedRequest("lower-case version", "GET / http/1.1\r\nHost: a\r\n\r\n", 400, .invalidVersion),
    MalformedRequest("two-digit minor", "GET / HTTP/1.10\r\nHost: a\r\n\r\n", 400, .invalidVersion),

    // Header semantics.
    MalformedRequest("HTTP/1.1 without Host", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", 400, .missingHost),
    MalformedRequest("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, .duplicateHost),
    MalformedRequest("two Authorization fields", "GET / HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer x\r\nAuthorization: Bearer y\r\n\r\n", 400, .duplicateHeader),
    MalformedRequest("same Authorization twice", "GET / HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer x\r\nAuthorization: Bearer x\r\n\r\n", 400, .duplicateHeader),
    MalformedRequest("Authorization in two letter cases", "GET / HTTP/1.1\r\nauthorization: Bearer x\r\nHost: a\r\nAUTHORIZATION: Bearer y\r\n\r\n", 400, .duplicateHeader),
    MalformedRequest("empty second Authorization", "GET / HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer x\r\nAuthorization:\r\n\r\n", 400, .duplicateHeader),
    MalformedRequest("two Content-Type fields", "POST / HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}", 400, .duplicateHeader),
    MalformedRequest("two Idempotency-Key fields", "POST / HTTP/1.1\r\nHost: a\r\nIdempotency-Key: k1\r\nidempotency-key: k2\r\nContent-Length: 2\r\n\r\n{}", 400, .duplicateHeader),
    MalformedRequest("two X-Request-Id fields", "GET / HTTP/1.1\r\nHost: a\r\nX-Request-Id: r1\r\nX-Request-Id: r2\r\n\r\n", 400, .duplicateHeader),
    MalformedRequest("two Authorization fields in HTTP/1.0", "GET / HTTP/1.0\r\nAuthorization: Bearer x\r\nAuthorization: Bearer y\r\n\r\n", 400, .duplicateHeader),
    MalformedRequest("unknown expectation", "POST / HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\nContent-Length: 1\r\n\r\nx", 417, .unsupportedExpectation),

    // Chunked bodies.
    MalformedRequest("chunk size not hex", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400, .invalidChunk),
    MalformedRequest("chunk size empty", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", 400, .invalidChunk),
    MalformedRequest("chunk size with junk", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5 x\r\n", 400, .invalidChunk),
    MalformedRequest("chunk size negative", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\n", 400, .invalidChunk),
    MalformedRequest("chunk longer than its size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n", 400, .invalidChunk),
    MalformedRequest("chunk data then bare LF", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\n0\r\n\r\n", 400, .invalidChunk),
    MalformedRequest("chunk size line bare LF", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n", 400, .invalidLineEnding),
    MalformedRequest("control character in chunk extension", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;a=\u{1}\r\nabc\r\n0\r\n\r\n", 400, .invalidChunk),
    MalformedRequest("chunk size overflowing Int", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFFFFF\r\n", 413, .bodyTooLarge),
    MalformedRequest("invalid trailer field", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nbad trailer\r\n\r\n", 400, .invalidHeaderName),
    MalformedRequest("folded trailer field", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-A: b\r\n c\r\n\r\n", 400, .obsoleteLineFolding),
]

@Suite("HTTPRequestParser")
struct HTTPRequestParserTests {
    // MARK: Malformed input

    @Test("malformed request rejected", arguments: malformedRequests)
    func malformedRequestRejected(_ testCase: MalformedRequest) throws {
        let error = try #require(parseError(testCase.input))
        #expect(error.code == testCase.code)
        #expect(error.status == testCase.status)
        #expect(!error.message.isEmpty)
    }

    @Test("malformed request rejected byte by byte", arguments: malformedRequests)
    func malformedRequestRejectedByteByByte(_ testCase: MalformedRequest) throws {
        #expect(throws: HTTPParseError.self) { _ = try feedByteByByte(testCase.input) }
        do {
            _ = try feedByteByByte(testCase.input)
        } catch {
            #expect(error.code == testCase.code)
        }
    }

    @Test func failedParserStaysFailed() throws {
        var parser = HTTPRequestParser()
        #expect(throws: HTTPParseError.self) { _ = try parser.feed(bytes("GET / HTTP/1.1\nHost: a\n\n")) }
        do {
            _ = try parser.feed(bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n"))
            Issue.record("a failed parser accepted a valid request")
        } catch {
            #expect(error.code == .invalidLineEnding)
        }
        #expect(!parser.hasPartialRequest)
    }

    // MARK: Valid requests

    @Test func simpleGet() throws {
        let requests = try feedAtOnce(bytes("GET /cases?id=7 HTTP/1.1\r\nHost: jielu.example\r\nAccept: */*\r\n\r\n"))
        let request = try #require(requests.first)
        #expect(requests.count == 1)
        #expect(request.method == "GET")
        #expect(request.path == "/cases")
        #expect(request.rawTarget == "/cases?id=7")
        #expect(request.query == ["id": "7"])
        #expect(request.version == .http1_1)
        #expect(request.headers["host"] == "jielu.example")
        #expect(request.body.isEmpty)
        #expect(request.keepAlive)
    }

    @Test func bodyByContentLength() throws {
        let request = try #require(try feedAtOnce(bytes("POST /r HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world")).first)
        #expect(request.body == bytes("hello world"))
    }

    @Test func identicalContentLengthsAccepted() throws {
        let input = bytes("POST /r HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3, 003\r\n\r\nabc")
        let request = try #require(try feedAtOnce(input).first)
        #expect(request.body == bytes("abc"))
    }

    @Test func chunkedBodyDecoded() throws {
        let input = bytes(
            "POST /r HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n1 ; x\r\n \r\n000A\r\n0123456789\r\n0\r\nX-Checksum: 1\r\n\r\n")
        let request = try #require(try feedAtOnce(input).first)
        #expect(request.bodyText == "hello 0123456789")
        // Trailer fields are validated and dropped, never merged into headers.
        #expect(request.headers["X-Checksum"] == nil)
    }

    @Test func headersKeepOrderAndRepeats() throws {
        let input = bytes("GET / HTTP/1.1\r\nHost: a\r\nX-Tag: one\r\nx-tag: two\r\nAccept:   text/html  \r\n\r\n")
        let request = try #require(try feedAtOnce(input).first)
        #expect(request.headers.values(for: "X-TAG") == ["one", "two"])
        #expect(request.headers["X-Tag"] == "one")
        #expect(request.headers["accept"] == "text/html")
        #expect(request.headers.map { $0.name } == ["Host", "X-Tag", "x-tag", "Accept"])
    }

    @Test("duplicate header message names the field", arguments: [
        ("authorization", "Authorization"), ("content-type", "Content-Type"), ("IDEMPOTENCY-KEY", "Idempotency-Key"),
        ("x-request-id", "X-Request-Id"),
    ])
    func duplicateHeaderNamed(sent: String, named: String) throws {
        let input = bytes("GET / HTTP/1.1\r\nHost: a\r\n\(sent): 1\r\n\(sent): 2\r\n\r\n")
        let error = try #require(parseError(input))
        #expect(error.code == .duplicateHeader)
        #expect(error.message.contains(named))
    }

    @Test func singletonFieldsOnceEachAccepted() throws {
        let input = bytes(
            "POST / HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer x\r\nContent-Type: application/json\r\n"
                + "Idempotency-Key: k\r\nX-Request-Id: r\r\nAccept: a\r\nAccept: b\r\nCache-Control: no-cache\r\n"
                + "Cache-Control: no-store\r\nContent-Length: 2\r\n\r\n{}")
        let request = try #require(try feedAtOnce(input).first)
        #expect(request.headers["Authorization"] == "Bearer x")
        #expect(request.headers.values(for: "Accept") == ["a", "b"])
        #expect(request.headers.values(for: "Cache-Control") == ["no-cache", "no-store"])
        #expect(request.body == bytes("{}"))
    }

    @Test func utf8HeaderValueKept() throws {
        let request = try #require(try feedAtOnce(bytes("GET / HTTP/1.1\r\nHost: a\r\nX-Street: 和平路\r\n\r\n")).first)
        #expect(request.headers["X-Street"] == "和平路")
    }

    @Test func leadingEmptyLinesSkipped() throws {
        let request = try #require(try feedAtOnce(bytes("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")).first)
        #expect(request.path == "/")
    }

    @Test func optionsAsterisk() throws {
        let request = try #require(try feedAtOnce(bytes("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n")).first)
        #expect(request.path == "*")
    }

    @Test func http10WithoutHostAccepted() throws {
        let request = try #require(try feedAtOnce(bytes("GET / HTTP/1.0\r\n\r\n")).first)
        #expect(request.version == .http1_0)
        #expect(!request.keepAlive)
    }

    @Test(
        "keep-alive decision",
        arguments: [
            ("HTTP/1.1", "", true),
            ("HTTP/1.1", "Connection: close\r\n", false),
            ("HTTP/1.1", "Connection: keep-alive, CLOSE\r\n", false),
            ("HTTP/1.1", "Connection: upgrade\r\n", true),
            ("HTTP/1.0", "", false),
            ("HTTP/1.0", "Connection: keep-alive\r\n", true),
            ("HTTP/1.0", "Connection: Keep-Alive\r\n", true),
            ("HTTP/1.0", "Connection: close\r\n", false),
        ])
    func keepAliveDecision(version: String, connectionField: String, expected: Bool) throws {
        let request = try #require(try feedAtOnce(bytes("GET / \(version)\r\nHost: a\r\n\(connectionField)\r\n")).first)
        #expect(request.keepAlive == expected)
    }

    // MARK: Chunking of the input

    /// A request that exercises every state: query, escapes, repeated
    /// headers, a chunked body with extensions and trailers.
    static let complexRequest = bytes(
        "\r\nPOST /%E8%A1%97%E9%81%93/cases?name=%E5%BC%A0+%E4%B8%89&x=1 HTTP/1.1\r\nHost: a\r\n"
            + "X-Tag: one\r\nX-Tag: two\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;ext=1\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: done\r\n\r\n")

    @Test func byteByByteMatchesAllAtOnce() throws {
        let atOnce = try feedAtOnce(Self.complexRequest)
        let byteByByte = try feedByteByByte(Self.complexRequest)
        #expect(atOnce.count == 1)
        #expect(byteByByte == atOnce)
        #expect(atOnce.first?.bodyText == "Wikipedia in\r\n\r\nchunks.")
        #expect(atOnce.first?.path == "/街道/cases")
    }

    @Test("every split point gives the same request", arguments: [1, 2, 3, 7, 13, 64])
    func everySplitGivesSameRequest(chunkSize: Int) throws {
        let expected = try feedAtOnce(Self.complexRequest)
        var parser = HTTPRequestParser()
        var requests: [HTTPRequest] = []
        var offset = 0
        while offset < Self.complexRequest.count {
            let end = min(offset + chunkSize, Self.complexRequest.count)
            requests += try parser.feed(Array(Self.complexRequest[offset..<end]))
            offset = end
        }
        #expect(requests == expected)
    }

    @Test func partialRequestReported() throws {
        var parser = HTTPRequestParser()
        #expect(!parser.hasPartialRequest)
        _ = try parser.feed(bytes("GET / HTTP/1.1\r\nHo"))
        #expect(parser.hasPartialRequest)
        let requests = try parser.feed(bytes("st: a\r\n\r\n"))
        #expect(requests.count == 1)
        #expect(!parser.hasPartialRequest)
    }

    // MARK: Pipelining

    @Test func pipelinedRequestsInOrder() throws {
        let input = bytes(
            "GET /one HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
                + "POST /three HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxy\r\n0\r\n\r\n"
                + "DELETE /four HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        let requests = try feedAtOnce(input)
        #expect(requests.map(\.path) == ["/one", "/two", "/three", "/four"])
        #expect(requests.map(\.bodyText) == ["", "abc", "xy", ""])
        #expect(requests.map(\.keepAlive) == [true, true, true, false])
        #expect(try feedByteByByte(input) == requests)
    }

    @Test func parseStopsAfterOneRequest() throws {
        let first = bytes("GET /one HTTP/1.1\r\nHost: a\r\n\r\n")
        let input = first + bytes("GET /two HTTP/1.1\r\nHost: a\r\n\r\n")
        var parser = HTTPRequestParser()
        let step = try input.withUnsafeBytes { buffer in try parser.parse(buffer) }
        #expect(step.consumed == first.count)
        #expect(step.request?.path == "/one")
    }

    // MARK: Percent-decoding

    @Test func pathAndQueryDecoded() throws {
        let target = "/%E8%A1%97%E9%81%93/a%20b+c/x%2Fy?name=%E5%BC%A0+%E4%B8%89&plus=a%2Bb&flag&=skipped&dup=1&dup=2&&k%20e+y=v"
        let request = try #require(try feedAtOnce(bytes("GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n")).first)
        #expect(request.path == "/街道/a b+c/x/y")
        #expect(request.rawTarget == target)
        #expect(request.query["name"] == "张 三")
        #expect(request.query["plus"] == "a+b")
        #expect(request.query["flag"] == "")
        #expect(request.query["dup"] == "1")
        #expect(request.query["k e y"] == "v")
        #expect(request.query.count == 5)
    }

    @Test func encodeComponentRoundTrips() throws {
        let text = "张三 a+b/c&d=e~f"
        let encoded = PercentEncoding.encodeComponent(text)
        #expect(encoded == "%E5%BC%A0%E4%B8%89%20a%2Bb%2Fc%26d%3De~f")
        #expect(PercentEncoding.decodeText(Array(encoded.utf8), plusAsSpace: true) == text)
    }

    @Test func formBodyDecoded() {
        #expect(PercentEncoding.decodeForm(bytes("a=1&b=%E8%A1%97&c")) == ["a": "1", "b": "街", "c": ""])
        #expect(PercentEncoding.decodeForm(bytes("a=%ZZ")) == nil)
    }

    // MARK: Expect: 100-continue

    @Test func continueExpectedAfterHead() throws {
        var parser = HTTPRequestParser()
        let head = bytes("POST /r HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
        let first = try head.withUnsafeBytes { try parser.parse($0) }
        #expect(first.continueExpected)
        #expect(first.request == nil)
        let second = try bytes("abc").withUnsafeBytes { try parser.parse($0) }
        #expect(!second.continueExpected)
        #expect(second.request?.bodyText == "abc")
    }

    @Test func continueNotExpectedWhenBodyArrivedToo() throws {
        var parser = HTTPRequestParser()
        let input = bytes("POST /r HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc")
        let step = try input.withUnsafeBytes { try parser.parse($0) }
        #expect(!step.continueExpected)
        #expect(step.request != nil)
    }
}

extension HTTPRequest {
    var bodyText: String { String(decoding: body, as: UTF8.self) }
}
