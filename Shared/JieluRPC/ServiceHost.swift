import Foundation
import JieluCore
import JieluNet

/// The context a service's set-up code receives from the host: its settings,
/// logger, data directory and clients for its peers.
public struct ServiceEnvironment: Sendable {
    public let serviceName: String
    public let configuration: Configuration
    public let logger: Logger
    /// Directory for the service's SQLite file; created if missing.
    public let dataDirectory: String

    /// Creates a client for peer `name` ("registry", "dispatch", …), addressed by the
    /// setting `peer-<name>` (`JIELU_PEER_<NAME>`), default `defaultAddress`.
    public func peer(_ name: String, defaultAddress: String) throws -> RPCClient {
        let address = try configuration.address("peer-\(name)", default: defaultAddress)
        return RPCClient(address: address, serviceName: "jielu-\(name)", logger: logger)
    }
}

/// The pieces a service returns to the host: its RPC methods and the
/// background work (relays) that must stop before the process exits.
public struct ServiceParts: Sendable {
    public var router: RPCRouter
    /// Called once the server listens.
    public var onStart: @Sendable () -> Void
    /// Called after calls in flight have drained; stops background work and
    /// closes databases.
    public var onStop: @Sendable () -> Void

    public init(router: RPCRouter, onStart: @escaping @Sendable () -> Void = {}, onStop: @escaping @Sendable () -> Void = {}) {
        self.router = router
        self.onStart = onStart
        self.onStop = onStop
    }
}

/// The common `main` of every Jielu service: read settings, open storage,
/// serve RPC until SIGTERM or SIGINT, drain, exit 0.
///
/// Settings (flag / environment, default): `--listen` / `JIELU_LISTEN`
/// (`defaultListen`), `--data-dir` / `JIELU_DATA_DIR` (`./data`),
/// `--log-level` / `JIELU_LOG_LEVEL` (`info`), `--workers` /
/// `JIELU_WORKERS` (16), `--max-frame-bytes` (4194304). An invalid setting
/// exits with status 2 and a message naming it.
public enum ServiceHost {
    public static func run(
        serviceName: String, defaultListen: String,
        setUp: (ServiceEnvironment) throws -> ServiceParts
    ) -> Never {
        ProcessSignals.prepare()

        let configuration: Configuration
        let logger: Logger
        let serverConfiguration: RPCServerConfiguration
        let dataDirectory: String
        do {
            configuration = try Configuration()
            logger = Logger(service: serviceName, level: try configuration.logLevel())
            dataDirectory = configuration.string("data-dir", default: "./data")
            serverConfiguration = RPCServerConfiguration(
                address: try configuration.address("listen", default: defaultListen),
                loopCount: try configuration.integer("loops", default: 2, range: 1...64),
                workerThreads: try configuration.integer("workers", default: 16, range: 1...1024),
                maxFrameBytes: try configuration.integer("max-frame-bytes", default: Framing.defaultMaxFrameBytes, range: 1024...(64 << 20)))
        } catch {
            exitWithStartupError(serviceName, "\(error)")
        }

        let environment = ServiceEnvironment(
            serviceName: serviceName, configuration: configuration, logger: logger, dataDirectory: dataDirectory)
        let parts: ServiceParts
        let server: RPCServer
        do {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
            parts = try setUp(environment)
            server = try RPCServer(
                serviceName: serviceName, configuration: serverConfiguration, router: parts.router, logger: logger)
        } catch {
            logger.error("startup failed", ["error": error])
            exitWithStartupError(serviceName, "\(error)")
        }

        logger.info("starting", ["data_dir": dataDirectory, "pid": getpid()])
        server.start()
        parts.onStart()

        let signal = ProcessSignals.waitForTermination()
        logger.info("termination signal received", ["signal": signal])
        server.drain()
        parts.onStop()
        logger.info("exiting", [:])
        exit(0)
    }

    private static func exitWithStartupError(_ serviceName: String, _ message: String) -> Never {
        FileHandle.standardError.write(Data("\(serviceName): \(message)\n".utf8))
        exit(2)
    }
}
