/// A strict RFC 8259 parser from UTF-8 bytes to `JSONValue`, for request bodies.
///
/// It accepts the JSON-text grammar of RFC 8259 and nothing more, and adds
/// these rules, each of which throws a `JSONParseError`:
/// - The input must be well-formed UTF-8 everywhere. Overlong forms,
///   UTF-8-encoded surrogates (U+D800–U+DFFF) and code points above U+10FFFF
///   are rejected. So are UTF-16 and UTF-32 input.
/// - A `\uXXXX` escape of a UTF-16 surrogate must be a high surrogate followed
///   at once by a low one.
/// - Names within one object must be unique after unescaping, so
///   `{"a":1,"\u0061":2}` is rejected. Names are compared with Swift `String`
///   equality, which is canonical equivalence: `"é"` and `"e\u0301"` count as
///   the same name. `JSONBody` looks members up with the same equality, so
///   no lookup can match two members.
/// - A number must fit a finite `Double`. `1e400` is rejected, and `1e-400`
///   reads as 0.
/// - Arrays and objects may nest at most `maxDepth` levels.
///
/// One leading UTF-8 byte order mark is skipped. RFC 8259 §8.1 allows
/// parsers to ignore it, and Foundation's `JSONSerialization` accepted it
/// (swift-corelibs-foundation with Swift 6.3.1), so clients that add one
/// keep working.
///
/// Numbers: a literal without fraction or exponent that fits `Int64` becomes
/// `.integer`, and `-0` becomes `.integer(0)`. Every other number becomes
/// `.number`, read by Swift's `Double(String)`, which rounds correctly.
struct JSONParser {
    /// Maximum nesting of arrays and objects, where `{}` is depth 1. Every request
    /// body of the gateway API is one object of scalars (depth 1), and
    /// members the gateway ignores may nest a little. The limit bounds the
    /// parser's recursion and the containers a hostile body can make the
    /// gateway allocate and validate, whatever the body size limit.
    static let maxDepth = 64

