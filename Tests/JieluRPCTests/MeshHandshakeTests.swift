import Foundation
#if canImport(Glibc)
import Glibc
#endif
import JieluCore
import JieluNet
import JieluRPC
import Testing

/// The mesh handshake through a real RPCServer and RPCClient on 127.0.0.1,
/// and byte by byte as docs/protocol.md describes it.
@Suite("Mesh handshake")
struct MeshHandshakeTests {
    static let secretText = "correct horse battery staple 42"
    static let secret = try! MeshSecret(bytes: Array(secretText.utf8))
    static let otherSecret = try! MeshSecret(bytes: Array("a different secret of the mesh".utf8))

    static func securedServer() throws -> TestServer {
        try TestServer { RPCServerConfiguration(address: $0, meshSecret: secret) }
    }

    static func options(_ secret: MeshSecret?) -> RPCClientOptions {
        RPCClientOptions(connectTimeoutSeconds: 0.5, initialBackoffSeconds: 0.01, maxBackoffSeconds: 0.05, meshSecret: secret)
    }

    static func echo(_ client: RPCClient, _ text: String = "hi") throws -> String {
        try client.call(
            TestServer.echo, HealthCheckRequest(service: text), as: HealthCheckResponse.self,
            options: CallOptions(deadline: .after(seconds: 5)), idempotent: true
        ).service
    }

    @Test func sameSecretCallsSucceed() throws {
        let server = try Self.securedServer()
        defer { server.server.drain() }
        let client = server.client(options: Self.options(Self.secret))
        defer { client.close() }

        #expect(try Self.echo(client, "一") == "一")
        #expect(try Self.echo(client, "二") == "二")
        #expect(server.calls.count == 2)
    }

