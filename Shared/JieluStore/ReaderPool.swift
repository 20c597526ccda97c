import Dispatch
import JieluCore
import Synchronization

/// A `SQLiteConnection` that the pool or the writer lock keeps to one thread at
/// a time, which is why the unchecked conformance is safe.
final class ConnectionBox: @unchecked Sendable {
    let connection: SQLiteConnection

    init(_ connection: SQLiteConnection) {
        self.connection = connection
    }
}

/// A fixed set of read-only connections lent to one thread at a time.
///
/// A thread that requests one while all are lent waits for one. A thread
/// may hold only one connection: a second request from inside its own read stops
/// the process, because with every connection held that way nothing would
/// ever be returned.
final class ReaderPool: Sendable {
    private struct State {
        var idle: [ConnectionBox]
        /// Threads that currently hold a connection.
        var holders: Set<UInt> = []
        var isClosed = false
    }

    let path: String
    let size: Int
    /// Counts idle connections, so `wait()` blocks while all are lent.
    private let available: DispatchSemaphore
    private let state: LockedValue<State>

    init(path: String, connections: [ConnectionBox]) {
        self.path = path
        self.size = connections.count
        self.available = DispatchSemaphore(value: connections.count)
        self.state = LockedValue(State(idle: connections))
    }

    /// Lends a connection to `body` and takes it back when `body` returns or throws.
    ///
    /// - Throws: `StoreError` when the pool is closed, or what `body` throws.
    func withConnection<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        let thread = currentThreadID()
        let alreadyHolding = state.withLock { $0.holders.contains(thread) }
        precondition(
            !alreadyHolding,
            "Database.read or backup called inside read on the same thread; this can deadlock when every "
                + "reader is taken. Run all queries in the outer read.")

        available.wait()
        let lent: ConnectionBox? = state.withLock { state in
            guard !state.isClosed else {
                return nil
            }
            state.holders.insert(thread)
            return state.idle.removeLast()
        }
        guard let lent else {
            available.signal()
            throw StoreError.closed(path)
        }

        defer {
            state.withLock { state in
                state.holders.remove(thread)
                state.idle.append(lent)
            }
            available.signal()
        }
        return try body(lent.connection)
    }

    /// Waits until every lent connection is back, then closes all of them.
    /// Later and waiting `withConnection` calls throw. Closing twice does nothing.
    func close() {
        let thread = currentThreadID()
        let (wasClosed, isHolder) = state.withLock { state in
            let wasClosed = state.isClosed
            state.isClosed = true
            return (wasClosed, state.holders.contains(thread))
        }
        precondition(!isHolder, "Database.close called inside read on the same thread; it would deadlock")
        guard !wasClosed else {
            return
        }

        for _ in 0..<size {
            available.wait()
        }
        let connections = state.withLock { state in
            let idle = state.idle
            state.idle = []
            return idle
        }
        for box in connections {
            box.connection.close()
        }

        // Give the permits back, so waiting threads see the closed pool and
        // throw. It also restores the semaphore's initial value, because
        // libdispatch crashes when a semaphore is freed below it.
        for _ in 0..<size {
            available.signal()
        }
    }
}
