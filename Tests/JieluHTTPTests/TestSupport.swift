import Foundation
import JieluCore
import JieluHTTP
import JieluNet
import Synchronization
import Testing

/// Returns the UTF-8 bytes of `text`, for writing requests as string literals.
func bytes(_ text: String) -> [UInt8] {
    Array(text.utf8)
}

/// Feeds `input` to a fresh parser one byte at a time.
func feedByteByByte(_ input: [UInt8], limits: HTTPRequestParser.Limits = .init()) throws(HTTPParseError) -> [HTTPRequest] {
    var parser = HTTPRequestParser(limits: limits)
    var requests: [HTTPRequest] = []
    for byte in input {
        requests += try parser.feed([byte])
    }
    return requests
}

/// Feeds `input` to a fresh parser in one call.
func feedAtOnce(_ input: [UInt8], limits: HTTPRequestParser.Limits = .init()) throws(HTTPParseError) -> [HTTPRequest] {
    var parser = HTTPRequestParser(limits: limits)
    return try parser.feed(input)
}

/// Returns the error that feeding `input` at once throws, or nil when it parses.
func parseError(_ input: [UInt8], limits: HTTPRequestParser.Limits = .init()) -> HTTPParseError? {
    do {
        _ = try feedAtOnce(input, limits: limits)
        return nil
    } catch {
        return error
    }
}

/// A live server on 127.0.0.1 with a free port, for one test.
final class LiveServer: Sendable {
    let server: HTTPServer
    var address: SocketAddressText { server.boundAddress }

    init(
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) throws {
        server = try HTTPServer(
            address: SocketAddressText(host: "127.0.0.1", port: 0), configuration: configuration,
            logger: Logger(service: "http-test", level: .warning), handler: handler)
        server.start()
    }

    /// Starts a server that responds to every request with its method, path
    /// and body size as text, so tests can tell responses apart.
    static func echo(configuration: HTTPServerConfiguration = HTTPServerConfiguration()) throws -> LiveServer {
        try LiveServer(configuration: configuration) { request in
            .text("\(request.method) \(request.path) \(request.body.count)")
        }
    }

    func shutdown() {
        server.shutdown()
    }
}

/// A response read off a raw socket by `RawConnection`.
struct RawResponse {
    var status: Int
    var head: String
    var headers: [String: String]
    var body: [UInt8]

    var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The `code` of a JSON error body, or nil.
    var errorCode: String? {
        let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        return (object?["error"] as? [String: Any])?["code"] as? String
    }
}

/// A client socket that writes arbitrary bytes and reads responses framed by
/// Content-Length, for tests that must send what `HTTPClient` refuses to.
final class RawConnection {
    let socket: BlockingSocket
    private var buffer: [UInt8] = []

    init(_ address: SocketAddressText, readTimeoutSeconds: Double = 5) throws {
        socket = try BlockingSocket.connect(to: address, timeoutSeconds: 5)
        socket.setReadTimeout(seconds: readTimeoutSeconds)
    }

    deinit {
        socket.close()
    }

    func send(_ text: String) throws {
        try socket.writeAll(bytes(text))
    }

    func send(_ data: [UInt8]) throws {
        try socket.writeAll(data)
    }

    /// Reads one response. Throws `HTTPClientError.connectionClosed` when the
    /// stream ends first.
    func readResponse(headOnly: Bool = false) throws -> RawResponse {
        while true {
            if let response = try takeResponse(headOnly: headOnly) {
                return response
            }
            let chunk = try socket.read(maxBytes: 65536)
            if chunk.isEmpty {
                throw HTTPClientError.connectionClosed
            }
            buffer += chunk
        }
    }

    /// True when the server closes the connection with nothing more sent,
    /// within the read timeout.
    func readsEndOfStream() -> Bool {
        guard buffer.isEmpty, let chunk = try? socket.read(maxBytes: 65536) else {
            return false
        }
        return chunk.isEmpty
    }

    private func takeResponse(headOnly: Bool) throws -> RawResponse? {
        let terminator = bytes("\r\n\r\n")
        guard let end = (0..<max(buffer.count - 3, 0)).first(where: { Array(buffer[$0..<($0 + 4)]) == terminator }) else {
            return nil
        }
        let head = String(decoding: buffer[..<end], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? -1
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            headers[parts[0].lowercased()] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        }
        let length = headOnly ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        guard buffer.count >= end + 4 + length else {
            return nil
        }
        let body = Array(buffer[(end + 4)..<(end + 4 + length)])
        buffer.removeFirst(end + 4 + length)
        return RawResponse(status: status, head: head, headers: headers, body: body)
    }
}

/// A value shared between a test and the threads it starts.
final class Shared<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) {
        storage = Mutex(value)
    }

    var value: Value {
        storage.withLock { $0 }
    }

    func update(_ change: (inout Value) -> Void) {
        storage.withLock { change(&$0) }
    }
}

/// Runs `body` on a new thread; the returned semaphore is signalled when it ends.
func runOnThread(_ body: @escaping @Sendable () -> Void) -> DispatchSemaphore {
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        body()
        done.signal()
    }
    return done
}
