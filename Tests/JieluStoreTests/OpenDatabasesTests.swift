import Foundation
import JieluCore
import JieluStore
import Testing

/// `Database` lists itself in `OpenDatabases` while open, which is how the
/// service host finds what to back up and what a restore opened.
@Suite("Open databases")
struct OpenDatabasesTests {
    static func entry(_ path: String) -> OpenDatabase? {
        OpenDatabases.all.first { $0.path == path }
    }

    @Test func listedWhileOpenRemovedOnClose() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        let path = database.path

        let entry = try #require(Self.entry(path))
        #expect(entry.schemaVersion == 1)

        database.close()
        #expect(Self.entry(path) == nil)
    }

    @Test func entryBacksUpAndChecksTheDatabase() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        defer { database.close() }
        try database.write { connection in
            try insertItem(connection, "kept", "值")
        }
        let entry = try #require(Self.entry(database.path))

        try entry.checkIntegrity()
        let copyPath = directory.file("copy/items.sqlite")
        try entry.backUp(copyPath)

        let copy = try Database(path: copyPath, migrations: itemsMigrations, logger: testLogger)
        defer { copy.close() }
        #expect(try copy.read { try $0.query("SELECT value FROM items") }.first?.string("value") == "值")
    }

    @Test func entryOfAReleasedDatabaseThrows() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var entry: OpenDatabase?
        do {
            let database = try openItems(directory)
            entry = Self.entry(database.path)
        }
        // The database was released without close; its entry went with it.
        let stale = try #require(entry)
        #expect(Self.entry(stale.path) == nil)
        #expect(throws: StoreError.self) { try stale.backUp(directory.file("never.sqlite")) }
    }

    @Test func damagedFileFailsTheIntegrityCheck() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        try database.write { connection in
            for index in 0..<400 {
                try insertItem(connection, "row \(index)", String(repeating: "x", count: 200))
            }
        }
        database.close()

        // Overwrite the middle of the file (table pages) with garbage.
        let path = database.path
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let start = bytes.count / 2
        for index in start..<(start + 4096) {
            bytes[index] = 0xA5
        }
        try bytes.write(to: URL(fileURLWithPath: path))

        let reopened = try Database(path: path, migrations: itemsMigrations, logger: testLogger)
        defer { reopened.close() }
        #expect(throws: StoreError.self) { try reopened.checkIntegrity() }
    }
}
