import JieluContract
import JieluCore
import JieluRPC

/// `jielu create-token --role ROLE [--staff-id ID]`: creates an access token
/// and prints it once on standard output.
struct CreateTokenCommand: Subcommand {
    static let name = "create-token"
    static let optionNames: Set<String> = ["role", "staff-id", RegistryConnection.optionName]
    static let roles = ["admin", "dispatcher", "handler", "market_manager", "inspector", "hauler"]
    static let usage = """
        用法：jielu create-token --role 角色 [--staff-id 人员编号] [--peer-registry 地址]

        生成一个工作人员访问令牌，令牌本身输出到标准输出（单独一行），只显示这一次。

        选项：
          --role 角色            admin（管理员）、dispatcher（调度员）、handler（处置人员）、
                                 market_manager（市场管理员）、inspector（检查员）或 hauler（运输单位）
          --staff-id 人员编号    令牌所属人员，例如 S0165；handler 必须指定；
                                 hauler 必须指定运输单位编号，例如 HL01
          --peer-registry 地址   登记服务地址，默认 127.0.0.1:7101（环境变量 JIELU_PEER_REGISTRY）
        """

    var role: String
    var staffID: String
    var registry: SocketAddressText
    var meshSecret: MeshSecret?

    init(parsing arguments: CommandArguments) throws {
        guard arguments.operands.isEmpty else {
            throw UsageError(message: "create-token 不接受参数「\(arguments.operands[0])」", command: Self.name)
        }
        // Only the command line counts here: a role from the environment would be a surprise.
        guard let role = arguments.values["role"] else {
            throw UsageError(message: "缺少 --role", command: Self.name)
        }
        guard Self.roles.contains(role) else {
            throw UsageError(
                message: "角色「\(role)」无效，应为 \(Self.roles.joined(separator: "、")) 之一", command: Self.name)
        }
        let staffID = arguments.values["staff-id"] ?? ""
        if role == "handler" && staffID.isEmpty {
            throw UsageError(message: "handler 令牌必须用 --staff-id 指定人员编号", command: Self.name)
        }
        if role == "hauler" && staffID.isEmpty {
            throw UsageError(message: "hauler 令牌必须用 --staff-id 指定运输单位编号，例如 HL01", command: Self.name)
        }
        self.role = role
        self.staffID = staffID
        registry = try arguments.address(RegistryConnection.optionName, default: PeerAddresses.registry, command: Self.name)
        meshSecret = try arguments.meshSecret(command: Self.name)
    }

    func run(console: Console) -> ExitStatus {
        let client = RegistryConnection.client(address: registry, meshSecret: meshSecret)
        defer { client.rpc.close() }
        do {
            let created = try client.createToken(
                .init(role: role, staffID: staffID), options: CallOptions(deadline: .after(seconds: 10)))
            console.print(created.token)
            let owner = staffID.isEmpty ? "" : "，人员 \(staffID)"
            console.printError("已生成令牌 \(created.tokenID)（角色 \(role)\(owner)）。")
            console.printError("令牌只显示这一次，请立即妥善保存；系统只保存其哈希值，丢失后无法找回，只能重新生成。")
            return .success
        } catch {
            console.printError(FailureReport.line(for: error))
            return .failure
        }
    }
}
