import Testing

@testable import JieluStore

/// A cached statement reuses its result column names only while SQLite
/// reports the same ones, so `SELECT *` follows schema changes.
@Suite("Result columns")
struct ResultColumnsTests {
    @Test func selectStarSeesColumnAddedLater() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)

        let (before, after) = try database.write { connection in
            try insertItem(connection, "first", 1)
            let before = try connection.queryOne("SELECT * FROM items")?.columns.names
            try connection.execute("ALTER TABLE items ADD COLUMN note TEXT NOT NULL DEFAULT 'added'")
            let after = try connection.queryOne("SELECT * FROM items")
            return (before, after)
        }

        #expect(before == ["id", "name", "value"])
        #expect(after?.columns.names == ["id", "name", "value", "note"])
        #expect(after?.string("note") == "added")
    }

    @Test func renamedColumnIsSeenWithSameCount() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)

        let (before, after) = try database.write { connection in
            try insertItem(connection, "first", 1)
            let before = try connection.queryOne("SELECT * FROM items")?.columns.names
            try connection.execute("ALTER TABLE items RENAME COLUMN value TO amount")
            let after = try connection.queryOne("SELECT * FROM items")
            return (before, after)
        }

        #expect(before == ["id", "name", "value"])
        #expect(after?.columns.names == ["id", "name", "amount"])
        #expect(after?.int("amount") == 1)
    }

    @Test func repeatedQueryReusesColumns() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)

        let (first, second) = try database.write { connection in
            try insertItem(connection, "first", 1)
            let first = try connection.queryOne("SELECT * FROM items")
            let second = try connection.queryOne("SELECT * FROM items")
            return (first, second)
        }

        let firstColumns = try #require(first?.columns)
        let secondColumns = try #require(second?.columns)
        #expect(firstColumns === secondColumns)
    }
}
