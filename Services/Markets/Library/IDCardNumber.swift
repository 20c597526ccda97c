import JieluContract

/// The 18-character resident ID-card number (居民身份证号码, GB 11643-1999):
/// a 6-digit region code, the birth date as YYYYMMDD, a 3-digit sequence
/// number and a check character.
enum IDCardNumber {
    static let length = 18
    /// Weights of the first 17 digits, 2^(17-i) mod 11.
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// Check character for each remainder of the weighted sum mod 11.
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Returns the check character for the first 17 digits, or nil when
    /// `body` is not 17 ASCII digits.
    static func checkCharacter(for body: String) -> Character? {
        let digits = body.utf8.map { Int($0) - Int(UInt8(ascii: "0")) }
        guard digits.count == 17, digits.allSatisfy({ (0...9).contains($0) }) else {
            return nil
        }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    /// True for an upper-case number with a valid check character and a birth
    /// date between 1900-01-01 and the day of `nowMs`.
    static func isValid(_ number: String, nowMs: Int64) -> Bool {
        guard number.utf8.count == length, number.unicodeScalars.allSatisfy(\.isASCII) else {
            return false
        }
        let body = String(number.prefix(17))
        guard let check = checkCharacter(for: body), number.last == check else {
            return false
        }
        let birth = Array(body)[6..<14]
        let date = "\(String(birth[6..<10]))-\(String(birth[10..<12]))-\(String(birth[12..<14]))"
        guard let birthMs = DistrictTime.dayStart(date) else {
            return false
        }
        return birthMs <= nowMs
    }

    /// Returns the number with its birth date and sequence hidden, as in
    /// 220102********123X; shorter input is fully masked.
    static func masked(_ number: String) -> String {
        let characters = Array(number)
        guard characters.count == length else {
            return String(repeating: "*", count: min(characters.count, length))
        }
        return String(characters[0..<6]) + String(repeating: "*", count: 8) + String(characters[14...])
    }
}
