import JieluStore
import Testing

@Suite("Row")
struct RowTests {
    private func selectRow(_ sql: String) throws -> Row {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        return try #require(try database.read { try $0.queryOne(sql) })
    }

    @Test func nullReadsAsZeroValues() throws {
        let row = try selectRow("SELECT NULL AS v")

        #expect(row.int64("v") == 0)
        #expect(row.int("v") == 0)
        #expect(row.double("v") == 0)
        #expect(row.bool("v") == false)
        #expect(row.string("v") == "")
        #expect(row.blob("v") == [])
        #expect(row.isNull("v"))
    }

    @Test func nullReadsAsNilOptionals() throws {
        let row = try selectRow("SELECT NULL AS v")

        #expect(row.optionalString("v") == nil)
        #expect(row.optionalInt64("v") == nil)
        #expect(row.optionalDouble("v") == nil)
    }

    @Test func presentValuesReadAsOptionals() throws {
        let row = try selectRow("SELECT '' AS text, 0 AS number, 0.5 AS fraction")

        #expect(row.optionalString("text") == "")
        #expect(row.optionalInt64("number") == 0)
        #expect(row.optionalDouble("fraction") == 0.5)
    }

    @Test func typedAccessorsConvert() throws {
        let row = try selectRow(
            "SELECT 2.9 AS real, -2.9 AS negative, '42' AS digits, 'x' AS word, 42 AS integer, 2 AS two, "
                + "1e30 AS huge, X'E8A197' AS bytes")

        #expect(row.int64("real") == 2)
        #expect(row.int64("negative") == -2)
        #expect(row.int("digits") == 42)
        #expect(row.int("word") == 0)
        #expect(row.double("integer") == 42)
        #expect(row.string("integer") == "42")
        #expect(row.blob("integer") == Array("42".utf8))
        #expect(row.bool("two"))
        #expect(row.int64("huge") == .max)
        #expect(row.string("bytes") == "街")
    }

    @Test func columnsByNameAndPosition() throws {
        let row = try selectRow("SELECT 1 AS a, 'b' AS b, 3 AS a")

        #expect(row.columnNames == ["a", "b", "a"])
        #expect(row.count == 3)
        #expect(row[1] == .text("b"))
        #expect(row[2] == .integer(3))
        #expect(row.int("a") == 1, "the first of two equal names wins")
    }
}
