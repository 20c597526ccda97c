import Foundation
#if canImport(Glibc)
import Glibc
#endif
import JieluCore
import JieluNet
import JieluRPC
import Synchronization
import Testing

/// A server whose `/test.Sized/Reply` method replies to "size:N" with N
/// bytes, and to "hold" once `release` is signalled. It serves the tests of
/// the limits that keep a server's memory and queues bounded.
final class SizedReplyServer: Sendable {
    static let method = "/test.Sized/Reply"

    let server: RPCServer
    let calls = Counter()
    let release = DispatchSemaphore(value: 0)

    init(configuration: (SocketAddressText) -> RPCServerConfiguration) throws {
        let router = RPCRouter()
        let calls = self.calls
        let release = self.release
        router.register(SizedReplyServer.method) { (request: HealthCheckRequest, _: RPCContext) -> HealthCheckResponse in
            calls.increment()
            if request.service == "hold" {
                _ = release.wait(timeout: .now() + 30)
                return HealthCheckResponse(status: .serving, service: "held")
            }
            let size = Int(request.service.dropFirst("size:".count)) ?? 0
            return HealthCheckResponse(status: .serving, service: String(repeating: "x", count: size))
        }
        server = try RPCServer(
            serviceName: "jielu-test", configuration: configuration(SocketAddressText(host: "127.0.0.1", port: 0)),
            router: router, logger: Logger(service: "jielu-test", level: .error))
        server.start()
    }

    var address: SocketAddressText { server.boundAddress }

    var callCount: Int { calls.count }

    func frame(callID: UInt64, _ text: String) -> [UInt8] {
        Framing.frame(Envelope(
            callID: callID, kind: .request, method: SizedReplyServer.method,
            payload: HealthCheckRequest(service: text).serializedBytes()))
    }

    /// Waits until `condition` holds, for at most 10 s; returns whether it did.
    static func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Deadline.after(seconds: 10)
        while !deadline.hasPassed {
            if condition() {
                return true
            }
            usleep(2_000)
        }
        return condition()
    }
}

/// Reads frames from `socket` until `count` replies arrived or the socket
/// closes; returns them.
private func readReplies(_ socket: BlockingSocket, count: Int) throws -> [Envelope] {
    var buffer = ByteBuffer()
    var replies: [Envelope] = []
    while replies.count < count {
        let chunk = try socket.read(maxBytes: 1 << 20)
        if chunk.isEmpty {
            break
        }
        buffer.append(contentsOf: chunk)
        while let body = try Framing.nextFrame(from: &buffer, maxFrameBytes: 8 << 20) {
            replies.append(try Envelope(serializedBytes: body))
        }
    }
    return replies
}

@Suite("RPC server backpressure")
struct RPCBackpressureTests {
    @Test func callsBeyondWorkerQueueGetOverloaded() throws {
        let server = try SizedReplyServer { RPCServerConfiguration(address: $0, workerThreads: 1, queueLimit: 1) }
        defer {
            server.release.signal()
            server.release.signal()
            server.server.drain()
        }
        let socket = try BlockingSocket.connect(to: server.address, timeoutSeconds: 2)
        defer { socket.close() }
        socket.setReadTimeout(seconds: 10)

        // The first call occupies the only worker; then one call may wait and the next is refused.
        try socket.writeAll(server.frame(callID: 1, "hold"))
        try #require(SizedReplyServer.eventually { server.callCount == 1 })
        try socket.writeAll(server.frame(callID: 2, "size:1") + server.frame(callID: 3, "size:1"))
        let refused = try readReplies(socket, count: 1)

        #expect(refused.first?.callID == 3)
        #expect(refused.first?.status?.code == .resourceExhausted)
        #expect(refused.first?.status?.reason == "overloaded")
        server.release.signal()
        let answered = try readReplies(socket, count: 2)
        #expect(Set(answered.map(\.callID)) == [1, 2])
        #expect(answered.allSatisfy { $0.status?.code == .ok })
    }

