#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a plain `pthread_mutex_t`, for state that many
/// threads touch on hot paths.
///
/// `Synchronization.Mutex` on Linux (Swift 6.3.1) spins and then waits on a
/// priority-inheritance futex, which collapses when there are many more
/// threads than cores: 32 threads each taking a lock 200,000 times for a
/// one-line critical section took 170–230 s with `Mutex` and 0.2–0.3 s with
/// this type, measured on the 2-core build machine (with 4 threads both took
/// about 0.03–0.05 s). Services run 16–32 worker threads, so shared state on
/// their hot paths uses this type. Keep critical sections short either way.
public final class LockedValue<Value>: @unchecked Sendable {
    // The mutex lives at a fixed heap address, as pthread requires; `value`
    // is only touched with it held.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    public init(_ value: Value) {
        self.value = value
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let result = pthread_mutex_init(mutex, nil)
        precondition(result == 0, "pthread_mutex_init failed: \(result)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the value while holding the lock.
    public func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
