import JieluCore
import JieluHTTP

/// The gateway's check behind systemd's watchdog: `GET /healthz` to itself.
/// Any HTTP response counts as alive, 503 included, because that status only
/// reports a backing service down, which restarting the gateway cannot fix.
struct GatewayWatchdogProbe: Sendable {
    let address: SocketAddressText
    let timeoutSeconds: Double

    /// - Parameter address: the bound address; a wildcard host (0.0.0.0) is
    ///   probed on 127.0.0.1.
    init(address: SocketAddressText, timeoutSeconds: Double) {
        let host = address.host == "0.0.0.0" ? "127.0.0.1" : address.host
        self.address = SocketAddressText(host: host, port: address.port)
        self.timeoutSeconds = timeoutSeconds
    }

    /// True when the gateway responds within the timeout.
    func isHealthy() -> Bool {
        let client = HTTPClient(address: address, timeoutSeconds: timeoutSeconds)
        defer { client.close() }
        return (try? client.send(method: "GET", path: "/healthz")) != nil
    }
}
