import Foundation
import JieluCore
import JieluStore
import Synchronization

/// A fresh directory under the system temporary directory; call `remove()` in a `defer`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        try self.init(named: "jielu-store-tests-\(UUID().uuidString)")
    }

    /// A directory with a fixed name, for an exit test: its child process
    /// dies before a `defer` can remove it, so the parent removes it by name.
    init(named name: String) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String {
        path + "/" + name
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Quiet enough that passing tests print nothing.
let testLogger = Logger(service: "jielu-store-tests", level: .warning)

/// A table with a UNIQUE text column and an untyped column, which keeps every
/// value in the storage class it was bound with.
let itemsMigrations = [
    Migration(
        version: 1,
        sql: """
            CREATE TABLE items (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                value
            );
            """)
]

func openItems(
    _ directory: TemporaryDirectory, name: String = "items.sqlite",
    options: DatabaseOptions = DatabaseOptions(synchronousFull: false)
) throws -> Database {
    try Database(path: directory.file(name), migrations: itemsMigrations, options: options, logger: testLogger)
}

func insertItem(_ connection: SQLiteConnection, _ name: String, _ value: any SQLBindable = SQLValue.null) throws {
    try connection.run("INSERT INTO items (name, value) VALUES (?, ?)", name, value)
}

func countItems(_ connection: SQLiteConnection) throws -> Int64 {
    try connection.queryOne("SELECT count(*) AS n FROM items")?.int64("n") ?? -1
}

/// Messages collected from several threads.
final class MessageLog: Sendable {
    private let messages = Mutex<[String]>([])

    func append(_ message: String) {
        messages.withLock { $0.append(message) }
    }

    var all: [String] {
        messages.withLock { $0 }
    }
}

/// The error a test body throws on purpose.
struct PlannedFailure: Error, Equatable {}
