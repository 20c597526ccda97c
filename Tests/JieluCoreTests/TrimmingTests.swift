import Foundation
import JieluCore
import Testing

@Suite("Trimming")
struct TrimmingTests {
    static let samples = [
        "", " ", "\t", "abc", "  和平路  ", "\u{3000}全角空格\u{3000}", "\u{00A0}不间断\u{00A0}", "\n\r 换行 \n",
        "\u{2028}行分隔\u{2029}", "\u{85}NEL\u{85}", "\u{000B}\u{000C}vt ff", " \u{301}组合 ", "\u{200B}零宽\u{200B}",
        "\u{FEFF}bom", "a b\tc", " 👍🏽 ", "\t\t", "\u{1680}ogham\u{202F}", " \u{0}nul ",
    ]

    @Test("spaces and tabs are trimmed as CharacterSet.whitespaces trims them", arguments: samples)
    func whitespace(_ text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        #expect(text[...].trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
    }

    @Test("line breaks too, as CharacterSet.whitespacesAndNewlines", arguments: samples)
    func whitespaceAndNewlines(_ text: String) {
        #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func everyBMPScalarIsClassifiedAsFoundationDoes() {
        var mismatches: [UInt32] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else {
                continue
            }
            let text = String(scalar)
            if text.trimmingWhitespace() != text.trimmingCharacters(in: .whitespaces)
                || text.trimmingWhitespaceAndNewlines() != text.trimmingCharacters(in: .whitespacesAndNewlines)
            {
                mismatches.append(value)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20).map { String($0, radix: 16) })")
    }
}
