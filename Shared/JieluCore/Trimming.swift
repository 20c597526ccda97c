/// Whitespace trimming without Foundation's `NSString` bridge.
///
/// `trimmingCharacters(in:)` converts every Swift string to an `NSString`
/// and back. In a profile of intake under load, that conversion took about a
/// seventh of the CPU spent on a report.
///
/// These functions walk the string's Unicode scalars instead. They trim the
/// same scalars as Foundation's `CharacterSet.whitespaces` and
/// `.whitespacesAndNewlines`, which a test checks for every BMP scalar.
extension StringProtocol {
    /// Returns the text without leading and trailing spaces and tabs (general
    /// category Zs, U+0009 and U+200B), as `trimmingCharacters(in: .whitespaces)` does.
    public func trimmingWhitespace() -> String {
        Trimming.trim(Substring(self), where: Trimming.isSpaceOrTab)
    }

    /// Returns the text without leading and trailing spaces, tabs and line
    /// breaks (also U+000A–U+000D, U+0085, U+2028 and U+2029), as
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` does.
    public func trimmingWhitespaceAndNewlines() -> String {
        Trimming.trim(Substring(self)) { Trimming.isSpaceOrTab($0) || Trimming.isNewline($0) }
    }
}

enum Trimming {
    /// Cuts `text` at the first and after the last scalar to keep. The cut is
    /// at scalar positions, not characters, so a combining mark after a
    /// trimmed space stays, as with Foundation. The bytes between the two
    /// positions are copied once.
    static func trim(_ text: Substring, where shouldTrim: (Unicode.Scalar) -> Bool) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !shouldTrim($0) }) else {
            return ""
        }
        let last = scalars.lastIndex(where: { !shouldTrim($0) })!
        return String(Substring(scalars[first...last]))
    }

    static func isSpaceOrTab(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return scalar == " " || scalar == "\t"
        }
        // swift-corelibs-foundation counts ZERO WIDTH SPACE as whitespace too.
        return scalar.properties.generalCategory == .spaceSeparator || scalar.value == 0x200B
    }

    static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029:
            return true
        default:
            return false
        }
    }
}
