import Foundation
import JieluCore
import JieluHTTP
import JieluNet
import Synchronization
import Testing

/// Requests that the deferred handler takes get their response later, from
/// another thread, through their `HTTPResponder`. The rest go to the worker pool.
@Suite("HTTPServer deferred handler")
struct HTTPDeferredHandlerTests {
    /// A server whose deferred handler takes "/later/<ms>" and responds from
    /// another thread after that many milliseconds, takes "/now" and responds
    /// before returning, takes "/worker" and hands it to the pool, and
    /// declines everything else.
    final class DeferringServer: Sendable {
        let server: HTTPServer

        init(drainSeconds: Double? = nil) throws {
            var configuration = HTTPServerConfiguration()
            configuration.workerThreads = 2
            if let drainSeconds {
                configuration.drainTimeoutSeconds = drainSeconds
            }
            server = try HTTPServer(
                address: SocketAddressText(host: "127.0.0.1", port: 0), configuration: configuration,
                logger: Logger(service: "http-test", level: .error),
                deferredHandler: { request, responder in
                    if request.path.hasPrefix("/later/"), let milliseconds = Int(request.path.dropFirst("/later/".count)) {
                        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) {
                            responder.respond(.text("later \(milliseconds)"))
                            // A second response is ignored.
                            responder.respond(.text("twice"))
                            responder.handToWorker()
                        }
                        return true
                    }
                    if request.path == "/now" {
                        responder.respond(.text(status: 202, "now"))
                        return true
                    }
                    if request.path == "/worker" {
                        DispatchQueue.global().async {
                            responder.handToWorker()
                        }
                        return true
                    }
                    return false
                }
            ) { request in
                .text("worker \(request.path)")
            }
            server.start()
        }

        var address: SocketAddressText { server.boundAddress }
    }

    private func exchange(_ address: SocketAddressText, _ requests: String) throws -> String {
        let socket = try BlockingSocket.connect(to: address, timeoutSeconds: 2)
        defer { socket.close() }
        socket.setReadTimeout(seconds: 10)
        try socket.writeAll(bytes(requests))
        var received: [UInt8] = []
        while true {
            let chunk = try socket.read(maxBytes: 65536)
            if chunk.isEmpty {
                break
            }
            received += chunk
        }
        return String(decoding: received, as: UTF8.self)
    }

    @Test func laterResponseArrivesAndSecondAnswersAreIgnored() throws {
        let deferring = try DeferringServer()
        defer { deferring.server.shutdown() }

        let response = try HTTPClient(address: deferring.address, timeoutSeconds: 5).send(method: "GET", path: "/later/50")
        let declined = try HTTPClient(address: deferring.address, timeoutSeconds: 5).send(method: "GET", path: "/other")

        #expect(response.status == 200)
        #expect(response.bodyText == "later 50")
        #expect(declined.bodyText == "worker /other", "a declined request goes to the pool")
        // The count drops right after the response is written, so the client may see the response first.
        for _ in 0..<200 where deferring.server.requestsInFlight != 0 {
            usleep(5_000)
        }
        #expect(deferring.server.requestsInFlight == 0)
    }

    @Test func pipelinedDeferredPoolAndImmediateResponsesKeepOrder() throws {
        let deferring = try DeferringServer()
        defer { deferring.server.shutdown() }

        let text = try exchange(
            deferring.address,
            "GET /later/200 HTTP/1.1\r\nHost: x\r\n\r\nGET /pool HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /now HTTP/1.1\r\nHost: x\r\n\r\nGET /later/10 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /worker HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")

        let bodies = ["later 200", "worker /pool", "now", "later 10", "worker /worker"]
        var searchFrom = text.startIndex
        for body in bodies {
            let found = try #require(text.range(of: "\r\n\r\n" + body, range: searchFrom..<text.endIndex), "\(body) in order")
            searchFrom = found.upperBound
        }
        #expect(!text.contains("twice"))
        #expect(text.contains("HTTP/1.1 202"))
    }

    @Test func shutdownWaitsForADeferredResponse() throws {
        let deferring = try DeferringServer(drainSeconds: 5)
        let finished = LockedValue<HTTPClientResponse?>(nil)
        let done = runOnThread {
            let response = try? HTTPClient(address: deferring.address, timeoutSeconds: 10).send(method: "GET", path: "/later/500")
            finished.withLock { $0 = response }
        }
        // Let the request reach the handler before the drain starts.
        for _ in 0..<100 where deferring.server.requestsInFlight == 0 {
            usleep(10_000)
        }
        #expect(deferring.server.requestsInFlight == 1)

        deferring.server.shutdown()
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(finished.withLock { $0 }?.bodyText == "later 500", "the drain let the deferred response through")
    }
}
