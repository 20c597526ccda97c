extension HTTPResponse {
    /// Statuses that can be sent as a final response.
    public static let validStatusRange = 200...599

    /// Header fields that `serialize` writes itself; fields of these names in
    /// `headers` are left out.
    static let framingHeaderNames = ["Content-Length", "Transfer-Encoding", "Connection"]

    /// Encodes the status line, the header fields and, unless `includeBody`
    /// is false (as for HEAD), the body.
    ///
    /// - A status outside `validStatusRange` is written as 500 with an empty
    ///   body, so no malformed or interim status line ever reaches a client.
    /// - `Content-Length` is always written, with the body's length even when
    ///   the body itself is left out. The exceptions are 204 and 304, which
    ///   carry neither body nor `Content-Length` (RFC 9110 §8.6, §15.4.5).
    /// - `Connection: close` is written when `keepAlive` is false, and
    ///   `Connection: keep-alive` when `announceKeepAlive` is set (an HTTP/1.0
    ///   client assumes close without it).
    /// - `Date` is written when `date` is given, replacing any `Date` field.
    /// - A field whose name is not a token, or whose value contains CR, LF or
    ///   another control character except HTAB, is left out, so a value copied
    ///   from a request can never split the response.
    public func serialize(keepAlive: Bool, includeBody: Bool = true, date: String? = nil, announceKeepAlive: Bool = false) -> [UInt8] {
        let validStatus = Self.validStatusRange.contains(status)
        let status = validStatus ? self.status : 500
        let body = validStatus ? self.body : []
        let hasBody = status != 204 && status != 304

        var output: [UInt8] = []
        output.reserveCapacity(128 + headers.count * 32 + (includeBody && hasBody ? body.count : 0))
        output.append(contentsOf: "HTTP/1.1 \(status) \(HTTPResponse.reasonPhrase(for: status))\r\n".utf8)

        if let date {
            appendField(name: "Date", value: date, to: &output)
        }
        for field in headers {
            if Self.framingHeaderNames.contains(where: { HTTPSyntax.equalsIgnoringASCIICase($0, field.name) }) {
                continue
            }
            if date != nil && HTTPSyntax.equalsIgnoringASCIICase(field.name, "Date") {
                continue
            }
            appendField(name: field.name, value: field.value, to: &output)
        }
        if hasBody {
            appendField(name: "Content-Length", value: String(body.count), to: &output)
        }
        if !keepAlive {
            appendField(name: "Connection", value: "close", to: &output)
        } else if announceKeepAlive {
            appendField(name: "Connection", value: "keep-alive", to: &output)
        }
        output.append(contentsOf: [HTTPSyntax.carriageReturn, HTTPSyntax.lineFeed])

        if includeBody && hasBody {
            output.append(contentsOf: body)
        }
        return output
    }

    private func appendField(name: String, value: String, to output: inout [UInt8]) {
        guard HTTPSyntax.isToken(name), value.utf8.allSatisfy(HTTPSyntax.isFieldValueByte) else {
            return
        }
        output.append(contentsOf: name.utf8)
        output.append(contentsOf: [HTTPSyntax.colon, HTTPSyntax.space])
        output.append(contentsOf: value.utf8)
        output.append(contentsOf: [HTTPSyntax.carriageReturn, HTTPSyntax.lineFeed])
    }

    /// Returns the standard reason phrase for `status` (RFC 9110 §15 and
    /// RFC 6585), or an empty string, which RFC 9112 §4 allows, for codes without one.
    public static func reasonPhrase(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 203: "Non-Authoritative Information"
        case 204: "No Content"
        case 205: "Reset Content"
        case 206: "Partial Content"
        case 300: "Multiple Choices"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 402: "Payment Required"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 407: "Proxy Authentication Required"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 416: "Range Not Satisfiable"
        case 417: "Expectation Failed"
        case 421: "Misdirected Request"
        case 422: "Unprocessable Content"
        case 425: "Too Early"
        case 426: "Upgrade Required"
        case 428: "Precondition Required"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 451: "Unavailable For Legal Reasons"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        case 507: "Insufficient Storage"
        case 511: "Network Authentication Required"
        default: ""
        }
    }
}
