/// The protocol logic of one accepted connection (RPC framing, HTTP parsing).
///
/// The event loop that owns the connection calls these methods on its own
/// thread only, so a handler keeps its state without locks. Long work belongs
/// on a `WorkerPool`; the worker replies through the thread-safe `Connection`.
public protocol ConnectionHandler: AnyObject {
    /// New bytes arrived. `buffer` contains every unconsumed byte so far; consume
    /// complete messages with `moveReaderIndex(forwardBy:)` and leave a partial
    /// one in place for the next call.
    func received(_ buffer: inout ByteBuffer, connection: Connection)

    /// True while a partial message is buffered. The loop closes a connection
    /// whose message stays partial for longer than `ServerLimits.readTimeoutSeconds`
    /// (the slowloris defence).
    var hasPartialMessage: Bool { get }

    /// True while the handler waits for work it started (a call on a worker).
    /// The idle timeout never closes such a connection.
    var hasPendingWork: Bool { get }

    /// The connection is gone, by either side. Called exactly once.
    func closed()
}

extension ConnectionHandler {
    public var hasPendingWork: Bool { false }
}

/// Limits a `TCPServer` enforces on every connection.
public struct ServerLimits: Sendable {
    /// Connections beyond this are accepted and closed at once.
    public var maxConnections: Int
    /// A connection with nothing buffered, nothing pending and no traffic for
    /// this long is closed.
    public var idleTimeoutSeconds: Double
    /// A partial message (frame or HTTP head) must complete within this time.
    public var readTimeoutSeconds: Double
    /// Reading from a connection pauses while more than this many bytes wait
    /// to be written to it, so a peer that does not read cannot grow memory.
    public var maxPendingWriteBytes: Int

    public init(
        maxConnections: Int = 4096, idleTimeoutSeconds: Double = 60, readTimeoutSeconds: Double = 10,
        maxPendingWriteBytes: Int = 4 << 20
    ) {
        self.maxConnections = maxConnections
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.readTimeoutSeconds = readTimeoutSeconds
        self.maxPendingWriteBytes = maxPendingWriteBytes
    }
}
