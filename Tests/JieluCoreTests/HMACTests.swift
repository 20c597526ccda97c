import JieluCore
import Testing

@Suite("HMAC-SHA256")
struct HMACTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func repeated(_ byte: UInt8, _ count: Int) -> [UInt8] { [UInt8](repeating: byte, count: count) }

    /// RFC 4231 section 4, test cases 1–4, 6 and 7 (case 5 truncates; see below).
    static let vectors: [(name: String, key: [UInt8], data: [UInt8], tag: String)] = [
        ("case 1", repeated(0x0b, 20), bytes("Hi There"),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        ("case 2", bytes("Jefe"), bytes("what do ya want for nothing?"),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ("case 3", repeated(0xaa, 20), repeated(0xdd, 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        ("case 4", Array(1...25), repeated(0xcd, 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        ("case 6", repeated(0xaa, 131), bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ("case 7", repeated(0xaa, 131),
         bytes("This is a test using a larger than block-size key and a larger than block-size data. "
             + "The key needs to be hashed before being used by the HMAC algorithm."),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test("RFC 4231 vectors", arguments: vectors.indices)
    func rfc4231(index: Int) {
        let vector = Self.vectors[index]
        #expect(SHA256.hex(HMAC.sha256(key: vector.key, message: vector.data)) == vector.tag, "\(vector.name)")
    }

    @Test func rfc4231TruncatedCase5() {
        let tag = HMAC.sha256(key: Self.repeated(0x0c, 20), message: Self.bytes("Test With Truncation"))
        #expect(SHA256.hex(Array(tag.prefix(16))) == "a3b6167473100ee06e0c796c2955552b")
    }

    @Test func keyOfExactlyOneBlockIsNotHashed() {
        // A 64-byte key is used as is; hashing it would give a different tag.
        let key = Self.repeated(0x11, 64)
        let hashedKey = SHA256.hash(key)
        #expect(HMAC.sha256(key: key, message: Self.bytes("x")) != HMAC.sha256(key: hashedKey, message: Self.bytes("x")))
        #expect(HMAC.sha256(key: key, message: Self.bytes("x")).count == HMAC.tagBytes)
    }

    @Test func emptyKeyAndMessage() {
        #expect(SHA256.hex(HMAC.sha256(key: [], message: []))
            == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test("constant-time comparison", arguments: [
        ([1, 2, 3], [1, 2, 3], true),
        ([1, 2, 3], [1, 2, 4], false),
        ([9, 2, 3], [1, 2, 3], false),
        ([1, 2, 3], [1, 2], false),
        ([], [], true),
    ] as [([UInt8], [UInt8], Bool)])
    func comparison(lhs: [UInt8], rhs: [UInt8], equal: Bool) {
        #expect(HMAC.constantTimeEquals(lhs, rhs) == equal)
    }
}
