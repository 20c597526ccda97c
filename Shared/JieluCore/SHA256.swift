/// SHA-256 (FIPS 180-4). The toolchain has no crypto library on Linux, and
/// access tokens only need a one-way hash of 256 random bits, so a plain
/// implementation is enough; it is checked against the FIPS test vectors.
public enum SHA256 {
    fileprivate static let roundConstants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    private static let initialState: [UInt32] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ]

    /// The 32-byte digest of `bytes`.
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var hasher = Hasher()
        hasher.update(Array(bytes))
        return hasher.finalize()
    }

    /// A digest computed over input given in parts, so a large file can be
    /// hashed without holding all of it in memory. `finalize` ends its use.
    public struct Hasher: Sendable {
        private var state = SHA256.initialState
        /// Input bytes not yet compressed; always fewer than 64.
        private var pending: [UInt8] = []
        private var byteCount: UInt64 = 0
        private var schedule = [UInt32](repeating: 0, count: 64)

        public init() {
            pending.reserveCapacity(64)
        }

        /// Adds `bytes` to the input.
        public mutating func update(_ bytes: [UInt8]) {
            byteCount &+= UInt64(bytes.count)
            var offset = 0
            if !pending.isEmpty {
                let taken = min(64 - pending.count, bytes.count)
                pending.append(contentsOf: bytes[0..<taken])
                offset = taken
                if pending.count == 64 {
                    compress(pending[...])
                    pending.removeAll(keepingCapacity: true)
                }
            }
            while bytes.count - offset >= 64 {
                compress(bytes[offset..<(offset + 64)])
                offset += 64
            }
            pending.append(contentsOf: bytes[offset...])
        }

        /// Pads the input and returns the 32-byte digest.
        public mutating func finalize() -> [UInt8] {
            let bitLength = byteCount &* 8
            var tail: [UInt8] = [0x80]
            while (pending.count + tail.count) % 64 != 56 {
                tail.append(0)
            }
            for shift in stride(from: 56, through: 0, by: -8) {
                tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
            }
            let message = pending + tail
            for blockStart in stride(from: 0, to: message.count, by: 64) {
                compress(message[blockStart..<(blockStart + 64)])
            }
            pending.removeAll()

            var digest: [UInt8] = []
            digest.reserveCapacity(32)
            for word in state {
                digest.append(contentsOf: [
                    UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8),
                    UInt8(truncatingIfNeeded: word),
                ])
            }
            return digest
        }

        /// Runs the compression function on one 64-byte block.
        private mutating func compress(_ block: ArraySlice<UInt8>) {
            let base = block.startIndex
            for index in 0..<16 {
                let at = base + index * 4
                schedule[index] = UInt32(block[at]) << 24 | UInt32(block[at + 1]) << 16
                    | UInt32(block[at + 2]) << 8 | UInt32(block[at + 3])
            }
            for index in 16..<64 {
                let s0 = rotateRight(schedule[index - 15], 7) ^ rotateRight(schedule[index - 15], 18) ^ (schedule[index - 15] >> 3)
                let s1 = rotateRight(schedule[index - 2], 17) ^ rotateRight(schedule[index - 2], 19) ^ (schedule[index - 2] >> 10)
                schedule[index] = schedule[index - 16] &+ s0 &+ schedule[index - 7] &+ s1
            }

            var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
            for index in 0..<64 {
                let s1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)
                let choice = (e & f) ^ (~e & g)
                let temp1 = h &+ s1 &+ choice &+ roundConstants[index] &+ schedule[index]
                let s0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)
                let majority = (a & b) ^ (a & c) ^ (b & c)
                let temp2 = s0 &+ majority
                (h, g, f, e, d, c, b, a) = (g, f, e, d &+ temp1, c, b, a, temp1 &+ temp2)
            }
            state[0] = state[0] &+ a
            state[1] = state[1] &+ b
            state[2] = state[2] &+ c
            state[3] = state[3] &+ d
            state[4] = state[4] &+ e
            state[5] = state[5] &+ f
            state[6] = state[6] &+ g
            state[7] = state[7] &+ h
        }
    }

    /// Lower-case hexadecimal digest of the UTF-8 bytes of `text`.
    public static func hexDigest(_ text: String) -> String {
        hex(hash(Array(text.utf8)))
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xf)])
        }
        return text
    }

    fileprivate static func rotateRight(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value >> count) | (value << (32 - count))
    }
}
