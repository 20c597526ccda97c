import Foundation
@testable import JieluStore
import Testing

@Suite("Database")
struct DatabaseTests {
    @Test func writeReturnsBodyValue() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)

        let rowID = try database.write { connection in
            try insertItem(connection, "first")
            try insertItem(connection, "second")
            return connection.lastInsertRowID
        }

        #expect(rowID == 2)
        #expect(try database.read(countItems) == 2)
    }

    @Test func throwingWriteRollsBack() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        try database.write { try insertItem($0, "kept") }

        #expect(throws: PlannedFailure.self) {
            try database.write { connection in
                try insertItem(connection, "discarded 1")
                try connection.run("UPDATE items SET value = 'changed'")
                try insertItem(connection, "discarded 2")
                throw PlannedFailure()
            }
        }

        let rows = try database.read { try $0.query("SELECT name, value FROM items") }
        #expect(rows.map { $0.string("name") } == ["kept"])
        #expect(rows.first?.isNull("value") == true)
    }

    @Test func writerIsUsableAfterRollback() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)

        _ = try? database.write { connection in
            try insertItem(connection, "discarded")
            throw PlannedFailure()
        }
        try database.write { try insertItem($0, "discarded") }

        #expect(try database.read(countItems) == 1)
    }

    @Test func constraintViolationIsStoreError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        try database.write { try insertItem($0, "井盖") }

        let error = try #require(throws: StoreError.self) {
            try database.write { connection in
                try insertItem(connection, "路灯")
                try insertItem(connection, "井盖")
            }
        }

        #expect(error.isConstraintViolation)
        #expect(!error.isBusy)
        #expect(error.code == 2067, "SQLITE_CONSTRAINT_UNIQUE")
        #expect(error.sql?.hasPrefix("INSERT INTO items") == true)
        #expect(error.message.contains("UNIQUE"))
        let names = try database.read { try $0.query("SELECT name FROM items").map { $0.string("name") } }
        #expect(names == ["井盖"], "the whole failed transaction is rolled back")
    }

    @Test func foreignKeysAreEnforced() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let migrations = [
            Migration(
                version: 1,
                sql: """
                    CREATE TABLE streets (id INTEGER PRIMARY KEY);
                    CREATE TABLE cases (id INTEGER PRIMARY KEY, street_id INTEGER NOT NULL REFERENCES streets (id));
                    """)
        ]
        let database = try Database(
            path: directory.file("fk.sqlite"), migrations: migrations, logger: testLogger)

        let error = try #require(throws: StoreError.self) {
            try database.write { try $0.run("INSERT INTO cases (street_id) VALUES (?)", 99) }
        }

        #expect(error.isConstraintViolation)
        #expect(try database.read { try $0.queryOne("PRAGMA foreign_keys")?[0] } == .integer(1))
    }

    @Test("synchronous pragma follows options", arguments: [(true, Int64(2)), (false, Int64(1))])
    func synchronousPragma(full: Bool, expected: Int64) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory, options: DatabaseOptions(synchronousFull: full))

        let synchronous = try database.write { try $0.queryOne("PRAGMA synchronous")?[0] }
        let journalMode = try database.read { try $0.queryOne("PRAGMA journal_mode")?[0] }

        #expect(synchronous == .integer(expected))
        #expect(journalMode == .text("wal"))
    }

    @Test func readRejectsWrites() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)

        let error = try #require(throws: StoreError.self) {
            try database.read { try insertItem($0, "not allowed") }
        }

        #expect(error.primaryCode == 8, "SQLITE_READONLY")
        #expect(try database.read(countItems) == 0)
    }

    @Test func acknowledgedWritesSurviveReopen() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try openItems(directory, options: DatabaseOptions())
        for index in 0..<50 {
            try first.write { try insertItem($0, "item \(index)", "值 \(index) 🚲") }
        }
        first.close()

        let reopened = try openItems(directory, options: DatabaseOptions())
        let rows = try reopened.read { try $0.query("SELECT name, value FROM items ORDER BY id") }

        #expect(rows.count == 50)
        #expect(rows.last?.string("name") == "item 49")
        #expect(rows.last?.string("value") == "值 49 🚲")
    }

    @Test func secondInstanceSeesCommittedWrites() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try openItems(directory)
        let second = try openItems(directory)

        try first.write { try insertItem($0, "from first") }
        try second.write { try insertItem($0, "from second") }

        #expect(try first.read(countItems) == 2)
        #expect(try second.read(countItems) == 2)
    }

    @Test func closedDatabaseThrows() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        database.close()
        database.close()

        let writeError = try #require(throws: StoreError.self) {
            try database.write { try insertItem($0, "late") }
        }
        let readError = try #require(throws: StoreError.self) {
            try database.read(countItems)
        }

        #expect(writeError.message.contains("closed"))
        #expect(readError.message.contains("closed"))
    }

    @Test func createsMissingParentDirectory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("state/registry/nested/registry.sqlite")

        let database = try Database(path: path, migrations: itemsMigrations, logger: testLogger)
        try database.write { try insertItem($0, "x") }

        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func inMemoryPathIsRejected() {
        #expect(throws: StoreError.self) {
            try Database(path: ":memory:", migrations: itemsMigrations, logger: testLogger)
        }
    }

    @Test("invalid options are rejected", arguments: [
        DatabaseOptions(readerCount: 0),
        DatabaseOptions(busyTimeoutMilliseconds: -1),
    ])
    func invalidOptions(options: DatabaseOptions) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }

        #expect(throws: StoreError.self) {
            try openItems(directory, options: options)
        }
    }

    @Test func nestedWriteStopsProcess() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let directory = try TemporaryDirectory(named: "jielu-store-exit-nested-write")
            let database = try openItems(directory)
            try database.write { _ in
                try database.write { _ in }
            }
        }

        // The child process died before it could remove its directory.
        try? FileManager.default.removeItem(atPath: FileManager.default.temporaryDirectory.appendingPathComponent("jielu-store-exit-nested-write").path)
        let output = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(output.contains("Database.write called inside write"))
    }

    @Test func readInsideWriteStopsProcess() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let directory = try TemporaryDirectory(named: "jielu-store-exit-read-inside-write")
            let database = try openItems(directory)
            try database.write { _ in
                try database.read { _ in }
            }
        }

        // The child process died before it could remove its directory.
        try? FileManager.default.removeItem(atPath: FileManager.default.temporaryDirectory.appendingPathComponent("jielu-store-exit-read-inside-write").path)
        let output = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(output.contains("Database.read called inside write"))
    }

    @Test func nestedReadStopsProcess() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let directory = try TemporaryDirectory(named: "jielu-store-exit-nested-read")
            let database = try openItems(directory)
            try database.read { _ in
                try database.read { _ in }
            }
        }

        // The child process died before it could remove its directory.
        try? FileManager.default.removeItem(atPath: FileManager.default.temporaryDirectory.appendingPathComponent("jielu-store-exit-nested-read").path)
        let output = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(output.contains("called inside read"))
    }

    @Test func writeInsideReadIsAllowed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)

        let countBefore = try database.read { connection in
            let count = try countItems(connection)
            try database.write { try insertItem($0, "written inside read") }
            return count
        }

        #expect(countBefore == 0)
        #expect(try database.read(countItems) == 1)
    }
}

@Suite("Database writer settings")
struct DatabaseWriterSettingsTests {
    @Test func writerUsesWALWithTheLongerCheckpointIntervalAndMemoryTempStore() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        defer { database.close() }

        let (mode, checkpoint, tempStore) = try database.write { connection in
            (
                try connection.queryOne("PRAGMA journal_mode")![0].stringValue ?? "",
                try connection.queryOne("PRAGMA wal_autocheckpoint")!.int("wal_autocheckpoint"),
                try connection.queryOne("PRAGMA temp_store")!.int("temp_store")
            )
        }
        #expect(mode == "wal")
        #expect(checkpoint == Database.walAutocheckpointPages)
        #expect(tempStore == 2, "2 is MEMORY")
    }
}
