/// HMAC-SHA256 (RFC 2104 with SHA-256), built on `SHA256`, and a
/// constant-time comparison for checking a received tag.
///
/// Checked against the test vectors of RFC 4231. The mesh handshake uses it
/// to prove knowledge of the shared secret without sending it.
public enum HMAC {
    /// SHA-256's block size; keys longer than this are hashed first.
    public static let blockBytes = 64
    /// Length of an HMAC-SHA256 tag.
    public static let tagBytes = 32

    /// Returns the 32-byte HMAC-SHA256 tag of `message` under `key`. Any key length
    /// is accepted; a key longer than 64 bytes is replaced by its SHA-256
    /// digest, as RFC 2104 specifies.
    public static func sha256<Key: Sequence, Message: Sequence>(key: Key, message: Message) -> [UInt8]
    where Key.Element == UInt8, Message.Element == UInt8 {
        var block = Array(key)
        if block.count > blockBytes {
            block = SHA256.hash(block)
        }
        block += [UInt8](repeating: 0, count: blockBytes - block.count)

        let innerPad = block.map { $0 ^ 0x36 }
        let outerPad = block.map { $0 ^ 0x5c }
        let inner = SHA256.hash(innerPad + Array(message))
        return SHA256.hash(outerPad + inner)
    }

    /// Returns true when `lhs` and `rhs` contain the same bytes. The time taken depends
    /// only on the lengths, not on where the first difference is, so a peer
    /// cannot learn a correct tag byte by byte from response times.
    public static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else {
            return false
        }
        var difference: UInt8 = 0
        for index in 0..<lhs.count {
            difference |= lhs[index] ^ rhs[index]
        }
        return difference == 0
    }
}
