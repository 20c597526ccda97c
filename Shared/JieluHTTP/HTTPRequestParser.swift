/// An incremental HTTP/1.1 request parser.
///
/// Feed it byte chunks of any size, down to one byte at a time. It yields each
/// request once the last byte of its body has arrived, and the result does not
/// depend on how the bytes were split. It keeps only the request in progress,
/// bounded by `limits`. Every limit is checked before the bytes it guards are
/// stored, so a `Content-Length` or chunk size above the body limit is
/// rejected before any body byte is read or any body storage reserved.
///
/// Line endings: every line must end in CRLF. A bare CR or a bare LF is
/// rejected (400 `invalid_line_ending`) in the request line, header fields,
/// chunk-size lines and trailers alike, so no two parsers on the path can
/// disagree about where a line ends. Obsolete line folding is rejected as
/// well (400 `obsolete_line_folding`). Empty lines before the request line
/// are skipped, as RFC 9112 §2.2 recommends, and count toward the header limit.
///
/// After an error the parser stays failed and rethrows the same error. The
/// start of the next request in the stream is unknown, so the caller responds
/// and closes the connection.
public struct HTTPRequestParser: Sendable {
    /// Size limits applied to every request.
    public struct Limits: Sendable, Equatable {
        /// Maximum bytes of request line plus header fields, CRLFs and the
        /// empty line included. Past it: 431 `headers_too_large`. The same
        /// limit applies to the trailer section of a chunked body.
        public var maxHeaderBytes: Int
        /// Maximum decoded body bytes. Past it: 413 `body_too_large`.
        public var maxBodyBytes: Int
        /// Maximum number of header fields. Past it: 431 `too_many_headers`.
        public var maxHeaderCount: Int

        public init(maxHeaderBytes: Int = 16 * 1024, maxBodyBytes: Int = 64 * 1024, maxHeaderCount: Int = 100) {
            self.maxHeaderBytes = maxHeaderBytes
            self.maxBodyBytes = maxBodyBytes
            self.maxHeaderCount = maxHeaderCount
        }
    }

    /// The outcome of one `parse(_:)` call.
    public struct Step: Sendable {
        /// Bytes of the input that the parser used; the rest belongs to the
        /// next call.
        public var consumed: Int
        /// The request completed by this call, if any.
        public var request: HTTPRequest?
        /// True when this call finished the head of a request that carries
        /// `Expect: 100-continue` and its body has not fully arrived: the
        /// server should send `100 Continue` now.
        public var continueExpected: Bool
    }

    /// Maximum bytes of one chunk-size line, extensions and CRLF included.
    /// Past it: 400 `invalid_chunk`.
    static let maxChunkSizeLineBytes = 1024

    /// The parser's position in the current request. Transitions:
    /// `head` → `fixedBody` | `chunkSize` | `head` (request without body);
    /// `fixedBody` → `head`; `chunkSize` → `chunkData` | `trailers`;
    /// `chunkData` → `chunkDataCR` → `chunkDataLF` → `chunkSize`;
    /// `trailers` → `head`. Any state → `failed`, which is terminal.
    private enum State: Sendable {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataCR
        case chunkDataLF
        case trailers
        case failed(HTTPParseError)
    }

    public let limits: Limits
    private var state = State.head
    /// The line being read, without its CR.
    private var line: [UInt8] = []
    /// The last byte was a CR, so the next must be LF.
    private var lineSawCR = false
    /// Bytes read so far in the current section (head, chunk-size line or
    /// trailers), counted against that section's limit.
    private var sectionBytes = 0
    /// The next byte of a line belongs to the method: no byte of the request
    /// line after the method, or of a later line, has been read.
    private var readingMethod = true
    private var headLines: [[UInt8]] = []
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    /// The `Content-Length` of a head just rejected as too large, until the
    /// error has been recorded.
    private var rejectedContentLength: Int?

    /// After a 413 decided from `Content-Length`: how many body bytes the
    /// client will still send after the input the parser was given. A server
    /// can read and drop that many before closing, so the client reads the
    /// 413 instead of a connection reset. Nil after any other error, and when
    /// the client sent `Expect: 100-continue` (it may never send the body).
    public private(set) var unsentBodyBytesAfterRejection: Int?

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// True while part of a request has been read (even a leading empty line)
    /// and the request is not complete. False after an error.
    public var hasPartialRequest: Bool {
        switch state {
        case .head: sectionBytes > 0
        case .failed: false
        default: true
        }
    }

