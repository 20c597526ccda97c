import JieluCore

/// Times and amounts written into the Chinese notes the service stores,
/// such as allocation decisions and case descriptions.
enum MarketsText {
    /// Formats `milliseconds` as "2026-12-04 20:15" in UTC+8.
    static func time(_ milliseconds: Int64) -> String {
        let iso = Array(WallClock.iso8601(milliseconds))
        return String(iso[0..<10]) + " " + String(iso[11..<16])
    }

    /// Formats `milliseconds` as "2026-12-04" in UTC+8.
    static func day(_ milliseconds: Int64) -> String {
        String(WallClock.iso8601(milliseconds).prefix(10))
    }

    /// Formats tonnes without a trailing ".0", e.g. "8" or "8.5".
    static func tonnes(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int64(value)) : String(value)
    }
}
