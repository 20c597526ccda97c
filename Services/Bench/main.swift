import Foundation

// The `jielu-bench` load generator and seeder; see BenchCommand.
signal(SIGPIPE, SIG_IGN)
exit(BenchCommand.run(Array(CommandLine.arguments.dropFirst())))
