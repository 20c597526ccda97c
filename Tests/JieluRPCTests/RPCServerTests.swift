import Foundation
import JieluCore
import JieluNet
import JieluRPC
import Synchronization
import Testing

@Suite("RPC server and client")
struct RPCServerTests {
    @Test func echoCallSucceeds() throws {
        let server = try TestServer()
        defer { server.server.drain() }
        let client = server.client()
        defer { client.close() }

        let reply = try client.call(
            TestServer.echo, HealthCheckRequest(service: "你好"), as: HealthCheckResponse.self,
            options: CallOptions(requestID: "r-42"), idempotent: true)

        #expect(reply.service == "你好")
        #expect(reply.version == "r-42")
    }

    @Test func healthCheckIsBuiltIn() throws {
        let server = try TestServer()
        defer { server.server.drain() }
        let client = server.client()
        defer { client.close() }

        let reply = try client.call(HealthMethods.check, HealthCheckRequest(), as: HealthCheckResponse.self, options: CallOptions(), idempotent: true)

        #expect(reply.status == .serving)
        #expect(reply.service == "jielu-test")
    }

    @Test func unknownMethodIsUnimplemented() throws {
        let server = try TestServer()
        defer { server.server.drain() }
        let client = server.client()
        defer { client.close() }

        let error = try #require(throws: ServiceError.self) {
            _ = try client.call("/nope.Nope/Nope", HealthCheckRequest(), as: HealthCheckResponse.self, options: CallOptions(), idempotent: true)
        }
        #expect(error.code == .unimplemented)
    }

    @Test func handlerErrorKeepsCodeReasonAndField() throws {
        let server = try TestServer()
        defer { server.server.drain() }
        let client = server.client()
        defer { client.close() }

        let error = try #require(throws: ServiceError.self) {
            _ = try client.call(TestServer.echo, HealthCheckRequest(service: "fail"), as: HealthCheckResponse.self, options: CallOptions(), idempotent: true)
        }
        #expect(error.code == .invalidArgument)
        #expect(error.reason == "test_failure")
        #expect(error.field == "service")
        #expect(error.message == "测试错误")
    }

    @Test func slowCallExceedsDeadline() throws {
        let server = try TestServer()
        defer { server.server.drain() }
        let client = server.client()
        defer { client.close() }

        let error = try #require(throws: ServiceError.self) {
            _ = try client.call(
                TestServer.echo, HealthCheckRequest(service: "sleep:500"), as: HealthCheckResponse.self,
                options: CallOptions(deadline: .after(milliseconds: 100)), idempotent: true)
        }
        #expect(error.code == .deadlineExceeded)
    }

    @Test func expiredDeadlineFailsWithoutCallingServer() throws {
        let server = try TestServer()
        defer { server.server.drain() }
        let client = server.client()
        defer { client.close() }
        let expired = Deadline(uptimeNanoseconds: Deadline.now().uptimeNanoseconds - 1)

        let error = try #require(throws: ServiceError.self) {
            _ = try client.call(TestServer.echo, HealthCheckRequest(), as: HealthCheckResponse.self, options: CallOptions(deadline: expired), idempotent: true)
        }
        #expect(error.code == .deadlineExceeded)
        #expect(server.calls.count == 0)
    }

    @Test func concurrentCallsShareOneConnectionAndReplyOutOfOrder() throws {
        let server = try TestServer()
        defer { server.server.drain() }
        let client = server.client()
        defer { client.close() }
        let mismatches = Counter()

        // Slow calls first, fast ones after: replies come back in another order.
        DispatchQueue.concurrentPerform(iterations: 12) { index in
            let text = index < 4 ? "sleep:\(200 - index * 40)" : "fast-\(index)"
            let reply = try? client.call(TestServer.echo, HealthCheckRequest(service: text), as: HealthCheckResponse.self, options: CallOptions(), idempotent: true)
            if reply?.service != text {
                mismatches.increment()
            }
        }

        #expect(mismatches.count == 0)
        #expect(server.server.isServing)
    }

    @Test func clientReconnectsAfterServerRestart() throws {
        let first = try TestServer()
        let address = first.address
        let client = first.client(options: RPCClientOptions(initialBackoffSeconds: 0.01, maxBackoffSeconds: 0.05))
        defer { client.close() }
        _ = try client.call(TestServer.echo, HealthCheckRequest(service: "a"), as: HealthCheckResponse.self, options: CallOptions(), idempotent: true)

        first.server.drain()
        let down = try #require(throws: ServiceError.self) {
            _ = try client.call(TestServer.echo, HealthCheckRequest(service: "b"), as: HealthCheckResponse.self, options: CallOptions(), idempotent: true)
        }
        #expect(down.code == .unavailable)

        let second = try TestServer { _ in RPCServerConfiguration(address: address) }
        defer { second.server.drain() }
        usleep(100_000)
        let reply = try client.call(TestServer.echo, HealthCheckRequest(service: "c"), as: HealthCheckResponse.self, options: CallOptions(), idempotent: true)
        #expect(reply.service == "c")
    }

    @Test func drainLetsCallInFlightFinish() throws {
        let server = try TestServer()
        let client = server.client()
        defer { client.close() }
        let outcome = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)

        Thread.detachNewThread {
            let reply = try? client.call(
                TestServer.echo, HealthCheckRequest(service: "sleep:300"), as: HealthCheckResponse.self, options: CallOptions(), idempotent: false)
            outcome.withLock { $0 = reply?.service }
            done.signal()
        }
        usleep(100_000)
        server.server.drain()
        done.wait()

        #expect(outcome.withLock { $0 } == "sleep:300")
    }

    @Test func callsBeyondPerConnectionCapAreRejected() throws {
        let server = try TestServer { RPCServerConfiguration(address: $0, workerThreads: 8, maxCallsPerConnection: 2) }
        defer { server.server.drain() }
        let frames = (1...4).flatMap { requestFrame(callID: UInt64($0), service: "sleep:200") }

        let result = try rawExchange(frames, address: server.address, timeoutSeconds: 1)

        let byID = Dictionary(uniqueKeysWithValues: result.replies.map { ($0.callID, $0.status?.code) })
        #expect(byID[1] == .ok)
        #expect(byID[2] == .ok)
        #expect(byID[3] == .resourceExhausted)
        #expect(byID[4] == .resourceExhausted)
    }
}

