import JieluRPC

/// An `AcceptCasesRequest` put together from `AcceptCaseRequest` encodings
/// as they are stored in the outbox, without decoding them.
///
/// A repeated message field is, on the wire, each element's key byte, its
/// length as a varint and its bytes, one after another. `cases` is field 1
/// with wire type 2 (length-delimited), so its key byte is 0x0A.
struct EncodedCaseBatch: ProtoMessage {
    private let bytes: [UInt8]

    /// - Parameter cases: encoded `AcceptCaseRequest` messages, in order.
    init(_ cases: [[UInt8]]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(cases.reduce(0) { $0 + $1.count + 6 })
        for encoded in cases {
            bytes.append(0x0A)
            var length = UInt64(encoded.count)
            while length >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: length) | 0x80)
                length >>= 7
            }
            bytes.append(UInt8(length))
            bytes.append(contentsOf: encoded)
        }
        self.bytes = bytes
    }

    init(serializedBytes: [UInt8]) {
        bytes = serializedBytes
    }

    func serializedBytes() -> [UInt8] {
        bytes
    }
}
