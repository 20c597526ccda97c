/// The request line and header fields of one request, validated, with the
/// body framing they imply.
struct HTTPRequestHead {
    /// The delimiting of the body that follows the head.
    enum Framing: Equatable {
        /// No body.
        case none
        /// `Content-Length` bytes, more than zero. The parser checks it against
        /// the body limit. A length with more digits than `Int` can store is `Int.max`.
        case length(Int)
        case chunked
    }

    /// Methods the server implements; any other token gets 501. CONNECT and
    /// TRACE are left out on purpose: this server is no proxy, and TRACE
    /// would echo credentials back to scripts.
    static let supportedMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    /// Fields whose value is one item, so that a second field line could
    /// only be read by picking one of them, and a proxy in front and this
    /// server might pick differently. A request repeating one gets 400
    /// `duplicate_header`, even when the values are equal. Authorization and
    /// Content-Type are singletons in RFC 9110 (§11.6.2, §8.3). Idempotency-Key
    /// and X-Request-Id are single values by convention. Host has its own
    /// check (`duplicate_host`), and Content-Length repeats are allowed when
    /// they agree (RFC 9110 §8.6).
    static let singletonFieldNames = ["Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"]

    var method: String
    var rawTarget: String
    var target: HTTPRequestTarget
    var version: HTTPVersion
    var headers: HTTPHeaders
    var keepAlive: Bool
    var framing: Framing
    /// The client sent `Expect: 100-continue` on an HTTP/1.1 request with a
    /// body and waits for an interim response before sending it.
    var expectsContinue: Bool

    /// Validates the lines of a head: the request line first, then one header
    /// field per line, all without their CRLF.
    ///
    /// Throws the `HTTPParseError` for the first rule broken. Checks that need
    /// every field (Host, repeated singleton fields, Content-Length,
    /// Transfer-Encoding) run after all fields are syntactically valid.
    static func parse(lines: [[UInt8]]) throws(HTTPParseError) -> HTTPRequestHead {
        guard let requestLine = lines.first else {
            throw .invalidRequestLine
        }
        let (method, rawTarget, target, version) = try parseRequestLine(requestLine)

        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            let field = try parseField(line)
            headers.add(name: field.name, value: field.value)
        }

        let hosts = headers.values(for: "Host")
        if hosts.count > 1 {
            throw .duplicateHost
        }
        if hosts.isEmpty && version == .http1_1 {
            throw .missingHost
        }
        try rejectRepeatedSingletons(headers)

        let framing = try parseFraming(headers, version: version)

        let keepAlive: Bool
        if headers.containsToken("close", in: "Connection") {
            keepAlive = false
        } else {
            keepAlive = version == .http1_1 || headers.containsToken("keep-alive", in: "Connection")
        }

        // RFC 9110 §10.1.1: 100-continue is the only expectation defined, and
        // a server must ignore it in an HTTP/1.0 request.
        var expectsContinue = false
        let expectations = headers.values(for: "Expect")
        if !expectations.isEmpty {
            guard expectations.count == 1,
                HTTPSyntax.equalsIgnoringASCIICase(HTTPSyntax.trimmingWhitespace(Substring(expectations[0])), "100-continue")
            else {
                throw .unsupportedExpectation
            }
            expectsContinue = version == .http1_1 && framing != .none
        }

