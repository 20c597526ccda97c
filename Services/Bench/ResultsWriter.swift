import Foundation

/// `jielu-bench write-results`: builds `bench/RESULTS.md` from the facts file
/// and the raw output of `redis-benchmark` and `wrk` that bench/run.sh
/// collected. Every figure in the page comes from those files.
enum ResultsWriter {
    static let options: Set<String> = ["facts", "raw-dir", "output"]
    static let rpcConnectionCounts = [1, 32, 256]
    static let growthKinds = [
        ("track", "`GET /api/v1/track/{code}`"),
        ("cases", "`GET /api/v1/cases?status=dispatched&assignee=…` (first page, 20)"),
        ("summary", "`GET /api/v1/metrics/summary`"),
    ]
    static let services = ["registry", "intake", "dispatch", "metrics", "markets", "gateway"]

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try BenchOptions(arguments, allowed: options)
        let facts = try Facts.read(path: try options.string("facts"))
        let rawDirectory = try options.string("raw-dir")
        var page = ResultsPage(facts: facts, rawDirectory: rawDirectory)
        let text = page.render()
        try text.write(toFile: try options.string("output"), atomically: true, encoding: .utf8)
        progress("write-results: \(page.unmetTargets) of \(page.targetCount) targets not met")
        return 0
    }
}

/// The Markdown page, section by section.
struct ResultsPage {
    let facts: [String: String]
    let rawDirectory: String
    private var targets: [(name: String, goal: String, measured: String, met: Bool?)] = []

    init(facts: [String: String], rawDirectory: String) {
        self.facts = facts
        self.rawDirectory = rawDirectory
    }

    var targetCount: Int { targets.count }
    var unmetTargets: Int { targets.filter { $0.met != true }.count }

    /// Builds the whole page. The sections run first because they record the targets.
    mutating func render() -> String {
        let sections = [rpcSection(), httpSection(), reportSection(), growthSection(), footprintSection()]
        return [header(), targetSection()].joined(separator: "\n") + "\n" + sections.joined(separator: "\n")
            + "\n" + commandSection()
    }

    // MARK: Header and targets

    private func header() -> String {
        """
        # Jielu benchmark results

        Written by `make bench` (bench/run.sh, then `jielu-bench write-results`); do not edit by hand.
        Profiles of the figures below and what would close each missed target: [ANALYSIS.md](ANALYSIS.md).

        - Date: \(fact("meta.date"))
        - Machine: \(fact("meta.cpu_model")), \(fact("meta.cores")) cores, \(fact("meta.memory")) memory, kernel \(fact("meta.kernel"))
        - Disk of the databases: \(fact("meta.disk"))
        - Tools: \(fact("meta.swift_version")); redis \(fact("meta.redis_version")); nginx \(fact("meta.nginx_version")); \(fact("meta.wrk_version"))
        - Commit: \(fact("meta.git_commit")); whole run \(fact("meta.duration_s")) s
        - Load generators and servers share the same cores, so every pair below competes for the same CPU time.

        """
    }

