import JieluHTTP
import Testing

/// Every parser limit at its value and one past it.
@Suite("HTTPRequestParser limits")
struct HTTPRequestParserLimitTests {
    /// Builds a GET whose head (request line, fields, CRLFs, empty line) is
    /// exactly `size` bytes, padded with an `X-Pad` field.
    static func get(headBytes size: Int) -> [UInt8] {
        let base = "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: \r\n\r\n"
        return bytes("GET / HTTP/1.1\r\nHost: a\r\nX-Pad: " + String(repeating: "p", count: size - base.utf8.count) + "\r\n\r\n")
    }

    static func post(contentLength: Int, body: [UInt8]) -> [UInt8] {
        bytes("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \(contentLength)\r\n\r\n") + body
    }

    static func chunked(_ chunkSizes: [Int]) -> [UInt8] {
        var output = bytes("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n")
        for size in chunkSizes {
            output += bytes(String(size, radix: 16) + "\r\n") + [UInt8](repeating: UInt8(ascii: "b"), count: size) + bytes("\r\n")
        }
        return output + bytes("0\r\n\r\n")
    }

    // MARK: Header bytes

    @Test("head at the default limit parses", arguments: [false, true])
    func headAtDefaultLimit(byteByByte: Bool) throws {
        let input = Self.get(headBytes: 16 * 1024)
        #expect(input.count == 16384)
        let requests = byteByByte ? try feedByteByByte(input) : try feedAtOnce(input)
        #expect(requests.count == 1)
    }

    @Test("head one byte past the default limit gets 431", arguments: [false, true])
    func headPastDefaultLimit(byteByByte: Bool) throws {
        let input = Self.get(headBytes: 16 * 1024 + 1)
        do {
            _ = byteByByte ? try feedByteByByte(input) : try feedAtOnce(input)
            Issue.record("a head of \(input.count) bytes was accepted")
        } catch {
            #expect(error.code == .headersTooLarge)
            #expect(error.status == 431)
            #expect(error.message.contains("16384"))
        }
    }

    @Test func headLimitFailsBeforeTheHeadEnds() throws {
        // No CRLF at all: the parser must stop at the limit, not wait for one.
        var parser = HTTPRequestParser(limits: .init(maxHeaderBytes: 64))
        _ = try parser.feed([UInt8](repeating: UInt8(ascii: "A"), count: 64))
        #expect(throws: HTTPParseError.self) { _ = try parser.feed([UInt8(ascii: "A")]) }
    }

    @Test func leadingEmptyLinesCountTowardHeadLimit() {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: 100)
        let input = [UInt8](repeating: 0, count: 0) + Array(repeating: bytes("\r\n"), count: 50).flatMap { $0 }
        #expect(parseError(input, limits: limits) == nil)
        #expect(parseError(input + bytes("\r\n"), limits: limits)?.code == .headersTooLarge)
    }

    @Test func customHeadLimit() throws {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: 200)
        #expect(parseError(Self.get(headBytes: 200), limits: limits) == nil)
        #expect(parseError(Self.get(headBytes: 201), limits: limits)?.code == .headersTooLarge)
    }

    // MARK: Header count

    @Test func headerCountAtAndPastLimit() {
        func request(fields: Int) -> [UInt8] {
            // Host is one of the fields.
            bytes("GET / HTTP/1.1\r\nHost: a\r\n" + (1..<fields).map { "X-\($0): v\r\n" }.joined() + "\r\n")
        }
        #expect(parseError(request(fields: 100)) == nil)
        let error = parseError(request(fields: 101))
        #expect(error?.code == .tooManyHeaders)
        #expect(error?.status == 431)
    }

    // MARK: Body bytes

    @Test("body at the default limit parses", arguments: [false, true])
    func bodyAtDefaultLimit(byteByByte: Bool) throws {
        let body = [UInt8](repeating: 7, count: 64 * 1024)
        let input = Self.post(contentLength: body.count, body: body)
        let requests = byteByByte ? try feedByteByByte(input) : try feedAtOnce(input)
        #expect(requests.first?.body == body)
    }

    @Test func contentLengthPastLimitRejectedBeforeBody() {
        // Only the head is fed: the decision cannot depend on body bytes.
        let error = parseError(Self.post(contentLength: 64 * 1024 + 1, body: []))
        #expect(error?.code == .bodyTooLarge)
        #expect(error?.status == 413)
        #expect(error?.message.contains("65536") == true)
    }

    @Test func hugeContentLengthRejected() {
        let error = parseError(bytes("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999999\r\n\r\n"))
        #expect(error?.code == .bodyTooLarge)
    }

    @Test func unsentBodyBytesReportedAfterRejection() throws {
        var parser = HTTPRequestParser(limits: .init(maxBodyBytes: 100))
        let input = Self.post(contentLength: 1000, body: [UInt8](repeating: 1, count: 30))
        #expect(throws: HTTPParseError.self) { _ = try parser.feed(input) }
        #expect(parser.unsentBodyBytesAfterRejection == 970)
    }

    @Test func noUnsentBodyBytesWhenClientAwaitsContinue() throws {
        var parser = HTTPRequestParser(limits: .init(maxBodyBytes: 100))
        let input = bytes("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n")
        #expect(throws: HTTPParseError.self) { _ = try parser.feed(input) }
        #expect(parser.unsentBodyBytesAfterRejection == nil)
    }

    // MARK: Chunked body bytes

    @Test func chunkedBodyAtLimit() throws {
        let limits = HTTPRequestParser.Limits(maxBodyBytes: 1000)
        let requests = try feedAtOnce(Self.chunked([400, 600]), limits: limits)
        #expect(requests.first?.body.count == 1000)
        #expect(try feedByteByByte(Self.chunked([1000]), limits: limits).first?.body.count == 1000)
    }

    @Test func chunkedBodyPastLimitAcrossChunks() {
        let limits = HTTPRequestParser.Limits(maxBodyBytes: 1000)
        let error = parseError(Self.chunked([400, 601]), limits: limits)
        #expect(error?.code == .bodyTooLarge)
        #expect(error?.status == 413)
    }

    @Test func chunkSizePastLimitRejectedBeforeData() {
        let limits = HTTPRequestParser.Limits(maxBodyBytes: 1000)
        let head = bytes("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3E9\r\n")
        #expect(parseError(head, limits: limits)?.code == .bodyTooLarge)
    }

    @Test func chunkSizeLineAtAndPastLimit() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        // "1;" + padding + CRLF is the whole chunk-size line.
        let atLimit = "1;" + String(repeating: "e", count: 1024 - 4) + "\r\n"
        let pastLimit = "1;" + String(repeating: "e", count: 1024 - 3) + "\r\n"
        #expect(parseError(bytes(head + atLimit + "x\r\n0\r\n\r\n")) == nil)
        #expect(parseError(bytes(head + pastLimit + "x\r\n0\r\n\r\n"))?.code == .invalidChunk)
    }

    @Test func trailerSectionAtAndPastLimit() {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: 200)
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
        // The trailer section is the field line plus the empty line.
        func trailers(_ size: Int) -> String {
            "X-T: " + String(repeating: "t", count: size - 9) + "\r\n\r\n"
        }
        #expect(parseError(bytes(head + trailers(200)), limits: limits) == nil)
        #expect(parseError(bytes(head + trailers(201)), limits: limits)?.code == .headersTooLarge)
    }
}
