import Dispatch
import Foundation
import JieluStore
import Testing

@Suite("Backup")
struct BackupTests {
    @Test func backupHoldsCommittedRows() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        try database.write { connection in
            for index in 0..<50 {
                try insertItem(connection, "row \(index)", "备份 \(index) 📦")
            }
        }
        let destination = directory.file("backups/2026/items-copy.sqlite")

        try database.backup(to: destination)
        database.close()

        let copy = try Database(path: destination, migrations: itemsMigrations, logger: testLogger)
        let rows = try copy.read { try $0.query("SELECT name, value FROM items ORDER BY id") }
        #expect(copy.schemaVersion == 1)
        #expect(rows.count == 50)
        #expect(rows.last?.string("value") == "备份 49 📦")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.file("backups/2026"))
            .filter { $0.contains(".partial") }
        #expect(leftovers == [])
    }

    @Test func backupExcludesOpenTransaction() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        try database.write { try insertItem($0, "committed") }
        let inserted = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let writerDone = DispatchSemaphore(value: 0)
        let destination = directory.file("copy.sqlite")

        Thread {
            defer { writerDone.signal() }
            _ = try? database.write { connection in
                try insertItem(connection, "uncommitted")
                inserted.signal()
                _ = release.wait(timeout: .now() + 30)
            }
        }.start()
        try #require(inserted.wait(timeout: .now() + 30) == .success)
        let backupResult = Result { try database.backup(to: destination) }
        release.signal()
        writerDone.wait()

        try backupResult.get()
        let copy = try Database(path: destination, migrations: itemsMigrations, logger: testLogger)
        let names = try copy.read { try $0.query("SELECT name FROM items").map { $0.string("name") } }
        #expect(names == ["committed"])
    }

    @Test func backupReplacesExistingFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        let destination = directory.file("copy.sqlite")
        try database.write { try insertItem($0, "one") }
        try database.backup(to: destination)

        try database.write { try insertItem($0, "two") }
        try database.backup(to: destination)

        let copy = try Database(path: destination, migrations: itemsMigrations, logger: testLogger)
        #expect(try copy.read(countItems) == 2)
    }

    @Test func backupOfClosedDatabaseThrows() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        database.close()
        let destination = directory.file("copy.sqlite")

        #expect(throws: StoreError.self) {
            try database.backup(to: destination)
        }
        #expect(!FileManager.default.fileExists(atPath: destination))
    }
}
