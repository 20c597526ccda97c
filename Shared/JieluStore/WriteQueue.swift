import Dispatch
import JieluCore

/// A `Database.write` (or `close`) call waiting for the writer connection.
///
/// The calling thread builds it, queues it and sleeps in `wait()` until a
/// leader has run it. Its body and the body's captures are therefore used by
/// one thread at a time: first the caller, then the leader, then the caller
/// again after the semaphore. That hand-over is what makes the unchecked
/// `Sendable` conformance safe.
final class PendingWrite: @unchecked Sendable {
    enum Kind {
        case write
        case close
    }

    let kind: Kind
    /// Runs the caller's body; returns whether it succeeded. Nil for `close`,
    /// and dropped by `finish`, because the caller's body must not outlive
    /// the caller's `write` call.
    private var body: ((SQLiteConnection) -> Bool)?
    private let signal = DispatchSemaphore(value: 0)
    /// For a write started with `Database.writeAsync`: runs instead of waking
    /// a waiting caller, because no caller waits.
    private let onFinish: (((any Error)?) -> Void)?
    /// For such a write: makes another thread lead, because the caller's
    /// thread (an event loop) must not.
    private let onPromote: (() -> Void)?
    // Written by the leader before `signal`, read by the caller after it.
    private var promoted = false
    private(set) var failure: (any Error)?

    init(
        kind: Kind, body: ((SQLiteConnection) -> Bool)?, onFinish: (((any Error)?) -> Void)? = nil,
        onPromote: (() -> Void)? = nil
    ) {
        self.kind = kind
        self.body = body
        self.onFinish = onFinish
        self.onPromote = onPromote
    }

    /// Whether this write was started with `Database.writeAsync`.
    var isDetached: Bool { onFinish != nil }

    /// Runs the body on `connection`; returns whether it succeeded.
    func run(_ connection: SQLiteConnection) -> Bool {
        body?(connection) ?? false
    }

    /// Blocks until the write is finished or its thread is made the leader.
    /// Returns true for the latter.
    func wait() -> Bool {
        signal.wait()
        return promoted
    }

    /// Ends the wait with `failure` (nil: the body ran and, if it succeeded,
    /// its transaction committed).
    func finish(_ failure: (any Error)?) {
        body = nil
        self.failure = failure
        if let onFinish {
            onFinish(failure)
        } else {
            signal.signal()
        }
    }

    /// Ends the wait and makes the caller's thread the next leader.
    func promote() {
        if let onPromote {
            onPromote()
            return
        }
        promoted = true
        signal.signal()
    }
}

/// The line of writes waiting for the writer connection, and which thread
/// leads: runs the queued bodies one after another in shared transactions.
///
/// A thread that queues a write while no thread leads becomes the leader;
/// the others sleep until their write is done. So a group of writes costs
/// one thread running them back to back and one COMMIT, instead of a
/// thread switch per write (flat combining).
final class WriteQueue: Sendable {
    private struct State {
        var pending: [PendingWrite] = []
        var head = 0
        var leading = false

        var count: Int { pending.count - head }
    }

    private let state = LockedValue(State())

    /// Queues `write`. Returns true when the caller must lead now; otherwise
    /// the caller waits with `write.wait()`.
    func enqueue(_ write: PendingWrite) -> Bool {
        state.withLock { state in
            state.pending.append(write)
            if state.leading {
                return false
            }
            state.leading = true
            return true
        }
    }

    /// Takes the oldest queued write; nil when none. Leader only.
    func popHead() -> PendingWrite? {
        state.withLock { state in
            guard state.head < state.pending.count else {
                return nil
            }
            let write = state.pending[state.head]
            state.head += 1
            if state.head == state.pending.count {
                state.pending.removeAll(keepingCapacity: true)
                state.head = 0
            }
            return write
        }
    }

    /// Ends the caller's leadership: the oldest waiting write's thread leads
    /// next, or, with nothing queued, no thread leads. Leader only, with no
    /// transaction open.
    func handOver() {
        let next = state.withLock { state -> PendingWrite? in
            guard state.head < state.pending.count else {
                state.leading = false
                return nil
            }
            return state.pending[state.head]
        }
        next?.promote()
    }

    /// Whether any write waits, for the leader deciding to commit now.
    var isEmpty: Bool {
        state.withLock { $0.count == 0 }
    }

    /// Writes and closes not yet taken by a leader, for tests.
    var waitingCount: Int {
        state.withLock { $0.count }
    }
}
