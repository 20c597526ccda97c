/// The decoded parts of an origin-form request target (`/path?query`).
///
/// Only origin-form is accepted, plus `*` for `OPTIONS`. Absolute-form
/// (`http://host/path`) is what clients send to proxies, and this server is
/// never one, so it is rejected instead of being reconciled with `Host`.
struct HTTPRequestTarget: Equatable {
    var path: String
    var query: [String: String]

    /// Validates and decodes `bytes`, the target as received.
    ///
    /// Throws `invalid_target` for a target that is not origin-form, contains a
    /// byte RFC 3986 does not allow, or has a `%` without two hex digits.
    /// Throws `invalid_path_encoding` when the decoded path is not UTF-8 or
    /// contains NUL, and `invalid_query` when a decoded query name or value is.
    static func parse(_ bytes: ArraySlice<UInt8>, method: String) throws(HTTPParseError) -> HTTPRequestTarget {
        if bytes.elementsEqual("*".utf8) {
            guard method == "OPTIONS" else {
                throw .invalidTarget
            }
            return HTTPRequestTarget(path: "*", query: [:])
        }
        guard bytes.first == HTTPSyntax.slash else {
            throw .invalidTarget
        }
        guard bytes.allSatisfy(HTTPSyntax.isTargetByte), PercentEncoding.hasValidEscapes(bytes) else {
            throw .invalidTarget
        }

        let questionMark = bytes.firstIndex(of: HTTPSyntax.questionMark) ?? bytes.endIndex
        let pathBytes = bytes[bytes.startIndex..<questionMark]
        guard let path = PercentEncoding.decodeText(pathBytes, plusAsSpace: false) else {
            throw .invalidPathEncoding
        }

        var query: [String: String] = [:]
        if questionMark < bytes.endIndex {
            guard let fields = PercentEncoding.decodeForm(bytes[(questionMark + 1)...]) else {
                throw .invalidQuery
            }
            query = fields
        }
        return HTTPRequestTarget(path: path, query: query)
    }
}

/// Percent-decoding (RFC 3986 §2.1) and `application/x-www-form-urlencoded`
/// fields, as used for request paths, query strings and form bodies.
public enum PercentEncoding {
    /// True when every `%` in `bytes` is followed by two hex digits.
    static func hasValidEscapes(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == HTTPSyntax.percent {
                guard index + 2 < bytes.endIndex,
                    HTTPSyntax.hexValue(bytes[index + 1]) != nil, HTTPSyntax.hexValue(bytes[index + 2]) != nil
                else {
                    return false
                }
                index += 3
            } else {
                index += 1
            }
        }
        return true
    }

    /// Decodes `%HH` escapes and, when `plusAsSpace` is set, `+` as a space.
    /// Returns nil for a `%` without two hex digits after it.
    public static func decode<Bytes: Collection>(_ bytes: Bytes, plusAsSpace: Bool) -> [UInt8]? where Bytes.Element == UInt8 {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case HTTPSyntax.percent:
                guard let high = iterator.next().flatMap(HTTPSyntax.hexValue),
                    let low = iterator.next().flatMap(HTTPSyntax.hexValue)
                else {
                    return nil
                }
                output.append(UInt8(high * 16 + low))
            case HTTPSyntax.plus where plusAsSpace:
                output.append(HTTPSyntax.space)
            default:
                output.append(byte)
            }
        }
        return output
    }

    /// Decodes `bytes` to text. Returns nil when an escape is malformed, the
    /// result is not valid UTF-8, or it contains NUL (which C-based code
    /// further along could read as the end of the string).
    public static func decodeText<Bytes: Collection>(_ bytes: Bytes, plusAsSpace: Bool) -> String? where Bytes.Element == UInt8 {
        guard let decoded = decode(bytes, plusAsSpace: plusAsSpace), !decoded.contains(0) else {
            return nil
        }
        return String(validating: decoded, as: UTF8.self)
    }

    /// Decodes `name=value&name=value` with `+` as a space. A piece without
    /// `=` has an empty value, empty pieces and empty names are skipped, and
    /// when a name repeats the first value wins. Returns nil when any name or
    /// value fails `decodeText`.
    public static func decodeForm<Bytes: Collection>(_ bytes: Bytes) -> [String: String]? where Bytes.Element == UInt8 {
        var fields: [String: String] = [:]
        for piece in bytes.split(separator: HTTPSyntax.ampersand, omittingEmptySubsequences: true) {
            let equals = piece.firstIndex(of: HTTPSyntax.equalsSign) ?? piece.endIndex
            guard let name = decodeText(piece[piece.startIndex..<equals], plusAsSpace: true) else {
                return nil
            }
            var value = ""
            if equals < piece.endIndex {
                guard let decoded = decodeText(piece[piece.index(after: equals)...], plusAsSpace: true) else {
                    return nil
                }
                value = decoded
            }
            if name.isEmpty || fields[name] != nil {
                continue
            }
            fields[name] = value
        }
        return fields
    }

    /// `text` with every byte except RFC 3986 unreserved characters
    /// (letters, digits, `-`, `.`, `_`, `~`) written as `%HH`, so it can be
    /// used as one path segment or one query name or value.
    public static func encodeComponent(_ text: String) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.append(byte)
            default:
                output.append(contentsOf: [HTTPSyntax.percent, digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
