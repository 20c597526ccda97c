#if canImport(Glibc)
import Glibc
#endif
import JieluCore
import Synchronization

/// The thread-safe face of one accepted TCP connection.
///
/// Any thread may write or close. A write goes straight to the socket from
/// the calling thread when nothing is queued before it. What the socket does
/// not take at once is queued to the owning event loop, which sends it when
/// the socket is writable. While one thread sends, writes from other threads
/// are appended to its batch instead of waiting for it. So a writer never
/// blocks on a slow peer, and bytes reach the peer in the order of the
/// `write` calls.
public final class Connection: Sendable {
    /// The socket as writers see it.
    private struct WriteState {
        let fd: Int32
        var isOpen = true
        /// A thread is in `send` on `fd`; the descriptor stays open until it
        /// returns, even when the loop closes the connection meanwhile.
        var sending = false
        /// The loop closed the connection while a thread was sending; that
        /// thread closes the descriptor.
        var closeAfterSend = false
        /// Bytes written while another thread was sending; it sends them next.
        var batched: [UInt8] = []
        /// Bytes handed to the loop and not yet sent. While above zero, new
        /// writes queue behind them instead of sending directly.
        var queuedBytes = 0
    }

    public let id: UInt64
    /// `address:port` of the peer, for logs.
    public let peerDescription: String

    private let loop: EventLoop
    private let closedFlag = Atomic<Bool>(false)
    private let writeState: LockedValue<WriteState>
    /// Monotonic time of the last direct send, for the idle timeout.
    private let lastDirectWrite = Atomic<UInt64>(0)

    init(id: UInt64, fd: Int32, peerDescription: String, loop: EventLoop) {
        self.id = id
        self.peerDescription = peerDescription
        self.loop = loop
        writeState = LockedValue(WriteState(fd: fd))
    }

    /// Sends `bytes`, or queues what the socket does not take at once. Bytes
    /// written after `close()` are dropped.
    public func write(_ bytes: [UInt8]) {
        if bytes.isEmpty {
            return
        }
        let fd = writeState.withLock { state -> Int32? in
            guard state.isOpen else {
                return nil
            }
            if state.sending {
                state.batched.append(contentsOf: bytes)
                return nil
            }
            if state.queuedBytes > 0 {
                state.queuedBytes += bytes.count
                // Submitted under the lock, so queued writes keep their order.
                loop.submit(.write(connectionID: id, bytes: bytes))
                return nil
            }
            state.sending = true
            return state.fd
        }
        guard let fd else {
            return
        }

        var chunk = bytes
        while true {
            let sent = Connection.sendAvailable(fd, chunk)
            let next = writeState.withLock { state -> [UInt8]? in
                if sent >= 0 && sent < chunk.count && state.isOpen {
                    // The socket is full: the loop sends the rest when it drains.
                    let rest = Array(chunk[sent...]) + state.batched
                    state.batched = []
                    state.queuedBytes += rest.count
                    loop.submit(.write(connectionID: id, bytes: rest))
                } else if sent >= 0 && state.isOpen && !state.batched.isEmpty {
                    defer { state.batched = [] }
                    return state.batched
                }
                // Done, the peer is gone (the loop gets the error on its next
                // read), or the loop closed the connection meanwhile.
                state.batched = []
                state.sending = false
                if state.closeAfterSend {
                    Glibc.close(state.fd)
                }
                return nil
            }
            if sent > 0 {
                lastDirectWrite.store(Deadline.monotonicNanoseconds(), ordering: .relaxed)
            }
            guard let next else {
                return
            }
            chunk = next
        }
    }

    /// Closes the connection once every queued write has been sent.
    public func close() {
        loop.submit(.close(connectionID: id, flushFirst: true))
    }

    /// Closes at once, dropping queued writes.
    public func abort() {
        loop.submit(.close(connectionID: id, flushFirst: false))
    }

    /// True once the loop has closed the socket.
    public var isClosed: Bool { closedFlag.load(ordering: .acquiring) }

    // MARK: Called by the owning loop

    /// Monotonic time of the last direct send; 0 when none.
    var lastDirectWriteNanoseconds: UInt64 {
        lastDirectWrite.load(ordering: .relaxed)
    }

    /// Records that the loop sent `count` queued bytes.
    func queuedBytesSent(_ count: Int) {
        writeState.withLock { $0.queuedBytes -= count }
    }

    /// Closes the descriptor, or has the thread that is sending on it close
    /// it when its `send` returns. After this no write touches it, so the
    /// number can be reused safely.
    func closeDescriptor() {
        writeState.withLock { state in
            guard state.isOpen else {
                return
            }
            state.isOpen = false
            if state.sending {
                state.closeAfterSend = true
            } else {
                Glibc.close(state.fd)
            }
        }
        closedFlag.store(true, ordering: .releasing)
    }

    /// Sends as much of `bytes` as the socket takes without blocking.
    /// Returns the count sent, or -1 when the socket failed.
    private static func sendAvailable(_ fd: Int32, _ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
                if sent < 0 {
                    if errno == EINTR {
                        continue
                    }
                    return errno == EAGAIN || errno == EWOULDBLOCK ? offset : -1
                }
                offset += sent
            }
            return offset
        }
    }
}
