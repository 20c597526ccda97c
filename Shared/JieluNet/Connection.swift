import Synchronization

/// The thread-safe face of one accepted TCP connection.
///
/// Any thread may write or close; the owning event loop performs the actual
/// system calls, so a worker never blocks on a slow peer.
public final class Connection: Sendable {
    public let id: UInt64
    /// `address:port` of the peer, for logs.
    public let peerDescription: String

    private let loop: EventLoop
    private let closedFlag = Atomic<Bool>(false)

    init(id: UInt64, peerDescription: String, loop: EventLoop) {
        self.id = id
        self.peerDescription = peerDescription
        self.loop = loop
    }

    /// Queues `bytes` for sending. Bytes written after `close()` are dropped.
    public func write(_ bytes: [UInt8]) {
        if isClosed || bytes.isEmpty {
            return
        }
        loop.submit(.write(connectionID: id, bytes: bytes))
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

    func markClosed() {
        closedFlag.store(true, ordering: .releasing)
    }
}
