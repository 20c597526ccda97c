/// `jielu-bench latency`: latency of one read endpoint of the gateway while
/// the databases hold `--cases` seeded cases, over `--connections`
/// connections (default 1, so requests do not queue behind each other) for
/// `--duration` seconds after a `--warmup`.
///
/// Kinds: `track` asks `GET /api/v1/track/{code}` for seeded tracking codes
/// spread over all `--cases`; `cases` asks the first page of
/// `GET /api/v1/cases?status=dispatched&assignee=…` with a bearer token;
/// `summary` asks `GET /api/v1/metrics/summary`.
///
/// Prints `growth.<cases>.<kind>.*` facts.
enum LatencyBenchmark {
    static let options: Set<String> = [
        "gateway", "kind", "cases", "assignee", "token", "connections", "duration", "warmup",
    ]
    static let pageSize = 20

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try BenchOptions(arguments, allowed: options)
        let gateway = try options.address("gateway")
        let kind = try options.string("kind")
        let cases = try options.integer("cases", range: 1...20_000_000)
        let host = gateway.description

        let makeRequest: @Sendable (Int, Int) -> [UInt8]
        switch kind {
        case "track":
            makeRequest = { connection, sequence in
                // Knuth's multiplicative hash spreads consecutive requests over all seeded cases.
                let index = Int((UInt64(sequence &* 64 &+ connection) &* 2_654_435_761) % UInt64(cases))
                return HTTPExchange.encode(method: "GET", path: "/api/v1/track/\(SeedPlan.trackingCode(of: index))", host: host)
            }
        case "cases":
            let assignee = try options.string("assignee")
            let token = try options.string("token")
            let request = HTTPExchange.encode(
                method: "GET", path: "/api/v1/cases?status=dispatched&assignee=\(assignee)&limit=\(pageSize)", host: host,
                headers: [("Authorization", "Bearer \(token)")])
            makeRequest = { _, _ in request }
        case "summary":
            let request = HTTPExchange.encode(method: "GET", path: "/api/v1/metrics/summary", host: host)
            makeRequest = { _, _ in request }
        default:
            throw UsageError("--kind \(kind) is not track, cases or summary")
        }

        let settings = LoadSettings(
            address: gateway, connections: try options.integer("connections", default: 1, range: 1...1_000),
            durationSeconds: try options.seconds("duration", default: 5), warmupSeconds: try options.seconds("warmup", default: 1),
            drainSeconds: 30)
        progress("latency: \(kind) with \(cases) cases for \(settings.durationSeconds) s")
        let result = try LoadDriver.run(
            settings, exchange: HTTPExchange(makeRequest: makeRequest, expectedStatus: 200, acknowledgedField: nil))
        for error in result.errors {
            progress("latency: \(error)")
        }

        let prefix = "growth.\(cases).\(kind)"
        Facts.emit([
            "\(prefix).rps=\(Facts.format(result.requestsPerSecond))",
            "\(prefix).failed=\(result.failed)",
        ] + LatencySummary(nanoseconds: result.latencies).lines(prefix: prefix))
        return result.failed == 0 && result.unanswered == 0 && result.succeeded > 0 ? 0 : 1
    }
}
