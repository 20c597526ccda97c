import Foundation

/// The output streams of a command: standard output for results, standard
/// error for hints and errors. Tests substitute a recording console.
struct Console: Sendable {
    let writeOutput: @Sendable (String) -> Void
    let writeError: @Sendable (String) -> Void

    /// Writes `line` and a newline to standard output.
    func print(_ line: String) {
        writeOutput(line + "\n")
    }

    /// Writes `line` and a newline to standard error.
    func printError(_ line: String) {
        writeError(line + "\n")
    }

    static let standard = Console(
        writeOutput: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
        writeError: { text in FileHandle.standardError.write(Data(text.utf8)) })
}