@Suite("RPC server under hostile input")
struct RPCHostileInputTests {
    @Test func oversizedFrameGetsStatusAndClose() throws {
        let server = try TestServer { RPCServerConfiguration(address: $0, maxFrameBytes: 1024) }
        defer { server.server.drain() }

        let result = try rawExchange([0x7f, 0xff, 0xff, 0xff], address: server.address)

        #expect(result.closedByServer)
        #expect(result.replies.first?.status?.code == .resourceExhausted)
        #expect(result.replies.first?.status?.reason == "frame_too_large")
        let client = server.client()
        defer { client.close() }
        #expect(try client.call(TestServer.echo, HealthCheckRequest(service: "still up"), as: HealthCheckResponse.self, options: CallOptions(), idempotent: true).service == "still up")
    }

    @Test func garbageFrameGetsInvalidArgumentAndClose() throws {
        let server = try TestServer()
        defer { server.server.drain() }
        let garbage: [UInt8] = [0, 0, 0, 5, 0xff, 0xff, 0xff, 0xff, 0x0f]

        let result = try rawExchange(garbage, address: server.address)

        #expect(result.closedByServer)
        #expect(result.replies.first?.status?.code == .invalidArgument)
        #expect(server.server.isServing)
    }

    @Test func requestFedOneByteAtATimeIsAnswered() throws {
        let server = try TestServer()
        defer { server.server.drain() }
        let socket = try BlockingSocket.connect(to: server.address, timeoutSeconds: 2)
        defer { socket.close() }
        socket.setReadTimeout(seconds: 2)

        for byte in requestFrame(callID: 7, service: "慢慢来") {
            try socket.writeAll([byte])
            usleep(200)
        }
        var buffer = ByteBuffer()
        var reply: [UInt8]?
        while reply == nil {
            let chunk = try socket.read(maxBytes: 4096)
            try #require(!chunk.isEmpty)
            buffer.append(contentsOf: chunk)
            reply = try Framing.nextFrame(from: &buffer, maxFrameBytes: 1 << 20)
        }
        let envelope = try Envelope(serializedBytes: try #require(reply))
        #expect(envelope.callID == 7)
        #expect(try HealthCheckResponse(serializedBytes: envelope.payload).service == "慢慢来")
    }

    @Test func partialFrameIsCutOffAfterReadTimeout() throws {
        var limits = ServerLimits()
        limits.readTimeoutSeconds = 0.3
        let server = try TestServer { RPCServerConfiguration(address: $0, limits: limits) }
        defer { server.server.drain() }

        let started = Deadline.now()
        let result = try rawExchange([0, 0, 0, 50, 1, 2], address: server.address, timeoutSeconds: 3)

        #expect(result.closedByServer)
        #expect(Deadline.now().uptimeNanoseconds - started.uptimeNanoseconds < 2_500_000_000)
    }

    @Test func manyConnectionsOpenAndClose() throws {
        let server = try TestServer()
        defer { server.server.drain() }

        for round in 0..<200 {
            let socket = try BlockingSocket.connect(to: server.address, timeoutSeconds: 2)
            if round % 2 == 0 {
                try socket.writeAll(requestFrame(callID: 1))
            }
            socket.close()
        }
        let client = server.client()
        defer { client.close() }

        #expect(try client.call(TestServer.echo, HealthCheckRequest(service: "ok"), as: HealthCheckResponse.self, options: CallOptions(), idempotent: true).service == "ok")
        usleep(200_000)
        #expect(server.server.isServing)
    }

    @Test func connectionsBeyondLimitAreClosed() throws {
        var limits = ServerLimits()
        limits.maxConnections = 2
        let server = try TestServer { RPCServerConfiguration(address: $0, limits: limits) }
        defer { server.server.drain() }
        let first = try BlockingSocket.connect(to: server.address, timeoutSeconds: 2)
        let second = try BlockingSocket.connect(to: server.address, timeoutSeconds: 2)
        defer {
            first.close()
            second.close()
        }
        usleep(100_000)

        let third = try rawExchange(requestFrame(callID: 1), address: server.address, timeoutSeconds: 1)

        #expect(third.closedByServer)
        #expect(third.replies.isEmpty)
    }
}

@Suite("RPC server connection timeouts")
struct RPCConnectionTimeoutTests {
    @Test func silentConnectionIsClosedAfterReadTimeout() throws {
        var limits = ServerLimits()
        limits.readTimeoutSeconds = 0.3
        let server = try TestServer { RPCServerConfiguration(address: $0, limits: limits) }
        defer { server.server.drain() }

        let started = Deadline.now()
        let result = try rawExchange([], address: server.address, timeoutSeconds: 3)

        #expect(result.closedByServer)
        #expect(Deadline.now().uptimeNanoseconds - started.uptimeNanoseconds < 2_500_000_000)
    }
}

@Suite("RPC envelope edge cases")
struct RPCEnvelopeEdgeTests {
    @Test func hugeTimeoutMeansNoDeadline() throws {
        let server = try TestServer()
        defer { server.server.drain() }

        let result = try rawExchange(requestFrame(callID: 9, service: "far", timeoutMicroseconds: .max), address: server.address, timeoutSeconds: 1)

        #expect(result.replies.first?.callID == 9)
        #expect(result.replies.first?.status?.code == .ok)
    }

    @Test func callIDZeroIsRejected() throws {
        let server = try TestServer()
        defer { server.server.drain() }

        let result = try rawExchange(requestFrame(callID: 0), address: server.address)

        #expect(result.closedByServer)
        #expect(result.replies.first?.status?.code == .invalidArgument)
        #expect(server.calls.count == 0)
    }
}
