import JieluContract
import JieluCore
import JieluRPC

/// `jielu load-markets FILE`: decodes a markets dataset file and replaces
/// the markets service's dataset with it.
struct LoadMarketsCommand: Subcommand {
    static let name = "load-markets"
    static let optionName = "peer-markets"
    static let defaultAddress = "127.0.0.1:7105"
    static let optionNames: Set<String> = [optionName]
    static let usage = """
        用法：jielu load-markets [--peer-markets 地址] 文件

        读取市场数据文件（JSON，格式见 deploy/data/markets.json），整体替换市场服务中的数据：
        集装箱市场和摊位、摊贩、候补申请、摊位许可、再生资源回收站、运输单位和车辆、消纳场。
        市场服务会向登记服务核对街路编号，所以须先导入辖区数据（jielu load-district）。
        数据有任何问题时不写入，原有数据保持不变。导入会清空检查记录、联单和变更记录；
        还有超时联单的案件未报送完时拒绝导入。

        选项：
          --peer-markets 地址   市场服务地址，默认 127.0.0.1:7105（环境变量 JIELU_PEER_MARKETS）
        """

    /// The service checks and writes the whole dataset in one call.
    static let deadlineSeconds = 120.0

    var file: String
    var markets: SocketAddressText
    var meshSecret: MeshSecret?

    init(parsing arguments: CommandArguments) throws {
        guard let file = arguments.operands.first else {
            throw UsageError(message: "缺少市场数据文件路径", command: Self.name)
        }
        guard arguments.operands.count == 1 else {
            throw UsageError(message: "只能给出一个数据文件，多出了「\(arguments.operands[1])」", command: Self.name)
        }
        self.file = file
        markets = try arguments.address(Self.optionName, default: Self.defaultAddress, command: Self.name)
        meshSecret = try arguments.meshSecret(command: Self.name)
    }

    func run(console: Console) -> ExitStatus {
        let client = MarketsClient(
            RPCClient(
                address: markets, serviceName: "jielu-markets", options: RPCClientOptions(meshSecret: meshSecret),
                logger: Logger(service: "jielu", level: .error)))
        defer { client.rpc.close() }
        do {
            let request = try MarketsDataset.load(path: file)
            let counts = try client.loadMarkets(request, options: CallOptions(deadline: .after(seconds: Self.deadlineSeconds)))

            console.print("市场数据已导入（市场服务 \(markets)）：")
            console.print("  集装箱市场   \(counts.markets) 个")
            console.print("  摊位         \(counts.stalls) 个")
            console.print("  摊贩         \(counts.vendors) 名")
            console.print("  候补申请     \(counts.applications) 份")
            console.print("  摊位许可     \(counts.permits) 份")
            console.print("  回收站       \(counts.stations) 个")
            console.print("  运输单位     \(counts.haulers) 家（车辆 \(counts.vehicles) 辆）")
            console.print("  消纳场       \(counts.disposalSites) 个")
            return .success
        } catch {
            console.printError(FailureReport.line(for: error))
            return .failure
        }
    }
}