    @Test func healthCheckAnswersWhileEveryWorkerIsBusy() throws {
        let server = try SizedReplyServer { RPCServerConfiguration(address: $0, workerThreads: 1, queueLimit: 1) }
        defer {
            server.release.signal()
            server.server.drain()
        }
        let socket = try BlockingSocket.connect(to: server.address, timeoutSeconds: 2)
        defer { socket.close() }
        try socket.writeAll(server.frame(callID: 1, "hold"))
        try #require(SizedReplyServer.eventually { server.callCount == 1 })

        let client = RPCClient(address: server.address, serviceName: "jielu-test", logger: Logger(service: "test", level: .error))
        defer { client.close() }
        let reply = try client.call(
            HealthMethods.check, HealthCheckRequest(), as: HealthCheckResponse.self,
            options: CallOptions(deadline: .after(seconds: 5)), idempotent: true)

        #expect(reply.status == .serving)
        #expect(server.callCount == 1, "the health check did not need the busy worker")
    }

    @Test func peerThatDoesNotReadStopsBeingRead() throws {
        var limits = ServerLimits()
        limits.maxPendingWriteBytes = 256 * 1024
        let server = try SizedReplyServer {
            RPCServerConfiguration(address: $0, workerThreads: 4, maxCallsPerConnection: 1_000, limits: limits)
        }
        defer { server.server.drain() }
        let socket = try BlockingSocket.connect(to: server.address, timeoutSeconds: 2)
        defer { socket.close() }
        socket.setReadTimeout(seconds: 10)
        let requestCount = 120
        let replyBytes = 256 * 1024

        // 30 MiB of replies is more than the kernel buffers of both ends hold,
        // so the server has to stop reading requests from this peer.
        for callID in 1...requestCount {
            try socket.writeAll(server.frame(callID: UInt64(callID), "size:\(replyBytes)"))
            usleep(1_000)
        }
        var previous = -1
        while previous != server.callCount {
            previous = server.callCount
            usleep(300_000)
        }
        let callsWhileNotReading = server.callCount

        let replies = try readReplies(socket, count: requestCount)

        #expect(callsWhileNotReading < requestCount)
        #expect(replies.count == requestCount, "reading again resumes the calls")
        #expect(replies.allSatisfy { $0.status?.code == .ok })
        #expect(Set(replies.map(\.callID)).count == requestCount)
    }

    @Test func idleConnectionIsClosed() throws {
        var limits = ServerLimits()
        limits.idleTimeoutSeconds = 0.3
        let server = try SizedReplyServer { RPCServerConfiguration(address: $0, limits: limits) }
        defer { server.server.drain() }
        let socket = try BlockingSocket.connect(to: server.address, timeoutSeconds: 2)
        defer { socket.close() }
        socket.setReadTimeout(seconds: 10)

        try socket.writeAll(server.frame(callID: 1, "size:10"))
        let replies = try readReplies(socket, count: 1)
        let afterIdle = try socket.read(maxBytes: 16)

        #expect(replies.first?.status?.code == .ok)
        #expect(afterIdle.isEmpty, "the server closed the idle connection")
    }

    @Test func concurrentLargeCallsOnOneConnectionArriveWhole() throws {
        let server = try TestServer()
        defer { server.server.drain() }
        let client = server.client()
        defer { client.close() }
        let mismatches = Counter()
        let failures = Counter()

        // Replies of 150 KB from 16 workers at once overflow the socket, so
        // some go out directly and the rest through the event loop.
        DispatchQueue.concurrentPerform(iterations: 32) { index in
            for round in 0..<3 {
                let text = String(repeating: Character(UnicodeScalar(UInt8(65 + index % 26))), count: 150_000) + "-\(index)-\(round)"
                do {
                    let reply = try client.call(
                        TestServer.echo, HealthCheckRequest(service: text), as: HealthCheckResponse.self,
                        options: CallOptions(deadline: .after(seconds: 30)), idempotent: false)
                    if reply.service != text {
                        mismatches.increment()
                    }
                } catch {
                    failures.increment()
                }
            }
        }

        #expect(failures.count == 0)
        #expect(mismatches.count == 0)
    }
}
