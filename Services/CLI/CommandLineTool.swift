/// Parses a `jielu` command line and runs the chosen subcommand.
enum CommandLineTool {
    /// The action a command line requests.
    enum Invocation: Equatable {
        /// Print the usage of one subcommand, or the overview when nil.
        case help(command: String?)
        case health(HealthCommand)
        case loadDistrict(LoadDistrictCommand)
        case loadMarkets(LoadMarketsCommand)
        case createToken(CreateTokenCommand)
        case demo(DemoCommand)
        case backup(BackupCommand)
        case restore(RestoreCommand)
    }

    static let subcommands: [any Subcommand.Type] = [
        HealthCommand.self, LoadDistrictCommand.self, LoadMarketsCommand.self, CreateTokenCommand.self,
        DemoCommand.self, BackupCommand.self, RestoreCommand.self,
    ]

    /// Runs the command line and returns the exit status. A usage error
    /// prints its message and the usage text to standard error.
    static func run(arguments: [String], environment: [String: String], console: Console) -> ExitStatus {
        let invocation: Invocation
        do {
            invocation = try parse(arguments, environment: environment)
        } catch let error as UsageError {
            console.printError("用法错误：\(error.message)")
            console.printError("")
            console.printError(usage(for: error.command))
            return .usage
        } catch {
            console.printError("用法错误：\(error)")
            return .usage
        }

        switch invocation {
        case .help(let command):
            console.print(usage(for: command))
            return .success
        case .health(let command):
            return command.run(console: console)
        case .loadDistrict(let command):
            return command.run(console: console)
        case .loadMarkets(let command):
            return command.run(console: console)
        case .createToken(let command):
            return command.run(console: console)
        case .demo(let command):
            return command.run(console: console)
        case .backup(let command):
            return command.run(console: console)
        case .restore(let command):
            return command.run(console: console)
        }
    }

    /// - Throws: `UsageError` for an empty command line, an unknown
    ///   subcommand, or options the subcommand rejects.
    static func parse(_ arguments: [String], environment: [String: String]) throws -> Invocation {
        guard let name = arguments.first else {
            throw UsageError(message: "缺少子命令", command: nil)
        }
        if ["help", "--help", "-h"].contains(name) {
            let topic = arguments.dropFirst().first
            return .help(command: topic.flatMap { topic in subcommands.contains { $0.name == topic } ? topic : nil })
        }
        guard let type = subcommands.first(where: { $0.name == name }) else {
            throw UsageError(message: "未知子命令「\(name)」", command: nil)
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            return .help(command: name)
        }

        let parsed = try CommandArguments(
            rest, command: name, optionNames: type.optionNames.union(CommandArguments.commonOptionNames),
            environment: environment)
        switch name {
        case HealthCommand.name:
            return .health(try HealthCommand(parsing: parsed))
        case LoadDistrictCommand.name:
            return .loadDistrict(try LoadDistrictCommand(parsing: parsed))
        case LoadMarketsCommand.name:
            return .loadMarkets(try LoadMarketsCommand(parsing: parsed))
        case CreateTokenCommand.name:
            return .createToken(try CreateTokenCommand(parsing: parsed))
        case BackupCommand.name:
            return .backup(try BackupCommand(parsing: parsed))
        case RestoreCommand.name:
            return .restore(try RestoreCommand(parsing: parsed))
        default:
            return .demo(try DemoCommand(parsing: parsed))
        }
    }

    /// Returns the usage text of `command`, or the overview of all subcommands.
    static func usage(for command: String?) -> String {
        if let command, let type = subcommands.first(where: { $0.name == command }) {
            return type.usage
        }
        var text = """
            jielu：街路系统管理工具

            用法：jielu <子命令> [选项]

            子命令：
              health          检查各服务与网关是否正常
              load-district   导入辖区数据（街道、社区、网格、人员、街路、事项、责任规则）
              load-markets    导入市场数据（集装箱市场、摊位、摊贩、许可、回收站、运输单位、消纳场）
              create-token    生成工作人员访问令牌
              demo            通过网关回放市民上报，演示受理、派遣、处置、结案全流程；可加演一个市场日
              backup          在线备份各服务的数据库到一个目录
              restore         在服务停止时把备份恢复到本机各服务的数据目录

            各服务地址用 --peer-registry、--peer-intake、--peer-dispatch、--peer-metrics 指定
            （或环境变量 JIELU_PEER_REGISTRY 等），网关地址用 --gateway（或 JIELU_GATEWAY）。
            所有子命令都接受 --config 文件（默认 /etc/jielu/jielu.conf，其 [cli] 段和段前的共用设置作为默认值）
            和 --mesh-secret-file 文件（服务配置了网格密钥时必需）。
            """
        text += "\n运行 jielu help <子命令> 查看子命令的详细用法。"
        return text
    }
}
