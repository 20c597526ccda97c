import Testing
@testable import GatewayService

@Suite("JSONValue")
struct JSONValueTests {
    static func text(_ value: JSONValue) -> String {
        String(decoding: value.serializedBytes(), as: UTF8.self)
    }

    @Test("members keep their order")
    func order() {
        let value = JSONValue.object([("z", .integer(1)), ("a", .null), ("m", .array([.bool(true), .string("x")]))])
        #expect(Self.text(value) == #"{"z":1,"a":null,"m":[true,"x"]}"#)
    }

    @Test("strings are escaped", arguments: [
        ("a\"b", #""a\"b""#),
        ("back\\slash", #""back\\slash""#),
        ("line\nbreak\ttab", #""line\nbreak\ttab""#),
        ("</script><b>&", #""\u003c/script\u003e\u003cb\u003e\u0026""#),
        ("\u{01}\u{1F}\u{7F}", #""\u0001\u001f\u007f""#),
        ("\u{2028}\u{2029}", #""\u2028\u2029""#),
        ("街路 🚧", "\"街路 🚧\""),
    ])
    func escaping(input: String, expected: String) {
        #expect(Self.text(.string(input)) == expected)
    }

    @Test("numbers", arguments: [
        (0.6667, "0.6667"), (1.0, "1"), (0.0, "0"), (-2.5, "-2.5"), (10.12, "10.12"), (Double.nan, "null"), (Double.infinity, "null"),
    ])
    func numbers(value: Double, expected: String) {
        #expect(Self.text(.number(value)) == expected)
    }

    @Test("integers are exact")
    func integers() {
        #expect(Self.text(.integer(Int64.max)) == "9223372036854775807")
        #expect(Self.text(.integer(-1)) == "-1")
    }
}

/// The byte-level string writer against the scalar-by-scalar rules it replaced.
@Suite("JSONValue string escaping")
struct JSONStringEscapingTests {
    /// Returns the JSON string the escaping rules give, applied scalar by scalar.
    static func reference(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                output += String(format: "\\u%04x", scalar.value)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += String(format: "\\u%04x", scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    static let samples = [
        "", "plain", "引号\"反斜杠\\", "换行\n回车\r制表\t", "\u{0}\u{1}\u{1F}\u{7F}", "<script>&</script>",
        "\u{2028}行\u{2029}段", "\u{2027}\u{202A}", "€ ₹ 𝄞 👍🏽", "e\u{301}", "\u{E2}\u{80}", "末尾\u{2028}",
    ]

    @Test("tricky strings", arguments: samples)
    func tricky(_ text: String) {
        let written = String(decoding: JSONValue.string(text).serializedBytes(), as: UTF8.self)
        #expect(written == Self.reference(text))
    }

    @Test func randomStrings() {
        var generator = SystemRandomNumberGenerator()
        let pool: [Unicode.Scalar] = ["\"", "\\", "\n", "<", "&", "\u{0}", "\u{7F}", "\u{2028}", "\u{2029}", "a", "中", "\u{E9}", "\u{1F600}", "\u{80}", "\u{2000}"]
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int.random(in: 0...20, using: &generator) {
                text.unicodeScalars.append(pool.randomElement(using: &generator)!)
            }
            let written = String(decoding: JSONValue.string(text).serializedBytes(), as: UTF8.self)
            #expect(written == Self.reference(text), "\(Array(text.unicodeScalars))")
        }
    }
}
