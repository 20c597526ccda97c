#if canImport(Glibc)
import Glibc
#endif
import CJieluSystem
import JieluCore
import Synchronization

/// A TCP server: one listening socket shared by `loopCount` epoll loops.
///
/// `init` binds and listens at once, so a caller that asked for port 0 can
/// read `boundAddress` before `start()`. Each accepted connection gets a
/// handler from `makeHandler`, confined to the loop that accepted it.
public final class TCPServer: Sendable {
    public let boundAddress: SocketAddressText
    private let core: TCPServerCore
    private let loops: [EventLoop]
    private let listenerFD: Int32
    private let state = Mutex<State>(.created)

    private enum State {
        case created, running, stopped
    }

    /// Binds `address` (port 0 picks a free port) and listens.
    ///
    /// Throws `SocketError` naming the address when the bind fails, e.g.
    /// because another process has the port.
    public init(
        address: SocketAddressText, loopCount: Int, limits: ServerLimits, logger: Logger,
        makeHandler: @escaping @Sendable (Connection) -> any ConnectionHandler
    ) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            throw SocketError("socket", errno: errno)
        }
        do {
            guard jielu_set_reuse(fd, 0) == 0 else {
                throw SocketError("setsockopt SO_REUSEADDR", errno: errno)
            }
            var socketAddress = SocketOptions.socketAddress(address)
            let bound = withUnsafePointer(to: &socketAddress) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard bound == 0 else {
                throw SocketError("bind", errno: errno, address: address.description)
            }
            guard listen(fd, 1024) == 0 else {
                throw SocketError("listen", errno: errno, address: address.description)
            }
            guard jielu_set_nonblocking(fd) == 0 else {
                throw SocketError("fcntl O_NONBLOCK", errno: errno)
            }

            var actual = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &actual) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            boundAddress = SocketOptions.describe(actual)

            core = TCPServerCore(limits: limits, logger: logger, makeHandler: makeHandler)
            var loops: [EventLoop] = []
            for index in 0..<max(loopCount, 1) {
                loops.append(try EventLoop(index: index, listenerFD: fd, server: core))
            }
            self.loops = loops
            listenerFD = fd
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    /// Starts the loop threads; connections are accepted from now on.
    public func start() {
        state.withLock { state in
            guard case .created = state else {
                return
            }
            state = .running
            for loop in loops {
                loop.start()
            }
        }
    }

    /// Stops accepting new connections; open ones carry on. The port stays
    /// bound until `shutdown()`, so a new process cannot take it mid-drain.
    public func stopAccepting() {
        for loop in loops {
            loop.submit(.stopAccepting)
        }
    }

    /// Closes every connection, stops the loops and joins their threads.
    public func shutdown() {
        let wasRunning = state.withLock { state -> Bool in
            defer { state = .stopped }
            return state == .running
        }
        for loop in loops {
            loop.submit(.shutdown)
        }
        if wasRunning {
            for loop in loops {
                loop.join()
            }
        }
        Glibc.close(listenerFD)
    }

    /// Connections currently open.
    public var openConnections: Int { core.openConnections }
}

/// The part of the server that its loops share: limits, counters, the handler factory.
final class TCPServerCore: Sendable {
    let limits: ServerLimits
    let logger: Logger
    let makeHandler: @Sendable (Connection) -> any ConnectionHandler
    private let connectionCount = Atomic<Int>(0)
    private let connectionIDs = Atomic<UInt64>(0)
    private let rejectedCount = Atomic<Int>(0)

    init(limits: ServerLimits, logger: Logger, makeHandler: @escaping @Sendable (Connection) -> any ConnectionHandler) {
        self.limits = limits
        self.logger = logger
        self.makeHandler = makeHandler
    }

    var openConnections: Int { connectionCount.load(ordering: .relaxed) }

    func nextConnectionID() -> UInt64 {
        connectionIDs.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// Takes a slot under `maxConnections`; false when the server is full.
    func reserveConnectionSlot() -> Bool {
        let after = connectionCount.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue
        if after > limits.maxConnections {
            connectionCount.wrappingSubtract(1, ordering: .acquiringAndReleasing)
            return false
        }
        return true
    }

    func releaseConnectionSlot() {
        connectionCount.wrappingSubtract(1, ordering: .acquiringAndReleasing)
    }

    /// Logs a rejected connection, at most one line per 1,000 rejections.
    func reportRejectedConnection(peer: String) {
        let count = rejectedCount.wrappingAdd(1, ordering: .relaxed).newValue
        if count % 1000 == 1 {
            logger.warning("connection limit reached, closing new connections", [
                "limit": limits.maxConnections, "peer": peer, "rejected_total": count,
            ])
        }
    }
}
