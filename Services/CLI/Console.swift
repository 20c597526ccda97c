import Foundation

#if canImport(Glibc)
import Glibc
#endif

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
        writeOutput: { text in Console.write(text, to: STDOUT_FILENO) },
        writeError: { text in Console.write(text, to: STDERR_FILENO) })

    /// Exit status after the reader of standard output went away, as a shell
    /// reports a program that SIGPIPE ended: 128 + 13.
    static let closedOutputStatus: Int32 = 141

    /// Writes all of `text` to `descriptor`.
    ///
    /// When the reader has closed the pipe (`jielu health | head -1`), the
    /// tool exits at once with `closedOutputStatus` and no message, as
    /// command-line tools killed by SIGPIPE do. `FileHandle.write` would
    /// crash the process with a stack trace instead. Other write errors drop
    /// the text, because there is nowhere left to report them.
    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written >= 0 {
                bytes = bytes.dropFirst(written)
            } else if errno == EINTR {
                continue
            } else if errno == EPIPE {
                exit(closedOutputStatus)
            } else {
                return
            }
        }
    }
}
