/// Percentiles of a set of latency samples, from the sorted samples
/// themselves (nearest rank), so no histogram rounding is involved.
struct LatencySummary: Sendable {
    let count: Int
    let p50Microseconds: Double
    let p99Microseconds: Double
    let maxMicroseconds: Double
    let meanMicroseconds: Double

    /// Sorts `nanoseconds`; an empty set gives zeros.
    init(nanoseconds: [UInt64]) {
        let sorted = nanoseconds.sorted()
        count = sorted.count
        guard !sorted.isEmpty else {
            p50Microseconds = 0
            p99Microseconds = 0
            maxMicroseconds = 0
            meanMicroseconds = 0
            return
        }
        p50Microseconds = LatencySummary.percentile(0.50, of: sorted)
        p99Microseconds = LatencySummary.percentile(0.99, of: sorted)
        maxMicroseconds = Double(sorted.last!) / 1000
        meanMicroseconds = Double(sorted.reduce(0, +)) / Double(sorted.count) / 1000
    }

    /// The nearest-rank percentile: the smallest sample with at least
    /// `fraction` of all samples at or below it.
    static func percentile(_ fraction: Double, of sorted: [UInt64]) -> Double {
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        let index = min(max(rank - 1, 0), sorted.count - 1)
        return Double(sorted[index]) / 1000
    }

    /// `key=value` lines with `prefix`, latencies in microseconds.
    func lines(prefix: String) -> [String] {
        [
            "\(prefix).samples=\(count)",
            "\(prefix).p50_us=\(Facts.format(p50Microseconds))",
            "\(prefix).p99_us=\(Facts.format(p99Microseconds))",
            "\(prefix).max_us=\(Facts.format(maxMicroseconds))",
            "\(prefix).mean_us=\(Facts.format(meanMicroseconds))",
        ]
    }
}
