import Dispatch
import JieluCore
import Synchronization

/// The line of threads waiting for the writer connection, and the writes
/// whose bodies ran in the open transaction and now wait for its COMMIT.
///
/// One thread at a time holds the turn (the writer connection). A turn
/// passes straight to the oldest waiter, so writers run in arrival order.
/// The turn holder decides whether to commit the open transaction or hand
/// it on, uncommitted, to the next writer (`shouldHandOff`); the last
/// writer of a run commits for all of them (group commit).
///
/// Invariant: while a transaction is open, some thread holds the turn.
final class WriteQueue: Sendable {
    enum Kind {
        case write
        case close
    }

    /// A thread waiting for the turn.
    private final class Waiter: Sendable {
        let kind: Kind
        let wake = DispatchSemaphore(value: 0)

        init(kind: Kind) {
            self.kind = kind
        }
    }

    /// A write whose body succeeded in the open transaction and that waits for
    /// the outcome of the COMMIT.
    final class Member: Sendable {
        private let outcome = LockedValue<Result<Void, StoreError>?>(nil)
        private let done = DispatchSemaphore(value: 0)

        func finish(_ result: Result<Void, StoreError>) {
            outcome.withLock { $0 = result }
            done.signal()
        }

        /// Blocks until `finish`; returns its result.
        func wait() -> Result<Void, StoreError> {
            done.wait()
            return outcome.withLock { $0! }
        }
    }

    private struct State {
        var turnHeld = false
        var waiters: [Waiter] = []
        var waitersHead = 0
        var members: [Member] = []
        var transactionOpen = false
        var isClosed = false

        var nextWaiter: Waiter? {
            waitersHead < waiters.count ? waiters[waitersHead] : nil
        }

        mutating func popWaiter() -> Waiter? {
            guard let waiter = nextWaiter else {
                return nil
            }
            waitersHead += 1
            if waitersHead == waiters.count {
                waiters.removeAll(keepingCapacity: true)
                waitersHead = 0
            }
            return waiter
        }
    }

    private let state = LockedValue(State())

    /// Blocks until the calling thread holds the turn. Returns false, without
    /// the turn, when the queue is closed and `kind` is `.write`; a closer
    /// always gets the turn, to find out that it is closed already.
    func acquire(_ kind: Kind) -> Bool {
        enum Entry {
            case refused, holding, queued(Waiter)
        }
        let entry: Entry = state.withLock { state in
            if state.isClosed && kind == .write {
                return .refused
            }
            if !state.turnHeld {
                state.turnHeld = true
                return .holding
            }
            let waiter = Waiter(kind: kind)
            state.waiters.append(waiter)
            return .queued(waiter)
        }

        switch entry {
        case .refused:
            return false
        case .holding:
            return true
        case .queued(let waiter):
            // The turn arrives with the signal; the closer may have come first.
            waiter.wake.wait()
            return state.withLock { state in
                if state.isClosed && kind == .write {
                    releaseLocked(&state)
                    return false
                }
                return true
            }
        }
    }

    /// Passes the turn to the oldest waiter, or frees it. Turn holder only.
    func release() {
        state.withLock { releaseLocked(&$0) }
    }

    private func releaseLocked(_ state: inout State) {
        if let next = state.popWaiter() {
            next.wake.signal()
        } else {
            state.turnHeld = false
        }
    }

    /// Whether a transaction is open on the writer connection. Turn holder only.
    var isTransactionOpen: Bool {
        get { state.withLock { $0.transactionOpen } }
        set { state.withLock { $0.transactionOpen = newValue } }
    }

    /// Adds the turn holder's successful write to the open transaction.
    func join() -> Member {
        let member = Member()
        state.withLock { $0.members.append(member) }
        return member
    }

    /// True when the next waiter is a writer and the open transaction has
    /// fewer than `maxMembers` writes, so committing can wait for it.
    func shouldHandOff(maxMembers: Int) -> Bool {
        state.withLock { state in
            state.nextWaiter?.kind == .write && state.members.count < maxMembers
        }
    }

    /// Removes and returns the writes of the open transaction, for the thread
    /// that commits or abandons it.
    func takeMembers() -> [Member] {
        state.withLock { state in
            defer { state.members.removeAll() }
            return state.members
        }
    }

    /// Threads waiting for the turn, for tests.
    var waitingCount: Int {
        state.withLock { $0.waiters.count - $0.waitersHead }
    }

    /// Marks the queue closed; later `acquire(.write)` calls return false.
    /// Turn holder only.
    func markClosed() {
        state.withLock { $0.isClosed = true }
    }
}
