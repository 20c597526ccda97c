import JieluContract
import JieluCore
import JieluRPC

/// `jielu load-district FILE`: decodes a district dataset file and replaces
/// the registry's dataset with it.
struct LoadDistrictCommand: Subcommand {
    static let name = "load-district"
    static let optionNames: Set<String> = [RegistryConnection.optionName]
    static let usage = """
        用法：jielu load-district [--peer-registry 地址] 文件

        读取辖区数据文件（JSON，格式见 deploy/data/district.json），整体替换登记服务中的辖区数据。
        数据有任何问题时不写入，原有数据保持不变；已发放的访问令牌不受影响。

        选项：
          --peer-registry 地址   登记服务地址，默认 127.0.0.1:7101（环境变量 JIELU_PEER_REGISTRY）
        """

    /// The registry validates and writes the whole dataset in one call, so the
    /// deadline is longer than for single-row calls.
    static let deadlineSeconds = 120.0

    var file: String
    var registry: SocketAddressText
    var meshSecret: MeshSecret?

    init(parsing arguments: CommandArguments) throws {
        guard let file = arguments.operands.first else {
            throw UsageError(message: "缺少辖区数据文件路径", command: Self.name)
        }
        guard arguments.operands.count == 1 else {
            throw UsageError(message: "只能给出一个数据文件，多出了「\(arguments.operands[1])」", command: Self.name)
        }
        self.file = file
        registry = try arguments.address(RegistryConnection.optionName, default: PeerAddresses.registry, command: Self.name)
        meshSecret = try arguments.meshSecret(command: Self.name)
    }

    func run(console: Console) -> ExitStatus {
        let client = RegistryConnection.client(address: registry, meshSecret: meshSecret)
        defer { client.rpc.close() }
        do {
            let district = try DistrictDataset.load(path: file)
            let counts = try client.loadDistrict(
                .init(district: district), options: CallOptions(deadline: .after(seconds: Self.deadlineSeconds)))

            console.print("辖区数据已导入（\(district.name)，登记服务 \(registry)）：")
            console.print("  街道       \(counts.subDistricts) 个")
            console.print("  社区       \(counts.communities) 个")
            console.print("  网格       \(counts.grids) 个")
            console.print("  单位       \(counts.units) 个")
            console.print("  人员       \(counts.staff) 名")
            console.print("  街路       \(counts.streets) 条")
            console.print("  事项       \(counts.categoryItems) 项")
            console.print("  责任规则   \(counts.rules) 条")
            return .success
        } catch {
            console.printError(FailureReport.line(for: error))
            return .failure
        }
    }
}
