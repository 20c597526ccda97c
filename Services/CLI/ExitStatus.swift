/// The process exit status of a `jielu` command.
enum ExitStatus: Int32, Sendable {
    case success = 0
    /// The operation ran and failed, or a service was not serving.
    case failure = 1
    /// The command line was wrong; the usage text was printed.
    case usage = 2
}
