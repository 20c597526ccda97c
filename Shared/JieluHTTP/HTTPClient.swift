#if canImport(Glibc)
import Glibc
#endif
import JieluCore
import JieluNet

/// A minimal blocking HTTP/1.1 client for tests, the admin CLI and load
/// generators. It keeps one connection alive between requests.
///
/// Responses are framed by `Content-Length`, or by the server closing the
/// connection when there is none; chunked responses are rejected with
/// `HTTPClientError.unsupportedTransferEncoding`.
///
/// Not thread-safe: use one client per thread.
public final class HTTPClient {
    /// Maximum bytes of a response's status line and header fields.
    public static let maxResponseHeadBytes = 64 * 1024
    /// Maximum bytes of a response body.
    public static let maxResponseBodyBytes = 64 << 20
    /// A kept-alive connection unused for longer than this is probed for a
    /// close by the server before it is reused.
    static let idleProbeAfterNanoseconds: UInt64 = 1_000_000_000
    static let readChunkBytes = 64 * 1024

    public let address: SocketAddressText
    public let timeoutSeconds: Double
    /// Connections opened so far, reconnects included.
    public private(set) var connectionsOpened = 0

    private var socket: BlockingSocket?
    /// Bytes read from `socket` and not yet used by a response.
    private var received: [UInt8] = []
    private var lastUsedNanoseconds: UInt64 = 0

    /// Creates a client for the server at `address`. `timeoutSeconds` bounds
    /// the connect and each read. Nothing is connected until the first request.
    public init(address: SocketAddressText, timeoutSeconds: Double = 10) {
        self.address = address
        self.timeoutSeconds = timeoutSeconds
    }

    deinit {
        close()
    }

