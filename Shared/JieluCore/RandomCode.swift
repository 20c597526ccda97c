/// Unguessable codes for boards, tracking codes and tokens.
public enum RandomCode {
    /// Digits and capitals without 0, O, 1, I and L, which people misread
    /// when typing a code from paper.
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")

    /// `length` characters from `alphabet`, drawn from the system's
    /// cryptographically secure generator (getrandom on Linux). Each character
    /// carries log2(31) ≈ 4.95 bits.
    public static func make(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        text.reserveCapacity(length)
        for _ in 0..<length {
            text.append(alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))])
        }
        return text
    }

    /// True when `text` has `length` characters, all from `alphabet`.
    public static func isWellFormed(_ text: String, length: Int) -> Bool {
        text.count == length && text.allSatisfy { alphabet.contains($0) }
    }
}

/// Hides the middle of a phone number for public display: 13812345678 → 138****5678.
/// Anything shorter than 7 characters is fully masked.
public func maskPhone(_ phone: String) -> String {
    let characters = Array(phone)
    if characters.isEmpty {
        return ""
    }
    if characters.count < 7 {
        return String(repeating: "*", count: characters.count)
    }
    return String(characters[0..<3]) + String(repeating: "*", count: characters.count - 7) + String(characters[(characters.count - 4)...])
}
