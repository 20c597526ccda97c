import Foundation
import JieluCore

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
        // Parsed on bytes: the load generator shares the cores with the servers it measures.
        let head = UnsafeRawBufferPointer(rebasing: bytes[0..<headEnd])
        let statusLineEnd = HTTPExchange.find([13, 10], in: head, from: 0) ?? head.count
        let statusLine = UnsafeRawBufferPointer(rebasing: head[0..<statusLineEnd])
        guard let status = HTTPExchange.statusCode(statusLine) else {
            throw LoadError("malformed status line: \(String(decoding: statusLine.prefix(80), as: UTF8.self))")
        }

        var contentLength: Int?
        var closes = statusLine.starts(with: Array("HTTP/1.0".utf8))
        var lineStart = statusLineEnd + 2
        while lineStart < head.count {
            let lineEnd = HTTPExchange.find([13, 10], in: head, from: lineStart) ?? head.count
            let line = UnsafeRawBufferPointer(rebasing: head[lineStart..<lineEnd])
            lineStart = lineEnd + 2
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                continue
            }
            let name = UnsafeRawBufferPointer(rebasing: line[0..<colon])
            let value = UnsafeRawBufferPointer(rebasing: line[(colon + 1)...])
            if HTTPExchange.equalsIgnoringCase(name, "content-length") {
                contentLength = HTTPExchange.decimal(value)
            } else if HTTPExchange.equalsIgnoringCase(name, "connection") {
                closes = String(decoding: value, as: UTF8.self).lowercased()
                    .split(separator: ",").contains { $0.trimmingWhitespace() == "close" }
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

    /// Returns the status code of an `HTTP/1.x NNN reason` line, or nil.
    static func statusCode(_ line: UnsafeRawBufferPointer) -> Int? {
        guard line.count >= 12, line.starts(with: Array("HTTP/1.".utf8)), line[8] == UInt8(ascii: " ") else {
            return nil
        }
        return decimal(UnsafeRawBufferPointer(rebasing: line[9..<12]))
    }

    /// Returns the value of ASCII digits with optional surrounding spaces, or nil.
    static func decimal(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var value = 0
        var digits = 0
        for byte in bytes where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 else {
                return nil
            }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    /// Returns whether `bytes` spell `lowercase` in any letter case (ASCII).
    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ lowercase: String) -> Bool {
        let expected = Array(lowercase.utf8)
        guard bytes.count == expected.count else {
            return false
        }
        for (byte, wanted) in zip(bytes, expected) {
            let folded = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            if folded != wanted {
                return false
            }
        }
        return true
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
