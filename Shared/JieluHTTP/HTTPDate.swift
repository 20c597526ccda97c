#if canImport(Glibc)
import Glibc
#endif

/// The `Date` header format (IMF-fixdate, RFC 9110 §5.6.7):
/// `Sun, 06 Nov 1994 08:49:37 GMT`.
public enum HTTPDate {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Formats `unixSeconds` as IMF-fixdate in GMT.
    public static func format(unixSeconds: Int64) -> String {
        var seconds = time_t(unixSeconds)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return "\(weekdays[Int(parts.tm_wday)]), \(pad(Int(parts.tm_mday))) \(months[Int(parts.tm_mon)]) \(Int(parts.tm_year) + 1900)"
            + " \(pad(Int(parts.tm_hour))):\(pad(Int(parts.tm_min))):\(pad(Int(parts.tm_sec))) GMT"
    }

    /// Formats the current time as IMF-fixdate.
    public static func now() -> String {
        format(unixSeconds: currentUnixSeconds())
    }

    /// The current `Date` text, formatted again only when the second changes.
    /// A value type without locks: each owner (a connection, say) keeps its own.
    public struct Cache: Sendable {
        private var seconds: Int64 = -1
        private var text = ""

        public init() {}

        public mutating func now() -> String {
            let current = HTTPDate.currentUnixSeconds()
            if current != seconds {
                seconds = current
                text = HTTPDate.format(unixSeconds: current)
            }
            return text
        }
    }

    static func currentUnixSeconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec)
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
