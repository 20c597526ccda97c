import Dispatch
import Foundation
@testable import JieluStore
import Synchronization
import Testing

/// `Database.writeAsync`: writes whose caller does not wait for the commit.
@Suite("Detached writes")
struct DetachedWriteTests {
    /// Collects the outcomes of detached writes by name.
    final class Outcomes: Sendable {
        private let results = Mutex<[String: String]>([:])
        private let threads = Mutex<[String: UInt]>([:])
        let done = DispatchSemaphore(value: 0)

        func record(_ name: String, _ result: Result<Int64, any Error>) {
            results.withLock { results in
                switch result {
                case .success(let value): results[name] = "ok \(value)"
                case .failure(let error): results[name] = "failed \(error)"
                }
            }
            done.signal()
        }

        func noteBodyThread(_ name: String) {
            threads.withLock { $0[name] = UInt(bitPattern: Int(bitPattern: pthread_self())) }
        }

        subscript(name: String) -> String? { results.withLock { $0[name] } }
        func bodyThread(_ name: String) -> UInt? { threads.withLock { $0[name] } }

        func wait(count: Int) -> Bool {
            for _ in 0..<count where done.wait(timeout: .now() + 30) == .timedOut {
                return false
            }
            return true
        }
    }

    private func itemCount(_ database: Database) throws -> Int {
        try database.read { try $0.queryOne("SELECT COUNT(*) AS n FROM items")!.int("n") }
    }

    @Test func completionComesAfterTheCommitAndTheBodyRunsOnAnotherThread() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        defer { database.close() }
        let outcomes = Outcomes()
        let caller = UInt(bitPattern: Int(bitPattern: pthread_self()))

        database.writeAsync({ connection in
            outcomes.noteBodyThread("a")
            try insertItem(connection, "a")
            return connection.lastInsertRowID
        }, completion: { result in
            // Committed: a reader sees the row from inside the completion.
            let visible = (try? database.read { try $0.queryOne("SELECT 1 AS x FROM items WHERE name = 'a'") }) != nil
            outcomes.record("a", visible ? result : .failure(StoreError.misuse("not visible at completion")))
        })

        #expect(outcomes.wait(count: 1))
        #expect(outcomes["a"] == "ok 1")
        #expect(outcomes.bodyThread("a") != caller, "the caller never leads a detached write")
    }

    @Test func aFailingBodyFailsOnlyItself() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        defer { database.close() }
        let outcomes = Outcomes()

        for name in ["x", "x", "y"] {
            database.writeAsync({ connection in
                try insertItem(connection, name)
                return 0
            }, completion: { outcomes.record(name + "-\(UUID().uuidString.prefix(4))", $0) })
        }

        #expect(outcomes.wait(count: 3))
        #expect(try itemCount(database) == 2, "the duplicate name failed, x and y stayed")
    }

    @Test func detachedAndBlockingWritesShareCommitsAndAllFinish() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        defer { database.close() }
        let outcomes = Outcomes()
        let writes = 400

        DispatchQueue.concurrentPerform(iterations: writes) { index in
            if index % 2 == 0 {
                database.writeAsync({ connection in
                    try insertItem(connection, "item-\(index)")
                    return 0
                }, completion: { outcomes.record("item-\(index)", $0) })
            } else {
                let result = Result<Int64, any Error> {
                    try database.write { connection in try insertItem(connection, "item-\(index)") }
                    return 0
                }
                outcomes.record("item-\(index)", result)
            }
        }

        #expect(outcomes.wait(count: writes))
        #expect(try itemCount(database) == writes)
        #expect(database.committedTransactions < writes, "some writes shared a commit")
        for index in 0..<writes {
            #expect(outcomes["item-\(index)"] == "ok 0")
        }
    }

    @Test func afterCloseTheCompletionGetsClosedWithoutHanging() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        let outcomes = Outcomes()
        database.writeAsync({ connection in
            try insertItem(connection, "before")
            return 0
        }, completion: { outcomes.record("before", $0) })
        #expect(outcomes.wait(count: 1))
        database.close()

        database.writeAsync({ connection in
            try insertItem(connection, "after")
            return 0
        }, completion: { outcomes.record("after", $0) })

        #expect(outcomes.wait(count: 1))
        #expect(outcomes["after"]?.hasPrefix("failed") == true)
    }

    /// A turn requested just before `stop` belongs to a write at the head of
    /// the queue. If the thread dropped it, no thread would lead the queue
    /// and every later write would wait forever.
    @Test func turnRequestedBeforeStopStillRuns() {
        for _ in 0..<5 {
            let leader = DetachedLeader()
            let ran = DispatchSemaphore(value: 0)
            leader.requestTurn(name: "db-writer-test") { ran.signal() }
            leader.stop()
            #expect(ran.wait(timeout: .now() + 2) == .success)
        }
    }
}
