import JieluContract
import JieluCore
import JieluRPC

/// Typed clients of the five services behind the gateway, each over one
/// multiplexed `RPCClient` shared by every request.
struct Backends: Sendable {
    let registry: RegistryClient
    let intake: IntakeClient
    let dispatch: DispatchClient
    let metrics: MetricsClient
    let markets: MarketsClient

    /// Clients for the peers named in `configuration`, authenticating with its
    /// mesh secret when set. Nothing connects until the first call.
    init(configuration: GatewayConfiguration, logger: Logger) {
        let options = RPCClientOptions(meshSecret: configuration.meshSecret)
        func client(_ address: SocketAddressText, _ serviceName: String) -> RPCClient {
            RPCClient(address: address, serviceName: serviceName, options: options, logger: logger)
        }
        registry = RegistryClient(client(configuration.registry, "jielu-registry"))
        intake = IntakeClient(client(configuration.intake, "jielu-intake"))
        dispatch = DispatchClient(client(configuration.dispatch, "jielu-dispatch"))
        metrics = MetricsClient(client(configuration.metrics, "jielu-metrics"))
        markets = MarketsClient(client(configuration.markets, "jielu-markets"))
    }

    /// The raw clients by service name, in the order `/healthz` reports them.
    var named: [(name: String, client: RPCClient)] {
        [
            ("registry", registry.rpc), ("intake", intake.rpc), ("dispatch", dispatch.rpc), ("metrics", metrics.rpc),
            ("markets", markets.rpc),
        ]
    }

    /// Closes every connection; calls still in flight fail with UNAVAILABLE.
    func close() {
        for (_, client) in named {
            client.close()
        }
    }
}