    private func targetSection() -> String {
        var lines = ["## Targets", "", "| Target | Goal | Measured | Met |", "|---|---|---|---|"]
        for target in targets {
            let met = target.met.map { $0 ? "yes" : "**no**" } ?? "not measured"
            lines.append("| \(target.name) | \(target.goal) | \(target.measured) | \(met) |")
        }
        let failed = facts.keys.filter { $0.hasPrefix("failure.") }.sorted()
        if !failed.isEmpty {
            lines += ["", "Commands that failed (the figures they printed are still shown):", ""]
            for key in failed {
                let number = key.dropFirst("failure.".count)
                lines.append("- `\(facts["command.\(number)"] ?? "?")`: \(facts[key]!)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private mutating func target(_ name: String, goal: String, measured: String, met: Bool?) {
        targets.append((name, goal, measured, met))
    }

    // MARK: 1. RPC

    private mutating func rpcSection() -> String {
        var lines = [
            "## 1. RPC: Jielu `Health/Check` vs `redis-benchmark -t ping`", "",
            "Closed loop, one request in flight per connection (`-P 1`). Jielu: `jielu-bench rpc` against jielu-registry "
                + "(measured window after a 1 s warm-up). Redis: `redis-benchmark` PING_INLINE and PING_MBULK; the ratio uses "
                + "the faster of the two. `Health/Check` runs on the server's event loop (`runsOnEventLoop`), as redis "
                + "answers PING on its loop, so this pair compares transport, framing and encoding; methods that use SQLite "
                + "run on worker threads and are not part of it. The registry runs one event loop (`--loops 1`), as "
                + "redis-server serves from one thread, so each server leaves the second core to its load generator; with "
                + "two loops, the loops and the load generator share two cores and the tail grows with scheduling delay.",
            "",
            "| Connections | Jielu req/s | Jielu p50 | Jielu p99 | redis PING_INLINE req/s (p50 / p99) | redis PING_MBULK req/s (p50 / p99) | Jielu ÷ redis |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for connections in ResultsWriter.rpcConnectionCounts {
            let prefix = "rpc.\(connections)"
            let csv = raw("redis-\(connections).csv")
            let inline = ToolOutput.redisCSV(csv, test: "PING_INLINE")
            let bulk = ToolOutput.redisCSV(csv, test: "PING_MBULK")
            let redisBest = max(inline?.requestsPerSecond ?? 0, bulk?.requestsPerSecond ?? 0)
            let jielu = number("\(prefix).rps")
            let ratio = redisBest > 0 && jielu != nil ? jielu! / redisBest : nil
            lines.append(
                "| \(connections) | \(count(jielu)) | \(micros(number("\(prefix).p50_us"))) | \(micros(number("\(prefix).p99_us"))) "
                    + "| \(toolCell(inline)) | \(toolCell(bulk)) | \(ratioText(ratio)) |")
            if connections == 32 {
                target("RPC throughput at 32 connections", goal: "Jielu ÷ redis ≥ 1.0", measured: ratioText(ratio), met: ratio.map { $0 >= 1.0 })
                let p99 = number("\(prefix).p99_us")
                target("RPC p99 at 32 connections", goal: "≤ 1 ms", measured: micros(p99), met: p99.map { $0 <= 1000 })
            }
        }
        lines.append("")
        lines.append("Failed or unanswered Jielu calls: " + ResultsWriter.rpcConnectionCounts.map {
            "\($0) conn: \(fact("rpc.\($0).failed"))/\(fact("rpc.\($0).unanswered"))"
        }.joined(separator: ", ") + ".")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: 2. HTTP

    private mutating func httpSection() -> String {
        let gateway = ToolOutput.wrk(raw("wrk-gateway.txt"))
        let nginx = ToolOutput.wrk(raw("wrk-nginx.txt"))
        let ratio = gateway != nil && (nginx?.requestsPerSecond ?? 0) > 0 ? gateway!.requestsPerSecond / nginx!.requestsPerSecond : nil
        target("HTTP throughput", goal: "gateway ÷ nginx ≥ 0.7", measured: ratioText(ratio), met: ratio.map { $0 >= 0.7 })
        return """
            ## 2. HTTP: gateway `GET /api/v1/categories` vs nginx serving the same bytes

            `wrk` with the same threads, connections and duration against both. nginx serves the body the gateway \
            returned (\(fact("http.body_bytes")) bytes, saved to a file) with `Content-Type: application/json`. \
            The gateway answers this route on its event loop from a catalog cache at most 1 s old; when the \
            entry is older, a worker fetches the catalog from the registry again.

            | Server | req/s | p50 | p99 | non-2xx + socket errors |
            |---|---:|---:|---:|---:|
            | Jielu gateway | \(count(gateway?.requestsPerSecond)) | \(micros(gateway?.p50Microseconds)) | \(micros(gateway?.p99Microseconds)) | \(gateway.map { String($0.errors) } ?? "–") |
            | nginx | \(count(nginx?.requestsPerSecond)) | \(micros(nginx?.p50Microseconds)) | \(micros(nginx?.p99Microseconds)) | \(nginx.map { String($0.errors) } ?? "–") |

            Gateway ÷ nginx: \(ratioText(ratio)).

            """
    }

    // MARK: 3. Report path

    private mutating func reportSection() -> String {
        let reports = number("reports.rps")
        let ceiling = number("sqlite.commits_per_second")
        let ratio = reports != nil && (ceiling ?? 0) > 0 ? reports! / ceiling! : nil
        let missing = Int(fact("reports.missing_in_dispatch"))
        target("Acknowledged reports per second", goal: "≥ 5,000/s", measured: count(reports) + "/s", met: reports.map { $0 >= 5000 })
        target(
            "Every acknowledged report in dispatch", goal: "0 missing", measured: "\(fact("reports.missing_in_dispatch")) missing",
            met: missing.map { $0 == 0 })
        return """
            ## 3. Report path: `POST /api/v1/reports` → gateway → intake → SQLite → outbox → dispatch

            `jielu-bench reports`: \(fact("reports.connections")) keep-alive connections for \(fact("reports.seconds")) s, \
            one request in flight each; every 201 carries a case id. Afterwards the bench reads dispatch's database \
            until every acknowledged case id is a row of `cases`.

            | Figure | Value |
            |---|---:|
            | Acknowledged reports | \(fact("reports.acknowledged")) |
            | Acknowledged per second | \(count(reports)) |
            | p50 / p99 / max latency | \(micros(number("reports.p50_us"))) / \(micros(number("reports.p99_us"))) / \(micros(number("reports.max_us"))) |
            | Error responses / unanswered | \(fact("reports.failed")) / \(fact("reports.unanswered")) |
            | Found in dispatch / missing | \(fact("reports.in_dispatch")) / \(fact("reports.missing_in_dispatch")) |
            | Dispatch held every case this long after the load ended | \(fact("reports.dispatch_caught_up_s")) s |
            | Raw SQLite single-row durable commits (WAL, `synchronous=FULL`, same disk, one thread) | \(count(ceiling))/s |
            | Raw commit p50 / p99 | \(micros(number("sqlite.p50_us"))) / \(micros(number("sqlite.p99_us"))) |
            | Acknowledged reports ÷ raw single-row commits | \(ratioText(ratio)) |

            """
    }

    // MARK: 4. Growth

    private mutating func growthSection() -> String {
        let small = Int(fact("growth.small_cases")) ?? 0
        let large = Int(fact("growth.large_cases")) ?? 0
        var lines = [
            "## 4. Growth: read latency with \(count(Double(small))) and \(count(Double(large))) cases stored", "",
            "Cases are written straight into the stopped services' SQLite files by `jielu-bench seed` "
                + "(seeding \(count(Double(large))) took \(fact("seed.\(large).seconds")) s), then one connection asks for "
                + "\(fact("growth.duration_s")) s after a 1 s warm-up.", "",
            "| Endpoint | \(count(Double(small))): p50 / p99 (samples) | \(count(Double(large))): p50 / p99 (samples) | p99 growth |",
            "|---|---:|---:|---:|",
        ]
        for (kind, title) in ResultsWriter.growthKinds {
            let smallPrefix = "growth.\(small).\(kind)"
            let largePrefix = "growth.\(large).\(kind)"
            let smallP99 = number("\(smallPrefix).p99_us")
            let largeP99 = number("\(largePrefix).p99_us")
            let growth = smallP99 != nil && largeP99 != nil && smallP99! > 0 ? largeP99! / smallP99! : nil
            lines.append(
                "| \(title) | \(micros(number("\(smallPrefix).p50_us"))) / \(micros(smallP99)) (\(fact("\(smallPrefix).samples"))) "
                    + "| \(micros(number("\(largePrefix).p50_us"))) / \(micros(largeP99)) (\(fact("\(largePrefix).samples"))) "
                    + "| \(ratioText(growth))× |")
            target("Growth of \(kind) p99", goal: "≤ 2×", measured: ratioText(growth) + "×", met: growth.map { $0 <= 2 })
        }
        lines.append("")
        lines.append("A request sent inside the window counts however long it takes, so a slow endpoint may give a single sample.")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: 5. Footprint

    private mutating func footprintSection() -> String {
        let startup = number("startup.serving_ms")
        target("Start to every health check SERVING", goal: "< 1 s", measured: micros(startup.map { $0 * 1000 }), met: startup.map { $0 < 1000 })
        var lines = [
            "## 5. Footprint", "",
            "Resident memory (`VmRSS` in /proc/PID/status) of each service of the report-path mesh: idle, 1 s after "
                + "every health check passed and the district was loaded, and after the report run.", "",
            "| Service | idle after start | after the report run |", "|---|---:|---:|",
        ]
        for service in ResultsWriter.services {
            lines.append("| jielu-\(service) | \(kilobytes(fact("rss.idle.\(service)_kb"))) | \(kilobytes(fact("rss.after_reports.\(service)_kb"))) |")
        }
        lines.append("")
        lines.append(
            "Start of the six processes (all at once, as `make run` does) to every health check SERVING "
                + "(each RPC service's `Health/Check` and the gateway's `/healthz`): \(micros(startup.map { $0 * 1000 })).")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Commands

    private func commandSection() -> String {
        var lines = ["## Exact commands", "", "In the order bench/run.sh ran them; `$BIN` is the release build folder.", "", "```"]
        for key in facts.keys.filter({ $0.hasPrefix("command.") }).sorted() {
            lines.append(facts[key]!)
        }
        lines.append("```")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Formatting

    private func fact(_ key: String) -> String {
        facts[key] ?? "–"
    }

    private func number(_ key: String) -> Double? {
        facts[key].flatMap(Double.init)
    }

    private func raw(_ name: String) -> String {
        (try? String(contentsOfFile: rawDirectory + "/" + name, encoding: .utf8)) ?? ""
    }

    private func count(_ value: Double?) -> String {
        guard let value else {
            return "–"
        }
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 0
        formatter.groupingSeparator = ","
        return formatter.string(from: NSNumber(value: value.rounded())) ?? String(Int(value))
    }

    /// Microseconds as "812 µs" below 1 ms, "1.23 ms" below 1 s, else "1.23 s".
    private func micros(_ value: Double?) -> String {
        guard let value else {
            return "–"
        }
        if value < 1000 {
            return String(format: "%.0f µs", value)
        }
        if value < 1_000_000 {
            return String(format: "%.2f ms", value / 1000)
        }
        return String(format: "%.2f s", value / 1_000_000)
    }

    private func ratioText(_ value: Double?) -> String {
        value.map { String(format: "%.2f", $0) } ?? "–"
    }

    private func toolCell(_ figures: ToolFigures?) -> String {
        guard let figures else {
            return "–"
        }
        return "\(count(figures.requestsPerSecond)) (\(micros(figures.p50Microseconds)) / \(micros(figures.p99Microseconds)))"
    }

    private func kilobytes(_ text: String) -> String {
        guard let value = Double(text) else {
            return "–"
        }
        return String(format: "%.1f MiB", value / 1024)
    }
}
