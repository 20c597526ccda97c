import JieluCore

/// Case ids: "JL", the district day of receipt as yyyyMMdd, "-", and a
/// 6-digit sequence number that restarts every day, e.g. "JL20261204-000042".
///
/// The day is taken in the district's time zone (UTC+8, no daylight saving),
/// so a report at 23:30 on 3 December Beijing time counts on the 3rd.
enum CaseNumbering {
    static let prefix = "JL"
    static let maxDailySequence: Int64 = 999_999

    /// Returns the district day of `milliseconds` (Unix time) as yyyyMMdd.
    static func day(ofMilliseconds milliseconds: Int64) -> String {
        let localSeconds = floorDivide(milliseconds, 1000) + Int64(WallClock.districtOffsetSeconds)
        let (year, month, day) = civilDate(daysSinceEpoch: floorDivide(localSeconds, 86_400))
        return padded(year, 4) + padded(month, 2) + padded(day, 2)
    }

    /// Returns the case id of the `sequence`th case of `day` (yyyyMMdd).
    /// `sequence` must be in 1...`maxDailySequence`.
    static func caseID(day: String, sequence: Int64) -> String {
        precondition((1...maxDailySequence).contains(sequence), "daily case sequence \(sequence) out of range")
        return prefix + day + "-" + padded(sequence, 6)
    }

    /// Year, month and day of the proleptic Gregorian calendar for a count of
    /// days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