    @Test func differentSecretIsUnauthenticated() throws {
        let server = try Self.securedServer()
        defer { server.server.drain() }
        let client = server.client(options: Self.options(Self.otherSecret))
        defer { client.close() }

        #expect {
            _ = try Self.echo(client)
        } throws: { error in
            let error = error as? ServiceError
            return error?.code == .unauthenticated && error?.reason == "mesh_authentication_failed"
        }
        #expect(server.calls.count == 0)
    }

    @Test func serverWithoutSecretFailsTheClientFast() throws {
        let server = try TestServer()
        defer { server.server.drain() }
        let client = server.client(options: Self.options(Self.secret))
        defer { client.close() }

        let started = Deadline.now()
        #expect {
            _ = try Self.echo(client)
        } throws: { error in
            (error as? ServiceError)?.code == .unauthenticated
        }
        #expect(started.uptimeNanoseconds + 3_000_000_000 > Deadline.now().uptimeNanoseconds)
        #expect(server.calls.count == 0)
    }

    @Test func clientWithoutSecretLearnsOneIsRequired() throws {
        let server = try Self.securedServer()
        defer { server.server.drain() }
        let client = server.client(options: Self.options(nil))
        defer { client.close() }

        #expect {
            _ = try Self.echo(client)
        } throws: { error in
            let error = error as? ServiceError
            return error?.reason == "mesh_authentication_failed" && error?.message.contains("未配置网格密钥") == true
        }
        #expect(server.calls.count == 0)
    }

    @Test func clientWithoutSecretIsRejectedBeforeAnyCall() throws {
        let server = try Self.securedServer()
        defer { server.server.drain() }
        let socket = try BlockingSocket.connect(to: server.address, timeoutSeconds: 2)
        defer { socket.close() }
        socket.setReadTimeout(seconds: 2)

        let challenge = try Self.read(MeshHandshake.challengeBytes, from: socket)
        #expect(Array(challenge[0..<5]) == Array("JLMH".utf8) + [1])
        try socket.writeAll(requestFrame(callID: 1))

        let verdict = try Self.read(MeshHandshake.verdictBytes, from: socket)
        #expect(Array(verdict[0..<5]) == Array("JLMS".utf8) + [1])

        // Further frames are dropped, not answered, and never reach a handler.
        try socket.writeAll(requestFrame(callID: 2))
        socket.setReadTimeout(seconds: 0.3)
        #expect(throws: SocketError.self) { _ = try socket.read(maxBytes: 100) }
        #expect(server.calls.count == 0)

        // More than 64 KiB of input gets the connection closed.
        try? socket.writeAll([UInt8](repeating: 0, count: 70 * 1024))
        socket.setReadTimeout(seconds: 2)
        #expect(try Self.readToEnd(socket).isEmpty)
    }

    @Test func wrongProofClosesTheConnection() throws {
        let server = try Self.securedServer()
        defer { server.server.drain() }
        let socket = try BlockingSocket.connect(to: server.address, timeoutSeconds: 2)
        defer { socket.close() }
        socket.setReadTimeout(seconds: 2)

        _ = try Self.read(MeshHandshake.challengeBytes, from: socket)
        try socket.writeAll(Array("JLMC".utf8) + [1] + [UInt8](repeating: 5, count: 64))
        let verdict = try Self.read(MeshHandshake.verdictBytes, from: socket)
        #expect(verdict[4] == 1)
        #expect(try Self.readToEnd(socket).isEmpty)
    }

    /// A client written from docs/protocol.md alone, sending its response one
    /// byte per write, then a frame on the same connection.
    @Test func documentedBytesByteByByte() throws {
        let server = try Self.securedServer()
        defer { server.server.drain() }
        let socket = try BlockingSocket.connect(to: server.address, timeoutSeconds: 2)
        defer { socket.close() }
        socket.setReadTimeout(seconds: 2)

        let challenge = try Self.read(37, from: socket)
        let serverNonce = Array(challenge[5...])
        let clientNonce = [UInt8](repeating: 7, count: 32)
        let proof = HMAC.sha256(key: Array(Self.secretText.utf8), message: Array("jielu-mesh-v1 client".utf8) + serverNonce + clientNonce)
        for byte in Array("JLMC".utf8) + [1] + clientNonce + proof {
            try socket.writeAll([byte])
        }

        let verdict = try Self.read(37, from: socket)
        #expect(Array(verdict[0..<5]) == Array("JLMS".utf8) + [0])
        let expected = HMAC.sha256(key: Array(Self.secretText.utf8), message: Array("jielu-mesh-v1 server".utf8) + serverNonce + clientNonce)
        #expect(Array(verdict[5...]) == expected)

        try socket.writeAll(requestFrame(callID: 9, service: "after handshake"))
        let header = try Self.read(4, from: socket)
        let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        let reply = try Envelope(serializedBytes: try Self.read(length, from: socket))
        #expect(reply.callID == 9)
        #expect(try HealthCheckResponse(serializedBytes: reply.payload).service == "after handshake")
    }

    @Test func replayedResponseIsRejected() throws {
        let server = try Self.securedServer()
        defer { server.server.drain() }

        // Record a valid response on one connection...
        let first = try BlockingSocket.connect(to: server.address, timeoutSeconds: 2)
        defer { first.close() }
        first.setReadTimeout(seconds: 2)
        let serverNonce = Array(try Self.read(37, from: first)[5...])
        let clientNonce = [UInt8](repeating: 3, count: 32)
        let proof = HMAC.sha256(key: Array(Self.secretText.utf8), message: Array("jielu-mesh-v1 client".utf8) + serverNonce + clientNonce)
        let response = Array("JLMC".utf8) + [1] + clientNonce + proof

        // ...and play it back on another, which has a new server nonce.
        let second = try BlockingSocket.connect(to: server.address, timeoutSeconds: 2)
        defer { second.close() }
        second.setReadTimeout(seconds: 2)
        _ = try Self.read(37, from: second)
        try second.writeAll(response)
        let verdict = try Self.read(37, from: second)
        #expect(verdict[4] == 1)
    }

    @Test func serverWithoutTheSecretIsNotTrusted() throws {
        // A fake server that sends a challenge and accepts anything, but
        // cannot compute the server proof.
        let listener = try RawListener()
        let fake = Thread {
            guard let fd = listener.acceptOne() else {
                return
            }
            defer { close(fd) }
            _ = RawListener.send(fd, Array("JLMH".utf8) + [1] + [UInt8](repeating: 1, count: 32))
            _ = RawListener.receive(fd, count: 69)
            _ = RawListener.send(fd, Array("JLMS".utf8) + [0] + [UInt8](repeating: 9, count: 32))
            _ = RawListener.receive(fd, count: 1)
        }
        fake.start()

        let client = RPCClient(address: listener.address, serviceName: "jielu-fake", options: Self.options(Self.secret), logger: Logger(service: "test", level: .error))
        defer { client.close() }
        #expect {
            _ = try Self.echo(client)
        } throws: { error in
            let error = error as? ServiceError
            return error?.code == .unauthenticated && error?.message.contains("未能证明") == true
        }
    }

    @Test("secret files", arguments: [
        ("0123456789abcdef\n", 16),
        ("0123456789abcdef \t\r\n\n", 16),
        ("  leading spaces count  \n", 22),
    ])
    func secretFile(content: String, length: Int) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mesh-\(UUID().uuidString).secret").path
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let secret = try MeshSecret.read(file: path)
        #expect(secret == (try MeshSecret(bytes: Array(content.utf8.prefix(length)))))
        #expect(secret.description == "MeshSecret(***)")
    }

    @Test func badSecretSettingsAreRejected() throws {
        #expect(throws: ConfigurationError.self) { try MeshSecret(bytes: Array("fifteen bytes!!".utf8)) }
        #expect(throws: ConfigurationError.self) { _ = try MeshSecret.read(file: "/nonexistent/mesh.secret") }
        #expect(throws: ConfigurationError.self) {
            _ = try MeshSecret.resolve(file: "/etc/jielu/mesh.secret", value: "0123456789abcdef0123")
        }
        #expect(try MeshSecret.resolve(file: "", value: nil) == nil)
        let configuration = try Configuration(arguments: ["--mesh-secret", "0123456789abcdef0123"], environment: [:])
        #expect(try MeshSecret.load(from: configuration) != nil)
    }

    // MARK: Helpers

    static func read(_ count: Int, from socket: BlockingSocket) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count {
            let chunk = try socket.read(maxBytes: count - bytes.count)
            guard !chunk.isEmpty else {
                throw SocketError("recv", errno: ECONNRESET)
            }
            bytes += chunk
        }
        return bytes
    }

    /// Bytes until the server closes; a reset counts as closed.
    static func readToEnd(_ socket: BlockingSocket) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while true {
            let chunk: [UInt8]
            do {
                chunk = try socket.read(maxBytes: 4096)
            } catch let error as SocketError where error.errno == ECONNRESET {
                return bytes
            }
            if chunk.isEmpty {
                return bytes
            }
            bytes += chunk
        }
    }
}

/// A plain listening socket on 127.0.0.1 for a hand-written fake peer.
final class RawListener: @unchecked Sendable {
    let address: SocketAddressText
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Int32 in
                guard bind(fd, raw, length) == 0, listen(fd, 4) == 0 else {
                    return -1
                }
                return getsockname(fd, raw, &length)
            }
        }
        guard result == 0 else {
            close(fd)
            throw SocketError("bind", errno: errno)
        }
        self.fd = fd
        self.address = SocketAddressText(host: "127.0.0.1", port: UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(fd)
    }

    func acceptOne() -> Int32? {
        let client = accept(fd, nil, nil)
        return client >= 0 ? client : nil
    }

    static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    static func receive(_ fd: Int32, count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: count)
        while bytes.count < count {
            let received = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, count - bytes.count, 0) }
            if received <= 0 {
                break
            }
            bytes += buffer[0..<received]
        }
        return bytes
    }
}
