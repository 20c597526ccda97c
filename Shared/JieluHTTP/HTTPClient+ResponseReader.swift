extension HTTPClient {
    /// Parses one response from the bytes read so far. Interim 1xx responses
    /// are skipped.
    struct ResponseReader {
        /// A complete response and whether the connection can carry another.
        struct Parsed {
            var response: HTTPClientResponse
            var keepAlive: Bool
        }

        private enum Framing {
            case length(Int)
            case untilClose
        }

        private struct Head {
            var status: Int
            var headers: HTTPHeaders
            var keepAlive: Bool
            var framing: Framing
        }

        let method: String
        private var head: Head?
        /// Any byte of a response has arrived.
        private(set) var sawResponseBytes = false

        init(method: String) {
            self.method = method
        }

        /// Returns the response and removes its bytes once `buffer` contains
        /// all of it. Returns nil when more bytes are needed.
        mutating func parse(_ buffer: inout [UInt8]) throws -> Parsed? {
            if !buffer.isEmpty {
                sawResponseBytes = true
            }
            while head == nil {
                guard let end = headEnd(buffer) else {
                    if buffer.count > HTTPClient.maxResponseHeadBytes {
                        throw HTTPClientError.responseTooLarge(limit: HTTPClient.maxResponseHeadBytes)
                    }
                    return nil
                }
                let parsed = try parseHead(Array(buffer[..<end]))
                buffer.removeFirst(end + 4)
                if (100...199).contains(parsed.status) {
                    continue
                }
                head = parsed
            }
            guard let head, case .length(let length) = head.framing else {
                if buffer.count > HTTPClient.maxResponseBodyBytes {
                    throw HTTPClientError.responseTooLarge(limit: HTTPClient.maxResponseBodyBytes)
                }
                return nil
            }
            guard buffer.count >= length else {
                return nil
            }
            let body = Array(buffer[..<length])
            buffer.removeFirst(length)
            return Parsed(response: HTTPClientResponse(status: head.status, headers: head.headers, body: body), keepAlive: head.keepAlive)
        }

        /// At end of stream: the response when its body is close-delimited,
        /// nil when the stream ended too early.
        mutating func finishAtEndOfStream(_ buffer: inout [UInt8]) throws -> HTTPClientResponse? {
            guard let head, case .untilClose = head.framing else {
                return nil
            }
            let body = buffer
            buffer = []
            return HTTPClientResponse(status: head.status, headers: head.headers, body: body)
        }

        private func headEnd(_ buffer: [UInt8]) -> Int? {
            guard buffer.count >= 4 else {
                return nil
            }
            for index in 0...(buffer.count - 4)
            where buffer[index] == HTTPSyntax.carriageReturn && buffer[index + 1] == HTTPSyntax.lineFeed
                && buffer[index + 2] == HTTPSyntax.carriageReturn && buffer[index + 3] == HTTPSyntax.lineFeed
            {
                return index
            }
            return nil
        }

        private func parseHead(_ bytes: [UInt8]) throws -> Head {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw HTTPClientError.malformedResponse("the head is not UTF-8")
            }
            let lines = text.components(separatedBy: "\r\n")
            let statusLine = lines[0]
            let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2, parts[0] == "HTTP/1.1" || parts[0] == "HTTP/1.0",
                parts[1].count == 3, let status = Int(parts[1]), (100...599).contains(status)
            else {
                throw HTTPClientError.malformedResponse("status line \"\(statusLine)\"")
            }

            var headers = HTTPHeaders()
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":"), HTTPSyntax.isToken(line[..<colon].utf8) else {
                    throw HTTPClientError.malformedResponse("header line \"\(line)\"")
                }
                let value = HTTPSyntax.trimmingWhitespace(line[line.index(after: colon)...])
                headers.add(name: String(line[..<colon]), value: String(value))
            }

            if let coding = headers["Transfer-Encoding"] {
                throw HTTPClientError.unsupportedTransferEncoding(coding)
            }

            let framing: Framing
            if method == "HEAD" || status < 200 || status == 204 || status == 304 {
                framing = .length(0)
            } else if headers.contains("Content-Length") {
                let values = Set(headers.values(for: "Content-Length"))
                guard values.count == 1, let value = values.first, !value.isEmpty,
                    value.utf8.allSatisfy(HTTPSyntax.isDigit), let length = Int(value)
                else {
                    throw HTTPClientError.malformedResponse("Content-Length \(headers.values(for: "Content-Length"))")
                }
                guard length <= HTTPClient.maxResponseBodyBytes else {
                    throw HTTPClientError.responseTooLarge(limit: HTTPClient.maxResponseBodyBytes)
                }
                framing = .length(length)
            } else {
                framing = .untilClose
            }

            var keepAlive: Bool
            if headers.containsToken("close", in: "Connection") {
                keepAlive = false
            } else {
                keepAlive = parts[0] == "HTTP/1.1" || headers.containsToken("keep-alive", in: "Connection")
            }
            if case .untilClose = framing {
                keepAlive = false
            }
            return Head(status: status, headers: headers, keepAlive: keepAlive, framing: framing)
        }
    }
}
