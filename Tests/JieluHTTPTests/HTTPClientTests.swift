#if canImport(Glibc)
import Glibc
#endif
import Foundation
import JieluCore
import JieluHTTP
import JieluNet
import Testing

/// A stand-in for servers that send what `HTTPServer` never does: a TCP
/// server that writes fixed bytes after every read and can then close.
final class CannedServer: Sendable {
    private final class Responder: ConnectionHandler {
        let reply: [UInt8]
        let closeAfterReply: Bool

        init(reply: [UInt8], closeAfterReply: Bool) {
            self.reply = reply
            self.closeAfterReply = closeAfterReply
        }

        func received(_ buffer: inout ByteBuffer, connection: Connection) {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            connection.write(reply)
            if closeAfterReply {
                connection.close()
            }
        }

        var hasPartialMessage: Bool { false }

        func closed() {}
    }

    let tcp: TCPServer

    init(reply: String, closeAfterReply: Bool) throws {
        let bytes = Array(reply.utf8)
        tcp = try TCPServer(
            address: SocketAddressText(host: "127.0.0.1", port: 0), loopCount: 1, limits: ServerLimits(),
            logger: Logger(service: "canned", level: .warning)
        ) { _ in Responder(reply: bytes, closeAfterReply: closeAfterReply) }
        tcp.start()
    }

    deinit {
        tcp.shutdown()
    }
}

@Suite("HTTPClient")
struct HTTPClientTests {
    // MARK: Reconnecting

    @Test func reconnectsAfterServerClosedIdleConnection() throws {
        var configuration = HTTPServerConfiguration()
        configuration.idleTimeoutSeconds = 0.3
        let server = try LiveServer.echo(configuration: configuration)
        defer { server.shutdown() }
        let client = HTTPClient(address: server.address, timeoutSeconds: 5)
        #expect(try client.send(method: "GET", path: "/1").status == 200)
        // Longer than the idle probe threshold of one second.
        usleep(1_300_000)
        #expect(try client.send(method: "POST", path: "/2", body: bytes("x")).bodyText == "POST /2 1")
        #expect(client.connectionsOpened == 2)
    }

    @Test func idempotentRequestRetriedOnClosedConnection() throws {
        var configuration = HTTPServerConfiguration()
        configuration.idleTimeoutSeconds = 0.2
        let server = try LiveServer.echo(configuration: configuration)
        defer { server.shutdown() }
        let client = HTTPClient(address: server.address, timeoutSeconds: 5)
        #expect(try client.send(method: "GET", path: "/1").status == 200)
        // Shorter than the probe threshold: the close is found only after writing.
        usleep(600_000)
        #expect(try client.send(method: "GET", path: "/2").bodyText == "GET /2 0")
        #expect(client.connectionsOpened == 2)
    }

    @Test func writtenPostNotRepeated() throws {
        var configuration = HTTPServerConfiguration()
        configuration.idleTimeoutSeconds = 0.2
        let posts = Shared(0)
        let server = try LiveServer(configuration: configuration) { request in
            if request.method == "POST" {
                posts.update { $0 += 1 }
            }
            return .text("ok")
        }
        defer { server.shutdown() }
        let client = HTTPClient(address: server.address, timeoutSeconds: 5)
        #expect(try client.send(method: "GET", path: "/1").status == 200)
        usleep(600_000)
        #expect(throws: (any Error).self) { _ = try client.send(method: "POST", path: "/2", body: bytes("x")) }
        #expect(client.connectionsOpened == 1)
        #expect(posts.value == 0)
    }

    @Test func earlyResponseReadAfterFailedWrite() throws {
        let server = try LiveServer.echo()
        defer { server.shutdown() }
        let client = HTTPClient(address: server.address, timeoutSeconds: 5)
        // Far above both the body limit and the discard limit, so the server
        // responds with 413 and closes while the client is still writing.
        let response = try client.send(method: "POST", path: "/up", body: [UInt8](repeating: 0, count: 8 << 20))
        #expect(response.status == 413)
    }

