#if canImport(Glibc)
import Glibc
#endif
import CJieluSystem
import Foundation
import JieluCore
import Synchronization

/// Settings of one load run.
struct LoadSettings: Sendable {
    var address: SocketAddressText
    /// Connections kept open, each with one request in flight.
    var connections: Int
    /// Threads sharing the connections, each with its own epoll loop.
    var threads = 1
    /// Length of the measured window, after the warm-up.
    var durationSeconds: Double
    /// Responses in this first stretch count as acknowledged but not in the
    /// throughput or latency figures.
    var warmupSeconds = 0.0
    /// Requests sent in total, warm-up included; 0 is no limit.
    var maxRequests = 0
    /// How long to wait for the responses still outstanding when the window ends.
    var drainSeconds = 10.0
}

/// The figures of one load run.
struct LoadResult: Sendable {
    /// Successful responses to requests sent inside the measured window.
    var succeeded = 0
    /// Responses that were not the expected success, any time.
    var failed = 0
    /// Requests whose response never came (connection lost or drain time over).
    var unanswered = 0
    /// Length of the measured window as it actually ran, in seconds.
    var windowSeconds = 0.0
    /// Latency of each successful request sent inside the window, in nanoseconds.
    var latencies: [UInt64] = []
    /// Ids from every successful response, warm-up included.
    var acknowledgedIDs: [String] = []
    /// Connections opened, reconnects included.
    var connectionsOpened = 0
    /// The first few errors, for the log.
    var errors: [String] = []

    var requestsPerSecond: Double {
        windowSeconds > 0 ? Double(succeeded) / windowSeconds : 0
    }

    mutating func merge(_ other: LoadResult) {
        succeeded += other.succeeded
        failed += other.failed
        unanswered += other.unanswered
        windowSeconds = max(windowSeconds, other.windowSeconds)
        latencies += other.latencies
        acknowledgedIDs += other.acknowledgedIDs
        connectionsOpened += other.connectionsOpened
        errors += other.errors.prefix(max(0, 5 - errors.count))
    }
}

/// A closed-loop load generator: every connection sends a request, waits
/// for its response, records the latency and sends the next, like
/// `redis-benchmark -P 1` and `wrk`.
///
/// Sockets are non-blocking and driven by one epoll loop per thread, so a
/// few threads drive hundreds of connections without a thread switch per
/// request. A connection the server closes is reopened.
enum LoadDriver {
    static func run(_ settings: LoadSettings, exchange: any LoadExchange) throws(LoadError) -> LoadResult {
        let threadCount = max(1, min(settings.threads, settings.connections))
        let budget = RequestBudget(limit: settings.maxRequests)
        let start = Deadline.monotonicNanoseconds()
        let warmupEnd = start + UInt64(settings.warmupSeconds * 1e9)
        let end = warmupEnd + UInt64(settings.durationSeconds * 1e9)
        let clock = LoadClock(start: start, warmupEnd: warmupEnd, end: end, drainNanoseconds: UInt64(settings.drainSeconds * 1e9))

        // Connect everything before the clock matters, so connect time is not measured.
        var groups: [[Int]] = Array(repeating: [], count: threadCount)
        for index in 0..<settings.connections {
            groups[index % threadCount].append(index)
        }
        var workers: [LoadThread] = []
        for group in groups {
            workers.append(try LoadThread(
                connectionIndexes: group, address: settings.address, exchange: exchange, budget: budget))
        }

        let results = Mutex<[LoadResult]>([])
        let done = DispatchGroup()
        clock.rebase(to: Deadline.monotonicNanoseconds(), settings: settings)
        for worker in workers {
            done.enter()
            let thread = Thread {
                let result = worker.run(clock: clock)
                results.withLock { $0.append(result) }
                done.leave()
            }
            thread.name = "load"
            thread.start()
        }
        done.wait()

        var merged = LoadResult()
        for result in results.withLock({ $0 }) {
            merged.merge(result)
        }
        return merged
    }
}

/// Shared limit on requests sent; `limit` 0 means none.
final class RequestBudget: Sendable {
    private let limit: Int
    private let sent = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes one request from the budget; false when it is spent.
    func take() -> Bool {
        if limit == 0 {
            return true
        }
        return sent.wrappingAdd(1, ordering: .relaxed).newValue <= limit
    }
}

/// The phases of a run on the monotonic clock, shared by its threads.
final class LoadClock: @unchecked Sendable {
    // Written by `rebase` before any load thread starts, read-only afterwards.
    private(set) var start: UInt64
    private(set) var warmupEnd: UInt64
    private(set) var end: UInt64
    let drainNanoseconds: UInt64

    init(start: UInt64, warmupEnd: UInt64, end: UInt64, drainNanoseconds: UInt64) {
        self.start = start
        self.warmupEnd = warmupEnd
        self.end = end
        self.drainNanoseconds = drainNanoseconds
    }

    func rebase(to now: UInt64, settings: LoadSettings) {
        start = now
        warmupEnd = now + UInt64(settings.warmupSeconds * 1e9)
        end = warmupEnd + UInt64(settings.durationSeconds * 1e9)
    }
}
