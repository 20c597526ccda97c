import Foundation
import JieluContract
import JieluCore
import JieluRPC

/// `jielu-bench reports`: `POST /api/v1/reports` through the gateway with
/// `--connections` keep-alive connections for `--duration` seconds, then a
/// check that every acknowledged case id reached dispatch.
///
/// Each report names a real board (from the registry) and category item,
/// rotating over all of them. A report counts as acknowledged when the
/// gateway returned 201 with its case id. The check reads `--dispatch-db`
/// read-only until every acknowledged id is a row of `cases`, for at most
/// `--verify-timeout` seconds. Exits 1 when any id is missing then, or when
/// any request failed.
enum ReportBenchmark {
    static let options: Set<String> = [
        "gateway", "registry", "connections", "duration", "dispatch-db", "verify-timeout", "threads", "ids-file",
    ]

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try BenchOptions(arguments, allowed: options)
        let gateway = try options.address("gateway")
        let connections = try options.integer("connections", default: 64, range: 1...10_000)
        let settings = LoadSettings(
            address: gateway, connections: connections, threads: try options.integer("threads", default: 1, range: 1...64),
            durationSeconds: try options.seconds("duration", default: 10), warmupSeconds: 0)
        let dispatchDatabase = try options.string("dispatch-db")
        let verifyTimeout = try options.seconds("verify-timeout", default: 180)

        let bodies = try reportBodies(registry: try options.address("registry"))
        let host = gateway.description
        let exchange = HTTPExchange(
            makeRequest: { connection, sequence in
                let body = bodies[(connection &* 7919 &+ sequence) % bodies.count]
                return HTTPExchange.encode(
                    method: "POST", path: "/api/v1/reports", host: host,
                    headers: [("Content-Type", "application/json")], body: body)
            },
            expectedStatus: 201, acknowledgedField: "case_id")

        progress("reports: \(connections) connections for \(settings.durationSeconds) s against \(gateway)")
        let loadStart = Deadline.now()
        let result = try LoadDriver.run(settings, exchange: exchange)
        let latency = LatencySummary(nanoseconds: result.latencies)
        let acknowledged = result.acknowledgedIDs
        if let idsFile = options.string("ids-file", default: "").nilIfEmpty {
            try acknowledged.joined(separator: "\n").write(toFile: idsFile, atomically: true, encoding: .utf8)
        }
        for error in result.errors {
            progress("reports: \(error)")
        }

        progress("reports: \(acknowledged.count) acknowledged; waiting for dispatch to hold every one")
        let verification = try waitForDispatch(acknowledged, databasePath: dispatchDatabase, timeoutSeconds: verifyTimeout)
        let drainSeconds = Double(Deadline.monotonicNanoseconds() - loadStart.uptimeNanoseconds) / 1e9 - result.windowSeconds

        Facts.emit([
            "reports.connections=\(connections)",
            "reports.acknowledged=\(acknowledged.count)",
            "reports.seconds=\(Facts.format(result.windowSeconds))",
            "reports.rps=\(Facts.format(result.requestsPerSecond))",
            "reports.failed=\(result.failed)",
            "reports.unanswered=\(result.unanswered)",
            "reports.in_dispatch=\(verification.present)",
            "reports.missing_in_dispatch=\(verification.missing.count)",
            "reports.dispatch_caught_up_s=\(Facts.format(max(drainSeconds, 0)))",
        ] + latency.lines(prefix: "reports"))

        if !verification.missing.isEmpty {
            progress("reports: FAILED: \(verification.missing.count) acknowledged case ids are not in dispatch, e.g. \(verification.missing.prefix(5).joined(separator: ", "))")
            return 1
        }
        if result.failed > 0 || result.unanswered > 0 {
            progress("reports: FAILED: \(result.failed) error responses, \(result.unanswered) unanswered requests")
            return 1
        }
        return 0
    }

    /// JSON bodies of valid reports, one per board and category item pair,
    /// built from the registry's streets and catalog.
    static func reportBodies(registry address: SocketAddressText) throws -> [[UInt8]] {
        let rpc = RPCClient(address: address, serviceName: "jielu-registry", logger: Logger(service: "jielu-bench", level: .error))
        defer { rpc.close() }
        let registry = RegistryClient(rpc)
        let options = CallOptions(deadline: .after(seconds: 10))
        let streets = try registry.listStreets(Registry.ListStreetsRequest(), options: options).streets
        let items = try registry.listCategories(Registry.ListCategoriesRequest(), options: options).classes.flatMap(\.items)
        guard !streets.isEmpty, !items.isEmpty else {
            throw LoadError("the registry has no streets or no category items; load the district first")
        }

        var bodies: [[UInt8]] = []
        for (index, street) in streets.enumerated() {
            let item = items[index % items.count]
            let json = """
                {"board_code":"\(street.boardCode)","category_code":"\(item.code)",\
                "description":"压测诉求：\(street.name)路面有坑洼，影响通行","contact_phone":"13800138000"}
                """
            bodies.append(Array(json.utf8))
        }
        return bodies
    }

    /// Polls the dispatch database until every id is in `cases` or the time runs out.
    static func waitForDispatch(
        _ ids: [String], databasePath: String, timeoutSeconds: Double
    ) throws -> (present: Int, missing: [String]) {
        let deadline = Deadline.after(seconds: timeoutSeconds)
        var missing = Set(ids)
        while true {
            let file = try SQLiteFile(path: databasePath, readOnly: true)
            let statement = try file.prepare("SELECT case_id FROM cases")
            while try statement.step() {
                missing.remove(statement.text(0))
            }
            if missing.isEmpty || deadline.hasPassed {
                return (ids.count - missing.count, missing.sorted())
            }
            usleep(200_000)
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
