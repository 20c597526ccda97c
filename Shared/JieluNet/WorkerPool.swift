import Foundation
import JieluCore
import Synchronization

/// A fixed set of threads running submitted jobs in FIFO order, with a
/// bounded queue.
///
/// Handlers block (on SQLite, on calls to other services), so they run here
/// rather than on an event loop. `submit` refuses work beyond `queueLimit`
/// waiting jobs instead of queueing without bound; callers turn that into
/// RESOURCE_EXHAUSTED or HTTP 503.
public final class WorkerPool: Sendable {
    private struct State {
        var jobs: [@Sendable () -> Void] = []
        var head = 0
        var stopping = false
        var running = 0
        var waiting: Int { jobs.count - head }
    }

    public let name: String
    public let queueLimit: Int
    private let state = LockedValue(State())
    private let available = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)
    private let threadCount: Int

    public init(name: String, threadCount: Int, queueLimit: Int) {
        self.name = name
        self.threadCount = max(threadCount, 1)
        self.queueLimit = max(queueLimit, 1)
        for index in 0..<self.threadCount {
            let thread = Thread { [self] in
                work()
                exited.signal()
            }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Queues `job`. Returns false, without queueing, when `queueLimit` jobs
    /// are already waiting or the pool is shutting down.
    public func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
        let accepted = state.withLock { state -> Bool in
            if state.stopping || state.waiting >= queueLimit {
                return false
            }
            state.jobs.append(job)
            return true
        }
        if accepted {
            available.signal()
        }
        return accepted
    }

    /// Jobs queued or running.
    public var pendingJobs: Int {
        state.withLock { $0.waiting + $0.running }
    }

    /// Runs every queued job, then stops the threads and waits for them.
    public func shutdown() {
        let alreadyStopping = state.withLock { state -> Bool in
            defer { state.stopping = true }
            return state.stopping
        }
        if alreadyStopping {
            return
        }
        for _ in 0..<threadCount {
            available.signal()
        }
        for _ in 0..<threadCount {
            exited.wait()
        }
    }

    private func work() {
        while true {
            available.wait()
            let job = state.withLock { state -> (@Sendable () -> Void)? in
                guard state.waiting > 0 else {
                    return nil
                }
                let job = state.jobs[state.head]
                state.head += 1
                if state.head > 1024 && state.head * 2 > state.jobs.count {
                    state.jobs.removeFirst(state.head)
                    state.head = 0
                }
                state.running += 1
                return job
            }
            guard let job else {
                // A shutdown wake-up with nothing left to run.
                if state.withLock({ $0.stopping && $0.waiting == 0 }) {
                    return
                }
                continue
            }
            job()
            state.withLock { $0.running -= 1 }
        }
    }
}
