import JieluStore
import Testing

@testable import MetricsService

@Suite("Metrics schema migration")
struct SchemaMigrationTests {
    static let version1 = Array(MetricsSchema.migrations.prefix(1))

    @Test("version 1 facts upgrade to matching running counts", arguments: 51...54 as ClosedRange<UInt64>)
    func upgrade(seed: UInt64) throws {
        let fixture = try MetricsFixture(migrations: Self.version1)
        #expect(fixture.database.schemaVersion == 1)
        let facts = RandomCaseHistory.facts(RandomCaseHistory.events(seed: seed, caseCount: 60))
        try fixture.database.write { connection in
            for fact in facts {
                try MetricsStore.saveFact(fact, connection: connection)
            }
        }

        try fixture.reopen()
        #expect(fixture.database.schemaVersion == 2)
        #expect(try FactRecount.storedPlaceRows(database: fixture.database).count > 1)
        try expectRunningCountsMatchRecount(fixture, "seed \(seed), after the upgrade")

        // Events recorded after the upgrade move the back-filled counts.
        try fixture.record(RandomCaseHistory.events(seed: seed &+ 100, caseCount: 60))
        try expectRunningCountsMatchRecount(fixture, "seed \(seed), after recording on the upgraded file")
    }

    @Test("empty version 1 file upgrades")
    func emptyUpgrade() throws {
        let fixture = try MetricsFixture(migrations: Self.version1)
        try fixture.reopen()
        #expect(fixture.database.schemaVersion == 2)
        #expect(try FactRecount.storedPlaceRows(database: fixture.database).isEmpty)
        let district = try #require(try fixture.summary(nowMs: ClosureFixture.now).district)
        #expect(district.received == 0)
        #expect(district.due == 0)
    }

    @Test("upgrade replaces the place indexes with the due index")
    func indexes() throws {
        let fixture = try MetricsFixture(migrations: Self.version1)
        try fixture.reopen()
        let names = try fixture.database.read { connection in
            try connection.query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'case_facts'")
                .map { $0.string("name") }
        }
        #expect(names.contains("case_facts_open_by_due"))
        #expect(!names.contains("case_facts_by_place"))
        #expect(!names.contains("case_facts_by_street"))
    }
}