    /// Parses `bytes` up to the end of at most one request.
    ///
    /// Returns how many bytes were used and the request they completed, if
    /// any. Stops right after a complete request, so pipelined bytes stay with
    /// the caller until it is ready for the next request. Throws the
    /// `HTTPParseError` for the first rule the bytes break; the parser then
    /// stays failed.
    public mutating func parse(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> Step {
        if case .failed(let error) = state {
            throw error
        }
        var index = 0
        do {
            return try advance(bytes, index: &index)
        } catch {
            state = .failed(error)
            if let length = rejectedContentLength {
                unsentBodyBytesAfterRejection = max(length - (bytes.count - index), 0)
            }
            line = []
            headLines = []
            head = nil
            body = []
            throw error
        }
    }

    /// Parses all of `bytes` and returns every request they complete, in order.
    ///
    /// For tests and tools. When the bytes also contain an error, the error is
    /// thrown and requests completed earlier in the same call are lost. The
    /// server uses `parse(_:)` instead, so that it responds to each request first.
    public mutating func feed(_ bytes: [UInt8]) throws(HTTPParseError) -> [HTTPRequest] {
        var requests: [HTTPRequest] = []
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { buffer -> Result<Step, HTTPParseError> in
                do throws(HTTPParseError) {
                    return .success(try parse(UnsafeRawBufferPointer(rebasing: buffer[offset...])))
                } catch {
                    return .failure(error)
                }
            }
            let step = try result.get()
            offset += step.consumed
            if let request = step.request {
                requests.append(request)
            }
        }
        return requests
    }

    // MARK: State machine

    /// Runs the state machine over `bytes[index...]`, moving `index` past
    /// every byte used, so that after a throw it marks where parsing stopped.
    private mutating func advance(_ bytes: UnsafeRawBufferPointer, index: inout Int) throws(HTTPParseError) -> Step {
        var continueExpected = false
        while index < bytes.count {
            switch state {
            case .head:
                index += try readLine(bytes, from: index, limit: limits.maxHeaderBytes, overflow: HTTPParseError.headersTooLarge)
                guard lineComplete else {
                    continue
                }
                if let request = try finishHeadLine(continueExpected: &continueExpected) {
                    return Step(consumed: index, request: request, continueExpected: false)
                }

            case .fixedBody(let remaining):
                let count = min(remaining, bytes.count - index)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<(index + count)]))
                index += count
                if count == remaining {
                    return Step(consumed: index, request: finishRequest(), continueExpected: false)
                }
                state = .fixedBody(remaining: remaining - count)

            case .chunkSize:
                index += try readLine(bytes, from: index, limit: Self.maxChunkSizeLineBytes, overflow: { _ in .invalidChunk })
                guard lineComplete else {
                    continue
                }
                let size = try parseChunkSize(line)
                startSection()
                state = size == 0 ? .trailers : .chunkData(remaining: size)

