#if canImport(Glibc)
import Glibc
#endif
import CJieluSystem
import JieluCore

/// One thread of `LoadDriver`: an epoll loop over its share of the connections.
///
/// Everything here is touched only by the thread that calls `run`, after
/// `init` finished on the thread that created it.
final class LoadThread: @unchecked Sendable {
    /// One client connection and its request in flight.
    private final class Client {
        let index: Int
        var fd: Int32 = -1
        var received: [UInt8] = []
        var receivedStart = 0
        var unsent: [UInt8] = []
        var unsentOffset = 0
        var sentAt: UInt64 = 0
        var inFlight = false
        var sequence = 0
        /// Whether epoll also reports this socket as writable.
        var watchesWritable = false

        init(index: Int) {
            self.index = index
        }
    }

    private static let readChunkBytes = 64 * 1024
    private static let connectTimeoutMilliseconds: Int32 = 5_000

    private let address: SocketAddressText
    private let exchange: any LoadExchange
    private let budget: RequestBudget
    private let epollFD: Int32
    private var clients: [Client] = []
    private var result = LoadResult()
    private var inFlightCount = 0
    private var lastCompletion: UInt64 = 0
    private var scratch = [UInt8](repeating: 0, count: LoadThread.readChunkBytes)

    /// Opens the epoll instance and connects every client.
    init(connectionIndexes: [Int], address: SocketAddressText, exchange: any LoadExchange, budget: RequestBudget) throws(LoadError) {
        self.address = address
        self.exchange = exchange
        self.budget = budget
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollFD >= 0 else {
            throw LoadError("epoll_create1 failed: errno \(errno)")
        }
        for (slot, index) in connectionIndexes.enumerated() {
            let client = Client(index: index)
            clients.append(client)
            try connect(client, slot: slot)
        }
    }

    deinit {
        for client in clients where client.fd >= 0 {
            close(client.fd)
        }
        close(epollFD)
    }

    /// Sends and receives until the window ends and the last responses are
    /// in, or the drain time runs out.
    func run(clock: LoadClock) -> LoadResult {
        for slot in clients.indices {
            sendNext(slot, clock: clock)
        }

        var events = [epoll_event](repeating: epoll_event(), count: 256)
        while true {
            let now = Deadline.monotonicNanoseconds()
            if now >= clock.end && inFlightCount == 0 {
                break
            }
            if now >= clock.end + clock.drainNanoseconds {
                result.unanswered += inFlightCount
                note("\(inFlightCount) requests unanswered when the drain time ran out")
                break
            }
            if now < clock.end && inFlightCount == 0 {
                // The request budget is spent and every response is in.
                break
            }

            let count = events.withUnsafeMutableBufferPointer { buffer in
                epoll_wait(epollFD, buffer.baseAddress, Int32(buffer.count), 20)
            }
            if count < 0 {
                if errno == EINTR {
                    continue
                }
                note("epoll_wait failed: errno \(errno)")
                break
            }
            for eventIndex in 0..<Int(count) {
                let event = events[eventIndex]
                let slot = Int(event.data.u64)
                if event.events & EPOLLOUT.rawValue != 0 {
                    flush(slot, clock: clock)
                }
                if event.events & (EPOLLIN.rawValue | EPOLLERR.rawValue | EPOLLHUP.rawValue | EPOLLRDHUP.rawValue) != 0 {
                    readAvailable(slot, clock: clock)
                }
            }
        }

        let measuredEnd = min(clock.end, max(lastCompletion, clock.warmupEnd))
        result.windowSeconds = Double(measuredEnd - clock.warmupEnd) / 1e9
        return result
    }

    // MARK: Requests

    private func sendNext(_ slot: Int, clock: LoadClock) {
        let client = clients[slot]
        let now = Deadline.monotonicNanoseconds()
        guard now < clock.end, budget.take() else {
            return
        }
        client.unsent = exchange.request(connection: client.index, sequence: client.sequence)
        client.unsentOffset = 0
        client.sequence += 1
        client.sentAt = now
        client.inFlight = true
        inFlightCount += 1
        flush(slot, clock: clock)
    }

    /// Writes what is left of the request; waits for EPOLLOUT when the socket is full.
    private func flush(_ slot: Int, clock: LoadClock) {
        let client = clients[slot]
        while client.unsentOffset < client.unsent.count {
            let sent = client.unsent.withUnsafeBytes { buffer in
                send(client.fd, buffer.baseAddress! + client.unsentOffset, buffer.count - client.unsentOffset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR {
                    continue
                }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    setInterest(client, slot: slot, writable: true)
                    return
                }
                connectionLost(slot, reason: "send failed: errno \(errno)", clock: clock)
                return
            }
            client.unsentOffset += sent
        }
        client.unsent = []
        client.unsentOffset = 0
        setInterest(client, slot: slot, writable: false)
    }

    // MARK: Responses

