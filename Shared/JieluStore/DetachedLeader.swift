import Dispatch
import Foundation
import JieluCore

/// The thread that leads a database's write queue when the write at its head
/// came from `Database.writeAsync`, whose caller must not block.
///
/// It starts with the first such write and then sleeps until it is asked to
/// lead again. It exits at `stop()`, which `Database.close` calls after the
/// writer connection is closed, once the turns requested before `stop()` have
/// run. A turn requested after that runs on the requesting thread: with the
/// connection closed, leading only fails the queued writes, which does not block.
final class DetachedLeader: Sendable {
    private let turns = DispatchSemaphore(value: 0)
    private let state = LockedValue(State())

    private struct State {
        var started = false
        var stopping = false
        /// Turns requested and not yet run. Each belongs to a write at the
        /// head of the queue, which no other thread leads.
        var requestedTurns = 0
    }

    /// Makes the leader thread run `lead` once; starts the thread the first time.
    func requestTurn(name: String, lead: @escaping @Sendable () -> Void) {
        let (mustStart, stopped) = state.withLock { state -> (Bool, Bool) in
            if state.stopping {
                return (false, true)
            }
            state.requestedTurns += 1
            guard !state.started else {
                return (false, false)
            }
            state.started = true
            return (true, false)
        }
        if stopped {
            lead()
            return
        }
        if mustStart {
            let thread = Thread { [self] in
                run(lead)
            }
            thread.name = name
            thread.start()
        }
        turns.signal()
    }

    /// Ends the thread after its current turn, if any.
    func stop() {
        state.withLock { $0.stopping = true }
        turns.signal()
    }

    private func run(_ lead: @Sendable () -> Void) {
        while true {
            turns.wait()
            let mustLead = state.withLock { state -> Bool in
                guard state.requestedTurns > 0 else {
                    return false
                }
                state.requestedTurns -= 1
                return true
            }
            if mustLead {
                lead()
            } else if state.withLock({ $0.stopping }) {
                // The signal came from `stop()`, and no turn is left.
                return
            }
        }
    }
}
