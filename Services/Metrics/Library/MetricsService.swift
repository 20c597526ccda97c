import JieluContract
import JieluCore
import JieluRPC
import JieluStore

/// Set-up of the `jielu-metrics` process: case events in, closure
/// indicators out. It calls no other service.
public enum MetricsService {
    public static let databaseFileName = "metrics.sqlite"
    /// The statement that rebuilds `place_counts` from `case_facts` (on an
    /// empty table), for tools that write facts straight into the file.
    public static let placeCountsRecountSQL = MetricsSchema.placeCountsRecount

    /// Opens `<data-dir>/metrics.sqlite` and registers the metrics methods.
    ///
    /// - Throws: `StoreError` when the database cannot be opened or migrated.
    public static func makeParts(_ environment: ServiceEnvironment) throws -> ServiceParts {
        try makeParts(
            databasePath: environment.dataDirectory + "/" + databaseFileName, logger: environment.logger)
    }

    /// `makeParts(_:)` with the database path given directly, for tests and tools.
    public static func makeParts(databasePath: String, logger: Logger) throws -> ServiceParts {
        let database = try Database(path: databasePath, migrations: MetricsSchema.migrations, logger: logger)
        let router = RPCRouter()
        router.register(metrics: MetricsHandler(store: MetricsStore(database: database), logger: logger))
        return ServiceParts(router: router, onStop: { database.close() })
    }
}
