import JieluCore

/// Parses the dates and times people type or datasets carry into Unix
/// milliseconds, reading them in the district's time zone (UTC+8, no
/// daylight saving) unless they name an offset.
public enum DistrictTime {
    static let millisecondsPerDay: Int64 = 86_400_000

    /// Returns the start (00:00 UTC+8) of the calendar day `text` ("YYYY-MM-DD"),
    /// or nil when it is not a valid Gregorian date between years 1900 and 9999.
    public static func dayStart(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]),
            isValidDate(year: year, month: month, day: day)
        else {
            return nil
        }
        return daysFromCivil(year: year, month: month, day: day) * millisecondsPerDay
            - Int64(WallClock.districtOffsetSeconds) * 1000
    }

    /// Returns the instant of `text`: either a date ("YYYY-MM-DD", meaning
    /// 00:00 UTC+8 of that day) or an ISO 8601 date-time
    /// "YYYY-MM-DDTHH:MM[:SS][.fff]" followed by "Z", "+HH:MM" or "-HH:MM";
    /// without an offset it is read as UTC+8. Returns nil for anything else.
    public static func instant(_ text: String) -> Int64? {
        if text.utf8.count == 10 {
            return dayStart(text)
        }
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            let day = dayStart(String(decoding: bytes[0..<10], as: UTF8.self)),
            bytes[13] == UInt8(ascii: ":"), let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]),
            hour < 24, minute < 60
        else {
            return nil
        }

        var index = 16
        var second: Int64 = 0
        var millisecond: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard index + 3 <= bytes.count, let value = number(bytes[(index + 1)..<(index + 3)]), value < 60 else {
                return nil
            }
            second = value
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                let digits = bytes[(index + 1)...].prefix { isDigit($0) }
                guard !digits.isEmpty, digits.count <= 9, let fraction = number(digits.prefix(3)) else {
                    return nil
                }
                millisecond = fraction * [100, 10, 1][digits.prefix(3).count - 1]
                index += 1 + digits.count
            }
        }

        var offsetSeconds = Int64(WallClock.districtOffsetSeconds)
        if index < bytes.count {
            let rest = bytes[index...]
            if rest.count == 1 && (rest.first == UInt8(ascii: "Z") || rest.first == UInt8(ascii: "z")) {
                offsetSeconds = 0
            } else {
                guard rest.count == 6, rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-"),
                    rest[rest.startIndex + 3] == UInt8(ascii: ":"),
                    let offsetHours = number(rest[(rest.startIndex + 1)..<(rest.startIndex + 3)]),
                    let offsetMinutes = number(rest[(rest.startIndex + 4)...]), offsetHours <= 14, offsetMinutes < 60
                else {
                    return nil
                }
                let sign: Int64 = rest.first == UInt8(ascii: "-") ? -1 : 1
                offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
            }
        }

        // `day` is 00:00 UTC+8; move to 00:00 at the given offset, then add the time of day.
        let midnight = day + (Int64(WallClock.districtOffsetSeconds) - offsetSeconds) * 1000
        return midnight + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond
    }

    /// Returns the start (00:00 UTC+8) of the district day that contains `milliseconds`.
    public static func startOfDay(containing milliseconds: Int64) -> Int64 {
        let offset = Int64(WallClock.districtOffsetSeconds) * 1000
        let local = milliseconds + offset
        let days = local >= 0 ? local / millisecondsPerDay : (local - millisecondsPerDay + 1) / millisecondsPerDay
        return days * millisecondsPerDay - offset
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func isValidDate(year: Int64, month: Int64, day: Int64) -> Bool {
        guard (1900...9999).contains(year), (1...12).contains(month), day >= 1 else {
            return false
        }
        let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths: [Int64] = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[Int(month - 1)]
    }

    private static func number<Bytes: Collection>(_ bytes: Bytes) -> Int64? where Bytes.Element == UInt8 {
        guard !bytes.isEmpty, bytes.allSatisfy(isDigit) else {
            return nil
        }
        return bytes.reduce(0) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
