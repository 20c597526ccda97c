import Dispatch
import Foundation
import JieluStore
import Testing

@Suite("Concurrency")
struct ConcurrencyTests {
    /// Upper bound for waits that should end almost at once; reaching it means a hang.
    private static var hangTimeout: DispatchTime { .now() + 30 }

    @Test func concurrentWritersLoseNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        let threadCount = 8
        let writesPerThread = 200
        let finished = DispatchSemaphore(value: 0)
        let failures = MessageLog()

        for thread in 0..<threadCount {
            Thread {
                defer { finished.signal() }
                for index in 0..<writesPerThread {
                    do {
                        try database.write { try insertItem($0, "thread \(thread) write \(index)", index) }
                    } catch {
                        failures.append("\(error)")
                    }
                }
            }.start()
        }
        for _ in 0..<threadCount {
            finished.wait()
        }

        #expect(failures.all == [])
        let row = try database.read {
            try $0.queryOne("SELECT count(*) AS total, count(DISTINCT name) AS names FROM items")
        }
        #expect(row?.int("total") == threadCount * writesPerThread)
        #expect(row?.int("names") == threadCount * writesPerThread)
    }

    @Test func readSkipsUncommittedWrite() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        try database.write { try insertItem($0, "committed") }
        let inserted = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let writerDone = DispatchSemaphore(value: 0)
        let failures = MessageLog()

        Thread {
            defer { writerDone.signal() }
            do {
                try database.write { connection in
                    try insertItem(connection, "pending")
                    inserted.signal()
                    _ = release.wait(timeout: Self.hangTimeout)
                }
            } catch {
                failures.append("\(error)")
            }
        }.start()
        try #require(inserted.wait(timeout: Self.hangTimeout) == .success)

        let countDuringWrite = try database.read(countItems)
        release.signal()
        writerDone.wait()
        let countAfterCommit = try database.read(countItems)

        #expect(failures.all == [])
        #expect(countDuringWrite == 1)
        #expect(countAfterCommit == 2)
    }

    @Test func readSnapshotIgnoresLaterCommit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        try database.write { try insertItem($0, "before") }
        let failures = MessageLog()

        let (first, second) = try database.read { connection in
            let first = try countItems(connection)

            let committed = DispatchSemaphore(value: 0)
            Thread {
                defer { committed.signal() }
                do {
                    try database.write { try insertItem($0, "during read") }
                } catch {
                    failures.append("\(error)")
                }
            }.start()
            _ = committed.wait(timeout: Self.hangTimeout)

            let second = try countItems(connection)
            return (first, second)
        }
        let afterRead = try database.read(countItems)

        #expect(failures.all == [])
        #expect(first == 1)
        #expect(second == 1, "a read keeps the snapshot of its first query")
        #expect(afterRead == 2)
    }

    @Test func readWaitsForFreeReader() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory, options: DatabaseOptions(readerCount: 1, synchronousFull: false))
        let firstHolding = DispatchSemaphore(value: 0)
        let releaseFirst = DispatchSemaphore(value: 0)
        let secondEntered = DispatchSemaphore(value: 0)
        let bothDone = DispatchSemaphore(value: 0)
        let failures = MessageLog()

        Thread {
            defer { bothDone.signal() }
            do {
                try database.read { _ in
                    firstHolding.signal()
                    _ = releaseFirst.wait(timeout: Self.hangTimeout)
                }
            } catch {
                failures.append("\(error)")
            }
        }.start()
        try #require(firstHolding.wait(timeout: Self.hangTimeout) == .success)
        Thread {
            defer { bothDone.signal() }
            do {
                try database.read { _ in _ = secondEntered.signal() }
            } catch {
                failures.append("\(error)")
            }
        }.start()

        // Proving that something does not happen needs a timeout; 200 ms is far
        // longer than taking an idle connection.
        let enteredWhileTaken = secondEntered.wait(timeout: .now() + 0.2)
        releaseFirst.signal()
        let enteredAfterRelease = secondEntered.wait(timeout: Self.hangTimeout)
        bothDone.wait()
        bothDone.wait()

        #expect(failures.all == [])
        #expect(enteredWhileTaken == .timedOut)
        #expect(enteredAfterRelease == .success)
    }

    @Test func closeWaitsForRunningRead() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        try database.write { try insertItem($0, "row") }
        let reading = DispatchSemaphore(value: 0)
        let closeStarted = DispatchSemaphore(value: 0)
        let readDone = DispatchSemaphore(value: 0)
        let results = MessageLog()

        Thread {
            defer { readDone.signal() }
            do {
                let count = try database.read { connection in
                    reading.signal()
                    _ = closeStarted.wait(timeout: Self.hangTimeout)
                    // Gives close time to reach its wait; the test passes either
                    // way, but only with this pause does it check the waiting.
                    usleep(50_000)
                    return try countItems(connection)
                }
                results.append("count \(count)")
            } catch {
                results.append("\(error)")
            }
        }.start()
        try #require(reading.wait(timeout: Self.hangTimeout) == .success)

        closeStarted.signal()
        database.close()
        readDone.wait()

        #expect(results.all == ["count 1"], "the read that was running finishes on an open connection")
        #expect(throws: StoreError.self) {
            try database.read(countItems)
        }
    }
}
