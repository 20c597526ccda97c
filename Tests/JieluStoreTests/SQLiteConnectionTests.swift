import Testing

@testable import JieluStore

@Suite("SQLite connection")
struct SQLiteConnectionTests {
    @Test func runRejectsSecondStatement() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)

        let error = try #require(throws: StoreError.self) {
            try database.write {
                try $0.run("INSERT INTO items (name) VALUES ('a'); INSERT INTO items (name) VALUES ('b')")
            }
        }

        #expect(error.message.contains("exactly one statement"))
        #expect(try database.read(countItems) == 0)
    }

    @Test("trailing semicolons and comments are one statement", arguments: [
        "SELECT 1 AS v;",
        "SELECT 1 AS v; ;",
        "SELECT 1 AS v; -- trailing comment",
        "SELECT 1 AS v /* inline */ ;\n",
    ])
    func trailingTextAccepted(sql: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)

        let value = try database.read { try $0.queryOne(sql)?.int("v") }

        #expect(value == 1)
    }

    @Test("empty SQL is rejected", arguments: ["", "  ", "-- only a comment"])
    func emptySQLRejected(sql: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)

        let error = try #require(throws: StoreError.self) {
            try database.read { try $0.query(sql) }
        }

        #expect(error.message.contains("no statement"))
    }

    @Test("binding count must match parameters", arguments: [0, 1, 3])
    func bindingCountMismatch(count: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        let bindings: [any SQLBindable] = Array(repeating: "x", count: count)

        let error = try #require(throws: StoreError.self) {
            try database.write { try $0.run("INSERT INTO items (name, value) VALUES (?, ?)", bindings: bindings) }
        }

        #expect(error.code == 25, "SQLITE_RANGE")
        #expect(error.message.contains("2 parameters"))
    }

    @Test func syntaxErrorNamesSQL() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)

        let error = try #require(throws: StoreError.self) {
            try database.read { try $0.query("SELEC name FROM items") }
        }

        #expect(error.code == 1, "SQLITE_ERROR")
        #expect(error.message.contains("syntax error"))
        #expect(error.sql == "SELEC name FROM items")
        #expect(error.description.contains("SELEC name FROM items"))
    }

    @Test func runReturnsChangedRowCount() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)

        let changed = try database.write { connection in
            for name in ["a", "b", "c", "d"] {
                try insertItem(connection, name, 1)
            }
            return try connection.run("UPDATE items SET value = ? WHERE name <> ?", 2, "d")
        }

        #expect(changed == 3)
    }

    @Test func queryOneReturnsFirstRowOrNil() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        try database.write { connection in
            try insertItem(connection, "a")
            try insertItem(connection, "b")
        }

        let first = try database.read { try $0.queryOne("SELECT name FROM items ORDER BY name") }
        let missing = try database.read { try $0.queryOne("SELECT name FROM items WHERE name = ?", "z") }

        #expect(first?.string("name") == "a")
        #expect(missing == nil)
    }

    @Test func cachedStatementIsReusableAfterError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        try database.write { try insertItem($0, "taken") }

        #expect(throws: StoreError.self) {
            try database.write { try insertItem($0, "taken", 1) }
        }
        try database.write { try insertItem($0, "free", 2) }

        let values = try database.read { try $0.query("SELECT value FROM items ORDER BY id").map { $0.value("value") } }
        #expect(values == [.null, .integer(2)], "no binding from the failed use leaks into the next")
    }

    @Test func statementCacheEvictsBeyondLimit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        let distinctStatements = SQLiteConnection.maximumCachedStatements + 20

        let sums = try database.read { connection in
            var sums: [Int64] = []
            for round in 0..<2 {
                for index in 0..<distinctStatements {
                    let row = try connection.queryOne("SELECT \(index) + ? AS v", round)
                    sums.append(row?.int64("v") ?? -1)
                }
            }
            return sums
        }

        let expected = (0..<2).flatMap { round in (0..<distinctStatements).map { Int64($0 + round) } }
        #expect(sums == expected)
    }

    @Test func executeRunsScript() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)

        try database.write { connection in
            try connection.execute(
                """
                INSERT INTO items (name) VALUES ('one');
                INSERT INTO items (name) VALUES ('two');
                SELECT * FROM items;
                """)
        }

        #expect(try database.read(countItems) == 2)
    }

    @Test func returningStatementCompletes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)

        let returned = try database.write { connection in
            try connection.queryOne("INSERT INTO items (name) VALUES (?) RETURNING id", "r")?.int64("id")
        }

        #expect(returned == 1)
        #expect(try database.read(countItems) == 1)
    }
}
