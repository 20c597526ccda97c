/// A bounded map whose entries are served for `maxAgeSeconds` after they
/// were stored and then count as missing.
///
/// Services use it for reference data that another service owns and that
/// changes rarely (a board's street, the unit responsible for a street and
/// category), so a burst of reports does not call the owner once per report. The price
/// is staleness: a change at the owner shows here within `maxAgeSeconds`.
/// Only results are cached. A caller that got an error stores nothing, so
/// the next lookup calls the owner again.
///
/// When a store would exceed `capacity`, the expired entries go first and,
/// if that frees nothing, the whole map is cleared. Clearing is crude but
/// keeps memory bounded without per-entry bookkeeping; at the sizes used
/// here (thousands of boards) the refill costs one owner call per key.
public final class ExpiringCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    public let maxAgeSeconds: Double
    public let capacity: Int

    private let maxAgeNanoseconds: UInt64
    private let entries = LockedValue<[Key: Entry]>([:])
    /// Source of monotonic nanoseconds; tests move it by hand.
    private let clock: @Sendable () -> UInt64

    private struct Entry {
        var value: Value
        var storedAtNanoseconds: UInt64
    }

    /// - Parameters:
    ///   - maxAgeSeconds: how long an entry is served; 0 disables caching.
    ///   - capacity: most entries held at once; at least 1.
    ///   - clock: monotonic nanoseconds; the default is `CLOCK_MONOTONIC`.
    public init(
        maxAgeSeconds: Double, capacity: Int,
        clock: @escaping @Sendable () -> UInt64 = { Deadline.monotonicNanoseconds() }
    ) {
        precondition(capacity >= 1, "ExpiringCache capacity must be at least 1, got \(capacity)")
        self.maxAgeSeconds = max(maxAgeSeconds, 0)
        self.capacity = capacity
        maxAgeNanoseconds = UInt64(self.maxAgeSeconds * 1e9)
        self.clock = clock
    }

    /// Returns the value stored for `key` when it is younger than `maxAgeSeconds`, otherwise nil.
    public func value(for key: Key) -> Value? {
        let now = clock()
        return entries.withLock { entries in
            guard let entry = entries[key], now &- entry.storedAtNanoseconds < maxAgeNanoseconds else {
                return nil
            }
            return entry.value
        }
    }

    /// Stores `value` for `key`, replacing what was there.
    public func store(_ value: Value, for key: Key) {
        guard maxAgeNanoseconds > 0 else {
            return
        }
        let now = clock()
        entries.withLock { entries in
            if entries[key] == nil && entries.count >= capacity {
                entries = entries.filter { now &- $0.value.storedAtNanoseconds < maxAgeNanoseconds }
                if entries.count >= capacity {
                    entries.removeAll(keepingCapacity: true)
                }
            }
            entries[key] = Entry(value: value, storedAtNanoseconds: now)
        }
    }

    /// Returns the cached value of `key`, or calls `load`, stores its result
    /// and returns it. Concurrent misses of one key may each call `load`;
    /// the last result stored wins.
    ///
    /// - Throws: what `load` throws; then nothing is stored.
    public func value<Failure: Error>(
        for key: Key, orLoad load: () throws(Failure) -> Value
    ) throws(Failure) -> Value {
        if let cached = value(for: key) {
            return cached
        }
        let loaded = try load()
        store(loaded, for: key)
        return loaded
    }

    /// Removes every entry, so the next lookup of each key calls the owner.
    public func removeAll() {
        entries.withLock { $0.removeAll() }
    }

    /// Number of entries held, fresh or expired.
    public var count: Int {
        entries.withLock { $0.count }
    }
}
