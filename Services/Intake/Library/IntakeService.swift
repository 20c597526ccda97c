import JieluContract
import JieluCore
import JieluRPC
import JieluStore

/// Set-up of the `jielu-intake` process. It checks reports against the
/// registry and relays each stored report to dispatch through its outbox.
///
/// Settings besides the host's: `--peer-registry` (default 127.0.0.1:7101),
/// `--peer-dispatch` (default 127.0.0.1:7103) and `--peer-markets` (default
/// 127.0.0.1:7105, asked which recycling station a 0603 report is about).
public enum IntakeService {
    public static let databaseFileName = "intake.sqlite"

    /// Opens `<data-dir>/intake.sqlite`, registers the intake methods and
    /// starts the dispatch relay once the server listens.
    ///
    /// - Throws: `ConfigurationError` for an invalid peer address;
    ///   `StoreError` when the database cannot be opened or migrated.
    public static func makeParts(_ environment: ServiceEnvironment) throws -> ServiceParts {
        try makeParts(
            databasePath: environment.dataDirectory + "/" + databaseFileName,
            registry: try environment.peer("registry", defaultAddress: "127.0.0.1:7101"),
            dispatch: try environment.peer("dispatch", defaultAddress: "127.0.0.1:7103"),
            markets: try environment.peer("markets", defaultAddress: "127.0.0.1:7105"),
            logger: environment.logger)
    }

    /// `makeParts(_:)` with the database path and peer clients given directly,
    /// for tests and tools.
    ///
    /// A report counts as delivered in the same transaction that deletes its
    /// outbox row (the relay's `onDelivered` hook), so `GetReport` never
    /// returns delivered while the row is still queued, nor the other way round.
    /// Without `markets`, 0603 reports are never linked to a recycling station.
    public static func makeParts(
        databasePath: String, registry: RPCClient, dispatch: RPCClient, markets: RPCClient? = nil, logger: Logger
    ) throws -> ServiceParts {
        let database = try Database(path: databasePath, migrations: IntakeSchema.migrations, logger: logger)
        let shutdown = ShutdownFlag()
        let delivery = DispatchDelivery(dispatch: DispatchClient(dispatch), logger: logger, shutdown: shutdown)
        let relay = OutboxRelay(
            database: database, table: IntakeSchema.outboxTable, batchSize: DispatchDelivery.batchSize,
            logger: logger, onDelivered: IntakeStore.markDelivered, deliver: delivery.deliver)
        let registryClient = RegistryClient(registry)
        let handler = IntakeHandler(
            store: IntakeStore(database: database), catalog: CategoryCatalog(registry: registryClient),
            boards: BoardLookup(registry: registryClient), relay: relay,
            stations: markets.map { StationLinker(markets: MarketsClient($0)) })

        let router = RPCRouter()
        router.register(intake: handler)
        // A report whose board and category are cached is taken on the event
        // loop and gets its reply after its group commit, without a worker thread.
        router.registerDeferred(
            Intake.Method.submitReport, start: handler.startSubmitReport, handler: handler.submitReport)
        return ServiceParts(
            router: router,
            onStart: { relay.start() },
            onStop: {
                shutdown.set()
                relay.stop()
                registry.close()
                dispatch.close()
                markets?.close()
                database.close()
            })
    }
}
