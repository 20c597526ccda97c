import Foundation

/// Figures read from the output of the reference tools.
struct ToolFigures {
    var requestsPerSecond: Double
    var p50Microseconds: Double
    var p99Microseconds: Double
    /// Responses that were not 2xx/3xx, plus socket errors (wrk only).
    var errors = 0
}

/// Parsers for `redis-benchmark --csv` and `wrk --latency` output.
enum ToolOutput {
    /// Reads one test row (for example "PING_MBULK") of `redis-benchmark
    /// --csv` output (redis 7: test, rps, avg, min, p50, p95, p99, max in ms).
    static func redisCSV(_ text: String, test: String) -> ToolFigures? {
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
            guard fields.count >= 8, fields[0] == test,
                let rps = Double(fields[1]), let p50 = Double(fields[4]), let p99 = Double(fields[6])
            else {
                continue
            }
            return ToolFigures(requestsPerSecond: rps, p50Microseconds: p50 * 1000, p99Microseconds: p99 * 1000)
        }
        return nil
    }

    /// Reads requests/s, the 50% and 99% latency and the error counts of
    /// `wrk --latency` output.
    static func wrk(_ text: String) -> ToolFigures? {
        var rps: Double?
        var p50: Double?
        var p99: Double?
        var errors = 0
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            let words = line.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            if line.hasPrefix("Requests/sec:"), words.count >= 2 {
                rps = Double(words[1])
            } else if line.hasPrefix("50%"), words.count >= 2 {
                p50 = microseconds(words[1])
            } else if line.hasPrefix("99%"), words.count >= 2 {
                p99 = microseconds(words[1])
            } else if line.hasPrefix("Non-2xx or 3xx responses:"), let count = words.last.flatMap({ Int($0) }) {
                errors += count
            } else if line.hasPrefix("Socket errors:") {
                // "Socket errors: connect 0, read 0, write 0, timeout 0"
                for (index, word) in words.enumerated() where ["connect", "read", "write", "timeout"].contains(word) {
                    if index + 1 < words.count, let count = Int(words[index + 1]) {
                        errors += count
                    }
                }
            }
        }
        guard let rps, let p50, let p99 else {
            return nil
        }
        return ToolFigures(requestsPerSecond: rps, p50Microseconds: p50, p99Microseconds: p99, errors: errors)
    }

    /// Converts wrk's "812.00us", "1.23ms" or "1.02s" to microseconds.
    static func microseconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [("us", 1), ("ms", 1000), ("s", 1_000_000)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            guard let value = Double(text.dropLast(suffix.count)) else {
                return nil
            }
            return value * factor
        }
        return nil
    }
}
