#if canImport(Glibc)
import Glibc
#endif
import CJieluSystem
import Foundation
import JieluCore
import Synchronization

/// One epoll loop on its own thread, owning a set of connections.
///
/// All socket I/O and every `ConnectionHandler` call for the loop's
/// connections happen on the loop thread. Other threads talk to it only
/// through `submit`, which queues a command and wakes the loop with an
/// eventfd. The loop uses level-triggered epoll and never blocks except in
/// `epoll_wait`.
final class EventLoop: @unchecked Sendable {
    /// A request from another thread, carried out on the loop thread.
    enum Command: Sendable {
        case write(connectionID: UInt64, bytes: [UInt8])
        case close(connectionID: UInt64, flushFirst: Bool)
        case stopAccepting
        case shutdown
    }

    /// Loop-confined state of one connection.
    private final class ConnectionState {
        let fd: Int32
        let connection: Connection
        let handler: any ConnectionHandler
        var inbound = ByteBuffer()
        var outbound: [[UInt8]] = []
        var outboundOffset = 0
        var pendingWriteBytes = 0
        var closeAfterFlush = false
        var lastActivity: UInt64
        var partialSince: UInt64?
        var interest: UInt32 = 0

        init(fd: Int32, connection: Connection, handler: any ConnectionHandler, now: UInt64) {
            self.fd = fd
            self.connection = connection
            self.handler = handler
            self.lastActivity = now
        }
    }

    private static let wakeToken: UInt64 = .max
    private static let listenerToken: UInt64 = .max - 1
    private static let readChunkBytes = 64 * 1024
    private static let sweepIntervalNanoseconds: UInt64 = 100_000_000

    let index: Int
    private let epollFD: Int32
    private let wakeFD: Int32
    private let listenerFD: Int32
    private let server: TCPServerCore
    private let mailbox = LockedValue<[Command]>([])
    private let finished = DispatchSemaphore(value: 0)

    // Loop-confined from here on.
    private var connections: [UInt64: ConnectionState] = [:]
    private var accepting = true
    private var running = true
    private var lastSweep: UInt64 = 0
    private var readBuffer = [UInt8](repeating: 0, count: EventLoop.readChunkBytes)

    init(index: Int, listenerFD: Int32, server: TCPServerCore) throws {
        self.index = index
        self.listenerFD = listenerFD
        self.server = server
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollFD >= 0 else {
            throw SocketError("epoll_create1", errno: errno)
        }
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard wakeFD >= 0 else {
            throw SocketError("eventfd", errno: errno)
        }
        try control(EPOLL_CTL_ADD, fd: wakeFD, events: EPOLLIN.rawValue, token: EventLoop.wakeToken)
        // EPOLLEXCLUSIVE wakes one loop per incoming connection instead of all.
        try control(
            EPOLL_CTL_ADD, fd: listenerFD, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue,
            token: EventLoop.listenerToken)
    }

    func start() {
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "event-loop-\(index)"
        thread.start()
    }

    /// Blocks until the loop thread has exited.
    func join() {
        finished.wait()
    }

    /// Queues `command` and wakes the loop. Safe from any thread.
    ///
    /// Only the command that finds the mailbox empty writes to the eventfd:
    /// the loop reads the eventfd before it empties the mailbox, so every
    /// later command either finds the mailbox not yet emptied or wakes the
    /// loop itself.
    func submit(_ command: Command) {
        let wasEmpty = mailbox.withLock { mailbox -> Bool in
            mailbox.append(command)
            return mailbox.count == 1
        }
        if wasEmpty {
            var one: UInt64 = 1
            _ = Glibc.write(wakeFD, &one, 8)
        }
    }

    // MARK: Loop body

