import JieluCore
import Testing

@Suite("SHA256 streaming")
struct SHA256HasherTests {
    /// Input split at every interesting offset: inside a block, at the block
    /// boundary, around the 55/56-byte padding edge, and into several blocks.
    @Test("parts give the one-shot digest", arguments: [0, 1, 55, 56, 63, 64, 65, 127, 128, 200])
    func splitInput(splitAt: Int) {
        let input = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var hasher = SHA256.Hasher()
        hasher.update(Array(input[0..<splitAt]))
        hasher.update([])
        hasher.update(Array(input[splitAt...]))
        #expect(hasher.finalize() == SHA256.hash(input))
    }

    @Test func millionAInChunksOf1000() {
        var hasher = SHA256.Hasher()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 {
            hasher.update(chunk)
        }
        #expect(SHA256.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("lengths around the padding edge", arguments: [55, 56, 57, 64])
    func paddingEdges(length: Int) {
        // Digests of `length` bytes of 0x61 ('a'), from Python's hashlib.
        let expected = [
            55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            57: "f13b2d724659eb3bf47f2dd6af1accc87b81f09f59f2b75e5c0bed6589dfe8c6",
            64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
        ]
        #expect(SHA256.hex(SHA256.hash([UInt8](repeating: 0x61, count: length))) == expected[length])
    }
}
