import Foundation
import Testing
@testable import GatewayService

/// A document `JSONParser` must reject, with the reason and byte offset.
struct InvalidJSON: Sendable, CustomTestStringConvertible {
    var name: String
    var input: [UInt8]
    var kind: JSONParseError.Kind
    var offset: Int

    init(_ name: String, _ text: String, _ kind: JSONParseError.Kind, at offset: Int) {
        self.init(name, Array(text.utf8), kind, at: offset)
    }

    init(_ name: String, _ input: [UInt8], _ kind: JSONParseError.Kind, at offset: Int) {
        self.name = name
        self.input = input
        self.kind = kind
        self.offset = offset
    }

    var testDescription: String { name }
}

/// `[" bytes "]`: a string in an array made of raw bytes, for UTF-8 cases.
private func rawString(_ bytes: [UInt8]) -> [UInt8] {
    Array(#"[""#.utf8) + bytes + Array(#""]"#.utf8)
}

private let utf8ByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

let invalidJSONDocuments: [InvalidJSON] = [
    // Empty input and encodings.
    InvalidJSON("empty", "", .emptyInput, at: 0),
    InvalidJSON("whitespace only", " \n\t\r", .emptyInput, at: 4),
    InvalidJSON("byte order mark only", utf8ByteOrderMark, .emptyInput, at: 3),
    InvalidJSON("two byte order marks", utf8ByteOrderMark + utf8ByteOrderMark + Array("{}".utf8), .unexpectedCharacter("\u{FEFF}"), at: 3),
    InvalidJSON("byte order mark after a space", [0x20] + utf8ByteOrderMark + Array("{}".utf8), .unexpectedCharacter("\u{FEFF}"), at: 1),
    InvalidJSON("UTF-16LE with byte order mark", [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00], .invalidUTF8, at: 0),
    InvalidJSON("UTF-16BE without byte order mark", [0x00, 0x7B, 0x00, 0x7D], .unexpectedCharacter("\u{0}"), at: 0),

    // Structure.
    InvalidJSON("unclosed object", #"{"a":1"#, .unexpectedEnd, at: 6),
    InvalidJSON("unclosed array", "[1,2", .unexpectedEnd, at: 4),
    InvalidJSON("unclosed string", #"{"a":"x"#, .unexpectedEnd, at: 7),
    InvalidJSON("name without value at end", #"{"a":"#, .unexpectedEnd, at: 5),
    InvalidJSON("missing value", #"{"a":}"#, .unexpectedCharacter("}"), at: 5),
    InvalidJSON("missing colon", #"{"a" 1}"#, .unexpectedCharacter("1"), at: 5),
    InvalidJSON("missing comma", #"[1 2]"#, .unexpectedCharacter("2"), at: 3),
    InvalidJSON("single quotes", "{'a':1}", .unexpectedCharacter("'"), at: 1),
    InvalidJSON("unquoted name", "{a:1}", .unexpectedCharacter("a"), at: 1),
    InvalidJSON("number as name", "{1:1}", .unexpectedCharacter("1"), at: 1),
    InvalidJSON("block comment", #"{"a":1/*x*/}"#, .unexpectedCharacter("/"), at: 6),
    InvalidJSON("line comment", "// x\n{}", .unexpectedCharacter("/"), at: 0),
    InvalidJSON("full-width comma", #"{"a":1，"b":2}"#, .unexpectedCharacter("，"), at: 6),
    InvalidJSON("vertical tab as whitespace", "[1,\u{0B}2]", .unexpectedCharacter("\u{0B}"), at: 3),
    InvalidJSON("no-break space as whitespace", "[1,\u{A0}2]", .unexpectedCharacter("\u{A0}"), at: 3),
    InvalidJSON("mismatched brackets", "[1}", .unexpectedCharacter("}"), at: 2),
    InvalidJSON("trailing garbage", #"{"a":1} x"#, .trailingContent, at: 8),
    InvalidJSON("two documents", "{}{}", .trailingContent, at: 2),
    InvalidJSON("extra closing brace", #"{"a":1}}"#, .trailingContent, at: 7),
    InvalidJSON("invalid UTF-8 after the document", Array("{}".utf8) + [0xFF], .trailingContent, at: 2),

    // Commas.
    InvalidJSON("trailing comma in object", #"{"a":1,}"#, .extraComma, at: 6),
    InvalidJSON("trailing comma in array", "[1,]", .extraComma, at: 2),
    InvalidJSON("trailing comma in nested array", #"{"a":[1,]}"#, .extraComma, at: 7),
    InvalidJSON("trailing comma before whitespace", "[1 , ]", .extraComma, at: 3),
    InvalidJSON("leading comma in array", "[,1]", .extraComma, at: 1),
    InvalidJSON("leading comma in object", #"{,"a":1}"#, .extraComma, at: 1),
    InvalidJSON("comma alone in array", "[,]", .extraComma, at: 1),
    InvalidJSON("comma alone in object", "{ , }", .extraComma, at: 2),
    InvalidJSON("double comma in array", "[1,,2]", .extraComma, at: 3),
    InvalidJSON("double comma in object", #"{"a":1,,"b":2}"#, .extraComma, at: 7),

    // Duplicate names.
    InvalidJSON("duplicate name", #"{"a":1,"a":2}"#, .duplicateName("a"), at: 7),
    InvalidJSON("duplicate name with equal values", #"{"a":1,"a":1}"#, .duplicateName("a"), at: 7),
    InvalidJSON("duplicate name set to null first", #"{"a":null,"a":1}"#, .duplicateName("a"), at: 10),
    InvalidJSON("duplicate name after unescaping", #"{"a":1,"\u0061":2}"#, .duplicateName("a"), at: 7),
    InvalidJSON("duplicate name escaped both times", #"{"\n":1,"\u000a":2}"#, .duplicateName("\n"), at: 8),
    InvalidJSON("duplicate canonically equivalent name", "{\"\u{E9}\":1,\"e\u{301}\":2}", .duplicateName("e\u{301}"), at: 8),
    InvalidJSON("duplicate empty name", #"{"":1,"":2}"#, .duplicateName(""), at: 6),
    InvalidJSON("duplicate name in nested object", #"{"x":{"b":1,"b":1}}"#, .duplicateName("b"), at: 12),
    InvalidJSON("duplicate board_code", #"{"board_code":"A","description":"x","board_code":"B"}"#, .duplicateName("board_code"), at: 36),

    // Numbers.
    InvalidJSON("leading zero", "[01]", .leadingZero, at: 1),
    InvalidJSON("negative leading zero", "[-01]", .leadingZero, at: 1),
    InvalidJSON("double zero", "[00]", .leadingZero, at: 1),
    InvalidJSON("leading zero with fraction", "[00.5]", .leadingZero, at: 1),
    InvalidJSON("plus sign", "[+1]", .invalidNumber, at: 1),
    InvalidJSON("leading decimal point", "[.5]", .invalidNumber, at: 1),
    InvalidJSON("trailing decimal point", "[1.]", .invalidNumber, at: 1),
    InvalidJSON("decimal point before exponent", "[1.e5]", .invalidNumber, at: 1),
    InvalidJSON("exponent without digits", "[1e]", .invalidNumber, at: 1),
    InvalidJSON("exponent with sign only", "[1e+]", .invalidNumber, at: 1),
    InvalidJSON("minus alone", "[-]", .invalidNumber, at: 1),
    InvalidJSON("minus at end of input", "-", .invalidNumber, at: 0),
    InvalidJSON("minus before letter", "[-a]", .invalidNumber, at: 1),
    InvalidJSON("double minus", "[--1]", .invalidNumber, at: 1),
    InvalidJSON("hex number", "[0x10]", .unexpectedCharacter("x"), at: 2),
    InvalidJSON("two decimal points", "[1.5.2]", .unexpectedCharacter("."), at: 4),
    InvalidJSON("NaN", "[NaN]", .nonFiniteNumber, at: 1),
    InvalidJSON("Infinity", "[Infinity]", .nonFiniteNumber, at: 1),
    InvalidJSON("negative Infinity", "[-Infinity]", .nonFiniteNumber, at: 1),
    InvalidJSON("exponent beyond Double", "[1e400]", .numberOutOfRange, at: 1),
    InvalidJSON("negative exponent beyond Double", "[-1e400]", .numberOutOfRange, at: 1),
    InvalidJSON("integer beyond Double", "[1" + String(repeating: "0", count: 400) + "]", .numberOutOfRange, at: 1),

    // Literals.
    InvalidJSON("capitalized true", "[True]", .unexpectedCharacter("T"), at: 1),
    InvalidJSON("truncated true", "[tru]", .unexpectedCharacter("]"), at: 4),
    InvalidJSON("null at end of input", "nul", .unexpectedEnd, at: 3),
    InvalidJSON("null with extra letter", "[nulls]", .unexpectedCharacter("s"), at: 5),
    InvalidJSON("undefined", "[undefined]", .unexpectedCharacter("u"), at: 1),

    // Strings: control characters and escapes.
    InvalidJSON("raw tab in string", "[\"a\tb\"]", .controlCharacter, at: 3),
    InvalidJSON("raw line feed in string", "[\"a\nb\"]", .controlCharacter, at: 3),
    InvalidJSON("raw U+001F in string", "[\"\u{1F}\"]", .controlCharacter, at: 2),
    InvalidJSON("raw NUL in string", [0x5B, 0x22, 0x00, 0x22, 0x5D], .controlCharacter, at: 2),
    InvalidJSON("raw control character after an escape", "[\"\\n\u{1}\"]", .controlCharacter, at: 4),
    InvalidJSON("raw control character in a name", "{\"a\u{7}\":1}", .controlCharacter, at: 3),
    InvalidJSON("unknown escape", #"["\x"]"#, .invalidEscape, at: 2),
    InvalidJSON("upper-case U escape", #"["\U0041"]"#, .invalidEscape, at: 2),
    InvalidJSON("escaped single quote", #"["\'"]"#, .invalidEscape, at: 2),
    InvalidJSON("non-hex digit in escape", #"["\u00G0"]"#, .invalidEscape, at: 2),
    InvalidJSON("short escape", #"["\u12"]"#, .invalidEscape, at: 2),
    InvalidJSON("escape at end of input", #"["\u12"#, .unexpectedEnd, at: 6),
    InvalidJSON("backslash at end of input", #"["\"#, .unexpectedEnd, at: 3),
    InvalidJSON("lone high surrogate", #"["\ud800"]"#, .unpairedSurrogate, at: 2),
    InvalidJSON("lone low surrogate", #"["\udc00"]"#, .unpairedSurrogate, at: 2),
    InvalidJSON("high surrogate then letter escape", #"["\ud800\u0041"]"#, .unpairedSurrogate, at: 2),
    InvalidJSON("high surrogate then raw letter", #"["\ud800x"]"#, .unpairedSurrogate, at: 2),
    InvalidJSON("high surrogate then newline escape", #"["\ud800\n"]"#, .unpairedSurrogate, at: 2),
    InvalidJSON("two high surrogates", #"["\udbff\udbff"]"#, .unpairedSurrogate, at: 2),
    InvalidJSON("low then high surrogate", #"["\udc00\ud800"]"#, .unpairedSurrogate, at: 2),
    InvalidJSON("lone surrogate after text", #"["ab\ud83d"]"#, .unpairedSurrogate, at: 4),
    InvalidJSON("bad hex in low surrogate", #"["\ud83d\ude0g"]"#, .invalidEscape, at: 8),

    // Strings: UTF-8.
    InvalidJSON("overlong NUL", rawString([0xC0, 0x80]), .invalidUTF8, at: 2),
    InvalidJSON("overlong slash", rawString([0xC0, 0xAF]), .invalidUTF8, at: 2),
    InvalidJSON("overlong C1 lead", rawString([0xC1, 0xBF]), .invalidUTF8, at: 2),
    InvalidJSON("overlong three bytes", rawString([0xE0, 0x80, 0x80]), .invalidUTF8, at: 2),
    InvalidJSON("overlong U+07FF in three bytes", rawString([0xE0, 0x9F, 0xBF]), .invalidUTF8, at: 2),
    InvalidJSON("overlong four bytes", rawString([0xF0, 0x80, 0x80, 0x80]), .invalidUTF8, at: 2),
    InvalidJSON("overlong U+FFFF in four bytes", rawString([0xF0, 0x8F, 0xBF, 0xBF]), .invalidUTF8, at: 2),
    InvalidJSON("encoded high surrogate", rawString([0xED, 0xA0, 0x80]), .invalidUTF8, at: 2),
    InvalidJSON("encoded low surrogate", rawString([0xED, 0xBF, 0xBF]), .invalidUTF8, at: 2),
    InvalidJSON("encoded surrogate pair (CESU-8)", rawString([0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]), .invalidUTF8, at: 2),
    InvalidJSON("above U+10FFFF", rawString([0xF4, 0x90, 0x80, 0x80]), .invalidUTF8, at: 2),
    InvalidJSON("lead byte F5", rawString([0xF5, 0x80, 0x80, 0x80]), .invalidUTF8, at: 2),
    InvalidJSON("five-byte form", rawString([0xF8, 0x88, 0x80, 0x80, 0x80]), .invalidUTF8, at: 2),
    InvalidJSON("byte FF", rawString([0xFF]), .invalidUTF8, at: 2),
    InvalidJSON("lone continuation byte", rawString([0x80]), .invalidUTF8, at: 2),
    InvalidJSON("continuation byte after ASCII", rawString([0x61, 0xBF]), .invalidUTF8, at: 3),
    InvalidJSON("two-byte lead then ASCII", rawString([0xC3, 0x28]), .invalidUTF8, at: 2),
    InvalidJSON("three-byte sequence cut by the quote", rawString([0xE4, 0xB8]), .invalidUTF8, at: 2),
    InvalidJSON("sequence cut by end of input", [0x22, 0xE4, 0xB8], .invalidUTF8, at: 1),
    InvalidJSON("invalid UTF-8 after an escape", rawString(Array(#"\n"#.utf8) + [0xC0, 0x80]), .invalidUTF8, at: 4),
    InvalidJSON("invalid UTF-8 in a name", Array(#"{""#.utf8) + [0xED, 0xA0, 0x80] + Array(#"":1}"#.utf8), .invalidUTF8, at: 2),
    InvalidJSON("invalid UTF-8 outside strings", Array("[".utf8) + [0xC0, 0x80] + Array("]".utf8), .invalidUTF8, at: 1),
    InvalidJSON("valid non-ASCII outside strings", "[é]", .unexpectedCharacter("é"), at: 1),
]

/// The invalid documents that fail the same way as an object member's
/// value. Cases about the whole input or its start do not carry over.
let nestableInvalidJSONDocuments = invalidJSONDocuments.filter { document in
    switch document.kind {
    case .emptyInput, .trailingContent, .unexpectedEnd: false
    default: !document.input.starts(with: utf8ByteOrderMark) && document.input.first != 0x20
    }
}

@Suite("JSONParser")
struct JSONParserTests {
    static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    static func parseError(_ input: [UInt8]) -> JSONParseError? {
        do {
            _ = try JSONParser.parse(input)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Valid documents

    @Test("valid documents", arguments: [
        ("{}", JSONValue.object([])),
        ("[]", .array([])),
        (" \t\n\r{ \"a\" :\n[ 1 ,\t2 ] }\r\n ", .object([("a", .array([.integer(1), .integer(2)]))])),
        (#"{"z":1,"a":2,"m":3}"#, .object([("z", .integer(1)), ("a", .integer(2)), ("m", .integer(3))])),
        (#"{"a":1,"b":{"a":2}}"#, .object([("a", .integer(1)), ("b", .object([("a", .integer(2))]))])),
        (#"[{"a":1},{"a":2}]"#, .array([.object([("a", .integer(1))]), .object([("a", .integer(2))])])),
        (#"{"":1}"#, .object([("", .integer(1))])),
        (#"{"a":null,"b":[null,true,false]}"#, .object([("a", .null), ("b", .array([.null, .bool(true), .bool(false)]))])),
        (#"{"a":"1","A":1}"#, .object([("a", .string("1")), ("A", .integer(1))])),
        (#""text""#, .string("text")),
        ("\"\u{7F}\"", .string("\u{7F}")),
        ("\"街路 🚧\"", .string("街路 🚧")),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("null", .null),
        ("0", .integer(0)),
        ("-0", .integer(0)),
        ("42", .integer(42)),
        ("-17", .integer(-17)),
        ("9223372036854775807", .integer(Int64.max)),
        ("-9223372036854775808", .integer(Int64.min)),
        ("9223372036854775808", .number(9_223_372_036_854_775_808.0)),
        ("-9223372036854775809", .number(-9_223_372_036_854_775_809.0)),
        ("123456789012345678901234567890", .number(1.2345678901234568e29)),
        ("9007199254740993", .integer(9_007_199_254_740_993)),
        ("9007199254740993.0", .number(9_007_199_254_740_992.0)),
        ("0.5", .number(0.5)),
        ("-0.5", .number(-0.5)),
        ("43.88", .number(43.88)),
        ("0.1", .number(0.1)),
        ("1e2", .number(100)),
        ("1E+2", .number(100)),
        ("1e-2", .number(0.01)),
        ("2.5E-3", .number(0.0025)),
        ("1.0", .number(1)),
        ("1e-400", .number(0)),
        ("1.7976931348623157e308", .number(.greatestFiniteMagnitude)),
        ("4.9e-324", .number(.leastNonzeroMagnitude)),
        // The largest subnormal, written with more digits than it needs.
        ("2.2250738585072011e-308", .number(Double(bitPattern: 0x000F_FFFF_FFFF_FFFF))),
    ])
    func valid(text: String, expected: JSONValue) throws {
        #expect(try Self.parse(text) == expected)
    }

    @Test("negative zero keeps its sign")
    func negativeZero() throws {
        guard case .number(let value) = try Self.parse("-0.0") else {
            Issue.record("-0.0 is not a .number")
            return
        }
        #expect(value == 0)
        #expect(value.sign == .minus)
    }

    @Test("byte order mark is skipped")
    func byteOrderMark() throws {
        let value = try JSONParser.parse(utf8ByteOrderMark + Array(#" {"a":1}"#.utf8))
        #expect(value == .object([("a", .integer(1))]))
    }

    @Test("every escape decodes")
    func escapes() throws {
        #expect(try Self.parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{C}\n\r\t"))
        #expect(try Self.parse(#""\u0041\u00e9\u00E9\u4e2d\uFFFF\u0000""#) == .string("A\u{E9}\u{E9}中\u{FFFF}\u{0}"))
        #expect(try Self.parse(#""\ud83d\ude00\uD83D\uDE00""#) == .string("😀😀"))
        #expect(try Self.parse(#""\ud800\udc00""#) == .string("\u{10000}"))
        #expect(try Self.parse(#""\udbff\udfff""#) == .string("\u{10FFFF}"))
        #expect(try Self.parse(#""\u007f\u0080\u07ff\u0800\ud7ff\ue000""#) == .string("\u{7F}\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}"))
        // Text before, between and after escapes, raw non-ASCII included.
        #expect(try Self.parse(#""abc\ndef街\t路🚧\u0021end""#) == .string("abc\ndef街\t路🚧!end"))
    }

    @Test("escaped and raw strings decode to the same scalars")
    func escapedScalarsExact() throws {
        // String equality is canonical equivalence, so compare scalars to
        // see that "e\u0301" is not normalized to "é".
        guard case .string(let text) = try Self.parse(#""e\u0301""#) else {
            Issue.record("not a string")
            return
        }
        #expect(Array(text.unicodeScalars) == ["e", "\u{301}"])
    }

    @Test("UTF-8 boundary scalars", arguments: [
        "\u{80}", "\u{7FF}", "\u{800}", "\u{FFF}", "\u{1000}", "\u{D7FF}", "\u{E000}", "\u{FFFD}", "\u{FFFF}",
        "\u{10000}", "\u{3FFFF}", "\u{40000}", "\u{FFFFF}", "\u{100000}", "\u{10FFFF}",
    ] as [Unicode.Scalar])
    func utf8Boundaries(scalar: Unicode.Scalar) throws {
        let text = String(scalar)
        let value = try JSONParser.parse(rawString(Array(text.utf8)))
        #expect(value == .array([.string(text)]))
    }

    // MARK: Invalid documents

    @Test("invalid document rejected", arguments: invalidJSONDocuments)
    func invalid(_ document: InvalidJSON) throws {
        let error = try #require(Self.parseError(document.input))
        #expect(error.kind == document.kind)
        #expect(error.offset == document.offset)
    }

    @Test("invalid member value rejected", arguments: nestableInvalidJSONDocuments)
    func invalidNested(_ document: InvalidJSON) throws {
        let prefix = Array(#"{"ok":1,"member":"#.utf8)
        let error = try #require(Self.parseError(prefix + document.input + Array("}".utf8)))
        #expect(error.kind == document.kind)
        #expect(error.offset == prefix.count + document.offset)
    }

    // MARK: Nesting

    @Test("arrays nest up to the limit")
    func arrayDepth() throws {
        let depth = JSONParser.maxDepth
        var expected = JSONValue.array([])
        for _ in 1..<depth {
            expected = .array([expected])
        }
        let atLimit = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(try Self.parse(atLimit) == expected)

        let pastLimit = String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1)
        let error = try #require(Self.parseError(Array(pastLimit.utf8)))
        #expect(error.kind == .nestingTooDeep)
        #expect(error.offset == depth)
    }

    @Test("objects nest up to the limit")
    func objectDepth() throws {
        let depth = JSONParser.maxDepth
        let atLimit = String(repeating: #"{"a":"#, count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
        #expect(throws: Never.self) { try Self.parse(atLimit) }

        let pastLimit = String(repeating: #"{"a":"#, count: depth) + "{}" + String(repeating: "}", count: depth)
        let error = try #require(Self.parseError(Array(pastLimit.utf8)))
        #expect(error.kind == .nestingTooDeep)
        #expect(error.offset == depth * 5)
    }

    @Test("mixed nesting counts arrays and objects alike")
    func mixedDepth() throws {
        let depth = JSONParser.maxDepth
        let pair = #"[{"a":"#
        let atLimit = String(repeating: pair, count: depth / 2) + "1" + String(repeating: "}]", count: depth / 2)
        #expect(throws: Never.self) { try Self.parse(atLimit) }
        let pastLimit = "[" + atLimit + "]"
        #expect(Self.parseError(Array(pastLimit.utf8))?.kind == .nestingTooDeep)
    }

    @Test("very deep input stops at the limit")
    func veryDeep() throws {
        let input = [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)
        let error = try #require(Self.parseError(input))
        #expect(error.kind == .nestingTooDeep)
        #expect(error.offset == JSONParser.maxDepth)
    }

    // MARK: Large input

    @Test("large strings", arguments: [
        String(repeating: "a", count: 60_000),
        String(repeating: "街", count: 20_000),
        String(repeating: "🚧", count: 15_000),
    ])
    func largeString(text: String) throws {
        let value = try Self.parse(#"{"description":""# + text + #""}"#)
        #expect(value == .object([("description", .string(text))]))
    }

    @Test("large string with escapes throughout")
    func largeEscapedString() throws {
        let piece = #"a\n街🚧\u00e9\"\\"#
        let decoded = "a\n街🚧\u{E9}\"\\"
        let value = try Self.parse("\"" + String(repeating: piece, count: 4_000) + "\"")
        #expect(value == .string(String(repeating: decoded, count: 4_000)))
    }

    @Test("many members keep their order")
    func manyMembers() throws {
        let names = (0..<5_000).map { "k\($0)" }
        let text = "{" + names.map { #""\#($0)":0"# }.joined(separator: ",") + "}"
        guard case .object(let members) = try Self.parse(text) else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.0) == names)
    }

    @Test("duplicates found in small and large objects", arguments: [
        (3, 10), (3, 15), (3, 16), (3, 17), (15, 16), (16, 17), (17, 4_999), (0, 4_999),
    ])
    func duplicateAmongMany(original: Int, repeatAt: Int) throws {
        var names = (0..<repeatAt).map { "k\($0)" }
        names.append("k\(original)")
        names += (repeatAt..<(repeatAt + 5)).map { "k\($0)" }
        let text = "{" + names.map { #""\#($0)":0"# }.joined(separator: ",") + "}"
        let error = try #require(Self.parseError(Array(text.utf8)))
        #expect(error.kind == .duplicateName("k\(original)"))
    }

    // MARK: Differential against Foundation

    static let handWrittenDocuments = [
        #"{"board_code":"JV8U7FN7Z52VE9UJ","category_code":"0101","description":"超市后门垃圾堆放","contact_phone":"13912345678","lat":43.88,"lon":125.32}"#,
        #"{"a":[1,-2,3.5,-4.25e2,5E-3,0,-0.0,1e2],"b":{"c":null,"d":true,"e":false}}"#,
        #"  [ "\u00e9\n\t\"\\\/" , "\ud83d\ude00" , "街路" ]  "#,
        #"{"deep":[[[[[[[[[[{"x":[]}]]]]]]]]]]}"#,
        #"{"ints":[9223372036854775807,-9223372036854775808,9007199254740993,1000000000000000]}"#,
        #"{"floats":[0.1,0.2,0.30000000000000004,2.2250738585072014e-308,1.7976931348623157e308,5e-324,123.456e-7]}"#,
        #"{"":"","\u0000":"\u0000","\u001f":"\u007f"}"#,
        #"{"x":"\u2028\u2029<>&"}"#,
        "{\"raw\":\"\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}\"}",
        "\"string at top level\"",
        "12",
        "null",
    ]

    @Test("Foundation agrees on hand-written documents", arguments: handWrittenDocuments)
    func differentialHandWritten(text: String) throws {
        try Self.expectSameAsFoundation(Array(text.utf8))
    }

    @Test("Foundation agrees on random documents")
    func differentialRandom() throws {
        var generator = SplitMix64(seed: 0x5EED_1E10)
        for _ in 0..<400 {
            let value = RandomJSON.value(depth: 0, using: &generator)
            let bytes = value.serializedBytes()
            try Self.expectSameAsFoundation(bytes)
            // The serializer's own output must read back as the same value,
            // except that it writes whole doubles as integers.
            #expect(RandomJSON.sameIgnoringNumberKind(try JSONParser.parse(bytes), value))
        }
    }

    static func expectSameAsFoundation(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ours = try JSONParser.parse(bytes)
        let theirs = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        #expect(
            FoundationJSON.matches(ours, theirs),
            "\(String(decoding: bytes, as: UTF8.self)) parsed as \(ours), Foundation as \(theirs)",
            sourceLocation: sourceLocation)
    }
}

/// Compares a `JSONValue` with what `JSONSerialization` returns.
enum FoundationJSON {
    /// The class Foundation uses for `true` and `false`. On Linux a parsed
    /// `1` also converts with `as? Bool`.
    static let booleanType = type(of: NSNumber(value: true))

    static func matches(_ value: JSONValue, _ foundation: Any) -> Bool {
        switch value {
        case .null:
            return foundation is NSNull
        case .bool(let flag):
            guard let number = foundation as? NSNumber, type(of: number) == booleanType else {
                return false
            }
            return number.boolValue == flag
        case .integer(let integer):
            guard let number = foundation as? NSNumber, type(of: number) != booleanType else {
                return false
            }
            return number.int64Value == integer
        case .number(let double):
            // For literals of 17 or more significant digits Foundation returns
            // an NSDecimalNumber whose doubleValue can be a few units in the
            // last place off (swift-corelibs-foundation, Swift 6.3.1), so
            // such values are compared through their exact decimal text.
            if let decimal = foundation as? NSDecimalNumber {
                return Double(decimal.stringValue) == double
            }
            guard let number = foundation as? NSNumber, type(of: number) != booleanType else {
                return false
            }
            return number.doubleValue == double
        case .string(let text):
            guard let other = foundation as? String else {
                return false
            }
            return Array(other.unicodeScalars) == Array(text.unicodeScalars)
        case .array(let elements):
            guard let others = foundation as? [Any], others.count == elements.count else {
                return false
            }
            return zip(elements, others).allSatisfy { matches($0, $1) }
        case .object(let members):
            guard let others = foundation as? [String: Any], others.count == members.count else {
                return false
            }
            return members.allSatisfy { name, member in
                others[name].map { matches(member, $0) } ?? false
            }
        }
    }
}

/// Random JSON values for the differential test. Names within an object are
/// distinct and contain no combining marks, so no two are canonically equivalent.
enum RandomJSON {
    static let alphabet: [Unicode.Scalar] = [
        "a", "Z", "0", " ", "\"", "\\", "/", "<", "&", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\n", "\t",
        "é", "街", "路", "\u{2028}", "\u{FFFF}", "🚧", "😀", "\u{10FFFF}",
    ]

    static func value(depth: Int, using generator: inout SplitMix64) -> JSONValue {
        let kinds = depth >= 4 ? 5 : 7
        switch Int.random(in: 0..<kinds, using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .integer(Int64.random(in: Int64.min...Int64.max, using: &generator))
        case 3: return .number(finiteDouble(using: &generator))
        case 4: return .string(string(using: &generator))
        case 5:
            let count = Int.random(in: 0...4, using: &generator)
            return .array((0..<count).map { _ in value(depth: depth + 1, using: &generator) })
        default:
            let count = Int.random(in: 0...4, using: &generator)
            return .object((0..<count).map { index in
                (string(using: &generator) + "#\(index)", value(depth: depth + 1, using: &generator))
            })
        }
    }

    static func string(using generator: inout SplitMix64) -> String {
        var text = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...12, using: &generator) {
            text.append(alphabet.randomElement(using: &generator)!)
        }
        return String(text)
    }

    /// Returns a double from random bits, so that every exponent occurs, or
    /// half of the time a short decimal.
    static func finiteDouble(using generator: inout SplitMix64) -> Double {
        if Bool.random(using: &generator) {
            return Double(Int.random(in: -100_000...100_000, using: &generator)) / 100
        }
        while true {
            let value = Double(bitPattern: generator.next())
            if value.isFinite {
                return value
            }
        }
    }

    /// Returns whether the values are equal, counting `.integer(n)` and
    /// `.number(Double(n))` as the same.
    static func sameIgnoringNumberKind(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.integer(let a), .number(let b)), (.number(let b), .integer(let a)):
            return Double(a) == b
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { sameIgnoringNumberKind($0, $1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && sameIgnoringNumberKind($0.1, $1.1) }
        default:
            return left == right
        }
    }
}

/// A small seeded generator, so a failing random case can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
