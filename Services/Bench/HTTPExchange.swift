import Foundation

/// HTTP/1.1 keep-alive requests with `Content-Length`-framed responses, as
/// the gateway sends them.
struct HTTPExchange: LoadExchange {
    /// Largest response head accepted, in bytes.
    static let maxHeadBytes = 64 * 1024

    /// Builds the complete request bytes for a connection and sequence number.
    let makeRequest: @Sendable (_ connection: Int, _ sequence: Int) -> [UInt8]
    /// Responses with this status are successes; others count as failed.
    let expectedStatus: Int
    /// A JSON string member of the response body returned as the
    /// acknowledged id, for example "case_id"; nil reads none.
    let acknowledgedField: String?

    func request(connection: Int, sequence: Int) -> [UInt8] {
        makeRequest(connection, sequence)
    }

    func parseResponse(_ bytes: UnsafeRawBufferPointer) throws(LoadError) -> ParsedResponse? {
        guard let headEnd = HTTPExchange.find([13, 10, 13, 10], in: bytes, from: 0) else {
            if bytes.count > HTTPExchange.maxHeadBytes {
                throw LoadError("response head longer than \(HTTPExchange.maxHeadBytes) bytes")
            }
            return nil
        }
        let head = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<headEnd]), as: UTF8.self)
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
            throw LoadError("malformed status line: \(lines[0].prefix(80))")
        }

        var contentLength: Int?
        var closes = statusParts[0] == "HTTP/1.0"
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else {
                continue
            }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces).lowercased()
            if name == "content-length" {
                contentLength = Int(value)
            } else if name == "connection" {
                closes = value.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == "close" }
            }
        }
        guard let contentLength else {
            throw LoadError("response without Content-Length (status \(status))")
        }

        let bodyStart = headEnd + 4
        guard bytes.count >= bodyStart + contentLength else {
            return nil
        }
        let succeeded = status == expectedStatus
        var acknowledged: String?
        if succeeded, let field = acknowledgedField {
            let body = UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<(bodyStart + contentLength)])
            acknowledged = HTTPExchange.jsonString(field, in: body)
            if acknowledged == nil {
                throw LoadError("status \(status) response without \"\(field)\"")
            }
        }
        return ParsedResponse(
            consumed: bodyStart + contentLength, succeeded: succeeded, acknowledgedID: acknowledged,
            closesConnection: closes)
    }

    /// The value of the first `"field": "value"` pair in a JSON text. Enough
    /// for the flat replies the gateway sends; escapes are not decoded.
    static func jsonString(_ field: String, in body: UnsafeRawBufferPointer) -> String? {
        let key = Array("\"\(field)\"".utf8)
        guard let keyAt = find(key, in: body, from: 0) else {
            return nil
        }
        var index = keyAt + key.count
        while index < body.count && (body[index] == UInt8(ascii: " ") || body[index] == UInt8(ascii: ":")) {
            index += 1
        }
        guard index < body.count, body[index] == UInt8(ascii: "\"") else {
            return nil
        }
        let start = index + 1
        guard let end = find([UInt8(ascii: "\"")], in: body, from: start) else {
            return nil
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: body[start..<end]), as: UTF8.self)
    }

    static func find(_ pattern: [UInt8], in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard bytes.count >= pattern.count else {
            return nil
        }
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0] {
                var matches = true
                for offset in 1..<pattern.count where bytes[index + offset] != pattern[offset] {
                    matches = false
                    break
                }
                if matches {
                    return index
                }
            }
            index += 1
        }
        return nil
    }

    /// The bytes of a request with `Host`, and `Content-Length` when there is a body.
    static func encode(
        method: String, path: String, host: String, headers: [(String, String)] = [], body: [UInt8] = []
    ) -> [UInt8] {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\n"
        for (name, value) in headers {
            text += "\(name): \(value)\r\n"
        }
        if !body.isEmpty || method == "POST" {
            text += "Content-Length: \(body.count)\r\n"
        }
        text += "\r\n"
        return Array(text.utf8) + body
    }
}