    // MARK: Response framing

    @Test func closeDelimitedBodyRead() throws {
        let server = try CannedServer(reply: "HTTP/1.1 200 OK\r\nX-A: 1\r\n\r\nuntil the end", closeAfterReply: true)
        let client = HTTPClient(address: server.tcp.boundAddress, timeoutSeconds: 5)
        let response = try client.send(method: "GET", path: "/")
        #expect(response.bodyText == "until the end")
        #expect(response.headers["x-a"] == "1")
    }

    @Test func interimResponseSkipped() throws {
        let server = try CannedServer(
            reply: "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok", closeAfterReply: false)
        let client = HTTPClient(address: server.tcp.boundAddress, timeoutSeconds: 5)
        let response = try client.send(method: "POST", path: "/", body: bytes("x"))
        #expect(response.status == 201)
        #expect(response.bodyText == "ok")
    }

    @Test func chunkedResponseRejected() throws {
        let server = try CannedServer(
            reply: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n", closeAfterReply: false)
        let client = HTTPClient(address: server.tcp.boundAddress, timeoutSeconds: 5)
        #expect(throws: HTTPClientError.unsupportedTransferEncoding("chunked")) {
            _ = try client.send(method: "GET", path: "/")
        }
    }

    @Test func malformedStatusLineRejected() throws {
        let server = try CannedServer(reply: "HTTP/1.1 OK\r\nContent-Length: 0\r\n\r\n", closeAfterReply: false)
        let client = HTTPClient(address: server.tcp.boundAddress, timeoutSeconds: 5)
        #expect(throws: HTTPClientError.malformedResponse("status line \"HTTP/1.1 OK\"")) {
            _ = try client.send(method: "GET", path: "/")
        }
    }

    @Test func truncatedResponseReported() throws {
        let server = try CannedServer(reply: "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", closeAfterReply: true)
        let client = HTTPClient(address: server.tcp.boundAddress, timeoutSeconds: 5)
        #expect(throws: HTTPClientError.connectionClosed) {
            _ = try client.send(method: "GET", path: "/")
        }
    }

    // MARK: Requests

    @Test(
        "invalid request rejected before connecting",
        arguments: [
            ("GE T", "/", [(String, String)]()),
            ("GET", "no-slash", []),
            ("GET", "/with space", []),
            ("GET", "/街道", []),
            ("GET", "/", [("X-A", "a\r\nX-B: b")]),
            ("GET", "/", [("Bad Name", "v")]),
            ("POST", "/", [("Content-Length", "3")]),
        ])
    func invalidRequestRejected(method: String, path: String, headers: [(String, String)]) {
        // Port 9 on loopback: nothing listens, and nothing must be attempted.
        let client = HTTPClient(address: SocketAddressText(host: "127.0.0.1", port: 9), timeoutSeconds: 1)
        #expect(throws: HTTPClientError.self) { _ = try client.send(method: method, path: path, headers: headers) }
        #expect(client.connectionsOpened == 0)
    }

    @Test func jsonAndHeadersRoundTrip() throws {
        let server = try LiveServer { request in
            .json(["path": request.path, "name": request.query["name"] ?? "", "token": request.headers["Authorization"] ?? ""])
        }
        defer { server.shutdown() }
        let client = HTTPClient(address: server.address, timeoutSeconds: 5)
        let path = "/s/" + PercentEncoding.encodeComponent("和平路") + "?name=" + PercentEncoding.encodeComponent("张 三")
        let response = try client.send(method: "GET", path: path, headers: [("Authorization", "Bearer t")])
        let object = try #require(response.json() as? [String: String])
        #expect(object == ["path": "/s/和平路", "name": "张 三", "token": "Bearer t"])
        #expect(response.bodyText.contains("和平路"))
    }
}
