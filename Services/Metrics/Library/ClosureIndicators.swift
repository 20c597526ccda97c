import JieluContract

/// Turns the counts of one scope into `Metrics.Stats` with the district's
/// closure indicators.
///
/// - 办结率 (completion rate) = closed / received
/// - 结案率 (closure rate) = closed / due
/// - 按期结案率 (on-time rate) = closed by the due time / due
///
/// A rate is 0 when its denominator is 0. The mean handling time is over
/// closed cases, in hours.
enum ClosureIndicators {
    static let millisecondsPerHour = 3_600_000.0

    static func stats(scope: String, _ counts: MetricsStore.Counts) -> Metrics.Stats {
        Metrics.Stats(
            scope: scope, id: counts.id, name: counts.name,
            received: unsigned(counts.received), dispatched: unsigned(counts.dispatched),
            resolved: unsigned(counts.resolved), closed: unsigned(counts.closed),
            reopened: unsigned(counts.reopened), due: unsigned(counts.due),
            closedOnTime: unsigned(counts.closedOnTime),
            completionRate: rate(counts.closed, of: counts.received),
            closureRate: rate(counts.closed, of: counts.due),
            onTimeRate: rate(counts.closedOnTime, of: counts.due),
            meanHandlingHours: counts.closed == 0
                ? 0 : Double(counts.handlingMs) / Double(counts.closed) / millisecondsPerHour)
    }

    static func rate(_ numerator: Int64, of denominator: Int64) -> Double {
        denominator <= 0 ? 0 : Double(numerator) / Double(denominator)
    }

    private static func unsigned(_ value: Int64) -> UInt64 {
        UInt64(max(value, 0))
    }
}