        return HTTPRequestHead(
            method: method, rawTarget: rawTarget, target: target, version: version, headers: headers,
            keepAlive: keepAlive, framing: framing, expectsContinue: expectsContinue)
    }

    /// Splits `method SP request-target SP HTTP-version`, with exactly one
    /// space between the parts, and validates each part.
    private static func parseRequestLine(
        _ line: [UInt8]
    ) throws(HTTPParseError) -> (method: String, rawTarget: String, target: HTTPRequestTarget, version: HTTPVersion) {
        let parts = line.split(separator: HTTPSyntax.space, maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
            throw .invalidRequestLine
        }
        guard HTTPSyntax.isToken(parts[0]) else {
            throw .invalidMethod
        }
        let version = try parseVersion(parts[2])

        let method = String(decoding: parts[0], as: UTF8.self)
        guard supportedMethods.contains(method) else {
            throw .unsupportedMethod
        }

        let target = try HTTPRequestTarget.parse(parts[1], method: method)
        // The target parser admitted ASCII only, so this decoding is exact.
        let rawTarget = String(decoding: parts[1], as: UTF8.self)
        return (method, rawTarget, target, version)
    }

    /// `HTTP/1.1` or `HTTP/1.0`. Any other well-formed `HTTP/x.y` gets 505, and
    /// anything else 400.
    private static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        let text = Array(bytes)
        guard text.count == 8, text.starts(with: "HTTP/".utf8),
            HTTPSyntax.isDigit(text[5]), text[6] == UInt8(ascii: "."), HTTPSyntax.isDigit(text[7])
        else {
            throw .invalidVersion
        }
        switch (text[5], text[7]) {
        case (UInt8(ascii: "1"), UInt8(ascii: "1")): return .http1_1
        case (UInt8(ascii: "1"), UInt8(ascii: "0")): return .http1_0
        default: throw .unsupportedVersion
        }
    }

    /// Splits `field-name ":" OWS field-value OWS`. Used for header fields and
    /// for chunked trailer fields.
    ///
    /// Throws `obsolete_line_folding` for a line starting with whitespace,
    /// `invalid_header_name` for a missing colon or a name that is not a token
    /// (whitespace before the colon included), and `invalid_header_value` for
    /// control characters or bytes that are not UTF-8.
    static func parseField(_ line: [UInt8]) throws(HTTPParseError) -> (name: String, value: String) {
        if let first = line.first, HTTPSyntax.isWhitespace(first) {
            throw .obsoleteLineFolding
        }
        guard let colon = line.firstIndex(of: HTTPSyntax.colon), HTTPSyntax.isToken(line[..<colon]) else {
            throw .invalidHeaderName
        }
        let valueBytes = HTTPSyntax.trimmingWhitespace(line[(colon + 1)...])
        guard valueBytes.allSatisfy(HTTPSyntax.isFieldValueByte),
            let value = String(validating: valueBytes, as: UTF8.self)
        else {
            throw .invalidHeaderValue
        }
        return (String(decoding: line[..<colon], as: UTF8.self), value)
    }

    /// Throws `duplicate_header` at the first field line that repeats one of
    /// `singletonFieldNames`, in any letter case. One pass over the fields,
    /// without allocating; the bit mask limits the list to 64 names.
    private static func rejectRepeatedSingletons(_ headers: HTTPHeaders) throws(HTTPParseError) {
        var seen: UInt64 = 0
        for field in headers.fields {
            for (position, name) in singletonFieldNames.enumerated() where HTTPSyntax.equalsIgnoringASCIICase(field.name, name) {
                let bit: UInt64 = 1 << position
                if seen & bit != 0 {
                    throw .duplicateHeader(name)
                }
                seen |= bit
            }
        }
    }

    /// Decides how the body is delimited (RFC 9112 §6.3), rejecting every
    /// combination that two parsers could read differently.
    private static func parseFraming(_ headers: HTTPHeaders, version: HTTPVersion) throws(HTTPParseError) -> Framing {
        let encodings = headers.values(for: "Transfer-Encoding")
        let lengths = headers.values(for: "Content-Length")

        if !encodings.isEmpty {
            // A front proxy that honours one header while this server honours
            // the other would let a second request hide inside the body.
            guard lengths.isEmpty else {
                throw .ambiguousLength
            }
            guard version == .http1_1 else {
                throw .transferEncodingInHTTP10
            }
            guard encodings.count == 1,
                HTTPSyntax.equalsIgnoringASCIICase(HTTPSyntax.trimmingWhitespace(Substring(encodings[0])), "chunked")
            else {
                throw .unsupportedTransferEncoding
            }
            return .chunked
        }

        guard !lengths.isEmpty else {
            return .none
        }
        let length = try parseContentLength(lengths)
        return length == 0 ? .none : .length(length)
    }

    /// Returns the one length that every `Content-Length` field and list
    /// element agrees on (RFC 9110 §8.6 allows `Content-Length: 42, 42`).
    ///
    /// Throws `invalid_content_length` for an element that is not `1*DIGIT`
    /// (so no sign, space inside or hex) and `conflicting_content_length` when
    /// two elements differ. Elements are compared as digit strings, so values
    /// of any length compare without overflow; one too long for `Int` is
    /// returned as `Int.max`.
    private static func parseContentLength(_ values: [String]) throws(HTTPParseError) -> Int {
        var agreed: Substring?
        for value in values {
            for element in value.split(separator: ",", omittingEmptySubsequences: false) {
                let digits = HTTPSyntax.trimmingWhitespace(element)
                guard !digits.isEmpty, digits.utf8.allSatisfy(HTTPSyntax.isDigit) else {
                    throw .invalidContentLength
                }
                var significant = digits.drop { $0 == "0" }
                if significant.isEmpty {
                    significant = "0"
                }
                if let agreed, agreed != significant {
                    throw .conflictingContentLength
                }
                agreed = significant
            }
        }
        guard let agreed else {
            throw .invalidContentLength
        }
        // 18 digits always fit in Int.
        guard agreed.count <= 18, let length = Int(agreed) else {
            return Int.max
        }
        return length
    }
}
