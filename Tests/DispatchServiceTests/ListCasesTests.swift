import JieluContract
import JieluCore
import Testing

@testable import DispatchService

@Suite("Dispatch ListCases")
struct ListCasesTests {
    static let t0: Int64 = 1_764_806_000_000

    /// 120 cases: even numbers on ST-A (assignee C-1), odd on ST-B (G-2).
    /// Two cases share each received time, so the case id breaks ties. Every
    /// third case is resolved.
    static func seeded() throws -> (DispatchFixture, [Dispatch.Case]) {
        let fixture = try DispatchFixture()
        for number in 1...120 {
            let caseID = "JL20261204-" + String(format: "%06d", number)
            let report = number % 2 == 0
                ? makeReport(caseID, street: "ST-A", category: "0401", receivedAtMs: t0 + Int64(number / 2) * 1_000)
                : makeReport(caseID, street: "ST-B", category: "0702", receivedAtMs: t0 + Int64(number / 2) * 1_000)
            try fixture.accept(report)
            if number % 3 == 0 {
                let assignee = number % 2 == 0 ? "C-1" : "G-2"
                try fixture.resolve(caseID, by: assignee)
            }
        }
        let all = try (1...120).map { try fixture.getCase("JL20261204-" + String(format: "%06d", $0)) }
        let newestFirst = all.sorted { ($0.receivedAtMs, $0.caseID) > ($1.receivedAtMs, $1.caseID) }
        return (fixture, newestFirst)
    }

    /// Follows next_page_token to the end and returns every page.
    static func allPages(
        _ fixture: DispatchFixture, _ request: Dispatch.ListCasesRequest
    ) throws -> [[Dispatch.Case]] {
        var pages: [[Dispatch.Case]] = []
        var request = request
        while true {
            let response = try fixture.list(request)
            pages.append(response.cases)
            if response.nextPageToken.isEmpty {
                return pages
            }
            request.pageToken = response.nextPageToken
            #expect(pages.count <= 200, "pagination does not end")
            if pages.count > 200 {
                return pages
            }
        }
    }

    @Test("pages cover every case once, newest first")
    func paginatesEverything() throws {
        let (fixture, expected) = try ListCasesTests.seeded()
        let pages = try ListCasesTests.allPages(fixture, Dispatch.ListCasesRequest(limit: 50))

        #expect(pages.map(\.count) == [50, 50, 20])
        let listed = pages.flatMap { $0 }
        #expect(listed.map(\.caseID) == expected.map(\.caseID))
        #expect(Set(listed.map(\.caseID)).count == 120)
        #expect(listed.allSatisfy { $0.timeline.isEmpty })
    }

    @Test("default page size is 50")
    func defaultPageSize() throws {
        let (fixture, _) = try ListCasesTests.seeded()
        let response = try fixture.list(Dispatch.ListCasesRequest())
        #expect(response.cases.count == 50)
        #expect(!response.nextPageToken.isEmpty)
    }

    @Test("filters by assignee, by status, and by both", arguments: [
        ("C-1", ""), ("", "resolved"), ("G-2", "dispatched"), ("C-1", "resolved"),
    ])
    func filters(assignee: String, status: String) throws {
        let (fixture, all) = try ListCasesTests.seeded()
        let expected = all.filter { record in
            (assignee.isEmpty || record.assignee?.staffID == assignee) && (status.isEmpty || record.status == status)
        }
        #expect(!expected.isEmpty)

        let pages = try ListCasesTests.allPages(
            fixture, Dispatch.ListCasesRequest(status: status, assigneeStaffID: assignee, limit: 7))
        #expect(pages.dropLast().allSatisfy { $0.count == 7 })
        #expect(pages.flatMap { $0 }.map(\.caseID) == expected.map(\.caseID))
    }

    @Test("an exact last page has no next token")
    func exactLastPage() throws {
        let (fixture, _) = try ListCasesTests.seeded()
        let pages = try ListCasesTests.allPages(fixture, Dispatch.ListCasesRequest(limit: 60))
        #expect(pages.map(\.count) == [60, 60])
    }

    @Test("malformed page tokens are rejected", arguments: [
        "not base64 !", "bm8tY29sb24", "eHg6SkwtMQ", "LTE6SkwtMQ", String(repeating: "A", count: 300),
    ])
    func invalidPageToken(token: String) throws {
        let fixture = try DispatchFixture()
        let error = try #require(throws: ServiceError.self) {
            try fixture.list(Dispatch.ListCasesRequest(pageToken: token))
        }
        #expect(error.code == .invalidArgument)
        #expect(error.reason == "invalid_page_token")
        #expect(error.field == "page_token")
    }

    @Test("page token round trip")
    func pageTokenRoundTrip() throws {
        let token = PageToken(receivedAtMs: 1_764_806_000_123, caseID: "JL20261204-000042")
        #expect(try PageToken(decoding: token.encoded) == token)
        #expect(!token.encoded.contains("="))
    }

    @Test("unknown status is rejected")
    func invalidStatus() throws {
        let fixture = try DispatchFixture()
        let error = try #require(throws: ServiceError.self) {
            try fixture.list(Dispatch.ListCasesRequest(status: "archived"))
        }
        #expect(error.reason == "invalid_status")
        #expect(error.field == "status")
    }

    @Test("limit must be 0 to 200", arguments: [UInt32(201), UInt32(10_000)])
    func invalidLimit(limit: UInt32) throws {
        let fixture = try DispatchFixture()
        let error = try #require(throws: ServiceError.self) { try fixture.list(Dispatch.ListCasesRequest(limit: limit)) }
        #expect(error.reason == "invalid_limit")
        #expect(try fixture.list(Dispatch.ListCasesRequest(limit: 200)).cases.isEmpty)
    }

    @Test("every filter combination walks an index without sorting", arguments: [
        (nil, nil, "cases_by_received"),
        (CaseStatus.resolved, nil, "cases_by_status"),
        (nil, "C-1", "cases_by_assignee"),
        (CaseStatus.dispatched, "C-1", "cases_by_assignee_status"),
    ] as [(CaseStatus?, String?, String)])
    func queryPlanUsesIndex(status: CaseStatus?, assignee: String?, index: String) throws {
        let fixture = try DispatchFixture()
        let (sql, bindings) = DispatchStore.listQuery(
            DispatchStore.CaseFilter(status: status, assigneeStaffID: assignee),
            after: PageToken(receivedAtMs: 1, caseID: "JL"), limit: 51)
        let plan = try fixture.database.read { connection in
            try connection.query("EXPLAIN QUERY PLAN " + sql, bindings: bindings).map { $0.string("detail") }
        }
        #expect(plan.contains { $0.contains(index) }, "plan: \(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "plan: \(plan)")
    }
}
