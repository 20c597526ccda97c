/// Checks shared by every free-text field people type: report descriptions,
/// handlers' notes, residents' comments.
public enum FreeText {
    /// True when `text` has nothing besides whitespace and invisible format
    /// characters (such as U+FEFF or U+200B), so it would show as empty.
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isWhitespace || scalar.properties.generalCategory == .format
        }
    }

    /// True when `text` contains a control character other than a line
    /// break or a tab; such characters cannot be shown and may garble logs.
    public static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            scalar.properties.generalCategory == .control && scalar != "\n" && scalar != "\r" && scalar != "\t"
        }
    }

    /// Maximum UTF-8 bytes for a text limited to `characters` grapheme
    /// clusters. One cluster can carry any number of combining marks, so
    /// the character limit alone does not bound the size. Eight bytes per
    /// character leaves room for Chinese text and for emoji with a skin tone
    /// (such as 👍🏽, 8 bytes).
    public static func maxBytes(forCharacters characters: Int) -> Int {
        characters * 8
    }
}
