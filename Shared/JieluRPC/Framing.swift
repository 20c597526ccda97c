import JieluCore
import JieluNet

/// Length-prefixed framing: a 4-byte big-endian unsigned length, then that
/// many bytes of protobuf `Envelope`.
public enum Framing {
    /// Largest envelope a peer may send unless configured otherwise: 4 MiB.
    public static let defaultMaxFrameBytes = 4 << 20
    public static let headerBytes = 4

    /// Encodes `envelope` as a frame: the length header plus the envelope
    /// bytes, encoded straight into one array.
    public static func frame(_ envelope: Envelope) -> [UInt8] {
        var bytes = envelope.serializedBytes(leadingSpace: headerBytes)
        let length = UInt32(bytes.count - headerBytes)
        bytes[0] = UInt8(length >> 24)
        bytes[1] = UInt8(truncatingIfNeeded: length >> 16)
        bytes[2] = UInt8(truncatingIfNeeded: length >> 8)
        bytes[3] = UInt8(truncatingIfNeeded: length)
        return bytes
    }

    /// Takes one complete frame body off the front of `buffer`.
    ///
    /// Returns nil, consuming nothing, while the frame is incomplete. Throws
    /// `ServiceError` with RESOURCE_EXHAUSTED (reason "frame_too_large") when
    /// the announced length exceeds `maxFrameBytes`; that check happens
    /// before any byte of the body is buffered or allocated for, and the
    /// caller must close the connection because the stream cannot resync.
    public static func nextFrame(from buffer: inout ByteBuffer, maxFrameBytes: Int) throws -> [UInt8]? {
        guard buffer.readableBytes >= headerBytes else {
            return nil
        }
        let length = Int(buffer.byte(at: 0)) << 24 | Int(buffer.byte(at: 1)) << 16
            | Int(buffer.byte(at: 2)) << 8 | Int(buffer.byte(at: 3))
        guard length <= maxFrameBytes else {
            throw ServiceError(
                .resourceExhausted, reason: "frame_too_large",
                message: "帧长度 \(length) 字节超过上限 \(maxFrameBytes) 字节")
        }
        guard buffer.readableBytes >= headerBytes + length else {
            return nil
        }
        let body = buffer.bytes(at: headerBytes, count: length)
        buffer.moveReaderIndex(forwardBy: headerBytes + length)
        return body
    }
}
