import CJieluSystem
#if canImport(Glibc)
import Glibc
#endif

/// Unguessable codes for boards, tracking codes and tokens.
public enum RandomCode {
    /// Digits and capitals without 0, O, 1, I and L, which people misread
    /// when typing a code from paper.
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")

    /// Returns `length` characters from `alphabet`, drawn from the system's
    /// cryptographically secure generator (getrandom on Linux). Each character
    /// carries log2(31) ≈ 4.95 bits.
    ///
    /// The random bytes of a code come from one `getrandom` system call, not
    /// one per character, because intake makes a tracking code for every
    /// report. A byte of 248 or more is dropped, so `byte % 31` stays uniform.
    public static func make(length: Int) -> String {
        var scalars = String.UnicodeScalarView()
        var bytes = [UInt8](repeating: 0, count: max(length, 1) * 2)
        while scalars.count < length {
            let result = bytes.withUnsafeMutableBytes { jielu_fill_random($0.baseAddress, UInt($0.count)) }
            precondition(result == 0, "getrandom failed with errno \(errno); no secure random source")
            for byte in bytes where byte < acceptedByteLimit && scalars.count < length {
                scalars.append(alphabetScalars[Int(byte) % alphabetScalars.count])
            }
        }
        return String(scalars)
    }

    private static let alphabetScalars = alphabet.map { $0.unicodeScalars.first! }
    /// The largest multiple of the alphabet's size that fits in a byte.
    private static let acceptedByteLimit = UInt8(256 / alphabet.count * alphabet.count)

    /// True when `text` is exactly `length` bytes, all from `alphabet`.
    ///
    /// The check runs on UTF-8 bytes, not `Character`s: Swift treats
    /// canonically equivalent characters as equal (U+212A KELVIN SIGN equals
    /// "K"), while databases and other services compare codes byte by byte.
    public static func isWellFormed(_ text: String, length: Int) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy { alphabetBytes.contains($0) }
    }

    private static let alphabetBytes = Set(alphabet.map { $0.asciiValue! })
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
