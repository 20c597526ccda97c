import Foundation
import JieluCore
import MetricsService
import Synchronization

/// `jielu-bench seed`: writes cases `--from`..<`--to` of the `SeedPlan`
/// straight into the intake, dispatch and metrics SQLite files, because a
/// million cases through the API would take hours.
///
/// The services must be stopped, and must have run once so that their
/// migrations created the tables. The seeder does not use the services' store
/// code (it is internal to each service); it writes the same tables with its
/// own INSERT statements, written against `IntakeSchema`, `DispatchSchema` and
/// `MetricsSchema`. Before writing, it reads each table's columns with
/// `PRAGMA table_info` and stops when a column it writes is missing or a NOT
/// NULL column without a default is one it does not write, so a schema
/// change makes it fail instead of writing rows the services cannot read.
/// Every case is stored as intake would store a delivered report, dispatch
/// a case with its timeline, and metrics the facts folded from its events,
/// with the event ids recorded. Outboxes stay empty.
enum SeedCases {
    static let options: Set<String> = ["registry", "intake-db", "dispatch-db", "metrics-db", "from", "to"]
    static let casesPerTransaction = 20_000

    static let reportColumns = [
        "case_id", "tracking_code", "board_code", "street_id", "street_name", "sub_district_id", "sub_district_name",
        "category_code", "category_name", "description", "contact_phone", "has_location", "lat", "lon", "channel",
        "received_at_ms", "due_at_ms", "outbox_id", "delivered",
    ]
    static let counterColumns = ["day", "last_sequence"]
    static let caseColumns = [
        "case_id", "tracking_code", "status", "board_code", "street_id", "street_name", "sub_district_id",
        "sub_district_name", "category_code", "category_name", "description", "contact_phone", "has_location",
        "lat", "lon", "channel", "received_at_ms", "due_at_ms", "dispatched_at_ms", "closed_at_ms",
        "assignee_staff_id", "assignee_name", "assignee_phone", "unit_id", "unit_name", "decided_by", "last_sequence",
    ]
    static let timelineColumns = ["case_id", "sequence", "at_ms", "from_status", "to_status", "actor", "note"]
    static let eventColumns = ["event_id", "case_id", "kind", "at_ms", "recorded_at_ms"]
    static let factColumns = [
        "case_id", "street_id", "street_name", "sub_district_id", "sub_district_name", "due_at_ms",
        "received_at_ms", "has_received_event", "dispatched_at_ms", "status", "status_at_ms",
        "status_sequence", "reopened_count", "closed_at_ms",
    ]

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try BenchOptions(arguments, allowed: options)
        let from = try options.integer("from", default: 0, range: 0...20_000_000)
        let to = try options.integer("to", range: 1...20_000_000)
        guard from < to else {
            throw UsageError("--from \(from) must be below --to \(to)")
        }
        let paths = (
            intake: try options.string("intake-db"), dispatch: try options.string("dispatch-db"),
            metrics: try options.string("metrics-db"))

        let plan = try SeedPlan.load(registry: try options.address("registry"))
        progress("seed: cases \(from)..<\(to) over \(plan.routes.count) street and category pairs")

        let started = Deadline.monotonicNanoseconds()
        let failures = Mutex<[String]>([])
        let writers: [(String, @Sendable (SQLiteFile, SeedPlan, Range<Int>) throws -> Void)] = [
            (paths.intake, writeIntake), (paths.dispatch, writeDispatch), (paths.metrics, writeMetrics),
        ]
        let group = DispatchGroup()
        for (path, write) in writers {
            group.enter()
            let thread = Thread {
                do {
                    let file = try openChecked(path)
                    try write(file, plan, from..<to)
                    try file.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                } catch {
                    failures.withLock { $0.append("\(path): \(error)") }
                }
                group.leave()
            }
            thread.start()
        }
        group.wait()

