import JieluStore
import Testing

@Suite("SQL values")
struct SQLValueTests {
    @Test(
        "value round-trips with its storage class",
        arguments: [
            (SQLValue.integer(0), "integer"),
            (.integer(.max), "integer"),
            (.integer(.min), "integer"),
            (.real(3.25), "real"),
            (.real(-1e300), "real"),
            (.real(.greatestFiniteMagnitude), "real"),
            (.text(""), "text"),
            (.text("plain ASCII"), "text"),
            (.text("街路责任制：东风路 12 号 井盖缺失 🚧👩‍👩‍👧‍👦✅"), "text"),
            (.text("before\u{0}after"), "text"),
            (.blob([]), "blob"),
            (.blob([0, 1, 254, 255]), "blob"),
            (.blob(Array(0...255)), "blob"),
            (.null, "null"),
        ])
    func roundTrip(value: SQLValue, storageClass: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)

        try database.write { try insertItem($0, "case", value) }
        let row = try #require(
            try database.read { try $0.queryOne("SELECT value, typeof(value) AS class FROM items") })

        #expect(row.value("value") == value)
        #expect(row.string("class") == storageClass)
    }

    @Test func nanIsStoredAsNull() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)

        try database.write { try insertItem($0, "nan", SQLValue.real(.nan)) }
        let stored = try database.read { try $0.queryOne("SELECT value FROM items")?.value("value") }

        #expect(stored == .null)
    }

    @Test func swiftTypesBindAsExpected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openItems(directory)
        let noText: String? = nil
        let someNumber: Int? = 7
        let cases: [(binding: any SQLBindable, expected: SQLValue)] = [
            (-5, .integer(-5)),
            (Int64.min, .integer(.min)),
            (Int32.min, .integer(Int64(Int32.min))),
            (UInt32.max, .integer(4_294_967_295)),
            (2.5, .real(2.5)),
            (true, .integer(1)),
            (false, .integer(0)),
            ("路灯", .text("路灯")),
            ([UInt8]([9, 8]), .blob([9, 8])),
            (noText, .null),
            (someNumber, .integer(7)),
            (SQLValue.text("raw"), .text("raw")),
        ]

        for (binding, expected) in cases {
            let row = try database.read { try $0.queryOne("SELECT ? AS v", binding) }
            #expect(row?.value("v") == expected, "binding \(binding)")
        }
    }
}
