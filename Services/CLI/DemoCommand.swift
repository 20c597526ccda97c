import JieluContract
import JieluCore

/// `jielu demo`: replays resident reports through the gateway and walks the
/// cases through dispatch, resolution and confirmation, then prints the
/// metrics summary. See `DemoRun` for the steps.
struct DemoCommand: Subcommand {
    static let name = "demo"
    static let optionNames: Set<String> = ["reports", "gateway", "admin-token", "limit", "markets"]
    static let usage = """
        用法：jielu demo --reports 文件 --admin-token 令牌 [--gateway 地址] [--limit 条数] [--markets 文件]

        通过网关 HTTP 接口回放市民上报（如 deploy/data/reports.json），演示全流程：
          1. 逐条提交上报（幂等键 demo-<序号>，重复运行不会重复立案）；
          2. 等待派遣服务派遣，并为每位责任人生成处置人员令牌；
          3. 约 85% 的诉求由责任人处置；
          4. 约 80% 的已处置诉求由市民确认，多数满意结案，少数不满意重新交办；
          5. 输出全区和各街道的统计表（受理、派遣、处置、结案、办结率、结案率、按期结案率）。
        每条上报的选择由其序号决定，重复运行结果相同。

        给出 --markets 时，随后演示一个市场日（见 DemoMarketDay）：查看市场空闲摊位，登记摊贩并申请摊位
        （困难户优先候补），吊销一份许可后摊位按候补顺序递补，分配摊位，一次违规检查，
        一份按时闭合的清运联单和一份时限很短、超时后自动报送建筑垃圾乱倒案件的联单。

        选项：
          --reports 文件        上报数据文件（JSON 数组）
          --admin-token 令牌    管理员令牌（环境变量 JIELU_ADMIN_TOKEN），用于查看诉求和生成处置人员令牌
          --gateway 地址        网关 HTTP 地址，默认 127.0.0.1:8080（环境变量 JIELU_GATEWAY）
          --limit 条数          只回放前若干条上报，默认全部
          --markets 文件        市场数据文件（如 deploy/data/markets.json），给出时加演市场日
        """

    var reportsPath: String
    var gateway: SocketAddressText
    var adminToken: String
    /// Reports to replay from the start of the file; nil replays all.
    var limit: Int?
    /// The markets dataset for the market day; nil skips it.
    var marketsPath: String?

    init(parsing arguments: CommandArguments) throws {
        guard arguments.operands.isEmpty else {
            throw UsageError(message: "demo 不接受参数「\(arguments.operands[0])」", command: Self.name)
        }
        guard let reportsPath = arguments.values["reports"], !reportsPath.isEmpty else {
            throw UsageError(message: "缺少 --reports", command: Self.name)
        }
        guard let adminToken = arguments.value("admin-token"), !adminToken.isEmpty else {
            throw UsageError(message: "缺少 --admin-token（或环境变量 JIELU_ADMIN_TOKEN）", command: Self.name)
        }
        self.reportsPath = reportsPath
        self.adminToken = adminToken
        gateway = try arguments.address("gateway", default: PeerAddresses.gateway, command: Self.name)

        if let marketsPath = arguments.values["markets"] {
            guard !marketsPath.isEmpty else {
                throw UsageError(message: "--markets 的取值不能为空", command: Self.name)
            }
            self.marketsPath = marketsPath
        }

        if let text = arguments.values["limit"] {
            guard let limit = Int(text), limit >= 1 else {
                throw UsageError(message: "--limit 的取值「\(text)」无效，应为正整数", command: Self.name)
            }
            self.limit = limit
        }
    }

    func run(console: Console) -> ExitStatus {
        do {
            var reports = try DemoReport.load(path: reportsPath)
            if let limit {
                reports = Array(reports.prefix(limit))
            }
            let run = DemoRun(gateway: GatewayClient(address: gateway), adminToken: adminToken, console: console)
            var succeeded = try run.replay(reports)
            if let marketsPath {
                let dataset = try MarketsDataset.load(path: marketsPath)
                let day = DemoMarketDay(
                    gateway: GatewayClient(address: gateway), adminToken: adminToken, dataset: dataset, console: console)
                succeeded = try day.run() && succeeded
            }
            return succeeded ? .success : .failure
        } catch {
            console.printError(FailureReport.line(for: error))
            return .failure
        }
    }
}