        for failure in failures.withLock({ $0 }) {
            progress("seed: FAILED: \(failure)")
        }
        let seconds = Double(Deadline.monotonicNanoseconds() - started) / 1e9
        Facts.emit([
            "seed.\(to).seconds=\(Facts.format(seconds))",
            "seed.\(to).busiest_assignee=\(plan.busiestAssignee(count: to))",
            "seed.\(to).sample_tracking_code=\(SeedPlan.trackingCode(of: 0))",
        ])
        return failures.withLock { $0.isEmpty } ? 0 : 1
    }

    /// Opens a service's file for seeding.
    static func openChecked(_ path: String) throws -> SQLiteFile {
        guard FileManager.default.fileExists(atPath: path) else {
            throw LoadError("\(path) does not exist; start the service once so it creates its schema")
        }
        let file = try SQLiteFile(path: path, readOnly: false)
        // The service is stopped and the seed can be redone, so speed beats durability here.
        try file.execute("PRAGMA synchronous = OFF")
        try file.execute("PRAGMA cache_size = -262144")
        return file
    }

    /// Prepares `INSERT INTO table (columns) VALUES (?, …)` after checking the
    /// table against `columns` (see the type's documentation).
    static func insert(into table: String, _ columns: [String], file: SQLiteFile, suffix: String = "") throws -> SQLiteStatement {
        let info = try file.prepare("PRAGMA table_info(\(table))")
        var existing: Set<String> = []
        var required: [String] = []
        while try info.step() {
            // Columns: cid, name, type, notnull, dflt_value, pk.
            let name = info.text(1)
            existing.insert(name)
            if info.int64(3) == 1 && info.isNull(4) && !(info.int64(5) > 0 && info.text(2).uppercased() == "INTEGER") {
                required.append(name)
            }
        }
        guard !existing.isEmpty else {
            throw LoadError("\(file.path) has no table \(table)")
        }
        let missing = columns.filter { !existing.contains($0) }
        let unwritten = required.filter { !columns.contains($0) }
        guard missing.isEmpty && unwritten.isEmpty else {
            throw LoadError(
                "\(file.path) table \(table) no longer matches the seeder: missing \(missing), "
                    + "NOT NULL without default and not written \(unwritten)")
        }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return try file.prepare(
            "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders)) \(suffix)")
    }

    /// Runs `body` for every index in `range`, committing every `casesPerTransaction`.
    static func inTransactions(_ file: SQLiteFile, _ range: Range<Int>, _ body: (Int) throws -> Void) throws {
        var index = range.lowerBound
        while index < range.upperBound {
            let end = min(index + casesPerTransaction, range.upperBound)
            try file.execute("BEGIN IMMEDIATE")
            for caseIndex in index..<end {
                try body(caseIndex)
            }
            try file.execute("COMMIT")
            index = end
        }
    }

    // MARK: Per service

    static func writeIntake(_ file: SQLiteFile, _ plan: SeedPlan, _ range: Range<Int>) throws {
        let report = try insert(into: "reports", reportColumns, file: file)
        let counter = try insert(
            into: "daily_case_counters", counterColumns, file: file,
            suffix: "ON CONFLICT (day) DO UPDATE SET last_sequence = MAX(last_sequence, excluded.last_sequence)")
        try inTransactions(file, range) { index in
            let seeded = plan.seededCase(index)
            let street = seeded.route.street
            let texts: [(Int32, String)] = [
                (1, seeded.caseID), (2, seeded.trackingCode), (3, street.boardCode), (4, street.id), (5, street.name),
                (6, street.subDistrictID), (7, street.subDistrictName), (8, seeded.route.item.code),
                (9, seeded.route.item.name), (10, seeded.description), (11, seeded.phone), (15, "qr_board"),
            ]
            for (position, value) in texts {
                report.bind(position, value)
            }
            report.bind(12, Int64(1))
            report.bind(13, street.lat)
            report.bind(14, street.lon)
            report.bind(16, seeded.receivedAtMs)
            report.bind(17, seeded.dueAtMs)
            // No outbox row carries a seeded report, and it counts as delivered.
            report.bind(18, Int64(0))
            report.bind(19, Int64(1))
            try report.run()

            counter.bind(1, seeded.day)
            counter.bind(2, seeded.sequence)
            try counter.run()
        }
    }

    static func writeDispatch(_ file: SQLiteFile, _ plan: SeedPlan, _ range: Range<Int>) throws {
        let caseRow = try insert(into: "cases", caseColumns, file: file)
        let timelineRow = try insert(into: "case_timeline", timelineColumns, file: file)
        try inTransactions(file, range) { index in
            let seeded = plan.seededCase(index)
            let street = seeded.route.street
            let route = seeded.route
            let texts: [(Int32, String)] = [
                (1, seeded.caseID), (2, seeded.trackingCode), (3, seeded.status), (4, street.boardCode), (5, street.id),
                (6, street.name), (7, street.subDistrictID), (8, street.subDistrictName), (9, route.item.code),
                (10, route.item.name), (11, seeded.description), (12, seeded.phone), (16, "qr_board"),
                (21, route.staffID), (22, route.staffName), (23, route.staffPhone), (24, route.unitID),
                (25, route.unitName), (26, route.decidedBy),
            ]
            for (position, value) in texts {
                caseRow.bind(position, value)
            }
            caseRow.bind(13, Int64(1))
            caseRow.bind(14, street.lat)
            caseRow.bind(15, street.lon)
            caseRow.bind(17, seeded.receivedAtMs)
            caseRow.bind(18, seeded.dueAtMs)
            caseRow.bind(19, seeded.dispatchedAtMs)
            caseRow.bind(20, seeded.closedAtMs)
            caseRow.bind(27, Int64(seeded.timeline.count))
            try caseRow.run()

            for (offset, change) in seeded.timeline.enumerated() {
                timelineRow.bind(1, seeded.caseID)
                timelineRow.bind(2, Int64(offset + 1))
                timelineRow.bind(3, change.atMs)
                timelineRow.bind(4, change.from)
                timelineRow.bind(5, change.to)
                timelineRow.bind(6, change.actor)
                timelineRow.bind(7, change.note)
                try timelineRow.run()
            }
        }
    }

    static func writeMetrics(_ file: SQLiteFile, _ plan: SeedPlan, _ range: Range<Int>) throws {
        let event = try insert(into: "recorded_events", eventColumns, file: file)
        let fact = try insert(into: "case_facts", factColumns, file: file)
        try inTransactions(file, range) { index in
            let seeded = plan.seededCase(index)
            let street = seeded.route.street
            for (offset, change) in seeded.timeline.enumerated() {
                event.bind(1, "\(seeded.caseID):\(offset + 1)")
                event.bind(2, seeded.caseID)
                event.bind(3, change.to)
                event.bind(4, change.atMs)
                event.bind(5, change.atMs + 1_000)
                try event.run()
            }

            let last = seeded.timeline[seeded.timeline.count - 1]
            let texts: [(Int32, String)] = [
                (1, seeded.caseID), (2, street.id), (3, street.name), (4, street.subDistrictID),
                (5, street.subDistrictName), (10, last.to),
            ]
            for (position, value) in texts {
                fact.bind(position, value)
            }
            fact.bind(6, seeded.dueAtMs)
            fact.bind(7, seeded.receivedAtMs)
            fact.bind(8, Int64(1))
            fact.bind(9, seeded.dispatchedAtMs)
            fact.bind(11, last.atMs)
            fact.bind(12, Int64(seeded.timeline.count))
            fact.bind(13, Int64(0))
            fact.bind(14, seeded.closedAtMs)
            try fact.run()
        }
        try recountPlaceCounts(file)
    }

    /// Rebuilds `place_counts`, the metrics service's running counts per
    /// place, from every `case_facts` row with the back-fill query of
    /// `MetricsSchema` version 2. Recounting the whole table keeps it exact
    /// after several seed runs and after cases the services recorded
    /// themselves. It is one grouped scan of `case_facts`: about 2.3 s for
    /// 1,000,000 facts over 84 streets, measured with the sqlite3 3.40.1 shell
    /// on a 2-core machine. A file still at schema version 1 has no such
    /// table and is left alone: its migration to version 2 back-fills the
    /// table when the service next starts.
    static func recountPlaceCounts(_ file: SQLiteFile) throws {
        guard try file.integer("PRAGMA user_version") >= 2 else {
            progress("seed: \(file.path) is at schema version 1; the metrics service back-fills place_counts on start")
            return
        }
        try file.execute("BEGIN IMMEDIATE")
        try file.execute("DELETE FROM place_counts")
        try file.execute(MetricsService.placeCountsRecountSQL)
        try file.execute("COMMIT")
    }
}
