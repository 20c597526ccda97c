import JieluCore
import JieluHTTP
import JieluRPC

/// `jielu health`: Health/Check on every RPC service and `GET /healthz` on
/// the gateway, one line each; failure when any of them is not serving.
struct HealthCommand: Subcommand {
    static let name = "health"
    static let optionNames = PeerAddresses.optionNames.union(["gateway", "timeout"])
    static let usage = """
        用法：jielu health [--peer-registry 地址] [--peer-intake 地址] [--peer-dispatch 地址]
                           [--peer-metrics 地址] [--peer-markets 地址] [--gateway 地址] [--timeout 秒]

        逐个检查登记、受理、派遣、统计、市场服务（Health/Check）和网关（GET /healthz），每个服务输出一行。
        全部正常时退出码为 0，任何一个不正常时为 1。

        选项：
          --peer-<服务名> 地址   服务地址，默认 127.0.0.1:7101～7105（环境变量 JIELU_PEER_<服务名>）
          --gateway 地址         网关 HTTP 地址，默认 127.0.0.1:8080（环境变量 JIELU_GATEWAY）
          --timeout 秒           每项检查的超时，默认 2 秒，范围 0.1～60
        """

    static let defaultTimeoutSeconds = 2.0

    /// An RPC service to check.
    struct Target: Equatable, Sendable {
        var service: String
        var address: SocketAddressText
    }

    /// Services to check, in output order.
    var targets: [Target]
    var gateway: SocketAddressText
    var timeoutSeconds: Double
    var meshSecret: MeshSecret?

    init(parsing arguments: CommandArguments) throws {
        guard arguments.operands.isEmpty else {
            throw UsageError(message: "health 不接受参数「\(arguments.operands[0])」", command: Self.name)
        }
        targets = try PeerAddresses.services.map { peer in
            Target(
                service: "jielu-\(peer.name)",
                address: try arguments.address("peer-\(peer.name)", default: peer.defaultAddress, command: Self.name))
        }
        gateway = try arguments.address("gateway", default: PeerAddresses.gateway, command: Self.name)

        timeoutSeconds = Self.defaultTimeoutSeconds
        if let text = arguments.value("timeout") {
            guard let value = Double(text), (0.1...60).contains(value) else {
                throw UsageError(message: "--timeout 的取值「\(text)」无效，应为 0.1 到 60 之间的秒数", command: Self.name)
            }
            timeoutSeconds = value
        }
        meshSecret = try arguments.meshSecret(command: Self.name)
    }

    func run(console: Console) -> ExitStatus {
        var lines: [(service: String, address: String, state: HealthState)] = []
        for target in targets {
            lines.append((target.service, target.address.description, checkService(target.service, at: target.address)))
        }
        lines.append(("jielu-gateway", gateway.description, checkGateway()))

        let serviceWidth = lines.map(\.service.count).max() ?? 0
        let addressWidth = lines.map(\.address.count).max() ?? 0
        for line in lines {
            let service = line.service.padding(toLength: serviceWidth, withPad: " ", startingAt: 0)
            let address = line.address.padding(toLength: addressWidth, withPad: " ", startingAt: 0)
            console.print("\(service)  \(address)  \(line.state.label)")
        }
        return lines.allSatisfy { $0.state == .serving } ? .success : .failure
    }

    /// Calls Health/Check once with the timeout as deadline.
    private func checkService(_ service: String, at address: SocketAddressText) -> HealthState {
        let rpc = RPCClient(
            address: address, serviceName: service,
            options: RPCClientOptions(connectTimeoutSeconds: timeoutSeconds, meshSecret: meshSecret),
            logger: Logger(service: "jielu", level: .error))
        defer { rpc.close() }
        do {
            let response = try rpc.call(
                HealthMethods.check, HealthCheckRequest(), as: HealthCheckResponse.self,
                options: CallOptions(deadline: .after(seconds: timeoutSeconds)), idempotent: true)
            switch response.status {
            case .serving: return .serving
            case .notServing: return .notServing
            case .unknown: return .unknown
            }
        } catch let error as ServiceError {
            if error.reason == "mesh_authentication_failed" {
                return .authenticationFailed
            }
            return HealthState(failure: error.code)
        } catch {
            return .unavailable
        }
    }

    /// Calls `GET /healthz`: 200 is serving, 503 not serving, no response unavailable.
    private func checkGateway() -> HealthState {
        let client = HTTPClient(address: gateway, timeoutSeconds: timeoutSeconds)
        defer { client.close() }
        do {
            let response = try client.send(method: "GET", path: "/healthz")
            switch response.status {
            case 200: return .serving
            case 503: return .notServing
            default: return .unknown
            }
        } catch {
            return .unavailable
        }
    }
}

/// The outcome of one health check, printed as Chinese text plus the gRPC-style name.
enum HealthState: Equatable, Sendable {
    case serving
    case notServing
    case unknown
    case unavailable
    case deadlineExceeded
    /// The mesh handshake failed: the mesh secrets differ, or only one side has one.
    case authenticationFailed

    init(failure code: StatusCode) {
        switch code {
        case .deadlineExceeded: self = .deadlineExceeded
        case .unavailable: self = .unavailable
        default: self = .unknown
        }
    }

    var label: String {
        switch self {
        case .serving: "正常 SERVING"
        case .notServing: "未就绪 NOT_SERVING"
        case .unknown: "状态未知 UNKNOWN"
        case .unavailable: "不可达 UNAVAILABLE"
        case .deadlineExceeded: "超时 DEADLINE_EXCEEDED"
        case .authenticationFailed: "网格认证失败 UNAUTHENTICATED（请核对 mesh-secret-file）"
        }
    }
}
