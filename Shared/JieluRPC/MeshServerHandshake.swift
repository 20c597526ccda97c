import JieluCore
import JieluNet
import Synchronization

/// The server side of `MeshHandshake` on one accepted connection. Confined
/// to the connection's event loop, like its `RPCConnectionHandler`.
///
/// It sends the challenge when created, then `admit` consumes the client's
/// response. A wrong proof, wrong magic bytes or a wrong version get the
/// rejection verdict, and a warning naming the peer address is logged
/// (rate-limited).
///
/// After a wrong proof the connection is closed at once. After bytes that
/// are not a response at all (a client without a secret sending frames) it
/// stays open, dropping input, until the client closes it, or more than
/// `maxDiscardedBytes` arrive, or the idle timeout passes. Closing while such
/// a client still sends would make the kernel answer with a TCP reset, and a
/// reset can discard the challenge and verdict before the client reads them.
///
/// NOTE: a client that connects and sends nothing is closed only by the idle
/// timeout (`ServerLimits.idleTimeoutSeconds`, 60 s by default), so until
/// then an unauthenticated connection takes one of `maxConnections` slots.
final class MeshServerHandshake {
    private enum State {
        case awaitingResponse
        case authenticated
        case rejected
    }

    /// Input dropped after a rejection beyond which the connection is closed.
    static let maxDiscardedBytes = 64 * 1024

    private let secret: MeshSecret
    private let serverNonce: [UInt8]
    private let logger: Logger
    private var state = State.awaitingResponse
    private var discardedBytes = 0

    /// Sends the challenge on `connection`.
    init(secret: MeshSecret, connection: Connection, logger: Logger) {
        self.secret = secret
        self.logger = logger
        serverNonce = MeshHandshake.makeNonce()
        connection.write(MeshHandshake.challenge(serverNonce: serverNonce))
    }

    /// Consumes the handshake bytes at the front of `buffer`.
    ///
    /// Returns true once the client is authenticated; bytes after its
    /// response stay in `buffer` as the first frames. Returns false while the
    /// response is incomplete, leaving it buffered, and after a rejection,
    /// dropping whatever arrives.
    func admit(_ buffer: inout ByteBuffer, connection: Connection) -> Bool {
        switch state {
        case .authenticated:
            return true
        case .rejected:
            discard(&buffer, connection: connection)
            return false
        case .awaitingResponse:
            break
        }

        // Check the magic and version as soon as they arrive, so a client
        // without a secret (whose first bytes are a frame) is turned away at once.
        let prefixLength = min(buffer.readableBytes, 5)
        let expectedPrefix = MeshHandshake.responseMagic + [MeshHandshake.version]
        guard buffer.bytes(at: 0, count: prefixLength) == Array(expectedPrefix[0..<prefixLength]) else {
            reject(
                &buffer, connection: connection, reason: "not a mesh handshake response (client without a mesh secret?)",
                closeNow: false)
            return false
        }
        guard buffer.readableBytes >= MeshHandshake.responseBytes else {
            return false
        }

        let response = buffer.bytes(at: 0, count: MeshHandshake.responseBytes)
        buffer.moveReaderIndex(forwardBy: MeshHandshake.responseBytes)
        let clientNonce = Array(response[5..<(5 + MeshHandshake.nonceBytes)])
        let proof = Array(response[(5 + MeshHandshake.nonceBytes)...])
        let expected = MeshHandshake.clientProof(secret: secret, serverNonce: serverNonce, clientNonce: clientNonce)
        guard HMAC.constantTimeEquals(proof, expected) else {
            reject(&buffer, connection: connection, reason: "wrong proof (different mesh secret)", closeNow: true)
            return false
        }

        state = .authenticated
        connection.write(MeshHandshake.acceptance(secret: secret, serverNonce: serverNonce, clientNonce: clientNonce))
        logger.debug("mesh peer authenticated", ["peer": connection.peerDescription])
        return true
    }

    private func reject(_ buffer: inout ByteBuffer, connection: Connection, reason: String, closeNow: Bool) {
        state = .rejected
        connection.write(MeshHandshake.rejection)
        MeshRejectionLog.shared.report(logger: logger, peer: connection.peerDescription, reason: reason)
        if closeNow {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            connection.close()
        } else {
            discard(&buffer, connection: connection)
        }
    }

    /// Drops the buffered input, closing the connection once too much was dropped.
    private func discard(_ buffer: inout ByteBuffer, connection: Connection) {
        discardedBytes += buffer.readableBytes
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        if discardedBytes > MeshServerHandshake.maxDiscardedBytes {
            connection.close()
        }
    }
}

/// Logs rejected mesh handshakes at warning level, at most one line per
/// second per process, with the count of lines left out since the last one.
/// A scanner or a misconfigured peer retrying in a loop cannot flood the journal.
final class MeshRejectionLog: Sendable {
    static let shared = MeshRejectionLog()
    static let minimumIntervalNanoseconds: UInt64 = 1_000_000_000

    private let state = Mutex<(lastLogged: UInt64?, suppressed: Int)>((nil, 0))

    func report(logger: Logger, peer: String, reason: String) {
        let now = Deadline.monotonicNanoseconds()
        let suppressed = state.withLock { state -> Int? in
            if let last = state.lastLogged, now - last < MeshRejectionLog.minimumIntervalNanoseconds {
                state.suppressed += 1
                return nil
            }
            defer {
                state.lastLogged = now
                state.suppressed = 0
            }
            return state.suppressed
        }
        guard let suppressed else {
            return
        }
        logger.warning(
            "mesh authentication failed, closing connection",
            ["peer": peer, "reason": reason, "suppressed_since_last": suppressed])
    }
}