            case .chunkData(let remaining):
                let count = min(remaining, bytes.count - index)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<(index + count)]))
                index += count
                state = count == remaining ? .chunkDataCR : .chunkData(remaining: remaining - count)

            case .chunkDataCR:
                guard bytes[index] == HTTPSyntax.carriageReturn else {
                    throw .invalidChunk
                }
                index += 1
                state = .chunkDataLF

            case .chunkDataLF:
                guard bytes[index] == HTTPSyntax.lineFeed else {
                    throw .invalidChunk
                }
                index += 1
                state = .chunkSize

            case .trailers:
                index += try readLine(bytes, from: index, limit: limits.maxHeaderBytes, overflow: HTTPParseError.headersTooLarge)
                guard lineComplete else {
                    continue
                }
                if line.isEmpty {
                    return Step(consumed: index, request: finishRequest(), continueExpected: false)
                }
                // Trailer fields are checked like header fields, then dropped:
                // merging them into the headers would let a body-end field
                // override what was validated up front.
                _ = try HTTPRequestHead.parseField(line)
                line.removeAll(keepingCapacity: true)

            case .failed(let error):
                throw error
            }
        }
        return Step(consumed: index, request: nil, continueExpected: continueExpected)
    }

    /// Handles a complete line of the head. Returns the request when the line
    /// ends a head without a body; otherwise moves to the body state or keeps
    /// collecting lines.
    private mutating func finishHeadLine(continueExpected: inout Bool) throws(HTTPParseError) -> HTTPRequest? {
        guard line.isEmpty else {
            headLines.append(line)
            line.removeAll(keepingCapacity: true)
            // The first line is the request line, not a header field.
            if headLines.count - 1 > limits.maxHeaderCount {
                throw .tooManyHeaders(limit: limits.maxHeaderCount)
            }
            return nil
        }
        if headLines.isEmpty {
            // An empty line before the request line; its bytes stay counted.
            readingMethod = true
            return nil
        }

        let parsed = try HTTPRequestHead.parse(lines: headLines)
        headLines = []
        head = parsed
        switch parsed.framing {
        case .none:
            return finishRequest()
        case .length(let length):
            guard length <= limits.maxBodyBytes else {
                rejectedContentLength = parsed.expectsContinue ? nil : length
                throw .bodyTooLarge(limit: limits.maxBodyBytes)
            }
            body.reserveCapacity(length)
            state = .fixedBody(remaining: length)
        case .chunked:
            startSection()
            state = .chunkSize
        }
        continueExpected = parsed.expectsContinue
        return nil
    }

    /// Builds the request from the stored head and body and resets the parser
    /// for the next request.
    private mutating func finishRequest() -> HTTPRequest? {
        guard let head else {
            return nil
        }
        let request = HTTPRequest(
            method: head.method, path: head.target.path, rawTarget: head.rawTarget, query: head.target.query,
            version: head.version, headers: head.headers, body: body, keepAlive: head.keepAlive)
        self.head = nil
        body = []
        state = .head
        readingMethod = true
        startSection()
        return request
    }

    // MARK: Lines

    /// True when the last `readLine` call ended at a CRLF. `line` then contains
    /// the whole line.
    private var lineComplete = false

    /// Appends bytes from `bytes[start...]` to `line` up to and including the
    /// next CRLF, and returns how many bytes it used.
    ///
    /// Throws `overflow(limit)` when the current section would exceed `limit` bytes,
    /// and `invalid_line_ending` for a CR not followed by LF or an LF not
    /// preceded by CR. While `readingMethod` is set, throws `invalid_method` at
    /// the first byte that is not a method character. Binary input, such as a
    /// TLS handshake sent to the plain-text port, then fails at once instead of
    /// waiting for a line end or a timeout. Every check runs in byte order, so
    /// the error does not depend on how the input was split.
    private mutating func readLine(
        _ bytes: UnsafeRawBufferPointer, from start: Int, limit: Int, overflow: (Int) -> HTTPParseError
    ) throws(HTTPParseError) -> Int {
        if lineComplete {
            line.removeAll(keepingCapacity: true)
            lineComplete = false
        }
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            sectionBytes += 1
            if sectionBytes > limit {
                throw overflow(limit)
            }
            if lineSawCR {
                guard byte == HTTPSyntax.lineFeed else {
                    throw .invalidLineEnding
                }
                lineSawCR = false
                lineComplete = true
                readingMethod = false
                return index - start
            }
            switch byte {
            case HTTPSyntax.carriageReturn:
                lineSawCR = true
            case HTTPSyntax.lineFeed:
                throw .invalidLineEnding
            case HTTPSyntax.space where readingMethod:
                readingMethod = false
                line.append(byte)
            default:
                if readingMethod && !HTTPSyntax.isTokenCharacter(byte) {
                    throw .invalidMethod
                }
                line.append(byte)
            }
        }
        return index - start
    }

    /// Starts counting a new section (chunk-size line, trailers, next head).
    private mutating func startSection() {
        sectionBytes = 0
        line.removeAll(keepingCapacity: true)
        lineComplete = false
    }

    // MARK: Chunked bodies

    /// Reads `chunk-size [ BWS ";" chunk-ext ]` from a chunk-size line.
    ///
    /// Throws `body_too_large` as soon as the size, added to the body read so
    /// far, exceeds the body limit. The check runs digit by digit, so a size
    /// with any number of digits cannot overflow. Throws `invalid_chunk`
    /// for a line without hex digits or with anything but an extension after
    /// them.
    private func parseChunkSize(_ line: [UInt8]) throws(HTTPParseError) -> Int {
        let budget = limits.maxBodyBytes - body.count
        var size = 0
        var index = 0
        while index < line.count, let digit = HTTPSyntax.hexValue(line[index]) {
            let (shifted, overflow) = size.multipliedReportingOverflow(by: 16)
            size = shifted + digit
            if overflow || size > budget {
                throw .bodyTooLarge(limit: limits.maxBodyBytes)
            }
            index += 1
        }
        guard index > 0 else {
            throw .invalidChunk
        }

        let rest = HTTPSyntax.trimmingWhitespace(line[index...])
        if let first = rest.first {
            // Extensions carry nothing this server uses; they are checked for
            // control characters and ignored.
            guard first == HTTPSyntax.semicolon, rest.allSatisfy(HTTPSyntax.isFieldValueByte) else {
                throw .invalidChunk
            }
        }
        return size
    }
}
