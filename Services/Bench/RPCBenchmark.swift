/// `jielu-bench rpc`: unary `Health/Check` calls against one Jielu service,
/// `--connections` connections each with one call in flight, for
/// `--duration` seconds after `--warmup` seconds.
///
/// Prints `rpc.<connections>.*` facts: requests per second, p50/p99 in
/// microseconds, failed and unanswered calls.
enum RPCBenchmark {
    static let options: Set<String> = ["address", "connections", "duration", "warmup", "threads"]

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try BenchOptions(arguments, allowed: options)
        let connections = try options.integer("connections", range: 1...10_000)
        let settings = LoadSettings(
            address: try options.address("address"), connections: connections,
            threads: try options.integer("threads", default: 1, range: 1...64),
            durationSeconds: try options.seconds("duration", default: 5),
            warmupSeconds: try options.seconds("warmup", default: 1))

        progress("rpc: \(connections) connections for \(settings.durationSeconds) s against \(settings.address)")
        let result = try LoadDriver.run(settings, exchange: RPCExchange(connections: connections))
        let latency = LatencySummary(nanoseconds: result.latencies)

        let prefix = "rpc.\(connections)"
        Facts.emit([
            "\(prefix).requests=\(result.succeeded)",
            "\(prefix).seconds=\(Facts.format(result.windowSeconds))",
            "\(prefix).rps=\(Facts.format(result.requestsPerSecond))",
            "\(prefix).failed=\(result.failed)",
            "\(prefix).unanswered=\(result.unanswered)",
        ] + latency.lines(prefix: prefix))
        for error in result.errors {
            progress("rpc: \(error)")
        }
        return result.failed == 0 && result.unanswered == 0 ? 0 : 1
    }
}
