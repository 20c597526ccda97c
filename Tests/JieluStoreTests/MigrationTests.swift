import Foundation
import JieluStore
import Testing

@Suite("Migrations")
struct MigrationTests {
    /// Each migration appends its version to `steps`, so the table records
    /// which migrations ran and in what order.
    private static func recordingMigrations(count: Int) -> [Migration] {
        (1...count).map { version in
            let create = version == 1 ? "CREATE TABLE steps (version INTEGER NOT NULL);\n" : ""
            return Migration(version: version, sql: create + "INSERT INTO steps (version) VALUES (\(version));")
        }
    }

    private func recordedSteps(_ database: Database) throws -> [Int] {
        try database.read { try $0.query("SELECT version FROM steps ORDER BY rowid").map { $0.int("version") } }
    }

    @Test func applyInOrder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }

        let database = try Database(
            path: directory.file("m.sqlite"), migrations: Self.recordingMigrations(count: 3), logger: testLogger)

        #expect(database.schemaVersion == 3)
        #expect(try recordedSteps(database) == [1, 2, 3])
        #expect(try database.read { try $0.queryOne("PRAGMA user_version")?[0] } == .integer(3))
    }

    @Test func notReappliedOnReopen() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("m.sqlite")
        try Database(path: path, migrations: Self.recordingMigrations(count: 3), logger: testLogger).close()

        let same = try Database(path: path, migrations: Self.recordingMigrations(count: 3), logger: testLogger)
        #expect(try recordedSteps(same) == [1, 2, 3])
        same.close()

        let extended = try Database(path: path, migrations: Self.recordingMigrations(count: 4), logger: testLogger)
        #expect(extended.schemaVersion == 4)
        #expect(try recordedSteps(extended) == [1, 2, 3, 4])
    }

    @Test func newerFileIsRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("m.sqlite")
        try Database(path: path, migrations: Self.recordingMigrations(count: 7), logger: testLogger).close()

        let error = try #require(throws: StoreError.self) {
            try Database(path: path, migrations: Self.recordingMigrations(count: 5), logger: testLogger)
        }

        #expect(error.message.contains("schema version 7"))
        #expect(error.message.contains("supports (5)"))
        #expect(error.message.contains("upgrade the binary"))
        let current = try Database(path: path, migrations: Self.recordingMigrations(count: 7), logger: testLogger)
        #expect(try recordedSteps(current) == [1, 2, 3, 4, 5, 6, 7])
    }

    @Test("non-contiguous versions are rejected", arguments: [[1, 3], [2], [0, 1], [1, 2, 2], [2, 1]])
    func nonContiguousRejected(versions: [Int]) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("m.sqlite")
        let migrations = versions.map { Migration(version: $0, sql: "SELECT 1;") }

        let error = try #require(throws: StoreError.self) {
            try Database(path: path, migrations: migrations, logger: testLogger)
        }

        #expect(error.message.contains("\(versions)"))
        #expect(!FileManager.default.fileExists(atPath: path), "nothing is created for an invalid list")
    }

    @Test func failedMigrationRollsBack() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("m.sqlite")
        let broken = Self.recordingMigrations(count: 1) + [
            Migration(version: 2, sql: "CREATE TABLE half (x);\nINSERT INTO missing_table VALUES (1);"),
            Migration(version: 3, sql: "CREATE TABLE never (x);"),
        ]

        let error = try #require(throws: StoreError.self) {
            try Database(path: path, migrations: broken, logger: testLogger)
        }

        #expect(error.message.hasPrefix("migration 2 failed"))
        #expect(error.message.contains("missing_table"))
        let database = try Database(path: path, migrations: Self.recordingMigrations(count: 1), logger: testLogger)
        #expect(database.schemaVersion == 1)
        let tables = try database.read {
            try $0.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map { $0.string("name") }
        }
        #expect(tables == ["steps"])
    }

    @Test func emptyListOpensAtVersionZero() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }

        let database = try Database(path: directory.file("m.sqlite"), migrations: [], logger: testLogger)

        #expect(database.schemaVersion == 0)
    }
}
