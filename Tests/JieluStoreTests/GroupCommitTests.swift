import Dispatch
import Foundation
@testable import JieluStore
import Synchronization
import Testing

/// Writers that queue while another holds the writer connection share its
/// transaction and one COMMIT. Each test holds the first writer inside its
/// body until the others have queued, so the grouping does not depend on timing.
@Suite("Group commit")
struct GroupCommitTests {
    /// Upper bound for waits that should end almost at once; reaching it means a hang.
    private static var hangTimeout: DispatchTime { .now() + 30 }

    /// The first writer, held inside its body until `release()`, and the
    /// writers started behind it.
    final class HeldWriters: Sendable {
        let database: Database
        let firstInside = DispatchSemaphore(value: 0)
        let releaseFirst = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let outcomes = Mutex<[String: String]>([:])
        private let started = Atomic<Int>(0)

        init(_ database: Database) {
            self.database = database
        }

        /// Starts the writer that holds the connection; returns once its body runs.
        func startFirst(name: String = "first") throws {
            start(name) { connection in
                try insertItem(connection, name)
                self.firstInside.signal()
                _ = self.releaseFirst.wait(timeout: GroupCommitTests.hangTimeout)
            }
            try #require(firstInside.wait(timeout: GroupCommitTests.hangTimeout) == .success)
        }

        /// Starts a writer and waits until it queues behind the ones before it.
        func startQueued(_ name: String, body: @escaping @Sendable (SQLiteConnection) throws -> Void) throws {
            let waitingBefore = database.waitingWriters
            start(name, body: body)
            let deadline = Date().addingTimeInterval(30)
            while database.waitingWriters == waitingBefore && Date() < deadline {
                usleep(1_000)
            }
            try #require(database.waitingWriters == waitingBefore + 1, "writer \(name) did not queue")
        }

        /// Lets the first writer finish and waits for every writer.
        func releaseAndWait() {
            releaseFirst.signal()
            for _ in 0..<started.load(ordering: .relaxed) {
                _ = finished.wait(timeout: GroupCommitTests.hangTimeout)
            }
        }

        private func start(_ name: String, body: @escaping @Sendable (SQLiteConnection) throws -> Void) {
            started.wrappingAdd(1, ordering: .relaxed)
            Thread {
                let outcome: String
                do {
                    try self.database.write(body)
                    outcome = "ok"
                } catch let error as StoreError {
                    outcome = "store error \(error.primaryCode)"
                } catch {
                    outcome = "\(error)"
                }
                self.outcomes.withLock { $0[name] = outcome }
                self.finished.signal()
            }.start()
        }
    }

    @Test func queuedWritersShareOneCommit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory, options: DatabaseOptions(synchronousFull: true))
        let writers = HeldWriters(database)
        let commitsBefore = database.committedTransactions

        try writers.startFirst()
        for index in 1...5 {
            try writers.startQueued("queued \(index)") { try insertItem($0, "queued \(index)") }
        }
        writers.releaseAndWait()

        #expect(writers.outcomes.withLock { $0 }.values.allSatisfy { $0 == "ok" })
        #expect(try database.read(countItems) == 6)
        #expect(database.committedTransactions - commitsBefore == 1)
    }

    @Test func failingBodyRollsBackOnlyItsOwnRows() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        let writers = HeldWriters(database)

        try writers.startFirst()
        try writers.startQueued("before") { try insertItem($0, "before") }
        try writers.startQueued("failing") { connection in
            try insertItem(connection, "failing 1")
            try insertItem(connection, "failing 2")
            throw PlannedFailure()
        }
        try writers.startQueued("after") { try insertItem($0, "after") }
        writers.releaseAndWait()

        let outcomes = writers.outcomes.withLock { $0 }
        #expect(outcomes["first"] == "ok")
        #expect(outcomes["before"] == "ok")
        #expect(outcomes["failing"] == "\(PlannedFailure())")
        #expect(outcomes["after"] == "ok")
        let names = try database.read { try $0.query("SELECT name FROM items ORDER BY name").map { $0.string("name") } }
        #expect(names == ["after", "before", "first"])
    }

    @Test func constraintViolationFailsOnlyThatWriter() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        let writers = HeldWriters(database)

        try writers.startFirst(name: "taken")
        try writers.startQueued("duplicate") { try insertItem($0, "taken") }
        try writers.startQueued("fresh") { try insertItem($0, "fresh") }
        writers.releaseAndWait()

        let outcomes = writers.outcomes.withLock { $0 }
        #expect(outcomes["taken"] == "ok")
        #expect(outcomes["duplicate"] == "store error 19", "SQLITE_CONSTRAINT is 19")
        #expect(outcomes["fresh"] == "ok")
        #expect(try database.read(countItems) == 2)
    }

    @Test("commits are split at maxWritesPerCommit", arguments: [(1, 6), (2, 3), (4, 2), (128, 1)])
    func maxWritesPerCommitSplitsGroups(limit: Int, expectedCommits: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory, options: DatabaseOptions(synchronousFull: false, maxWritesPerCommit: limit))
        let writers = HeldWriters(database)
        let commitsBefore = database.committedTransactions

        try writers.startFirst()
        for index in 1...5 {
            try writers.startQueued("queued \(index)") { try insertItem($0, "queued \(index)") }
        }
        writers.releaseAndWait()

        #expect(try database.read(countItems) == 6)
        #expect(database.committedTransactions - commitsBefore == expectedCommits)
    }

    @Test func bodyEndingTransactionFailsEarlierWritersOfIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        let writers = HeldWriters(database)

        try writers.startFirst()
        try writers.startQueued("rogue") { try $0.run("ROLLBACK") }
        try writers.startQueued("after") { try insertItem($0, "after") }
        writers.releaseAndWait()

        let outcomes = writers.outcomes.withLock { $0 }
        let misuse = "store error 21"
        #expect(outcomes["first"] == misuse, "its row was in the transaction the body rolled back")
        #expect(outcomes["rogue"] == misuse)
        #expect(outcomes["after"] == "ok", "a later writer starts a new transaction")
        let names = try database.read { try $0.query("SELECT name FROM items").map { $0.string("name") } }
        #expect(names == ["after"])
    }

    @Test func closeWaitsForQueuedWriters() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        let writers = HeldWriters(database)

        try writers.startFirst()
        try writers.startQueued("queued") { try insertItem($0, "queued") }
        let closed = DispatchSemaphore(value: 0)
        Thread {
            database.close()
            closed.signal()
        }.start()
        let deadline = Date().addingTimeInterval(30)
        while database.waitingWriters < 2 && Date() < deadline {
            usleep(1_000)
        }
        try #require(database.waitingWriters == 2, "close did not queue behind the writer")
        writers.releaseAndWait()
        try #require(closed.wait(timeout: Self.hangTimeout) == .success)

        #expect(writers.outcomes.withLock { $0 } == ["first": "ok", "queued": "ok"])
        #expect(throws: StoreError.self) { try database.write { try insertItem($0, "too late") } }
        let reopened = try openItems(directory)
        defer { reopened.close() }
        #expect(try reopened.read(countItems) == 2)
    }

    @Test func acknowledgedConcurrentWritesSurviveReopen() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory, options: DatabaseOptions(synchronousFull: true))
        let threadCount = 16
        let writesPerThread = 50
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
            _ = finished.wait(timeout: Self.hangTimeout)
        }
        database.close()

        let reopened = try openItems(directory)
        defer { reopened.close() }
        #expect(failures.all == [])
        #expect(try reopened.read(countItems) == Int64(threadCount * writesPerThread))
    }
}
