#if canImport(Glibc)
import Glibc
#endif
import Foundation
import JieluCore
import JieluHTTP
import JieluNet
import Testing

@Suite("HTTPServer")
struct HTTPServerTests {
    // MARK: Keep-alive and pipelining

    @Test func keepAliveServesSeveralRequests() throws {
        let server = try LiveServer.echo()
        defer { server.shutdown() }
        let client = HTTPClient(address: server.address, timeoutSeconds: 5)
        for index in 0..<5 {
            let response = try client.send(method: "GET", path: "/n/\(index)")
            #expect(response.status == 200)
            #expect(response.bodyText == "GET /n/\(index) 0")
            #expect(response.headers["Connection"] == nil)
            #expect(response.headers["Date"] != nil)
        }
        #expect(client.connectionsOpened == 1)
    }

    @Test func pipelinedRequestsAnsweredInOrder() throws {
        // The first request is the slowest, so responses in completion order would come out reordered.
        let server = try LiveServer { request in
            if request.path == "/a" {
                usleep(100_000)
            }
            return .text("\(request.method) \(request.path) \(request.body.count)")
        }
        defer { server.shutdown() }
        let connection = try RawConnection(server.address)
        try connection.send(
            "GET /a HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nxyz"
                + "GET /c HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        let bodies = try (0..<3).map { _ in try connection.readResponse().bodyText }
        #expect(bodies == ["GET /a 0", "POST /b 3", "GET /c 0"])
        #expect(connection.readsEndOfStream())
    }

    @Test func pipelinedBytesOverLimitCloseAfterCurrentResponse() throws {
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        var configuration = HTTPServerConfiguration()
        configuration.maxPipelinedBytes = 1000
        let server = try LiveServer(configuration: configuration) { request in
            if request.path == "/block" {
                started.signal()
                release.wait()
            }
            return .text(request.path)
        }
        defer { server.shutdown() }
        let connection = try RawConnection(server.address)
        // 3,200 bytes sent ahead in the same write as the blocking request.
        let pipelined = String(repeating: "GET /next HTTP/1.1\r\nHost: a\r\n\r\n", count: 100)
        try connection.send("GET /block HTTP/1.1\r\nHost: a\r\n\r\n" + pipelined)
        #expect(started.wait(timeout: .now() + 5) == .success)
        usleep(200_000)
        release.signal()

        let response = try connection.readResponse()
        #expect(response.bodyText == "/block")
        #expect(response.headers["connection"] == "close")
        #expect(connection.readsEndOfStream())
    }

    @Test func pipelinedBytesUnderLimitServed() throws {
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let server = try LiveServer { request in
            if request.path == "/block" {
                started.signal()
                release.wait()
            }
            return .text(request.path)
        }
        defer { server.shutdown() }
        let connection = try RawConnection(server.address)
        try connection.send("GET /block HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(started.wait(timeout: .now() + 5) == .success)
        // Sent while /block runs, so these bytes wait unparsed until it finishes.
        try connection.send("GET /next HTTP/1.1\r\nHost: a\r\n\r\nGET /last HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        usleep(100_000)
        release.signal()
        let bodies = try (0..<3).map { _ in try connection.readResponse().bodyText }
        #expect(bodies == ["/block", "/next", "/last"])
        #expect(connection.readsEndOfStream())
    }

    @Test func http10KeepAliveHonoured() throws {
        let server = try LiveServer.echo()
        defer { server.shutdown() }
        let connection = try RawConnection(server.address)
        try connection.send("GET /one HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        let first = try connection.readResponse()
        #expect(first.headers["connection"] == "keep-alive")
        try connection.send("GET /two HTTP/1.0\r\n\r\n")
        let second = try connection.readResponse()
        #expect(second.bodyText == "GET /two 0")
        #expect(second.headers["connection"] == "close")
        #expect(connection.readsEndOfStream())
    }

    @Test func maxRequestsPerConnectionCloses() throws {
        var configuration = HTTPServerConfiguration()
        configuration.maxRequestsPerConnection = 3
        let server = try LiveServer.echo(configuration: configuration)
        defer { server.shutdown() }
        let client = HTTPClient(address: server.address, timeoutSeconds: 5)
        var closeHeaders: [String?] = []
        for _ in 0..<4 {
            closeHeaders.append(try client.send(method: "GET", path: "/").headers["Connection"])
        }
        #expect(closeHeaders == [nil, nil, "close", nil])
        #expect(client.connectionsOpened == 2)
    }

    // MARK: Timeouts

    @Test func slowClientCutOffAfterReadTimeout() throws {
        var configuration = HTTPServerConfiguration()
        configuration.readTimeoutSeconds = 0.5
        let server = try LiveServer.echo(configuration: configuration)
        defer { server.shutdown() }
        let connection = try RawConnection(server.address, readTimeoutSeconds: 5)
        let started = Deadline.monotonicNanoseconds()
        try connection.send("GET /slow HTTP/1.1\r\nHost: a\r\nX-Half: ")
        #expect(connection.readsEndOfStream())
        let elapsed = Double(Deadline.monotonicNanoseconds() - started) / 1e9
        #expect(elapsed >= 0.45)
        #expect(elapsed < 3)
    }

    @Test func idleKeepAliveOutlivesReadTimeout() throws {
        var configuration = HTTPServerConfiguration()
        configuration.readTimeoutSeconds = 0.3
        let server = try LiveServer.echo(configuration: configuration)
        defer { server.shutdown() }
        let connection = try RawConnection(server.address)
        try connection.send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try connection.readResponse().status == 200)
        // Between requests nothing is partial, so only the idle timeout applies.
        usleep(800_000)
        try connection.send("GET /2 HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try connection.readResponse().bodyText == "GET /2 0")
    }

    // MARK: Errors and limits

    @Test func oversizedBodyAnswered413AndClosed() throws {
        let server = try LiveServer.echo()
        defer { server.shutdown() }
        let connection = try RawConnection(server.address)
        let body = [UInt8](repeating: UInt8(ascii: "b"), count: 64 * 1024 + 1)
        try connection.send(bytes("POST /up HTTP/1.1\r\nHost: a\r\nContent-Length: \(body.count)\r\n\r\n") + body)
        let response = try connection.readResponse()
        #expect(response.status == 413)
        #expect(response.errorCode == "body_too_large")
        #expect(response.headers["connection"] == "close")
        #expect(connection.readsEndOfStream())
    }

    @Test func bodyAtLimitAccepted() throws {
        let server = try LiveServer.echo()
        defer { server.shutdown() }
        let client = HTTPClient(address: server.address, timeoutSeconds: 5)
        let response = try client.send(method: "POST", path: "/up", body: [UInt8](repeating: 1, count: 64 * 1024))
        #expect(response.status == 200)
        #expect(response.bodyText == "POST /up 65536")
    }

    @Test func rejectedBodyReadBeforeClose() throws {
        var configuration = HTTPServerConfiguration()
        configuration.maxBodyBytes = 100
        let server = try LiveServer.echo(configuration: configuration)
        defer { server.shutdown() }
        let connection = try RawConnection(server.address, readTimeoutSeconds: 0.3)
        try connection.send("POST /up HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n")
        let response = try connection.readResponse()
        #expect(response.status == 413)
        // The server keeps reading the declared body so the client can finish sending it.
        try connection.send([UInt8](repeating: 0, count: 999))
        #expect(!connection.readsEndOfStream())
        try connection.send([0])
        #expect(connection.readsEndOfStream())
    }

    @Test func hugeDeclaredBodyClosedAtOnce() throws {
        let server = try LiveServer.echo()
        defer { server.shutdown() }
        let connection = try RawConnection(server.address)
        try connection.send("POST /up HTTP/1.1\r\nHost: a\r\nContent-Length: 10000000000\r\n\r\n")
        #expect(try connection.readResponse().status == 413)
        #expect(connection.readsEndOfStream())
    }

    @Test func ambiguousLengthAnswered400AndClosed() throws {
        let handled = Shared(0)
        let server = try LiveServer { _ in
            handled.update { $0 += 1 }
            return .text("handled")
        }
        defer { server.shutdown() }
        let connection = try RawConnection(server.address)
        // A smuggled second request hides in what one parser would read as the body.
        try connection.send(
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n")
        let response = try connection.readResponse()
        #expect(response.status == 400)
        #expect(response.errorCode == "ambiguous_length")
        #expect(response.headers["connection"] == "close")
        #expect(connection.readsEndOfStream())
        #expect(handled.value == 0)
    }

    @Test func headersTooLargeAnswered431() throws {
        let server = try LiveServer.echo()
        defer { server.shutdown() }
        let connection = try RawConnection(server.address)
        try connection.send("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "x", count: 17 * 1024) + "\r\n\r\n")
        let response = try connection.readResponse()
        #expect(response.status == 431)
        #expect(response.errorCode == "headers_too_large")
        #expect(connection.readsEndOfStream())
    }

    @Test func invalidHandlerStatusBecomes500() throws {
        let server = try LiveServer { _ in HTTPResponse(status: 0, body: bytes("broken")) }
        defer { server.shutdown() }
        let client = HTTPClient(address: server.address, timeoutSeconds: 5)
        let response = try client.send(method: "GET", path: "/")
        #expect(response.status == 500)
        #expect((response.json() as? [String: Any])?["error"] != nil)
    }

    @Test func headGetsHeadersOnly() throws {
        let server = try LiveServer.echo()
        defer { server.shutdown() }
        let connection = try RawConnection(server.address)
        try connection.send("HEAD /page HTTP/1.1\r\nHost: a\r\n\r\nGET /after HTTP/1.1\r\nHost: a\r\n\r\n")
        let head = try connection.readResponse(headOnly: true)
        #expect(head.status == 200)
        #expect(head.headers["content-length"] == String("HEAD /page 0".utf8.count))
        #expect(head.body.isEmpty)
        // A body after the HEAD response would show up in front of the next status line.
        let next = try connection.readResponse()
        #expect(next.head.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(next.bodyText == "GET /after 0")
    }

    @Test func continueSentBeforeBody() throws {
        let server = try LiveServer.echo()
        defer { server.shutdown() }
        let connection = try RawConnection(server.address)
        try connection.send("POST /up HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
        let interim = try connection.readResponse(headOnly: true)
        #expect(interim.status == 100)
        try connection.send("hello")
        #expect(try connection.readResponse().bodyText == "POST /up 5")
    }

    // MARK: Load

    @Test func queueFullAnswered503() throws {
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        var configuration = HTTPServerConfiguration()
        configuration.workerThreads = 1
        configuration.queueLimit = 1
        let server = try LiveServer(configuration: configuration) { request in
            if request.path == "/block" {
                started.signal()
                release.wait()
            }
            return .text("done")
        }
        defer { server.shutdown() }
        let address = server.address
        let statuses = Shared<[Int]>([])
        let send: @Sendable () -> Void = {
            let status = (try? HTTPClient(address: address, timeoutSeconds: 10).send(method: "GET", path: "/block").status) ?? -1
            statuses.update { $0.append(status) }
        }

        // The first request occupies the only worker; the second waits in the queue.
        let first = runOnThread(send)
        #expect(started.wait(timeout: .now() + 5) == .success)
        let second = runOnThread(send)
        let queued = Deadline.after(seconds: 5)
        while server.server.requestsInFlight < 2 && !queued.hasPassed {
            usleep(5_000)
        }
        #expect(server.server.requestsInFlight == 2)

        let client = HTTPClient(address: address, timeoutSeconds: 5)
        let rejected = try client.send(method: "GET", path: "/other")
        #expect(rejected.status == 503)
        #expect(rejected.headers["Retry-After"] == "1")
        let error = (rejected.json() as? [String: Any])?["error"] as? [String: Any]
        #expect(error?["code"] as? String == "overloaded")
        #expect((error?["message"] as? String)?.isEmpty == false)

        release.signal()
        release.signal()
        #expect(first.wait(timeout: .now() + 5) == .success)
        #expect(second.wait(timeout: .now() + 5) == .success)
        #expect(statuses.value == [200, 200])
        // The rejected connection stays usable once a worker is free.
        #expect(try client.send(method: "GET", path: "/other").status == 200)
    }

    @Test func twoHundredParallelConnections() throws {
        let server = try LiveServer.echo()
        defer { server.shutdown() }
        let connections = try (0..<200).map { _ in try RawConnection(server.address) }
        for (index, connection) in connections.enumerated() {
            try connection.send("GET /p/\(index) HTTP/1.1\r\nHost: a\r\n\r\n")
        }
        var answered = 0
        for (index, connection) in connections.enumerated() {
            let response = try connection.readResponse()
            if response.status == 200 && response.bodyText == "GET /p/\(index) 0" {
                answered += 1
            }
        }
        #expect(answered == 200)
    }

    @Test func parallelClientsOnThreads() throws {
        let server = try LiveServer.echo()
        defer { server.shutdown() }
        let address = server.address
        let succeeded = Shared(0)
        let threads = (0..<20).map { thread in
            runOnThread {
                let client = HTTPClient(address: address, timeoutSeconds: 10)
                for request in 0..<10 {
                    if let response = try? client.send(method: "GET", path: "/t/\(thread)/\(request)"),
                        response.bodyText == "GET /t/\(thread)/\(request) 0"
                    {
                        succeeded.update { $0 += 1 }
                    }
                }
            }
        }
        for thread in threads {
            #expect(thread.wait(timeout: .now() + 20) == .success)
        }
        #expect(succeeded.value == 200)
    }

    // MARK: Shutdown

    @Test func shutdownWaitsForInFlightRequest() throws {
        let started = DispatchSemaphore(value: 0)
        let finished = Shared(false)
        let server = try LiveServer { request in
            if request.path == "/slow" {
                started.signal()
                usleep(500_000)
                finished.update { $0 = true }
                return .text("slow done")
            }
            return .text("fast")
        }
        let address = server.address
        let reply = Shared<HTTPClientResponse?>(nil)
        let slowClient = runOnThread {
            let response = try? HTTPClient(address: address, timeoutSeconds: 10).send(method: "GET", path: "/slow")
            reply.update { $0 = response }
        }
        // A kept-alive connection that sends its next request during the drain.
        let idleClient = HTTPClient(address: address, timeoutSeconds: 5)
        #expect(try idleClient.send(method: "GET", path: "/warm").status == 200)

        #expect(started.wait(timeout: .now() + 5) == .success)
        let shutdownStarted = Deadline.monotonicNanoseconds()
        let shutdown = runOnThread { server.shutdown() }
        usleep(100_000)
        let duringDrain = try idleClient.send(method: "GET", path: "/late")
        #expect(duringDrain.status == 503)
        #expect(duringDrain.headers["Retry-After"] == "1")
        #expect(duringDrain.headers["Connection"] == "close")
        #expect((duringDrain.json() as? [String: Any]).flatMap { $0["error"] as? [String: Any] }?["code"] as? String == "shutting_down")

        #expect(shutdown.wait(timeout: .now() + 10) == .success)
        #expect(finished.value)
        #expect(Double(Deadline.monotonicNanoseconds() - shutdownStarted) / 1e9 >= 0.3)
        #expect(slowClient.wait(timeout: .now() + 5) == .success)
        #expect(reply.value?.status == 200)
        #expect(reply.value?.bodyText == "slow done")
        #expect(reply.value?.headers["Connection"] == "close")
        #expect(throws: (any Error).self) { _ = try BlockingSocket.connect(to: address, timeoutSeconds: 1) }
    }

    @Test func shutdownWithoutStartReturns() throws {
        let server = try HTTPServer(
            address: SocketAddressText(host: "127.0.0.1", port: 0), configuration: HTTPServerConfiguration(),
            logger: Logger(service: "http-test", level: .warning)
        ) { _ in .text("never") }
        server.shutdown()
        server.shutdown()
    }
}
