import JieluContract
import JieluCore
import JieluRPC
import JieluStore

/// Set-up of the `jielu-dispatch` process. It calls the registry to route
/// each case and relays case events to metrics through its outbox.
///
/// Settings besides the host's: `--peer-registry` (default 127.0.0.1:7101)
/// and `--peer-metrics` (default 127.0.0.1:7104).
public enum DispatchService {
    public static let databaseFileName = "dispatch.sqlite"

    /// Opens `<data-dir>/dispatch.sqlite`, registers the dispatch methods and
    /// starts the metrics relay once the server listens.
    ///
    /// - Throws: `ConfigurationError` for an invalid peer address;
    ///   `StoreError` when the database cannot be opened or migrated.
    public static func makeParts(_ environment: ServiceEnvironment) throws -> ServiceParts {
        try makeParts(
            databasePath: environment.dataDirectory + "/" + databaseFileName,
            registry: try environment.peer("registry", defaultAddress: "127.0.0.1:7101"),
            metrics: try environment.peer("metrics", defaultAddress: "127.0.0.1:7104"),
            logger: environment.logger)
    }

    /// `makeParts(_:)` with the database path and peer clients given directly,
    /// for tests and tools.
    public static func makeParts(
        databasePath: String, registry: RPCClient, metrics: RPCClient, logger: Logger
    ) throws -> ServiceParts {
        let database = try Database(path: databasePath, migrations: DispatchSchema.migrations, logger: logger)
        let delivery = MetricsDelivery(metrics: MetricsClient(metrics), logger: logger)
        let relay = OutboxRelay(
            database: database, table: DispatchSchema.outboxTable, batchSize: MetricsDelivery.batchSize,
            logger: logger, deliver: delivery.deliver)
        let handler = DispatchHandler(
            store: DispatchStore(database: database), responsibility: ResponsibilityLookup(registry: RegistryClient(registry)),
            relay: relay)

        let router = RPCRouter()
        router.register(dispatch: handler)
        return ServiceParts(
            router: router,
            onStart: { relay.start() },
            onStop: {
                relay.stop()
                registry.close()
                metrics.close()
                database.close()
            })
    }
}
