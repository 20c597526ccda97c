import JieluContract
import JieluCore
import JieluRPC
import JieluStore

/// Set-up of the `jielu-registry` process.
///
/// Settings besides the host's: `--bootstrap-admin-token` /
/// `JIELU_BOOTSTRAP_ADMIN_TOKEN` (optional, at least 16 characters): an
/// admin token stored (as its hash) at start unless it is stored already, so
/// a fresh installation has a first admin.
public enum RegistryService {
    public static let databaseFileName = "registry.sqlite"
    public static let bootstrapTokenSetting = "bootstrap-admin-token"
    public static let minimumBootstrapTokenLength = 16

    /// Opens `<data-dir>/registry.sqlite`, stores the bootstrap token and
    /// registers the registry methods.
    ///
    /// - Throws: `ConfigurationError` for a bootstrap token shorter than 16
    ///   characters, checked before the database is opened. `StoreError`
    ///   when the database cannot be opened or migrated.
    public static func makeParts(_ environment: ServiceEnvironment) throws -> ServiceParts {
        let bootstrapToken = try bootstrapAdminToken(environment.configuration)

        let database = try Database(
            path: environment.dataDirectory + "/" + databaseFileName, migrations: RegistrySchema.migrations,
            logger: environment.logger)
        if let bootstrapToken {
            try storeBootstrapToken(bootstrapToken, database: database, logger: environment.logger)
        }

        let router = RPCRouter()
        router.register(registry: RegistryHandler(database: database, logger: environment.logger))
        return ServiceParts(router: router, onStop: { database.close() })
    }

    /// Reads the bootstrap admin token setting. Returns nil when it is unset or empty.
    ///
    /// - Throws: `ConfigurationError` naming the setting when the token is
    ///   shorter than `minimumBootstrapTokenLength`. The value is not echoed.
    static func bootstrapAdminToken(_ configuration: Configuration) throws -> String? {
        guard let token = configuration.string(bootstrapTokenSetting), !token.isEmpty else {
            return nil
        }
        guard token.count >= minimumBootstrapTokenLength else {
            throw ConfigurationError(
                setting: bootstrapTokenSetting,
                message: "the token has \(token.count) characters; use at least \(minimumBootstrapTokenLength) "
                    + "random characters (for example the output of `openssl rand -hex 24`)")
        }
        return token
    }

    /// Stores `token` as an admin token unless its hash is stored already.
    static func storeBootstrapToken(_ token: String, database: Database, logger: Logger) throws {
        let tokens = TokenStore(database: database)
        if let tokenID = try tokens.storeBootstrapAdmin(token: token, nowMilliseconds: WallClock.nowMilliseconds()) {
            logger.info("bootstrap admin token stored", ["token_id": tokenID])
        } else {
            logger.debug("bootstrap admin token already stored", [:])
        }
    }
}
