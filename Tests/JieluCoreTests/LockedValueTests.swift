import Dispatch
import JieluCore
import Testing

@Suite("LockedValue")
struct LockedValueTests {
    @Test func manyThreadsLoseNoUpdate() {
        let counter = LockedValue(0)
        let threads = 32
        let incrementsPerThread = 10_000

        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            for _ in 0..<incrementsPerThread {
                counter.withLock { $0 += 1 }
            }
        }

        #expect(counter.withLock { $0 } == threads * incrementsPerThread)
    }

    @Test func typedErrorPassesThroughAndKeepsEarlierChanges() {
        struct Refused: Error, Equatable {}
        let list = LockedValue([1])

        #expect(throws: Refused.self) {
            try list.withLock { (value: inout [Int]) throws(Refused) in
                value.append(2)
                throw Refused()
            }
        }
        #expect(list.withLock { $0 } == [1, 2], "the lock does not roll back the body's changes")
        #expect(list.withLock { $0.count } == 2, "the lock was released after the throw")
    }
}
