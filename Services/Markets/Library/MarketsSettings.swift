import JieluCore

/// The tunable rules of the markets service.
///
/// Setting (flag / environment, default):
/// - `--violation-threshold` / `JIELU_VIOLATION_THRESHOLD` (3): violations
///   within the window that suspend a permit, 1 to 100.
/// - `--violation-window-days` / `JIELU_VIOLATION_WINDOW_DAYS` (30): length
///   of that window, 1 to 365 days.
/// - `--permit-term-days` / `JIELU_PERMIT_TERM_DAYS` (365): term of a permit
///   when the allocation names no end, 1 to 1096 days.
/// - `--sweep-interval-ms` / `JIELU_SWEEP_INTERVAL_MS` (5000): how often the
///   background check expires manifests and permits, 50 to 600000 ms.
public struct MarketsSettings: Sendable, Equatable {
    public static let defaultViolationThreshold = 3
    public static let defaultViolationWindowDays = 30
    public static let defaultPermitTermDays = 365
    public static let defaultSweepIntervalMilliseconds = 5_000
    /// Maximum term of a permit that an allocation or renewal grants: three years.
    public static let maxPermitDays = 1_096

    public var violationThreshold: Int
    public var violationWindowDays: Int
    public var permitTermDays: Int
    public var sweepIntervalMilliseconds: Int

    public init(
        violationThreshold: Int = MarketsSettings.defaultViolationThreshold,
        violationWindowDays: Int = MarketsSettings.defaultViolationWindowDays,
        permitTermDays: Int = MarketsSettings.defaultPermitTermDays,
        sweepIntervalMilliseconds: Int = MarketsSettings.defaultSweepIntervalMilliseconds
    ) {
        self.violationThreshold = violationThreshold
        self.violationWindowDays = violationWindowDays
        self.permitTermDays = permitTermDays
        self.sweepIntervalMilliseconds = sweepIntervalMilliseconds
    }

    /// Reads every setting from `configuration`.
    ///
    /// - Throws: `ConfigurationError` naming the first setting that is not an
    ///   integer in its range.
    public init(_ configuration: Configuration) throws {
        violationThreshold = try configuration.integer(
            "violation-threshold", default: MarketsSettings.defaultViolationThreshold, range: 1...100)
        violationWindowDays = try configuration.integer(
            "violation-window-days", default: MarketsSettings.defaultViolationWindowDays, range: 1...365)
        permitTermDays = try configuration.integer(
            "permit-term-days", default: MarketsSettings.defaultPermitTermDays, range: 1...MarketsSettings.maxPermitDays)
        sweepIntervalMilliseconds = try configuration.integer(
            "sweep-interval-ms", default: MarketsSettings.defaultSweepIntervalMilliseconds, range: 50...600_000)
    }

    var violationWindowMilliseconds: Int64 { Int64(violationWindowDays) * 86_400_000 }
    var permitTermMilliseconds: Int64 { Int64(permitTermDays) * 86_400_000 }
}
