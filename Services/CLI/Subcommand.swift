/// One `jielu` subcommand: its name, options, usage text, parsing and run.
protocol Subcommand: Equatable, Sendable {
    static var name: String { get }
    /// Option names without the leading `--`; each takes a value.
    static var optionNames: Set<String> { get }
    /// Simplified Chinese usage text of this subcommand.
    static var usage: String { get }

    /// - Throws: `UsageError` for missing, unknown or invalid options and operands.
    init(parsing arguments: CommandArguments) throws

    /// Runs the command, writing results and errors to `console`.
    func run(console: Console) -> ExitStatus
}
