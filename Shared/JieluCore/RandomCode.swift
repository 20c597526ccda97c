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

/// Hides most of a phone number for display to people other than its
/// owner's handler: 13812345678 → 138****5678. Numbers of 8 to 10
/// characters keep only their last 3 (8123-4567 → ******567), and shorter
/// ones are fully masked, so at least half of every number stays hidden.
public func maskPhone(_ phone: String) -> String {
    let characters = Array(phone)
    if characters.count >= 11 {
        return String(characters[0..<3]) + String(repeating: "*", count: characters.count - 7)
            + String(characters[(characters.count - 4)...])
    }
    if characters.count >= 8 {
        return String(repeating: "*", count: characters.count - 3) + String(characters[(characters.count - 3)...])
    }
    return String(repeating: "*", count: characters.count)
}
