/// One field as it appears on the protobuf wire.
struct WireField: Equatable {
    enum Payload: Equatable {
        case varint(UInt64)
        case fixed64(UInt64)
        case lengthDelimited([UInt8])
        case fixed32(UInt32)
    }

    let number: Int
    let payload: Payload
}

struct WireReaderError: Error, CustomStringConvertible {
    let description: String
}

/// A minimal protobuf wire reader, written independently of libprotobuf-c so the
/// tests can check field numbers and encodings of what the conversions produce.
enum WireReader {
    /// Splits `bytes` into the top-level fields, in wire order. Nested messages
    /// stay `.lengthDelimited`. Throws on truncated input and on group wire types.
    static func fields(_ bytes: [UInt8]) throws -> [WireField] {
        var fields: [WireField] = []
        var offset = 0
        while offset < bytes.count {
            let key = try varint(bytes, &offset)
            let number = Int(key >> 3)
            switch key & 7 {
            case 0:
                fields.append(WireField(number: number, payload: .varint(try varint(bytes, &offset))))
            case 1:
                fields.append(WireField(number: number, payload: .fixed64(try fixed(bytes, &offset, width: 8))))
            case 2:
                let length = Int(try varint(bytes, &offset))
                guard length <= bytes.count - offset else {
                    throw WireReaderError(description: "length \(length) at offset \(offset) runs past the end")
                }
                fields.append(WireField(number: number, payload: .lengthDelimited(Array(bytes[offset..<offset + length]))))
                offset += length
            case 5:
                fields.append(WireField(number: number, payload: .fixed32(UInt32(try fixed(bytes, &offset, width: 4)))))
            default:
                throw WireReaderError(description: "unsupported wire type \(key & 7) for field \(number)")
            }
        }
        return fields
    }

    private static func varint(_ bytes: [UInt8], _ offset: inout Int) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count && shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                return value
            }
            shift += 7
        }
        throw WireReaderError(description: "truncated or overlong varint before offset \(offset)")
    }

    private static func fixed(_ bytes: [UInt8], _ offset: inout Int, width: Int) throws -> UInt64 {
        guard width <= bytes.count - offset else {
            throw WireReaderError(description: "truncated fixed\(width * 8) at offset \(offset)")
        }
        var value: UInt64 = 0
        for index in 0..<width {
            value |= UInt64(bytes[offset + index]) << (8 * UInt64(index))
        }
        offset += width
        return value
    }
}
