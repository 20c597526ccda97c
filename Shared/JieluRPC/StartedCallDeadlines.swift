import Foundation
import JieluCore

/// Ends started calls (`ClientConnection.startCall`) whose deadline passed.
///
/// A blocked caller times out by itself, in its semaphore wait. No thread
/// waits for a started call, so one thread for the whole process checks the
/// connections that have started calls about every 10 ms. A call therefore
/// fails up to about 10 ms after its deadline. Connections are held weakly
/// and dropped once they end.
final class StartedCallDeadlines: Sendable {
    static let shared = StartedCallDeadlines()
    static let checkIntervalMicroseconds: UInt32 = 10_000

    private final class WeakConnection: @unchecked Sendable {
        weak var connection: ClientConnection?

        init(_ connection: ClientConnection) {
            self.connection = connection
        }
    }

    private struct State {
        var watched: [ObjectIdentifier: WeakConnection] = [:]
        var threadRunning = false
    }

    private let state = LockedValue(State())

    /// Checks `connection` from now on, until it ends.
    func watch(_ connection: ClientConnection) {
        let mustStart = state.withLock { state -> Bool in
            // An identifier can be reused by a new connection once the old one is freed.
            let key = ObjectIdentifier(connection)
            if state.watched[key]?.connection !== connection {
                state.watched[key] = WeakConnection(connection)
            }
            guard !state.threadRunning else {
                return false
            }
            state.threadRunning = true
            return true
        }
        if mustStart {
            let thread = Thread { [self] in
                run()
            }
            thread.name = "rpc-deadlines"
            thread.start()
        }
    }

    /// Checks until nothing is watched, then exits; the next `watch` starts a new thread.
    private func run() {
        while true {
            usleep(StartedCallDeadlines.checkIntervalMicroseconds)
            let watched = state.withLock { state in state.watched }
            var ended: [ObjectIdentifier] = []
            for (key, entry) in watched {
                guard let connection = entry.connection, connection.expireStartedCalls() else {
                    ended.append(key)
                    continue
                }
            }
            let stop = state.withLock { state -> Bool in
                for key in ended {
                    state.watched.removeValue(forKey: key)
                }
                if state.watched.isEmpty {
                    state.threadRunning = false
                    return true
                }
                return false
            }
            if stop {
                return
            }
        }
    }
}
