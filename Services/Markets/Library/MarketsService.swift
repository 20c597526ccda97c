import JieluContract
import JieluCore
import JieluRPC
import JieluStore

/// Set-up of the `jielu-markets` process. It checks its dataset's streets
/// against the registry, files the cases of expired manifests with intake
/// through its outbox, and runs the expiry check on a background thread.
///
/// Settings besides the host's: `--peer-registry` (default 127.0.0.1:7101),
/// `--peer-intake` (default 127.0.0.1:7102), and the rules listed on
/// `MarketsSettings`.
public enum MarketsService {
    public static let databaseFileName = "markets.sqlite"

    /// Opens `<data-dir>/markets.sqlite`, registers the markets methods, and
    /// once the server listens starts the intake relay and the expiry check.
    ///
    /// - Throws: `ConfigurationError` for an invalid peer address or rule
    ///   setting; `StoreError` when the database cannot be opened or migrated.
    public static func makeParts(_ environment: ServiceEnvironment) throws -> ServiceParts {
        try makeParts(
            databasePath: environment.dataDirectory + "/" + databaseFileName,
            registry: try environment.peer("registry", defaultAddress: "127.0.0.1:7101"),
            intake: try environment.peer("intake", defaultAddress: "127.0.0.1:7102"),
            settings: try MarketsSettings(environment.configuration),
            logger: environment.logger)
    }

    /// `makeParts(_:)` with the database path, peer clients and rules given
    /// directly, for tests and tools. `clock` is the source of "now" in Unix
    /// milliseconds for the handler, the relay and the expiry check.
    public static func makeParts(
        databasePath: String, registry: RPCClient, intake: RPCClient, settings: MarketsSettings, logger: Logger,
        clock: @escaping @Sendable () -> Int64 = { WallClock.nowMilliseconds() }
    ) throws -> ServiceParts {
        let database = try Database(path: databasePath, migrations: MarketsSchema.migrations, logger: logger)
        let store = MarketsStore(database: database, settings: settings)
        let filing = CaseFiling(intake: IntakeClient(intake), store: store, logger: logger, clock: clock)
        let relay = OutboxRelay(
            database: database, table: MarketsSchema.outboxTable, batchSize: CaseFiling.batchSize, logger: logger,
            deliver: filing.deliver)
        let sweeper = ExpirySweeper(
            store: store, relay: relay, intervalMilliseconds: settings.sweepIntervalMilliseconds, logger: logger,
            clock: clock)
        let handler = MarketsHandler(
            store: store, streets: StreetDirectory(registry: RegistryClient(registry)), relay: relay, clock: clock)

        let router = RPCRouter()
        router.register(markets: handler)
        logger.info(
            "markets rules",
            ["violation_threshold": settings.violationThreshold, "violation_window_days": settings.violationWindowDays,
             "permit_term_days": settings.permitTermDays, "sweep_interval_ms": settings.sweepIntervalMilliseconds])
        return ServiceParts(
            router: router,
            onStart: {
                relay.start()
                sweeper.start()
            },
            onStop: {
                sweeper.stop()
                relay.stop()
                registry.close()
                intake.close()
                database.close()
            })
    }
}
