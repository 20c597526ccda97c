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
