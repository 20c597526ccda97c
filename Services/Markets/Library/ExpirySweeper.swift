import Foundation
import JieluCore
import JieluStore
import Synchronization

/// The background check of the markets service: every interval it expires
/// manifests whose window ended without arrival (queuing their cases) and
/// permits whose end has passed (offering their stalls to the waitlist).
///
/// It runs on its own thread. The work is in `MarketsStore`, where each
/// expiry commits with its records, so a crash between two sweeps loses
/// nothing and the next sweep after a restart picks up where it stopped.
final class ExpirySweeper: Sendable {
    /// While sweeps keep failing, a warning is logged at the first failure
    /// and then at most once per this interval.
    static let failureWarningIntervalSeconds = 30.0

    private let store: MarketsStore
    private let relay: OutboxRelay
    private let logger: Logger
    private let intervalSeconds: Double
    private let clock: @Sendable () -> Int64

    private let stopping = Atomic<Bool>(false)
    private let started = Atomic<Bool>(false)
    /// Signalled by `stop()` to cut the wait between sweeps short.
    private let signal = DispatchSemaphore(value: 0)
    /// Signalled once when the thread exits.
    private let exited = DispatchSemaphore(value: 0)
    /// When the last failure warning was logged; touched only by the sweeper thread.
    private let lastWarning = Mutex<Deadline?>(nil)

    init(
        store: MarketsStore, relay: OutboxRelay, intervalMilliseconds: Int, logger: Logger,
        clock: @escaping @Sendable () -> Int64
    ) {
        self.store = store
        self.relay = relay
        self.logger = logger.with(["component": "expiry_sweeper"])
        intervalSeconds = Double(intervalMilliseconds) / 1000
        self.clock = clock
    }

    /// Starts the thread; the first sweep runs at once. Later calls do nothing.
    func start() {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else {
            return
        }
        let thread = Thread { [self] in
            run()
            exited.signal()
        }
        thread.name = "markets-expiry"
        thread.start()
    }

    /// Stops the thread and waits for a sweep in progress to finish.
    func stop() {
        guard started.load(ordering: .acquiring), !stopping.exchange(true, ordering: .acquiringAndReleasing) else {
            return
        }
        signal.signal()
        exited.wait()
    }

    /// Runs one sweep now; for tests and the thread.
    ///
    /// - Returns: the ids of the manifests and permits that expired.
    @discardableResult
    func sweep() throws -> (manifests: [String], permits: [String]) {
        let nowMs = clock()
        let manifests = try store.expireManifests(nowMs: nowMs)
        if !manifests.isEmpty {
            relay.wake()
            logger.info("manifests expired, cases queued", ["count": manifests.count, "manifest_ids": manifests.joined(separator: ",")])
        }
        let permits = try store.expirePermits(nowMs: nowMs)
        if !permits.isEmpty {
            logger.info("permits expired", ["count": permits.count, "permit_ids": permits.joined(separator: ",")])
        }
        return (manifests, permits)
    }

    private func run() {
        while !stopping.load(ordering: .acquiring) {
            do {
                try sweep()
                lastWarning.withLock { $0 = nil }
            } catch {
                warn(error)
            }
            _ = signal.wait(timeout: .now() + intervalSeconds)
        }
    }

    private func warn(_ error: any Error) {
        let shouldLog = lastWarning.withLock { last -> Bool in
            if let last, Deadline.now().uptimeNanoseconds &- last.uptimeNanoseconds
                < UInt64(ExpirySweeper.failureWarningIntervalSeconds * 1e9)
            {
                return false
            }
            last = .now()
            return true
        }
        if shouldLog {
            logger.warning("expiry sweep failed, retrying", ["error": error])
        }
    }
}