    /// Sends one request and waits for its response.
    ///
    /// Adds `Host` unless `headers` has one, and `Content-Length` when there
    /// is a body or the method is POST, PUT or PATCH. `path` must already be
    /// percent-encoded (see `PercentEncoding.encodeComponent`).
    ///
    /// On a reused connection that the server closed before responding, the
    /// request is sent once more on a new connection, but only when no byte
    /// of a response arrived and either writing the request failed or the
    /// method is idempotent (GET, HEAD, PUT, DELETE, OPTIONS). A POST whose
    /// bytes were all written is not repeated, because the server may have
    /// acted on it.
    ///
    /// Throws `HTTPClientError.invalidRequest` before connecting when the
    /// request cannot be encoded, `SocketError` for connect, write and read
    /// failures (a read timeout is errno EAGAIN), and the other
    /// `HTTPClientError` cases for responses it cannot read.
    public func send(method: String, path: String, headers: [(String, String)] = [], body: [UInt8] = []) throws -> HTTPClientResponse {
        let request = try encodeRequest(method: method, path: path, headers: headers, body: body)
        var mayRetry = true
        while true {
            let (socket, reused) = try connectedSocket()
            do {
                let response = try exchange(request, method: method, on: socket)
                lastUsedNanoseconds = Deadline.monotonicNanoseconds()
                return response
            } catch let failure as ExchangeFailure {
                close()
                let idempotent = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].contains(method)
                if reused && mayRetry && failure.closedBeforeResponse && (failure.writeFailed || idempotent) {
                    mayRetry = false
                    continue
                }
                throw failure.error
            } catch {
                close()
                throw error
            }
        }
    }

    /// Closes the kept-alive connection, if any.
    public func close() {
        socket?.close()
        socket = nil
        received = []
    }

    // MARK: Connection

    /// Returns the kept-alive socket when it is still usable, otherwise a new
    /// one. `reused` is true for the kept-alive socket.
    private func connectedSocket() throws -> (socket: BlockingSocket, reused: Bool) {
        if let socket {
            let idle = Deadline.monotonicNanoseconds() - lastUsedNanoseconds
            if idle < Self.idleProbeAfterNanoseconds || isOpen(socket) {
                return (socket, true)
            }
            close()
        }
        let socket = try BlockingSocket.connect(to: address, timeoutSeconds: timeoutSeconds)
        socket.setReadTimeout(seconds: timeoutSeconds)
        self.socket = socket
        received = []
        connectionsOpened += 1
        return (socket, false)
    }

    /// Probes an idle connection with a 1 ms read. A timeout means it is still
    /// open. End of stream, an error or unexpected bytes mean it is not.
    private func isOpen(_ socket: BlockingSocket) -> Bool {
        socket.setReadTimeout(seconds: 0.001)
        defer { socket.setReadTimeout(seconds: timeoutSeconds) }
        do {
            _ = try socket.read(maxBytes: 1)
            return false
        } catch let error as SocketError {
            return error.errno == EAGAIN || error.errno == EWOULDBLOCK
        } catch {
            return false
        }
    }

    // MARK: Request

    private func encodeRequest(method: String, path: String, headers: [(String, String)], body: [UInt8]) throws -> [UInt8] {
        guard HTTPSyntax.isToken(method) else {
            throw HTTPClientError.invalidRequest("method \"\(method)\" is not an HTTP token")
        }
        guard path.hasPrefix("/") || path == "*", path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw HTTPClientError.invalidRequest("path \"\(path)\" must start with / and be percent-encoded ASCII without spaces")
        }

        var output = Array("\(method) \(path) HTTP/1.1\r\n".utf8)
        if !headers.contains(where: { HTTPSyntax.equalsIgnoringASCIICase($0.0, "Host") }) {
            output.append(contentsOf: "Host: \(address)\r\n".utf8)
        }
        for (name, value) in headers {
            guard HTTPSyntax.isToken(name), value.utf8.allSatisfy(HTTPSyntax.isFieldValueByte) else {
                throw HTTPClientError.invalidRequest("header \"\(name)\" has an invalid name or a control character in its value")
            }
            if HTTPSyntax.equalsIgnoringASCIICase(name, "Content-Length") || HTTPSyntax.equalsIgnoringASCIICase(name, "Transfer-Encoding") {
                throw HTTPClientError.invalidRequest("header \"\(name)\" is set by the client from the body")
            }
            output.append(contentsOf: "\(name): \(value)\r\n".utf8)
        }
        if !body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) {
            output.append(contentsOf: "Content-Length: \(body.count)\r\n".utf8)
        }
        output.append(contentsOf: "\r\n".utf8)
        output.append(contentsOf: body)
        return output
    }

    // MARK: Response

    /// A failed exchange, with what the retry decision needs.
    private struct ExchangeFailure: Error {
        var error: any Error
        /// The server closed or reset the connection before any response byte.
        var closedBeforeResponse: Bool
        var writeFailed: Bool
    }

    /// Writes `request` and reads one response. A failed write is not final,
    /// because a server may respond early (a 413 before the body is read) and
    /// close. The response is then still read when there is one.
    private func exchange(_ request: [UInt8], method: String, on socket: BlockingSocket) throws -> HTTPClientResponse {
        var writeError: (any Error)?
        do {
            try socket.writeAll(request)
        } catch {
            writeError = error
        }

        var reader = ResponseReader(method: method)
        do {
            while true {
                if let response = try reader.parse(&received) {
                    if !response.keepAlive {
                        close()
                    }
                    return response.response
                }
                let bytes = try socket.read(maxBytes: Self.readChunkBytes)
                if bytes.isEmpty {
                    if let response = try reader.finishAtEndOfStream(&received) {
                        close()
                        return response
                    }
                    throw HTTPClientError.connectionClosed
                }
                received.append(contentsOf: bytes)
            }
        } catch {
            let peerClosed: Bool
            switch error {
            case HTTPClientError.connectionClosed:
                peerClosed = true
            case let socketError as SocketError:
                peerClosed = socketError.errno == ECONNRESET || socketError.errno == EPIPE
            default:
                peerClosed = false
            }
            throw ExchangeFailure(
                error: writeError ?? error, closedBeforeResponse: peerClosed && !reader.sawResponseBytes,
                writeFailed: writeError != nil)
        }
    }
}
