import JieluContract
import JieluCore
import JieluRPC

/// Typed clients of the four services behind the gateway, each over one
/// multiplexed `RPCClient` shared by every request.
struct Backends: Sendable {
    let registry: RegistryClient
    let intake: IntakeClient
    let dispatch: DispatchClient
    let metrics: MetricsClient

    /// Clients for the peers named in `configuration`. Nothing connects until
    /// the first call.
    init(configuration: GatewayConfiguration, logger: Logger) {
        registry = RegistryClient(RPCClient(address: configuration.registry, serviceName: "jielu-registry", logger: logger))
        intake = IntakeClient(RPCClient(address: configuration.intake, serviceName: "jielu-intake", logger: logger))
        dispatch = DispatchClient(RPCClient(address: configuration.dispatch, serviceName: "jielu-dispatch", logger: logger))
        metrics = MetricsClient(RPCClient(address: configuration.metrics, serviceName: "jielu-metrics", logger: logger))
    }

    /// The raw clients by service name, in the order `/healthz` reports them.
    var named: [(name: String, client: RPCClient)] {
        [("registry", registry.rpc), ("intake", intake.rpc), ("dispatch", dispatch.rpc), ("metrics", metrics.rpc)]
    }

    /// Closes every connection; calls still in flight fail with UNAVAILABLE.
    func close() {
        for (_, client) in named {
            client.close()
        }
    }
}
