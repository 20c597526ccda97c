import Foundation

/// The subcommands of `jielu-bench`, the load generator, seeder and report
/// writer behind `make bench` (see bench/run.sh).
///
/// Exit status: 0 when the run passed its checks, 1 when it measured but a
/// check failed (errors, unanswered requests, missing cases), 2 for a usage
/// error or when it could not run at all.
enum BenchCommand {
    static let subcommands: [(name: String, summary: String, run: @Sendable ([String]) throws -> Int32)] = [
        ("rpc", "Health/Check calls against one service", RPCBenchmark.run),
        ("reports", "POST /api/v1/reports through the gateway, then check dispatch", ReportBenchmark.run),
        ("sqlite-commits", "single-row durable SQLite commits, the ceiling without batching", SQLiteCommitBenchmark.run),
        ("seed", "write seeded cases into stopped services' SQLite files", SeedCases.run),
        ("latency", "latency of one gateway read endpoint", LatencyBenchmark.run),
        ("await-serving", "time until every health check is SERVING", ServingWait.run),
        ("free-ports", "print free 127.0.0.1 ports", FreePorts.run),
        ("get", "save the body of one GET to a file", HTTPGet.run),
        ("write-results", "write bench/RESULTS.md from a facts file", ResultsWriter.run),
    ]

    static func run(_ arguments: [String]) -> Int32 {
        guard let name = arguments.first, let subcommand = subcommands.first(where: { $0.name == name }) else {
            var usage = "usage: jielu-bench SUBCOMMAND --option value ...\n"
            for subcommand in subcommands {
                usage += "  \(subcommand.name.padding(toLength: 15, withPad: " ", startingAt: 0)) \(subcommand.summary)\n"
            }
            FileHandle.standardError.write(Data(usage.utf8))
            return 2
        }
        do {
            return try subcommand.run(Array(arguments.dropFirst()))
        } catch let error as UsageError {
            progress("\(name): \(error)")
            return 2
        } catch {
            progress("\(name): FAILED: \(error)")
            return 2
        }
    }
}
