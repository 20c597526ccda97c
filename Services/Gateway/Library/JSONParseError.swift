/// The reason `JSONParser` rejected an input, and where it found it.
struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    enum Kind: Equatable, Sendable {
        /// The input has no value: it is empty, or contains only whitespace
        /// and a byte order mark.
        case emptyInput
        /// The input ended inside a value.
        case unexpectedEnd
        /// A character the grammar does not allow here, such as a single
        /// quote, an unquoted name, a comment or a full-width comma.
        case unexpectedCharacter(Unicode.Scalar)
        case invalidUTF8
        /// U+0000–U+001F inside a string without an escape.
        case controlCharacter
        /// A backslash followed by anything but `"`, `\`, `/`, `b`, `f`, `n`,
        /// `r`, `t`, or `u` and four hex digits.
        case invalidEscape
        /// A `\uD800`–`\uDBFF` escape not followed at once by a
        /// `\uDC00`–`\uDFFF` escape, or a low surrogate escape on its own.
        case unpairedSurrogate
        /// A digit after a leading zero, as in `01` or `-00`.
        case leadingZero
        /// A number that breaks the grammar otherwise: `+1`, `.5`, `1.`,
        /// `1e`, `-`.
        case invalidNumber
        /// A number beyond the finite `Double` range, such as `1e400`.
        case numberOutOfRange
        /// `NaN`, `Infinity` or `-Infinity`, which JSON has no spelling for.
        case nonFiniteNumber
        /// A comma right after `[` or `{`, before `]` or `}`, or after
        /// another comma.
        case extraComma
        /// A name that an earlier member of the same object has, compared
        /// after unescaping.
        case duplicateName(String)
        /// Something other than whitespace after the top-level value.
        case trailingContent
        /// An array or object nested deeper than `JSONParser.maxDepth`.
        case nestingTooDeep
    }

    let kind: Kind
    /// Byte offset into the input, counted from 0, where the problem starts.
    /// For `unexpectedEnd` it is the input's length.
    let offset: Int

    init(_ kind: Kind, offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    var description: String { "\(kind) at byte \(offset)" }
}
