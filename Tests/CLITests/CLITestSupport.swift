import Foundation
import Synchronization

@testable import jielu

/// A console that keeps what a command writes.
final class RecordingConsole: Sendable {
    private let output = Mutex("")
    private let errors = Mutex("")

    var standardOutput: String { output.withLock { $0 } }
    var standardError: String { errors.withLock { $0 } }

    var console: Console {
        Console(
            writeOutput: { text in self.output.withLock { $0 += text } },
            writeError: { text in self.errors.withLock { $0 += text } })
    }
}

/// Runs a command line with `environment` and returns its status and output.
func runTool(_ arguments: [String], environment: [String: String] = [:]) -> (status: ExitStatus, output: RecordingConsole) {
    let recording = RecordingConsole()
    let status = CommandLineTool.run(arguments: arguments, environment: environment, console: recording.console)
    return (status, recording)
}

/// Parses `arguments` and returns the usage error it throws, or nil.
func usageError(_ arguments: [String], environment: [String: String] = [:]) -> UsageError? {
    do {
        _ = try CommandLineTool.parse(arguments, environment: environment)
        return nil
    } catch {
        return error as? UsageError
    }
}

enum RepositoryFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let district = root.appendingPathComponent("deploy/data/district.json").path
    static let reports = root.appendingPathComponent("deploy/data/reports.json").path
}
