import JieluCore
import JieluRPC

/// The gateway's settings, read from flags and the environment.
///
/// Setting (flag / environment, default):
/// - `--listen` / `JIELU_LISTEN` (`127.0.0.1:8080`): HTTP address to listen on.
/// - `--peer-registry`, `--peer-intake`, `--peer-dispatch`, `--peer-metrics`,
///   `--peer-markets` / `JIELU_PEER_<NAME>` (`127.0.0.1:7101` … `7105`): the
///   backing services.
/// - `--max-body-bytes` (65536): largest request body accepted; larger gets 413.
/// - `--max-header-bytes` (16384): largest request line plus headers; larger gets 431.
/// - `--read-timeout-seconds` (10): time a client has to send a whole request.
/// - `--workers` (32): threads running request handlers.
/// - `--call-timeout-ms` (5000): deadline of each call to a backing service.
/// - `--log-level` (`info`): debug, info, warning or error.
/// - `--mesh-secret-file` or `--mesh-secret` (none): the mesh secret the
///   backend clients authenticate with; see `MeshSecret`.
///
/// Each setting can also be given in the `[gateway]` section of the
/// configuration file, or before the first section when it is shared.
public struct GatewayConfiguration: Sendable {
    public static let defaultListen = "127.0.0.1:8080"

    public var listen: SocketAddressText
    public var registry: SocketAddressText
    public var intake: SocketAddressText
    public var dispatch: SocketAddressText
    public var metrics: SocketAddressText
    public var markets: SocketAddressText
    public var maxBodyBytes: Int
    public var maxHeaderBytes: Int
    public var readTimeoutSeconds: Int
    public var workerThreads: Int
    /// Event loops that parse requests and serve the inline and deferred routes.
    public var loopCount = 2
    /// Deadline of one call to a backing service, in milliseconds.
    public var callTimeoutMilliseconds: Int
    public var logLevel: LogLevel
    /// Maximum reports in flight to intake without a worker thread; more queue
    /// for the workers. Intake allows 256 calls in flight per connection and
    /// rejects more with RESOURCE_EXHAUSTED, so the default stays below that.
    /// Not a flag; tests change it.
    public var startedReportLimit = 192
    /// How long a successful token check is reused; not a flag, tests shorten it.
    public var authenticationCacheSeconds: Double = 30
    /// The secret the backend clients prove in the mesh handshake; nil sends none.
    public var meshSecret: MeshSecret?

    /// Settings with every value given explicitly, for tests and embedding.
    public init(
        listen: SocketAddressText, registry: SocketAddressText, intake: SocketAddressText,
        dispatch: SocketAddressText, metrics: SocketAddressText,
        markets: SocketAddressText = SocketAddressText(host: "127.0.0.1", port: 7105), maxBodyBytes: Int = 65_536,
        maxHeaderBytes: Int = 16_384, readTimeoutSeconds: Int = 10, workerThreads: Int = 32,
        callTimeoutMilliseconds: Int = 5_000, logLevel: LogLevel = .info
    ) {
        self.listen = listen
        self.registry = registry
        self.intake = intake
        self.dispatch = dispatch
        self.metrics = metrics
        self.markets = markets
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.readTimeoutSeconds = readTimeoutSeconds
        self.workerThreads = workerThreads
        self.callTimeoutMilliseconds = callTimeoutMilliseconds
        self.logLevel = logLevel
    }

    /// Reads every setting from `configuration`.
    ///
    /// Throws `ConfigurationError` naming the first setting whose value is not
    /// an address, not an integer in range, or not a log level.
    public init(_ configuration: Configuration) throws {
        listen = try configuration.address("listen", default: GatewayConfiguration.defaultListen)
        registry = try configuration.address("peer-registry", default: "127.0.0.1:7101")
        intake = try configuration.address("peer-intake", default: "127.0.0.1:7102")
        dispatch = try configuration.address("peer-dispatch", default: "127.0.0.1:7103")
        metrics = try configuration.address("peer-metrics", default: "127.0.0.1:7104")
        markets = try configuration.address("peer-markets", default: "127.0.0.1:7105")
        maxBodyBytes = try configuration.integer("max-body-bytes", default: 65_536, range: 1_024...(16 << 20))
        maxHeaderBytes = try configuration.integer("max-header-bytes", default: 16_384, range: 1_024...(1 << 20))
        readTimeoutSeconds = try configuration.integer("read-timeout-seconds", default: 10, range: 1...600)
        workerThreads = try configuration.integer("workers", default: 32, range: 1...1_024)
        loopCount = try configuration.integer("loops", default: 2, range: 1...64)
        callTimeoutMilliseconds = try configuration.integer("call-timeout-ms", default: 5_000, range: 100...120_000)
        logLevel = try configuration.logLevel()
        meshSecret = try MeshSecret.load(from: configuration)
    }
}