    /// Objects with at least this many members check new names against a
    /// `Set` rather than by a linear scan, so many members cost O(n).
    private static let setLookupThreshold = 16

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    /// Buffer for the unescaped bytes of a string with escapes, reused
    /// between strings.
    private var scratch: [UInt8] = []

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Parses `input`, which must contain exactly one JSON value, optionally
    /// preceded by a UTF-8 byte order mark and surrounded by JSON whitespace.
    ///
    /// Throws `JSONParseError` for the first rule the input breaks, with the
    /// byte offset where it was found.
    static func parse(_ input: [UInt8]) throws(JSONParseError) -> JSONValue {
        try input.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue in
            var parser = JSONParser(bytes: buffer)
            return try parser.parseDocument()
        }
    }

    private mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            index = 3
        }
        skipWhitespace()
        guard index < bytes.count else {
            throw JSONParseError(.emptyInput, offset: index)
        }

        let value = try parseValue(depth: 0)

        skipWhitespace()
        guard index == bytes.count else {
            throw JSONParseError(.trailingContent, offset: index)
        }
        return value
    }

    // MARK: Values

    /// Parses the value at `index`. `depth` is the number of arrays and
    /// objects around it.
    private mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else {
            throw endOfInput()
        }
        switch bytes[index] {
        case ASCII.openBrace:
            return try parseObject(depth: depth + 1)
        case ASCII.openBracket:
            return try parseArray(depth: depth + 1)
        case ASCII.quote:
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case ASCII.minus, ASCII.zero...ASCII.nine:
            return try parseNumber()
        case ASCII.plus, ASCII.dot:
            throw JSONParseError(.invalidNumber, offset: index)
        case UInt8(ascii: "N") where hasPrefix("NaN", at: index), UInt8(ascii: "I") where hasPrefix("Infinity", at: index):
            throw JSONParseError(.nonFiniteNumber, offset: index)
        default:
            throw unexpectedCharacter()
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= Self.maxDepth else {
            throw JSONParseError(.nestingTooDeep, offset: index)
        }
        index += 1
        var members: [(String, JSONValue)] = []
        // Filled once the object reaches `setLookupThreshold` members.
        var names = Set<String>()

        skipWhitespace()
        if index < bytes.count && bytes[index] == ASCII.closeBrace {
            index += 1
            return .object(members)
        }
        if index < bytes.count && bytes[index] == ASCII.comma {
            throw JSONParseError(.extraComma, offset: index)
        }
        // Request bodies have a handful of members, so reserving room for 8
        // saves the reallocations of growing one member at a time.
        members.reserveCapacity(8)

        while true {
            guard index < bytes.count else {
                throw endOfInput()
            }
            guard bytes[index] == ASCII.quote else {
                throw unexpectedCharacter()
            }
            let nameOffset = index
            let name = try parseString()

            let isDuplicate: Bool
            if members.count < Self.setLookupThreshold {
                isDuplicate = members.contains { $0.0 == name }
            } else {
                if names.isEmpty {
                    names.reserveCapacity(members.count * 2)
                    for member in members {
                        names.insert(member.0)
                    }
                }
                isDuplicate = !names.insert(name).inserted
            }
            if isDuplicate {
                throw JSONParseError(.duplicateName(name), offset: nameOffset)
            }

            skipWhitespace()
            try expect(ASCII.colon)
            skipWhitespace()
            members.append((name, try parseValue(depth: depth)))

            skipWhitespace()
            guard index < bytes.count else {
                throw endOfInput()
            }
            switch bytes[index] {
            case ASCII.comma:
                try skipComma(before: ASCII.closeBrace)
            case ASCII.closeBrace:
                index += 1
                return .object(members)
            default:
                throw unexpectedCharacter()
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= Self.maxDepth else {
            throw JSONParseError(.nestingTooDeep, offset: index)
        }
        index += 1
        var elements: [JSONValue] = []

        skipWhitespace()
        if index < bytes.count && bytes[index] == ASCII.closeBracket {
            index += 1
            return .array(elements)
        }
        if index < bytes.count && bytes[index] == ASCII.comma {
            throw JSONParseError(.extraComma, offset: index)
        }

        while true {
            elements.append(try parseValue(depth: depth))

            skipWhitespace()
            guard index < bytes.count else {
                throw endOfInput()
            }
            switch bytes[index] {
            case ASCII.comma:
                try skipComma(before: ASCII.closeBracket)
            case ASCII.closeBracket:
                index += 1
                return .array(elements)
            default:
                throw unexpectedCharacter()
            }
        }
    }

    /// Moves past the comma at `index` and the whitespace after it. Throws
    /// `extraComma` when `closer` or another comma follows.
    private mutating func skipComma(before closer: UInt8) throws(JSONParseError) {
        let comma = index
        index += 1
        skipWhitespace()
        guard index < bytes.count else {
            return
        }
        if bytes[index] == closer {
            throw JSONParseError(.extraComma, offset: comma)
        }
        if bytes[index] == ASCII.comma {
            throw JSONParseError(.extraComma, offset: index)
        }
    }

    /// Moves past `literal`, which must start at `index`.
    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for byte in expected {
            guard index < bytes.count else {
                throw endOfInput()
            }
            guard bytes[index] == byte else {
                throw unexpectedCharacter()
            }
            index += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws(JSONParseError) {
        guard index < bytes.count else {
            throw endOfInput()
        }
        guard bytes[index] == byte else {
            throw unexpectedCharacter()
        }
        index += 1
    }

    // MARK: Strings

    /// Parses the string whose opening quote is at `index`.
    ///
    /// Strings without escapes are decoded straight from the input. The
    /// first backslash moves the work to `parseEscapedString`.
    private mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case ASCII.quote:
                // Every byte in between was checked, so this decoding is exact.
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            case ASCII.backslash:
                return try parseEscapedString(from: start)
            case 0..<0x20:
                throw JSONParseError(.controlCharacter, offset: index)
            case 0..<0x80:
                index += 1
            default:
                index += try utf8SequenceLength()
            }
        }
        throw endOfInput()
    }

    /// Continues a string that started at `start` and has a backslash at
    /// `index`, collecting its unescaped bytes in `scratch`.
    private mutating func parseEscapedString(from start: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case ASCII.quote:
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            case ASCII.backslash:
                try appendEscape()
            case 0..<0x20:
                throw JSONParseError(.controlCharacter, offset: index)
            case 0..<0x80:
                scratch.append(byte)
                index += 1
            default:
                let length = try utf8SequenceLength()
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
                index += length
            }
        }
        throw endOfInput()
    }

    /// Decodes the escape whose backslash is at `index` into `scratch`.
    private mutating func appendEscape() throws(JSONParseError) {
        let escapeStart = index
        guard index + 1 < bytes.count else {
            throw endOfInput()
        }
        let letter = bytes[index + 1]
        index += 2

        let simple: UInt8
        switch letter {
        case ASCII.quote: simple = ASCII.quote
        case ASCII.backslash: simple = ASCII.backslash
        case UInt8(ascii: "/"): simple = UInt8(ascii: "/")
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            appendUTF8(try readEscapedScalar(escapeStart: escapeStart))
            return
        default:
            throw JSONParseError(.invalidEscape, offset: escapeStart)
        }
        scratch.append(simple)
    }

    /// Reads the four hex digits after `\u` at `index`, and for a high
    /// surrogate also the `\uXXXX` low surrogate that must follow it.
    private mutating func readEscapedScalar(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        let unit = try readHexDigits(escapeStart: escapeStart)
        switch unit {
        case 0xD800...0xDBFF:
            guard index + 1 < bytes.count, bytes[index] == ASCII.backslash, bytes[index + 1] == UInt8(ascii: "u") else {
                throw JSONParseError(.unpairedSurrogate, offset: escapeStart)
            }
            index += 2
            let low = try readHexDigits(escapeStart: index - 2)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw JSONParseError(.unpairedSurrogate, offset: escapeStart)
            }
            return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        case 0xDC00...0xDFFF:
            throw JSONParseError(.unpairedSurrogate, offset: escapeStart)
        default:
            return unit
        }
    }

    private mutating func readHexDigits(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else {
            throw endOfInput()
        }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case ASCII.zero...ASCII.nine: digit = byte - ASCII.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONParseError(.invalidEscape, offset: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// Appends the UTF-8 encoding of `scalar`, a code point that is not a surrogate.
    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(0xC0 | UInt8(scalar >> 6))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(0xE0 | UInt8(scalar >> 12))
            scratch.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        default:
            scratch.append(0xF0 | UInt8(scalar >> 18))
            scratch.append(0x80 | UInt8((scalar >> 12) & 0x3F))
            scratch.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        }
    }

    // MARK: Numbers

    /// Parses the number that starts at `index` with `-` or a digit:
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        let negative = bytes[index] == ASCII.minus
        if negative {
            index += 1
        }

        let integerStart = index
        guard index < bytes.count else {
            throw JSONParseError(.invalidNumber, offset: start)
        }
        if bytes[index] == ASCII.zero {
            index += 1
            if index < bytes.count && ASCII.isDigit(bytes[index]) {
                throw JSONParseError(.leadingZero, offset: start)
            }
        } else if ASCII.isDigit(bytes[index]) {
            skipDigits()
        } else if hasPrefix("Infinity", at: index) {
            throw JSONParseError(.nonFiniteNumber, offset: start)
        } else {
            throw JSONParseError(.invalidNumber, offset: start)
        }
        let integerEnd = index

        var isInteger = true
        if index < bytes.count && bytes[index] == ASCII.dot {
            index += 1
            guard skipDigits() > 0 else {
                throw JSONParseError(.invalidNumber, offset: start)
            }
            isInteger = false
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < bytes.count && (bytes[index] == ASCII.plus || bytes[index] == ASCII.minus) {
                index += 1
            }
            guard skipDigits() > 0 else {
                throw JSONParseError(.invalidNumber, offset: start)
            }
            isInteger = false
        }

        if isInteger, let value = integerValue(digits: integerStart..<integerEnd, negative: negative) {
            return .integer(value)
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(literal), value.isFinite else {
            throw JSONParseError(.numberOutOfRange, offset: start)
        }
        return .number(value)
    }

    /// Moves past ASCII digits and returns how many there were.
    @discardableResult
    private mutating func skipDigits() -> Int {
        let start = index
        while index < bytes.count && ASCII.isDigit(bytes[index]) {
            index += 1
        }
        return index - start
    }

    /// Returns the value of the decimal digits in `range`, or nil when it
    /// does not fit `Int64`.
    private func integerValue(digits range: Range<Int>, negative: Bool) -> Int64? {
        var magnitude: UInt64 = 0
        for position in range {
            let (shifted, shiftOverflow) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, sumOverflow) = shifted.addingReportingOverflow(UInt64(bytes[position] - ASCII.zero))
            if shiftOverflow || sumOverflow {
                return nil
            }
            magnitude = sum
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else {
                return nil
            }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else {
            return nil
        }
        return Int64(magnitude)
    }

    // MARK: Bytes

    /// JSON whitespace: space, tab, line feed and carriage return only.
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case ASCII.space, ASCII.tab, ASCII.lineFeed, ASCII.carriageReturn:
                index += 1
            default:
                return
            }
        }
    }

    private func hasPrefix(_ literal: StaticString, at position: Int) -> Bool {
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        guard position + expected.count <= bytes.count else {
            return false
        }
        return expected.indices.allSatisfy { bytes[position + $0] == expected[$0] }
    }

    /// Returns the length of the well-formed UTF-8 sequence at `index`,
    /// whose first byte is not ASCII.
    ///
    /// Throws `invalidUTF8` for an ill-formed or truncated sequence, using
    /// the well-formed byte ranges of the Unicode Standard. They leave out overlong
    /// forms (C0, C1, E0 80–9F, F0 80–8F), surrogates (ED A0–BF) and code
    /// points above U+10FFFF (F4 90–BF, F5–FF).
    private func utf8SequenceLength() throws(JSONParseError) -> Int {
        let lead = bytes[index]
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF:
            length = 2
        case 0xE0:
            length = 3
            lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF:
            length = 3
        case 0xED:
            length = 3
            upper = 0x9F
        case 0xF0:
            length = 4
            lower = 0x90
        case 0xF1...0xF3:
            length = 4
        case 0xF4:
            length = 4
            upper = 0x8F
        default:
            throw JSONParseError(.invalidUTF8, offset: index)
        }
        guard index + length <= bytes.count, (lower...upper).contains(bytes[index + 1]) else {
            throw JSONParseError(.invalidUTF8, offset: index)
        }
        for position in (index + 2)..<(index + length) where bytes[position] & 0xC0 != 0x80 {
            throw JSONParseError(.invalidUTF8, offset: index)
        }
        return length
    }

    /// Returns the error for the byte at `index`, which the grammar does not
    /// allow there: `unexpectedCharacter` with the character it starts, or
    /// `invalidUTF8` when it starts no well-formed UTF-8 sequence.
    private func unexpectedCharacter() -> JSONParseError {
        let byte = bytes[index]
        if byte < 0x80 {
            return JSONParseError(.unexpectedCharacter(Unicode.Scalar(byte)), offset: index)
        }
        let length: Int
        do {
            length = try utf8SequenceLength()
        } catch {
            return error
        }
        let sequence = UnsafeBufferPointer(rebasing: bytes[index..<(index + length)])
        let scalar = String(decoding: sequence, as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
        return JSONParseError(.unexpectedCharacter(scalar), offset: index)
    }

    private func endOfInput() -> JSONParseError {
        JSONParseError(.unexpectedEnd, offset: bytes.count)
    }
}

/// The ASCII bytes of the JSON grammar.
private enum ASCII {
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let plus = UInt8(ascii: "+")
    static let comma = UInt8(ascii: ",")
    static let minus = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let colon = UInt8(ascii: ":")
    static let openBracket = UInt8(ascii: "[")
    static let backslash = UInt8(ascii: "\\")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= zero && byte <= nine
    }
}