    private func readAvailable(_ slot: Int, clock: LoadClock) {
        let client = clients[slot]
        while true {
            let count = scratch.withUnsafeMutableBytes { buffer in
                recv(client.fd, buffer.baseAddress, buffer.count, 0)
            }
            if count == 0 {
                connectionLost(slot, reason: "server closed the connection", clock: clock)
                return
            }
            if count < 0 {
                if errno == EINTR {
                    continue
                }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    return
                }
                connectionLost(slot, reason: "recv failed: errno \(errno)", clock: clock)
                return
            }
            client.received.append(contentsOf: scratch[0..<count])
            if !parseResponses(slot, clock: clock) {
                return
            }
        }
    }

    /// Takes every complete response off the client's buffer. Returns false
    /// when the connection was replaced, so the caller stops reading the old one.
    private func parseResponses(_ slot: Int, clock: LoadClock) -> Bool {
        let client = clients[slot]
        while client.receivedStart < client.received.count {
            let parsed: ParsedResponse?
            do {
                let start = client.receivedStart
                parsed = try client.received.withUnsafeBytes { buffer in
                    try exchange.parseResponse(UnsafeRawBufferPointer(rebasing: buffer[start...]))
                }
            } catch {
                connectionLost(slot, reason: "unreadable response: \(error)", clock: clock)
                return false
            }
            guard let parsed else {
                break
            }
            guard client.inFlight else {
                connectionLost(slot, reason: "response without a request", clock: clock)
                return false
            }

            client.receivedStart += parsed.consumed
            complete(client, parsed, clock: clock)
            if parsed.closesConnection {
                reconnect(slot, clock: clock)
                sendNext(slot, clock: clock)
                return false
            }
            sendNext(slot, clock: clock)
        }
        if client.receivedStart == client.received.count {
            client.received.removeAll(keepingCapacity: true)
            client.receivedStart = 0
        }
        return true
    }

    private func complete(_ client: Client, _ response: ParsedResponse, clock: LoadClock) {
        let now = Deadline.monotonicNanoseconds()
        client.inFlight = false
        inFlightCount -= 1
        guard response.succeeded else {
            result.failed += 1
            return
        }
        if let id = response.acknowledgedID {
            result.acknowledgedIDs.append(id)
        }
        // A request counts when it was sent inside the window, however long it
        // took, so slow endpoints still give samples.
        if client.sentAt >= clock.warmupEnd && client.sentAt < clock.end {
            result.succeeded += 1
            result.latencies.append(now - client.sentAt)
            lastCompletion = max(lastCompletion, now)
        }
    }

    // MARK: Connections

    /// Counts the request in flight as unanswered, then opens a new connection
    /// and carries on while the window lasts.
    private func connectionLost(_ slot: Int, reason: String, clock: LoadClock) {
        let client = clients[slot]
        if client.inFlight {
            client.inFlight = false
            inFlightCount -= 1
            result.unanswered += 1
            note(reason)
        }
        reconnect(slot, clock: clock)
        sendNext(slot, clock: clock)
    }

    private func reconnect(_ slot: Int, clock: LoadClock) {
        let client = clients[slot]
        if client.fd >= 0 {
            close(client.fd)
            client.fd = -1
        }
        client.received.removeAll(keepingCapacity: true)
        client.receivedStart = 0
        client.unsent = []
        client.unsentOffset = 0
        guard Deadline.monotonicNanoseconds() < clock.end else {
            return
        }
        do {
            try connect(client, slot: slot)
        } catch {
            note("reconnect failed: \(error)")
        }
    }

    private func connect(_ client: Client, slot: Int) throws(LoadError) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            throw LoadError("socket failed: errno \(errno)")
        }
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = address.port.bigEndian
        inet_pton(AF_INET, address.host, &socketAddress.sin_addr)
        let connected = withUnsafePointer(to: &socketAddress) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(fd)
            throw LoadError("connect to \(address) failed: \(String(cString: strerror(code)))")
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        guard jielu_set_nonblocking(fd) == 0 else {
            close(fd)
            throw LoadError("fcntl O_NONBLOCK failed: errno \(errno)")
        }

        var event = epoll_event()
        event.events = EPOLLIN.rawValue | EPOLLRDHUP.rawValue
        event.data.u64 = UInt64(slot)
        guard epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) == 0 else {
            close(fd)
            throw LoadError("epoll_ctl failed: errno \(errno)")
        }
        client.fd = fd
        client.watchesWritable = false
        result.connectionsOpened += 1
    }

    private func setInterest(_ client: Client, slot: Int, writable: Bool) {
        guard client.fd >= 0, client.watchesWritable != writable else {
            return
        }
        client.watchesWritable = writable
        var event = epoll_event()
        event.events = EPOLLIN.rawValue | EPOLLRDHUP.rawValue | (writable ? EPOLLOUT.rawValue : 0)
        event.data.u64 = UInt64(slot)
        _ = epoll_ctl(epollFD, EPOLL_CTL_MOD, client.fd, &event)
    }

    private func note(_ message: String) {
        if result.errors.count < 5 {
            result.errors.append(message)
        }
    }
}
