#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock time as Unix milliseconds, and its ISO 8601 rendering.
///
/// Stored and sent times are UTC milliseconds; users see them in the
/// district's offset (China Standard Time, +08:00, which has no daylight
/// saving) as `2026-12-04T20:15:03+08:00`.
public enum WallClock {
    /// The district's fixed offset from UTC, in seconds.
    public static let districtOffsetSeconds = 8 * 3600

    public static func nowMilliseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }

    /// Renders `milliseconds` as ISO 8601 with seconds and the district offset.
    public static func iso8601(_ milliseconds: Int64, offsetSeconds: Int = districtOffsetSeconds) -> String {
        var seconds = time_t(milliseconds / 1000 + Int64(offsetSeconds))
        if milliseconds < 0 && milliseconds % 1000 != 0 {
            seconds -= 1
        }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let sign = offsetSeconds >= 0 ? "+" : "-"
        let offsetMinutes = abs(offsetSeconds) / 60
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1))-\(pad(Int(parts.tm_mday)))"
            + "T\(pad(Int(parts.tm_hour))):\(pad(Int(parts.tm_min))):\(pad(Int(parts.tm_sec)))"
            + "\(sign)\(pad(offsetMinutes / 60)):\(pad(offsetMinutes % 60))"
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
