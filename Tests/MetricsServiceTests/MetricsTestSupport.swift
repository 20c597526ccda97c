import Foundation
import JieluContract
import JieluCore
import JieluRPC
import JieluStore

@testable import MetricsService

/// A metrics handler over a real SQLite file in its own temporary directory.
final class MetricsFixture {
    let directory: String
    let logger = Logger(service: "metrics-tests", level: .error)
    private(set) var database: Database
    private(set) var handler: MetricsHandler

    var databasePath: String { directory + "/" + MetricsService.databaseFileName }

    /// Creates the database with `migrations`, by default all of them.
    init(migrations: [Migration] = MetricsSchema.migrations) throws {
        directory = NSTemporaryDirectory() + "jielu-metrics-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        database = try Database(
            path: directory + "/" + MetricsService.databaseFileName, migrations: migrations, logger: logger)
        handler = MetricsHandler(store: MetricsStore(database: database), logger: logger)
    }

    /// Closes and reopens the database file with every migration, as a
    /// process restart would. A file created with fewer migrations is upgraded.
    func reopen() throws {
        database.close()
        database = try Database(path: databasePath, migrations: MetricsSchema.migrations, logger: logger)
        handler = MetricsHandler(store: MetricsStore(database: database), logger: logger)
    }

    @discardableResult
    func record(_ events: [Metrics.CaseEvent]) throws -> Metrics.RecordEventsResponse {
        try handler.recordEvents(Metrics.RecordEventsRequest(events: events), context: testContext())
    }

    func summary(nowMs: Int64, includeStreets: Bool = true) throws -> Metrics.Summary {
        try handler.getSummary(
            Metrics.GetSummaryRequest(nowMs: nowMs, includeStreets: includeStreets), context: testContext())
    }

    deinit {
        database.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

func testContext() -> RPCContext {
    RPCContext(
        method: "test", deadline: .after(seconds: 10), requestID: "test",
        logger: Logger(service: "metrics-tests", level: .error), peer: "test")
}

let hourMs: Int64 = 3_600_000

/// Where a fixture case is.
struct Place {
    var streetID: String
    var streetName: String
    var subDistrictID: String
    var subDistrictName: String

    static let s1 = Place(streetID: "ST-001", streetName: "和平路", subDistrictID: "SD-01", subDistrictName: "东风街道")
    static let s2 = Place(streetID: "ST-002", streetName: "解放路", subDistrictID: "SD-01", subDistrictName: "东风街道")
    static let s3 = Place(streetID: "ST-101", streetName: "新华路", subDistrictID: "SD-02", subDistrictName: "向阳街道")
}

/// Builds the events of one case the way dispatch numbers them: `<case id>:<n>`.
struct CaseScript {
    let caseID: String
    let place: Place
    let dueAtMs: Int64
    private(set) var events: [Metrics.CaseEvent] = []

    init(_ caseID: String, _ place: Place, dueAtMs: Int64) {
        self.caseID = caseID
        self.place = place
        self.dueAtMs = dueAtMs
    }

    func then(_ kind: String, at atMs: Int64) -> CaseScript {
        var next = self
        next.events.append(
            Metrics.CaseEvent(
                eventID: "\(caseID):\(events.count + 1)", caseID: caseID, kind: kind, atMs: atMs,
                streetID: place.streetID, streetName: place.streetName, subDistrictID: place.subDistrictID,
                subDistrictName: place.subDistrictName, dueAtMs: dueAtMs))
        return next
    }
}

/// Six cases with hand-computed indicators at `now` = t0 + 72 h.
///
/// | case | street | story                                              | due at |
/// |------|--------|----------------------------------------------------|--------|
/// | A    | ST-001 | dispatched, resolved, closed at 12 h (on time)     | 24 h   |
/// | B    | ST-001 | resolved, reopened, resolved, closed at 40 h (late) | 24 h   |
/// | C    | ST-002 | dispatched, still open, overdue                    | 48 h   |
/// | D    | ST-002 | received at 60 h, dispatched, open, not yet due    | 108 h  |
/// | E    | ST-101 | resolved at 5 h, never confirmed, overdue          | 24 h   |
/// | F    | ST-101 | received only, not yet due                         | 100 h  |
enum ClosureFixture {
    static let t0: Int64 = 1_764_806_400_000
    static let now = t0 + 72 * hourMs

    static let cases: [CaseScript] = [
        CaseScript("A", .s1, dueAtMs: t0 + 24 * hourMs)
            .then("received", at: t0).then("dispatched", at: t0 + 60_000)
            .then("resolved", at: t0 + 10 * hourMs).then("closed", at: t0 + 12 * hourMs),
        CaseScript("B", .s1, dueAtMs: t0 + 24 * hourMs)
            .then("received", at: t0).then("dispatched", at: t0 + 60_000)
            .then("resolved", at: t0 + 20 * hourMs).then("reopened", at: t0 + 22 * hourMs)
            .then("resolved", at: t0 + 30 * hourMs).then("closed", at: t0 + 40 * hourMs),
        CaseScript("C", .s2, dueAtMs: t0 + 48 * hourMs)
            .then("received", at: t0).then("dispatched", at: t0 + 60_000),
        CaseScript("D", .s2, dueAtMs: t0 + 108 * hourMs)
            .then("received", at: t0 + 60 * hourMs).then("dispatched", at: t0 + 60 * hourMs + 60_000),
        CaseScript("E", .s3, dueAtMs: t0 + 24 * hourMs)
            .then("received", at: t0).then("dispatched", at: t0 + 60_000).then("resolved", at: t0 + 5 * hourMs),
        CaseScript("F", .s3, dueAtMs: t0 + 100 * hourMs)
            .then("received", at: t0),
    ]

    static var events: [Metrics.CaseEvent] { cases.flatMap(\.events) }
}
