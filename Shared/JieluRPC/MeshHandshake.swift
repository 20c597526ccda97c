#if canImport(Glibc)
import Glibc
#endif
import JieluCore
import JieluNet

/// The challenge-response exchange that opens every RPC connection when a
/// mesh secret is configured. Both sides prove they know the secret without
/// sending it, and each proof is bound to fresh random nonces, so a recorded
/// exchange cannot be replayed. docs/protocol.md shows the bytes.
///
/// 1. Server → client, the challenge (37 bytes): `JLMH`, version 1, a
///    32-byte server nonce.
/// 2. Client → server, the response (69 bytes): `JLMC`, version 1, a
///    32-byte client nonce, then HMAC-SHA256(secret, `jielu-mesh-v1 client`
///    ‖ server nonce ‖ client nonce).
/// 3. Server → client, the verdict (37 bytes): `JLMS`, 0 (accepted) or 1
///    (rejected), then HMAC-SHA256(secret, `jielu-mesh-v1 server` ‖ server
///    nonce ‖ client nonce), or 32 zero bytes when rejected.
///
/// Frames follow the verdict. The client checks the server's proof before it
/// sends its first frame, so it never talks to a server without the secret.
/// The handshake authenticates the two ends only: it does not encrypt or
/// sign the frames that follow.
public enum MeshHandshake {
    public static let version: UInt8 = 1
    public static let nonceBytes = 32
    static let challengeMagic = Array("JLMH".utf8)
    static let responseMagic = Array("JLMC".utf8)
    static let verdictMagic = Array("JLMS".utf8)
    /// Magic, version and nonce.
    public static let challengeBytes = 4 + 1 + nonceBytes
    /// Magic, version, nonce and proof.
    public static let responseBytes = 4 + 1 + nonceBytes + HMAC.tagBytes
    /// Magic, status and proof.
    public static let verdictBytes = 4 + 1 + HMAC.tagBytes
    static let accepted: UInt8 = 0
    static let rejected: UInt8 = 1
    static let clientLabel = Array("jielu-mesh-v1 client".utf8)
    static let serverLabel = Array("jielu-mesh-v1 server".utf8)

    // MARK: Messages

    static func challenge(serverNonce: [UInt8]) -> [UInt8] {
        challengeMagic + [version] + serverNonce
    }

    static func response(secret: MeshSecret, serverNonce: [UInt8], clientNonce: [UInt8]) -> [UInt8] {
        responseMagic + [version] + clientNonce
            + clientProof(secret: secret, serverNonce: serverNonce, clientNonce: clientNonce)
    }

    static func acceptance(secret: MeshSecret, serverNonce: [UInt8], clientNonce: [UInt8]) -> [UInt8] {
        verdictMagic + [accepted] + serverProof(secret: secret, serverNonce: serverNonce, clientNonce: clientNonce)
    }

    static let rejection: [UInt8] = verdictMagic + [rejected] + [UInt8](repeating: 0, count: HMAC.tagBytes)

    static func clientProof(secret: MeshSecret, serverNonce: [UInt8], clientNonce: [UInt8]) -> [UInt8] {
        HMAC.sha256(key: secret.bytes, message: clientLabel + serverNonce + clientNonce)
    }

    static func serverProof(secret: MeshSecret, serverNonce: [UInt8], clientNonce: [UInt8]) -> [UInt8] {
        HMAC.sha256(key: secret.bytes, message: serverLabel + serverNonce + clientNonce)
    }

