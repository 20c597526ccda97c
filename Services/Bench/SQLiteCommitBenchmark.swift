import Foundation
import JieluCore

/// `jielu-bench sqlite-commits`: the durable-commit ceiling of the disk
/// without batching. One thread inserts one row per transaction (autocommit)
/// into a fresh file in WAL mode with `synchronous=FULL`, so every commit
/// waits for its own fsync, for `--duration` seconds.
///
/// Prints `sqlite.*` facts: commits per second and p50/p99 commit latency.
enum SQLiteCommitBenchmark {
    static let options: Set<String> = ["path", "duration"]
    /// Bytes per row, about the size of a stored report.
    static let payloadBytes = 400

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try BenchOptions(arguments, allowed: options)
        let path = try options.string("path")
        let duration = try options.seconds("duration", default: 5)
        for suffix in ["", "-wal", "-shm"] {
            unlink(path + suffix)
        }

        let file = try SQLiteFile(path: path, readOnly: false)
        try file.execute("PRAGMA journal_mode = WAL")
        try file.execute("PRAGMA synchronous = FULL")
        try file.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, payload BLOB NOT NULL, created_at_ms INTEGER NOT NULL)")
        let insert = try file.prepare("INSERT INTO rows (payload, created_at_ms) VALUES (?, ?)")
        let payload = [UInt8](repeating: 0x5A, count: payloadBytes)

        progress("sqlite-commits: single-row durable commits for \(duration) s in \(path)")
        var latencies: [UInt64] = []
        let end = Deadline.after(seconds: duration)
        let start = Deadline.monotonicNanoseconds()
        while !end.hasPassed {
            let began = Deadline.monotonicNanoseconds()
            insert.bind(1, payload)
            insert.bind(2, WallClock.nowMilliseconds())
            try insert.run()
            latencies.append(Deadline.monotonicNanoseconds() - began)
        }
        let seconds = Double(Deadline.monotonicNanoseconds() - start) / 1e9
        let stored = try file.integer("SELECT COUNT(*) FROM rows")

        Facts.emit([
            "sqlite.commits=\(latencies.count)",
            "sqlite.rows=\(stored)",
            "sqlite.seconds=\(Facts.format(seconds))",
            "sqlite.commits_per_second=\(Facts.format(Double(latencies.count) / seconds))",
        ] + LatencySummary(nanoseconds: latencies).lines(prefix: "sqlite"))
        return stored == latencies.count ? 0 : 1
    }
}