    private func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        while running {
            let count = events.withUnsafeMutableBufferPointer { buffer in
                epoll_wait(epollFD, buffer.baseAddress, Int32(buffer.count), 100)
            }
            if count < 0 && errno != EINTR {
                server.logger.error("epoll_wait failed", ["loop": index, "error": SocketOptions.errorText(errno)])
                break
            }
            for eventIndex in 0..<max(Int(count), 0) {
                let event = events[eventIndex]
                switch event.data.u64 {
                case EventLoop.wakeToken:
                    drainMailbox()
                case EventLoop.listenerToken:
                    acceptConnections()
                default:
                    handle(event: event.events, connectionID: event.data.u64)
                }
            }
            let now = Deadline.monotonicNanoseconds()
            if now - lastSweep >= EventLoop.sweepIntervalNanoseconds {
                lastSweep = now
                sweepTimeouts(now: now)
            }
        }
        for id in Array(connections.keys) {
            closeConnection(id, reason: "shutdown")
        }
        Glibc.close(epollFD)
        Glibc.close(wakeFD)
    }

    private func drainMailbox() {
        var value: UInt64 = 0
        _ = Glibc.read(wakeFD, &value, 8)
        let commands = mailbox.withLock { pending -> [Command] in
            let taken = pending
            pending.removeAll(keepingCapacity: true)
            return taken
        }
        for command in commands {
            switch command {
            case .write(let id, let bytes):
                enqueueWrite(id, bytes)
            case .close(let id, let flushFirst):
                guard let state = connections[id] else {
                    continue
                }
                if flushFirst && state.pendingWriteBytes > 0 {
                    state.closeAfterFlush = true
                } else {
                    closeConnection(id, reason: "closed by server")
                }
            case .stopAccepting:
                if accepting {
                    accepting = false
                    _ = try? control(EPOLL_CTL_DEL, fd: listenerFD, events: 0, token: 0)
                }
            case .shutdown:
                running = false
            }
        }
    }

    private func acceptConnections() {
        guard accepting else {
            return
        }
        // Take a bounded batch so one busy listener cannot starve reads.
        for _ in 0..<64 {
            var address = sockaddr_in()
            var length = UInt32(MemoryLayout<sockaddr_in>.size)
            let fd = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    jielu_accept_nonblocking(listenerFD, $0, &length)
                }
            }
            if fd < 0 {
                if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ECONNABORTED {
                    server.logger.warning("accept failed", ["loop": index, "error": SocketOptions.errorText(errno)])
                }
                return
            }
            let peer = SocketOptions.describe(address).description
            guard server.reserveConnectionSlot() else {
                server.reportRejectedConnection(peer: peer)
                Glibc.close(fd)
                continue
            }
            SocketOptions.setNoDelay(fd)
            let id = server.nextConnectionID()
            let connection = Connection(id: id, fd: fd, peerDescription: peer, loop: self)
            let handler = server.makeHandler(connection)
            let state = ConnectionState(fd: fd, connection: connection, handler: handler, now: Deadline.monotonicNanoseconds())
            // Until its first bytes arrive a connection counts as mid-message,
            // so a peer that connects and stays silent is cut off after the
            // read timeout instead of holding a slot for the idle timeout.
            state.partialSince = state.lastActivity
            connections[id] = state
            do {
                try updateInterest(state, EPOLLIN.rawValue | EPOLLRDHUP.rawValue, add: true)
            } catch {
                server.logger.warning("epoll add failed", ["peer": peer, "error": error])
                closeConnection(id, reason: "epoll add failed")
                continue
            }
            server.logger.debug("connection accepted", ["connection": id, "peer": peer, "loop": index])
        }
    }

    private func handle(event: UInt32, connectionID: UInt64) {
        guard let state = connections[connectionID] else {
            return
        }
        if event & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 && event & EPOLLIN.rawValue == 0 {
            closeConnection(connectionID, reason: "peer reset")
            return
        }
        if event & EPOLLOUT.rawValue != 0 {
            flush(state)
            if connections[connectionID] == nil {
                return
            }
        }
        if event & EPOLLIN.rawValue != 0 {
            readAvailable(state)
        }
    }

    private func readAvailable(_ state: ConnectionState) {
        let received = readBuffer.withUnsafeMutableBytes { buffer in
            Glibc.read(state.fd, buffer.baseAddress, buffer.count)
        }
        if received == 0 {
            closeConnection(state.connection.id, reason: "peer closed")
            return
        }
        if received < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                return
            }
            closeConnection(state.connection.id, reason: "read failed: \(SocketOptions.errorText(errno))")
            return
        }
        let now = Deadline.monotonicNanoseconds()
        state.lastActivity = now
        readBuffer.withUnsafeBytes { buffer in
            state.inbound.append(UnsafeRawBufferPointer(rebasing: buffer[0..<received]))
        }
        state.handler.received(&state.inbound, connection: state.connection)
        if state.handler.hasPartialMessage {
            if state.partialSince == nil {
                state.partialSince = now
            }
        } else {
            state.partialSince = nil
        }
    }

    private func enqueueWrite(_ id: UInt64, _ bytes: [UInt8]) {
        guard let state = connections[id] else {
            return
        }
        state.outbound.append(bytes)
        state.pendingWriteBytes += bytes.count
        flush(state)
    }

    /// Writes as much as the socket takes, then arms EPOLLOUT for the rest and
    /// pauses reading while too much is pending.
    private func flush(_ state: ConnectionState) {
        while !state.outbound.isEmpty {
            let chunk = state.outbound[0]
            let sent = chunk.withUnsafeBytes { buffer in
                send(state.fd, buffer.baseAddress! + state.outboundOffset, buffer.count - state.outboundOffset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR {
                    continue
                }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    break
                }
                closeConnection(state.connection.id, reason: "write failed: \(SocketOptions.errorText(errno))")
                return
            }
            state.outboundOffset += sent
            state.pendingWriteBytes -= sent
            state.connection.queuedBytesSent(sent)
            if state.outboundOffset == chunk.count {
                state.outbound.removeFirst()
                state.outboundOffset = 0
            }
        }
        state.lastActivity = Deadline.monotonicNanoseconds()

        if state.outbound.isEmpty && state.closeAfterFlush {
            closeConnection(state.connection.id, reason: "closed by server")
            return
        }
        var wanted = EPOLLRDHUP.rawValue
        if state.pendingWriteBytes <= server.limits.maxPendingWriteBytes {
            wanted |= EPOLLIN.rawValue
        }
        if !state.outbound.isEmpty {
            wanted |= EPOLLOUT.rawValue
        }
        if wanted != state.interest {
            do {
                try updateInterest(state, wanted, add: false)
            } catch {
                closeConnection(state.connection.id, reason: "epoll modify failed")
            }
        }
    }

    private func sweepTimeouts(now: UInt64) {
        let readTimeout = UInt64(server.limits.readTimeoutSeconds * 1e9)
        let idleTimeout = UInt64(server.limits.idleTimeoutSeconds * 1e9)
        for (id, state) in connections {
            if let since = state.partialSince, now - since > readTimeout {
                server.logger.debug("partial message timed out", ["connection": id, "peer": state.connection.peerDescription])
                closeConnection(id, reason: "read timeout")
                continue
            }
            let quiet = state.inbound.readableBytes == 0 && state.outbound.isEmpty && !state.handler.hasPendingWork
            let lastActivity = max(state.lastActivity, state.connection.lastDirectWriteNanoseconds)
            if quiet && now &- lastActivity > idleTimeout && now > lastActivity {
                closeConnection(id, reason: "idle timeout")
            }
        }
    }

    private func closeConnection(_ id: UInt64, reason: String) {
        guard let state = connections.removeValue(forKey: id) else {
            return
        }
        _ = try? control(EPOLL_CTL_DEL, fd: state.fd, events: 0, token: 0)
        state.connection.closeDescriptor()
        server.releaseConnectionSlot()
        server.logger.debug("connection closed", ["connection": id, "peer": state.connection.peerDescription, "reason": reason])
        state.handler.closed()
    }

    // MARK: epoll helpers

    private func updateInterest(_ state: ConnectionState, _ events: UInt32, add: Bool) throws {
        try control(add ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd: state.fd, events: events, token: state.connection.id)
        state.interest = events
    }

    private func control(_ operation: Int32, fd: Int32, events: UInt32, token: UInt64) throws {
        var event = epoll_event()
        event.events = events
        event.data.u64 = token
        if epoll_ctl(epollFD, operation, fd, &event) != 0 {
            throw SocketError("epoll_ctl", errno: errno)
        }
    }
}
