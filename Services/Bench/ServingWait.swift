#if canImport(Glibc)
import Glibc
#endif
import JieluCore
import JieluHTTP
import JieluRPC

/// `jielu-bench await-serving`: waits until every listed RPC service answers
/// `Health/Check` with SERVING and, when `--gateway` is given, the gateway's
/// `/healthz` answers 200. It polls every 5 ms and prints the time since
/// `--since-ns` (wall clock, `date +%s%N` taken just before the processes
/// were started).
enum ServingWait {
    static let options: Set<String> = ["since-ns", "rpc", "gateway", "timeout"]
    static let pollIntervalMicroseconds: UInt32 = 5_000

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try BenchOptions(arguments, allowed: options)
        guard let since = Int64(try options.string("since-ns")) else {
            throw UsageError("--since-ns must be nanoseconds since 1970, as `date +%s%N` prints")
        }
        var services: [SocketAddressText] = []
        for text in try options.string("rpc").split(separator: ",") {
            guard let address = SocketAddressText(String(text)) else {
                throw UsageError("--rpc \(text) is not host:port")
            }
            services.append(address)
        }
        let gateway = options.string("gateway", default: "").isEmpty ? nil : try options.address("gateway")
        let deadline = Deadline.after(seconds: try options.seconds("timeout", default: 30))

        var pending = services
        var gatewayServing = false
        while !deadline.hasPassed {
            pending = pending.filter { !isServing($0) }
            if pending.isEmpty && !gatewayServing {
                gatewayServing = gateway.map(gatewayHealthy) ?? true
            }
            if pending.isEmpty && gatewayServing {
                let elapsedMs = Double(realtimeNanoseconds() - since) / 1e6
                Facts.emit(["startup.serving_ms=\(Facts.format(elapsedMs))"])
                return 0
            }
            usleep(pollIntervalMicroseconds)
        }
        progress("await-serving: not serving in time: \(pending.map(\.description)) gateway=\(gatewayServing)")
        return 1
    }

    private static func isServing(_ address: SocketAddressText) -> Bool {
        let client = RPCClient(
            address: address, serviceName: "probe", options: RPCClientOptions(connectTimeoutSeconds: 0.2),
            logger: Logger(service: "jielu-bench", level: .error))
        defer { client.close() }
        let reply = try? client.call(
            HealthMethods.check, HealthCheckRequest(), as: HealthCheckResponse.self,
            options: CallOptions(deadline: .after(milliseconds: 500)), idempotent: true)
        return reply?.status == .serving
    }

    private static func gatewayHealthy(_ address: SocketAddressText) -> Bool {
        let client = HTTPClient(address: address, timeoutSeconds: 2)
        defer { client.close() }
        return (try? client.send(method: "GET", path: "/healthz"))?.status == 200
    }

    private static func realtimeNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
