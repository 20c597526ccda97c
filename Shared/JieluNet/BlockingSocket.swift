#if canImport(Glibc)
import Glibc
#endif
import CJieluSystem
import JieluCore
import Synchronization

/// A connected client socket with blocking reads and writes, for RPC
/// clients, the HTTP client, tests and load generators.
///
/// One thread may read while another writes. `shutdown()` from any thread
/// wakes a blocked reader; `close()` must come after the reader has stopped.
public final class BlockingSocket: Sendable {
    public let remote: SocketAddressText
    private let fd: Int32
    private let closed = Atomic<Bool>(false)

    private init(fd: Int32, remote: SocketAddressText) {
        self.fd = fd
        self.remote = remote
    }

    /// Connects with TCP_NODELAY set. Throws `SocketError` when the peer
    /// refuses or `timeoutSeconds` passes first.
    public static func connect(to address: SocketAddressText, timeoutSeconds: Double) throws -> BlockingSocket {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            throw SocketError("socket", errno: errno)
        }
        do {
            guard jielu_set_nonblocking(fd) == 0 else {
                throw SocketError("fcntl O_NONBLOCK", errno: errno)
            }
            var socketAddress = SocketOptions.socketAddress(address)
            let result = withUnsafePointer(to: &socketAddress) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            if result != 0 {
                guard errno == EINPROGRESS else {
                    throw SocketError("connect", errno: errno, address: address.description)
                }
                var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                let ready = poll(&poller, 1, Int32(max(timeoutSeconds, 0.001) * 1000))
                guard ready > 0 else {
                    throw SocketError("connect", errno: ready == 0 ? ETIMEDOUT : errno, address: address.description)
                }
                var socketError: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &socketError, &length)
                guard socketError == 0 else {
                    throw SocketError("connect", errno: socketError, address: address.description)
                }
            }
            let flags = fcntl(fd, F_GETFL, 0)
            _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
            SocketOptions.setNoDelay(fd)
            return BlockingSocket(fd: fd, remote: address)
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    /// Sends every byte, looping over partial writes and EINTR.
    public func writeAll(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 {
                    if errno == EINTR {
                        continue
                    }
                    throw SocketError("send", errno: errno, address: remote.description)
                }
                offset += sent
            }
        }
    }

    /// Reads up to `maxBytes`; returns an empty array at end of stream. Throws
    /// on errors and when the read timeout passes (errno EAGAIN).
    public func read(maxBytes: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: maxBytes)
        while true {
            let received = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, maxBytes, 0) }
            if received < 0 {
                if errno == EINTR {
                    continue
                }
                throw SocketError("recv", errno: errno, address: remote.description)
            }
            buffer.removeLast(maxBytes - received)
            return buffer
        }
    }

    /// Reads up to `buffer.count` bytes into `buffer` without allocating;
    /// returns 0 at end of stream. Throws on errors and when the read timeout
    /// passes (errno EAGAIN).
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let received = recv(fd, buffer.baseAddress, buffer.count, 0)
            if received < 0 {
                if errno == EINTR {
                    continue
                }
                throw SocketError("recv", errno: errno, address: remote.description)
            }
            return received
        }
    }

    /// Makes reads give up after `seconds`; 0 waits forever.
    public func setReadTimeout(seconds: Double) {
        var time = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Shuts both directions down, waking a thread blocked in `read`.
    public func shutdown() {
        _ = Glibc.shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Releases the descriptor. Idempotent.
    public func close() {
        if closed.exchange(true, ordering: .acquiringAndReleasing) {
            return
        }
        Glibc.close(fd)
    }

    deinit {
        close()
    }
}
