import JieluCore

/// The health check behind systemd's watchdog: a `Health/Check` call from
/// the service to itself over TCP, so a hung event loop, a stuck worker pool
/// or a wedged router stops the `WATCHDOG=1` messages and systemd restarts
/// the process.
final class WatchdogProbe: Sendable {
    private let client: RPCClient
    private let timeoutSeconds: Double

    /// - Parameters:
    ///   - address: the server's bound address; a wildcard host (0.0.0.0)
    ///     is probed on 127.0.0.1.
    ///   - timeoutSeconds: deadline of one probe; it should stay below the
    ///     watchdog interval.
    init(address: SocketAddressText, serviceName: String, meshSecret: MeshSecret?, timeoutSeconds: Double, logger: Logger) {
        let host = address.host == "0.0.0.0" ? "127.0.0.1" : address.host
        client = RPCClient(
            address: SocketAddressText(host: host, port: address.port), serviceName: serviceName,
            options: RPCClientOptions(connectTimeoutSeconds: timeoutSeconds, meshSecret: meshSecret), logger: logger)
        self.timeoutSeconds = timeoutSeconds
    }

    /// True when the server answers SERVING, or is too busy to take the call
    /// (RESOURCE_EXHAUSTED): a loaded service is alive and must not be
    /// restarted. False when it answers NOT_SERVING or does not answer in time.
    func isHealthy() -> Bool {
        do {
            let reply = try client.call(
                HealthMethods.check, HealthCheckRequest(), as: HealthCheckResponse.self,
                options: CallOptions(deadline: .after(seconds: timeoutSeconds)), idempotent: true)
            return reply.status == .serving
        } catch let error as ServiceError {
            return error.code == .resourceExhausted
        } catch {
            return false
        }
    }

    func close() {
        client.close()
    }
}
