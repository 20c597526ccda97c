import JieluCore
import JieluRPC

/// Unary `Health/Check` calls in Jielu's framing: the request frame is
/// encoded once per connection, and every reply is decoded and its status
/// checked, as a real client would.
struct RPCExchange: LoadExchange {
    /// The deadline each request carries, as real callers set one.
    static let callTimeoutMicroseconds: UInt64 = 5_000_000

    let maxFrameBytes = Framing.defaultMaxFrameBytes
    /// The request frame of each connection.
    private let frames: [[UInt8]]

    init(connections: Int) {
        // One call in flight per connection, so the connection number is a unique call id.
        frames = (0..<connections).map { connection in
            Framing.frame(Envelope(
                callID: UInt64(connection + 1), kind: .request, method: HealthMethods.check,
                timeoutMicroseconds: RPCExchange.callTimeoutMicroseconds, payload: HealthCheckRequest().serializedBytes()))
        }
    }

    func request(connection: Int, sequence: Int) -> [UInt8] {
        frames[connection]
    }

    func parseResponse(_ bytes: UnsafeRawBufferPointer) throws(LoadError) -> ParsedResponse? {
        guard bytes.count >= Framing.headerBytes else {
            return nil
        }
        let length = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        guard length <= maxFrameBytes else {
            throw LoadError("reply frame of \(length) bytes is over the limit of \(maxFrameBytes)")
        }
        guard bytes.count >= Framing.headerBytes + length else {
            return nil
        }
        let body = Array(bytes[Framing.headerBytes..<(Framing.headerBytes + length)])
        let reply: Envelope
        do {
            reply = try Envelope(serializedBytes: body)
        } catch {
            throw LoadError("undecodable reply envelope: \(error)")
        }
        let succeeded = reply.kind == .response && (reply.status?.code ?? .ok) == .ok
        return ParsedResponse(consumed: Framing.headerBytes + length, succeeded: succeeded)
    }
}
