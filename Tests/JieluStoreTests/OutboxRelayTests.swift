import Foundation
import JieluCore
import Synchronization
import Testing

@testable import JieluStore

/// A database with one outbox table `outbox` in a fresh temporary directory.
private struct OutboxFixture {
    let directory: String
    let path: String
    let logger = Logger(service: "outbox-test", level: .error)

    init() throws {
        directory = NSTemporaryDirectory() + "outbox-relay-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/outbox.sqlite"
    }

    func open() throws -> Database {
        try Database(
            path: path,
            migrations: [
                Migration(version: 1, sql: OutboxRelay.migrationSQL(table: "outbox")),
                Migration(version: 2, sql: "CREATE TABLE marks (id INTEGER PRIMARY KEY);"),
            ],
            options: DatabaseOptions(synchronousFull: false), logger: logger)
    }

    func removeFiles() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// What a test `deliver` closure saw, guarded by a mutex because the relay
/// thread writes it while the test thread reads it.
private final class DeliveryLog: Sendable {
    private let payloads = Mutex<[String]>([])
    private let calls = Atomic<Int>(0)

    func record(_ records: [OutboxRecord]) {
        payloads.withLock { $0.append(contentsOf: records.map { String(decoding: $0.payload, as: UTF8.self) }) }
    }

    /// Counts one call and returns its 1-based number.
    func countCall() -> Int {
        calls.wrappingAdd(1, ordering: .relaxed).newValue
    }

    var delivered: [String] { payloads.withLock { $0 } }
    var callCount: Int { calls.load(ordering: .relaxed) }
}

private struct ReceiverDown: Error {}

/// Polls `condition` every 10 ms until it is true or `seconds` pass.
private func eventually(within seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Deadline.after(seconds: seconds)
    while !deadline.hasPassed {
        if try condition() {
            return true
        }
        usleep(10_000)
    }
    return try condition()
}

private func enqueue(_ texts: [String], into database: Database) throws {
    try database.write { connection in
        for text in texts {
            try OutboxRelay.enqueue(Array(text.utf8), table: "outbox", connection: connection)
        }
    }
}

@Suite("OutboxRelay")
struct OutboxRelayTests {
    @Test("migration creates the documented columns")
    func migrationColumns() throws {
        let fixture = try OutboxFixture()
        defer { fixture.removeFiles() }
        let database = try fixture.open()
        defer { database.close() }

        let columns = try database.read { connection in
            try connection.query("PRAGMA table_info(outbox)").map { $0.string("name") }
        }
        #expect(columns == ["id", "payload", "created_at_ms", "attempts", "last_error"])
    }

    @Test("failing receiver gets every row once, in order")
    func retriesUntilDelivered() throws {
        let fixture = try OutboxFixture()
        defer { fixture.removeFiles() }
        let database = try fixture.open()
        defer { database.close() }

        let expected = (1...10).map { "message-\($0)" }
        try enqueue(expected, into: database)

        let failuresBeforeSuccess = 3
        let log = DeliveryLog()
        let relay = OutboxRelay(database: database, table: "outbox", batchSize: 4, logger: fixture.logger) { records in
            if log.countCall() <= failuresBeforeSuccess {
                throw ReceiverDown()
            }
            log.record(records)
        }
        relay.start()
        defer { relay.stop() }

        #expect(eventually { log.delivered.count >= expected.count })
        relay.stop()

        #expect(log.delivered == expected)
        #expect(try relay.backlog() == 0)
        // Three failures, then three batches of 4, 4 and 2.
        #expect(log.callCount == failuresBeforeSuccess + 3)
    }

    @Test("failed attempts are counted on the row")
    func recordsAttempts() throws {
        let fixture = try OutboxFixture()
        defer { fixture.removeFiles() }
        let database = try fixture.open()
        defer { database.close() }
        try enqueue(["only"], into: database)

        let log = DeliveryLog()
        let relay = OutboxRelay(database: database, table: "outbox", logger: fixture.logger) { _ in
            _ = log.countCall()
            throw ReceiverDown()
        }
        relay.start()
        #expect(eventually { log.callCount >= 3 })
        relay.stop()

        let row = try #require(try database.read { try $0.queryOne("SELECT attempts, last_error FROM outbox") })
        #expect(row.int("attempts") == log.callCount)
        #expect(row.string("last_error").contains("ReceiverDown"))
    }

    @Test("backoff grows between failed attempts")
    func backoffGrows() throws {
        let fixture = try OutboxFixture()
        defer { fixture.removeFiles() }
        let database = try fixture.open()
        defer { database.close() }
        try enqueue(["slow"], into: database)

        let log = DeliveryLog()
        let relay = OutboxRelay(database: database, table: "outbox", logger: fixture.logger) { _ in
            _ = log.countCall()
            throw ReceiverDown()
        }
        relay.start()
        // 50 + 100 + 200 + 400 ms of backoff: about 0.75 s for five attempts.
        usleep(600_000)
        relay.stop()

        #expect(log.callCount >= 3)
        #expect(log.callCount <= 6)
    }

    @Test("rows of a rolled-back transaction are never delivered")
    func rolledBackRowsStayUnsent() throws {
        let fixture = try OutboxFixture()
        defer { fixture.removeFiles() }
        let database = try fixture.open()
        defer { database.close() }

        let log = DeliveryLog()
        let relay = OutboxRelay(database: database, table: "outbox", logger: fixture.logger) { records in
            log.record(records)
        }
        relay.start()
        defer { relay.stop() }

        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try database.write { connection in
                try OutboxRelay.enqueue(Array("rolled-back".utf8), table: "outbox", connection: connection)
                throw Abort()
            }
        }
        relay.wake()
        try enqueue(["committed"], into: database)
        relay.wake()