    /// `nonceBytes` bytes from the system's cryptographically secure generator.
    static func makeNonce() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var nonce: [UInt8] = []
        nonce.reserveCapacity(nonceBytes)
        while nonce.count < nonceBytes {
            let word = generator.next() as UInt64
            for shift in stride(from: 0, to: 64, by: 8) {
                nonce.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return nonce
    }

    /// True when `buffer` starts with a challenge. A client without a secret
    /// reads it as the length of a frame far over any limit, so this tells
    /// that case apart from a real oversized frame.
    static func startsWithChallenge(_ buffer: ByteBuffer) -> Bool {
        buffer.readableBytes >= 5 && buffer.bytes(at: 0, count: 5) == challengeMagic + [version]
    }

    // MARK: Client side

    /// Runs the client side on a freshly connected socket.
    ///
    /// Blocks for at most `timeoutSeconds` per read. On return the server has
    /// proved it knows the secret and the socket reads without a timeout
    /// again. The caller closes the socket when this throws.
    ///
    /// - Throws: `MeshHandshakeError` when no valid challenge arrives in time
    ///   (the server may have no secret configured), the server rejects the
    ///   client's proof, or the server's own proof is wrong.
    public static func authenticateClient(
        socket: BlockingSocket, secret: MeshSecret, timeoutSeconds: Double
    ) throws(MeshHandshakeError) {
        socket.setReadTimeout(seconds: max(timeoutSeconds, 0.001))

        let challenge = try readExactly(challengeBytes, from: socket, missing: .noChallenge)
        guard Array(challenge[0..<4]) == challengeMagic, challenge[4] == version else {
            throw .malformedChallenge
        }
        let serverNonce = Array(challenge[5...])
        let clientNonce = makeNonce()
        do {
            try socket.writeAll(response(secret: secret, serverNonce: serverNonce, clientNonce: clientNonce))
        } catch {
            throw .connectionLost("\(error)")
        }

        let verdict = try readExactly(verdictBytes, from: socket, missing: .rejected)
        guard Array(verdict[0..<4]) == verdictMagic else {
            throw .malformedChallenge
        }
        guard verdict[4] == accepted else {
            throw .rejected
        }
        let expected = serverProof(secret: secret, serverNonce: serverNonce, clientNonce: clientNonce)
        guard HMAC.constantTimeEquals(Array(verdict[5...]), expected) else {
            throw .serverProofInvalid
        }
        socket.setReadTimeout(seconds: 0)
    }

    /// Reads exactly `count` bytes. End of stream or a timeout throws `missing`.
    private static func readExactly(
        _ count: Int, from socket: BlockingSocket, missing: MeshHandshakeError
    ) throws(MeshHandshakeError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let chunk: [UInt8]
            do {
                chunk = try socket.read(maxBytes: count - bytes.count)
            } catch let error as SocketError where error.errno == EAGAIN || error.errno == EWOULDBLOCK {
                throw missing
            } catch {
                throw .connectionLost("\(error)")
            }
            if chunk.isEmpty {
                throw missing
            }
            bytes += chunk
        }
        return bytes
    }
}

/// A failure of the client side of the mesh handshake.
public enum MeshHandshakeError: Error, Equatable, CustomStringConvertible {
    /// No challenge within the timeout, or the server closed first. The
    /// server probably has no mesh secret configured.
    case noChallenge
    /// The server's first bytes, or its verdict, are not the handshake format.
    case malformedChallenge
    /// The server did not accept the client's proof: the secrets differ.
    case rejected
    /// The server accepted but its own proof is wrong: it does not know the
    /// secret, so it is not a member of this mesh.
    case serverProofInvalid
    /// The connection failed during the exchange.
    case connectionLost(String)
    /// The server sent a challenge to a client configured without a secret.
    case secretRequired

    public var description: String {
        switch self {
        case .noChallenge: "no mesh challenge from the server (is a mesh secret configured on it?)"
        case .malformedChallenge: "the server's handshake bytes are malformed (is it a Jielu service of this version?)"
        case .rejected: "the server rejected this mesh secret"
        case .serverProofInvalid: "the server's proof is wrong: it does not know the mesh secret"
        case .connectionLost(let detail): "connection lost during the mesh handshake: \(detail)"
        case .secretRequired: "the server requires a mesh secret and this client has none"
        }
    }

    /// Returns the error a call fails with: UNAUTHENTICATED, reason
    /// `mesh_authentication_failed`, with a Chinese message naming the service.
    /// A connection lost mid-handshake fails as UNAVAILABLE instead.
    func serviceError(_ serviceName: String) -> ServiceError {
        let message: String
        switch self {
        case .noChallenge, .malformedChallenge:
            message = "服务 \(serviceName) 没有发起网格认证：请确认它与本程序都配置了同一个网格密钥（mesh-secret-file）"
        case .rejected:
            message = "服务 \(serviceName) 拒绝了本程序的网格密钥：请确认两端的 mesh-secret-file 内容相同"
        case .serverProofInvalid:
            message = "服务 \(serviceName) 未能证明自己持有网格密钥，可能不是本网格的服务：请核对对端地址"
        case .secretRequired:
            message = "服务 \(serviceName) 要求网格认证，本程序未配置网格密钥：请设置 mesh-secret-file"
        case .connectionLost:
            return ServiceError.unavailable(serviceName)
        }
        return ServiceError(.unauthenticated, reason: "mesh_authentication_failed", message: message)
    }
}
