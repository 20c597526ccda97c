import Foundation
import JieluCore

/// Entry point of the `jielu` admin tool: parse, run, exit with the code the
/// command returned (0 success, 1 failed operation, 2 usage error).
@main
enum JieluMain {
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        let status = CommandLineTool.run(
            arguments: Array(CommandLine.arguments.dropFirst()),
            environment: Configuration.processEnvironment(),
            console: .standard)
        exit(status.rawValue)
    }
}
