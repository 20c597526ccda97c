import Foundation

/// The `key=value` lines that every measuring subcommand prints on standard
/// output. `bench/run.sh` appends them to one facts file, from which
/// `write-results` builds `bench/RESULTS.md`.
enum Facts {
    /// Prints `lines` to standard output, one per line.
    static func emit(_ lines: [String]) {
        for line in lines {
            print(line)
        }
    }

    /// A number with at most one decimal, without exponent notation.
    static func format(_ value: Double) -> String {
        if value.isNaN || value.isInfinite {
            return "0"
        }
        if value == value.rounded() && abs(value) < 1e15 {
            return String(Int64(value))
        }
        return String(format: "%.1f", value)
    }

    /// Reads a facts file; a later line with the same key wins. Lines
    /// without `=` are ignored.
    static func read(path: String) throws -> [String: String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var facts: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else {
                continue
            }
            facts[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return facts
    }
}

/// Writes progress for the person running the bench to standard error.
func progress(_ message: String) {
    FileHandle.standardError.write(Data("jielu-bench: \(message)\n".utf8))
}
