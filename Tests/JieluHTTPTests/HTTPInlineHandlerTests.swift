import Foundation
import JieluCore
import JieluHTTP
import JieluNet
import Testing

/// Requests that the inline handler responds to are served by the thread
/// that parsed them; the rest go to the worker pool as before.
@Suite("HTTPServer inline handler")
struct HTTPInlineHandlerTests {
    /// A server with one worker, which a "/hold" request occupies until
    /// `release` is signalled, and an inline handler for "/inline".
    final class HeldServer: Sendable {
        let server: HTTPServer
        let release = DispatchSemaphore(value: 0)
        let entered = DispatchSemaphore(value: 0)

        init(inlineStatus: Int = 200) throws {
            var configuration = HTTPServerConfiguration()
            configuration.workerThreads = 1
            configuration.queueLimit = 1
            let release = release
            let entered = entered
            server = try HTTPServer(
                address: SocketAddressText(host: "127.0.0.1", port: 0), configuration: configuration,
                logger: Logger(service: "http-test", level: .error),
                inlineHandler: { request in
                    request.path == "/inline" ? .text(status: inlineStatus, "inline") : nil
                }
            ) { request in
                if request.path == "/hold" {
                    entered.signal()
                    _ = release.wait(timeout: .now() + 30)
                }
                return .text("worker \(request.path)")
            }
            server.start()
        }

        var address: SocketAddressText { server.boundAddress }
    }

    @Test func inlineRequestIsServedWhileWorkersAreBusy() throws {
        let held = try HeldServer()
        defer {
            held.release.signal()
            held.server.shutdown()
        }
        let holder = Thread {
            _ = try? HTTPClient(address: held.address, timeoutSeconds: 30).send(method: "GET", path: "/hold")
        }
        holder.start()
        try #require(held.entered.wait(timeout: .now() + 10) == .success)

        let inline = try HTTPClient(address: held.address, timeoutSeconds: 5).send(method: "GET", path: "/inline")
        held.release.signal()
        let other = try HTTPClient(address: held.address, timeoutSeconds: 10).send(method: "GET", path: "/other")

        #expect(inline.status == 200)
        #expect(inline.bodyText == "inline")
        #expect(other.bodyText == "worker /other", "requests the inline handler declines go to the pool")
    }

    @Test func invalidInlineStatusBecomes500() throws {
        let held = try HeldServer(inlineStatus: 99)
        defer { held.server.shutdown() }

        let response = try HTTPClient(address: held.address, timeoutSeconds: 5).send(method: "GET", path: "/inline")

        #expect(response.status == 500)
    }

    @Test func pipelinedInlineAndPoolRequestsKeepOrder() throws {
        let held = try HeldServer()
        defer { held.server.shutdown() }
        let socket = try BlockingSocket.connect(to: held.address, timeoutSeconds: 2)
        defer { socket.close() }
        socket.setReadTimeout(seconds: 10)

        try socket.writeAll(bytes(
            "GET /inline HTTP/1.1\r\nHost: x\r\n\r\nGET /pool HTTP/1.1\r\nHost: x\r\n\r\nGET /inline HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        var received: [UInt8] = []
        while true {
            let chunk = try socket.read(maxBytes: 65536)
            if chunk.isEmpty {
                break
            }
            received += chunk
        }
        let text = String(decoding: received, as: UTF8.self)

        let first = try #require(text.range(of: "\r\n\r\ninline"))
        let second = try #require(text.range(of: "worker /pool"))
        let third = try #require(text.range(of: "\r\n\r\ninline", range: second.upperBound..<text.endIndex))
        #expect(first.lowerBound < second.lowerBound)
        #expect(second.lowerBound < third.lowerBound)
    }
}
