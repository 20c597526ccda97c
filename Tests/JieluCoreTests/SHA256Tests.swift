import JieluCore
import Testing

@Suite("SHA256")
struct SHA256Tests {
    @Test("FIPS 180-4 vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func vectors(input: String, expected: String) {
        #expect(SHA256.hexDigest(input) == expected)
    }

    @Test func millionA() {
        let digest = SHA256.hex(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)))
        #expect(digest == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite("Phone masking")
struct PhoneMaskTests {
    @Test("masks the middle digits", arguments: [
        ("13812345678", "138****5678"),
        ("", ""),
        ("12345", "*****"),
        ("0431-88888888", "043******8888"),
        ("8123-4567", "******567"),
        ("123-456", "*******"),
    ])
    func masks(phone: String, expected: String) {
        #expect(maskPhone(phone) == expected)
    }
}

@Suite("Wall clock")
struct WallClockTests {
    @Test func iso8601UsesDistrictOffset() {
        #expect(WallClock.iso8601(0) == "1970-01-01T08:00:00+08:00")
        #expect(WallClock.iso8601(1_796_400_000_000) == "2026-12-05T00:00:00+08:00")
    }
}

@Suite("Free text")
struct FreeTextTests {
    @Test("blank detection", arguments: [("", true), ("  \n", true), ("\u{FEFF}\u{200B}", true), ("街", false), ("a\u{200B}", false)])
    func blank(text: String, expected: Bool) {
        #expect(FreeText.isBlank(text) == expected)
    }

    @Test("control characters", arguments: [("a\u{7}b", true), ("a\u{0}b", true), ("第一行\n第二行\t", false), ("普通文字", false)])
    func controls(text: String, expected: Bool) {
        #expect(FreeText.hasControlCharacters(text) == expected)
    }
}
