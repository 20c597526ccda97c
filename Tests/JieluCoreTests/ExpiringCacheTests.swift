import JieluCore
import Synchronization
import Testing

@Suite("ExpiringCache")
struct ExpiringCacheTests {
    /// A hand-moved monotonic clock, in nanoseconds.
    final class ManualClock: Sendable {
        private let nanoseconds = Atomic<UInt64>(1_000)

        func advance(seconds: Double) {
            nanoseconds.wrappingAdd(UInt64(seconds * 1e9), ordering: .relaxed)
        }

        var read: @Sendable () -> UInt64 { { self.nanoseconds.load(ordering: .relaxed) } }
    }

    @Test func entryIsServedUntilItsAgeReachesTheLimit() {
        let clock = ManualClock()
        let cache = ExpiringCache<String, Int>(maxAgeSeconds: 10, capacity: 4, clock: clock.read)
        cache.store(1, for: "BOARD-1")

        clock.advance(seconds: 9.999)
        #expect(cache.value(for: "BOARD-1") == 1)
        clock.advance(seconds: 0.001)
        #expect(cache.value(for: "BOARD-1") == nil, "an entry exactly maxAgeSeconds old has expired")
    }

    @Test func loadRunsOnMissOnlyAndAFailedLoadStoresNothing() throws {
        struct RegistryDown: Error {}
        let clock = ManualClock()
        let cache = ExpiringCache<String, Int>(maxAgeSeconds: 10, capacity: 4, clock: clock.read)
        var loads = 0

        #expect(throws: RegistryDown.self) {
            try cache.value(for: "BOARD-1") { () throws(RegistryDown) -> Int in
                loads += 1
                throw RegistryDown()
            }
        }
        #expect(cache.count == 0)

        let first = try cache.value(for: "BOARD-1") { () throws(RegistryDown) -> Int in
            loads += 1
            return 7
        }
        let second = try cache.value(for: "BOARD-1") { () throws(RegistryDown) -> Int in
            loads += 1
            return 8
        }
        #expect(first == 7)
        #expect(second == 7)
        #expect(loads == 2, "the failed load and the first successful one; the third lookup was a hit")
    }

    @Test func fullCacheDropsExpiredEntriesFirst() {
        let clock = ManualClock()
        let cache = ExpiringCache<Int, Int>(maxAgeSeconds: 10, capacity: 3, clock: clock.read)
        cache.store(1, for: 1)
        cache.store(2, for: 2)
        clock.advance(seconds: 11)
        cache.store(3, for: 3)

        cache.store(4, for: 4)
        #expect(cache.count == 2, "entries 1 and 2 had expired and made room")
        #expect(cache.value(for: 3) == 3)
        #expect(cache.value(for: 4) == 4)
    }

    @Test func fullCacheOfFreshEntriesIsClearedAndNeverGrowsPastCapacity() {
        let cache = ExpiringCache<Int, Int>(maxAgeSeconds: 60, capacity: 100)
        for key in 0..<1_000 {
            cache.store(key, for: key)
            #expect(cache.count <= 100)
        }
        #expect(cache.value(for: 999) == 999)

        cache.store(-1, for: 999)
        #expect(cache.value(for: 999) == -1, "replacing a key never clears the cache")
    }

    @Test func zeroMaxAgeCachesNothing() {
        let cache = ExpiringCache<String, Int>(maxAgeSeconds: 0, capacity: 4)
        cache.store(1, for: "a")
        #expect(cache.value(for: "a") == nil)
        #expect(cache.count == 0)
    }
}