        #expect(eventually { log.delivered.contains("committed") })
        #expect(log.delivered == ["committed"])
    }

    @Test("pending rows survive a restart")
    func restartDeliversPendingRows() throws {
        let fixture = try OutboxFixture()
        defer { fixture.removeFiles() }

        // First run: the receiver is down the whole time.
        do {
            let database = try fixture.open()
            try enqueue(["a", "b", "c"], into: database)
            let relay = OutboxRelay(database: database, table: "outbox", logger: fixture.logger) { _ in
                throw ReceiverDown()
            }
            relay.start()
            usleep(100_000)
            relay.stop()
            database.close()
        }

        // Second run, after reopening the file: everything arrives.
        let database = try fixture.open()
        defer { database.close() }
        let log = DeliveryLog()
        let relay = OutboxRelay(database: database, table: "outbox", logger: fixture.logger) { records in
            log.record(records)
        }
        relay.start()
        defer { relay.stop() }

        #expect(eventually { log.delivered.count >= 3 })
        #expect(log.delivered == ["a", "b", "c"])
    }

    @Test("wake delivers without waiting for the poll")
    func wakeDeliversImmediately() throws {
        let fixture = try OutboxFixture()
        defer { fixture.removeFiles() }
        let database = try fixture.open()
        defer { database.close() }

        let log = DeliveryLog()
        let relay = OutboxRelay(
            database: database, table: "outbox", idlePollSeconds: 60, logger: fixture.logger
        ) { records in
            log.record(records)
        }
        relay.start()
        defer { relay.stop() }
        // Let the relay find the table empty and go to sleep.
        usleep(50_000)

        try enqueue(["now"], into: database)
        relay.wake()

        #expect(eventually(within: 2) { log.delivered == ["now"] })
    }

    @Test("partial delivery keeps the acknowledged prefix")
    func partialDelivery() throws {
        let fixture = try OutboxFixture()
        defer { fixture.removeFiles() }
        let database = try fixture.open()
        defer { database.close() }
        try enqueue(["1", "2", "3", "4"], into: database)

        let log = DeliveryLog()
        let relay = OutboxRelay(database: database, table: "outbox", logger: fixture.logger) { records in
            if log.countCall() == 1 {
                log.record(Array(records.prefix(2)))
                throw OutboxRelay.PartialDelivery(deliveredCount: 2, cause: ReceiverDown())
            }
            log.record(records)
        }
        relay.start()
        defer { relay.stop() }

        #expect(eventually { log.delivered.count >= 4 })
        relay.stop()
        #expect(log.delivered == ["1", "2", "3", "4"])
    }

    @Test("row removed during delivery")
    func rowRemovedDuringDelivery() throws {
        let fixture = try OutboxFixture()
        defer { fixture.removeFiles() }
        let database = try fixture.open()
        defer { database.close() }
        try enqueue(["1", "2", "3"], into: database)

        let log = DeliveryLog()
        let marks = Mutex<[Int64]>([])
        let relay = OutboxRelay(
            database: database, table: "outbox", logger: fixture.logger,
            onDelivered: { records, _ in marks.withLock { $0 += records.map(\.id) } }
        ) { records in
            if log.countCall() == 1 {
                // An operator removes row 2, and a new row 4 is queued, while the batch is with the receiver.
                try database.write { connection in
                    try connection.run("DELETE FROM outbox WHERE id = 2")
                    _ = try OutboxRelay.enqueue(Array("4".utf8), table: "outbox", connection: connection)
                }
            }
            log.record(records)
        }
        relay.start()
        defer { relay.stop() }

        #expect(eventually { log.delivered.count >= 4 })
        relay.stop()
        #expect(log.delivered == ["1", "2", "3", "4"], "row 4 is delivered after the batch, not deleted with it")
        #expect(try relay.backlog() == 0)
        #expect(marks.withLock { $0 } == [1, 2, 3, 4])
    }

    @Test("onDelivered runs in the deleting transaction")
    func onDeliveredIsAtomicWithDelete() throws {
        let fixture = try OutboxFixture()
        defer { fixture.removeFiles() }
        let database = try fixture.open()
        defer { database.close() }
        try enqueue(["x"], into: database)

        let hookCalls = Atomic<Int>(0)
        let log = DeliveryLog()
        let relay = OutboxRelay(
            database: database, table: "outbox", logger: fixture.logger,
            onDelivered: { records, connection in
                for record in records {
                    try connection.run("INSERT INTO marks (id) VALUES (?)", record.id)
                }
                // The first time, fail after the insert: the delete and the mark must both roll back.
                if hookCalls.wrappingAdd(1, ordering: .relaxed).newValue == 1 {
                    throw ReceiverDown()
                }
            }
        ) { records in
            log.record(records)
        }
        relay.start()
        defer { relay.stop() }

        #expect(eventually { hookCalls.load(ordering: .relaxed) >= 2 })
        relay.stop()

        #expect(log.delivered == ["x", "x"])
        #expect(try relay.backlog() == 0)
        let marks = try database.read { try $0.query("SELECT id FROM marks").count }
        #expect(marks == 1)
    }

    @Test("stopped relay delivers nothing")
    func stopEndsDeliveries() throws {
        let fixture = try OutboxFixture()
        defer { fixture.removeFiles() }
        let database = try fixture.open()
        defer { database.close() }

        let log = DeliveryLog()
        let relay = OutboxRelay(database: database, table: "outbox", logger: fixture.logger) { records in
            log.record(records)
        }
        relay.stop()
        relay.start()
        relay.stop()

        try enqueue(["late"], into: database)
        relay.wake()
        usleep(100_000)
        #expect(log.delivered.isEmpty)
        #expect(try relay.backlog() == 1)
    }
}
