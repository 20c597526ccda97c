import Foundation
import JieluCore
import JieluNet

/// What a service's set-up code gets from the host: its settings, logger,
/// data directory and clients for its peers.
public struct ServiceEnvironment: Sendable {
    public let serviceName: String
    public let configuration: Configuration
    public let logger: Logger
    /// Directory for the service's SQLite file; created if missing.
    public let dataDirectory: String
    /// The mesh secret that peer clients authenticate with; nil when none is configured.
    public let meshSecret: MeshSecret?

    public init(
        serviceName: String, configuration: Configuration, logger: Logger, dataDirectory: String,
        meshSecret: MeshSecret? = nil
    ) {
        self.serviceName = serviceName
        self.configuration = configuration
        self.logger = logger
        self.dataDirectory = dataDirectory
        self.meshSecret = meshSecret
    }

    /// Returns a client for peer `name` ("registry", "dispatch", …), addressed by the
    /// setting `peer-<name>` (`JIELU_PEER_<NAME>`), default `defaultAddress`.
    /// It authenticates with the mesh secret when one is configured.
    public func peer(_ name: String, defaultAddress: String) throws -> RPCClient {
        let address = try configuration.address("peer-\(name)", default: defaultAddress)
        return RPCClient(
            address: address, serviceName: "jielu-\(name)", options: RPCClientOptions(meshSecret: meshSecret), logger: logger)
    }
}

/// What a service hands back to the host: its RPC methods and the
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
/// Settings (flag / environment / key in the service's section of the
/// configuration file, default): `--listen` (`defaultListen`), `--data-dir`
/// (`./data`), `--log-level` (`info`), `--loops` (2), `--workers` (16),
/// `--max-frame-bytes` (4194304), `--drain-timeout-seconds` (10),
/// `--mesh-secret-file` or `--mesh-secret` (none: connections are not
/// authenticated), `--config` (`/etc/jielu/jielu.conf` when it exists).
///
/// Under systemd (`Type=notify`) the host sends READY=1 once the database is
/// open and the socket listens, STOPPING=1 when a termination signal starts
/// the drain, STATUS= lines, and WATCHDOG=1 while a self-check passes when
/// `WatchdogSec=` is set.
///
/// Besides the service's own methods it serves `jielu.admin.v1.Admin` (online
/// backup of its databases) and `jielu.health.v1.Health`. With
/// `--restore-from FILE` or `--check-backup FILE` it restores or checks a
/// backup instead of serving (see `ServiceHost+Restore.swift`).
///
/// Exit status: 0 after a clean drain; 2 when start-up fails (an invalid
/// setting, a database newer than this binary, an address in use, the
/// service already running), with a message naming the cause on stderr.
public enum ServiceHost {
    /// Exit status of a failed start. The systemd units list it in
    /// `RestartPreventExitStatus=`, because restarting cannot fix it.
    public static let startupFailureStatus = StartupFailure.exitStatus

    public static func run(
        serviceName: String, defaultListen: String,
        setUp: (ServiceEnvironment) throws -> ServiceParts
    ) -> Never {
        ProcessSignals.prepare()
        let notifier = SystemdNotifier()

        let configuration: Configuration
        let logger: Logger
        let serverConfiguration: RPCServerConfiguration
        let dataDirectory: String
        let meshSecret: MeshSecret?
        do {
            configuration = try Configuration(section: section(of: serviceName))
            logger = Logger(service: serviceName, level: try configuration.logLevel())
            dataDirectory = configuration.string("data-dir", default: "./data")
            meshSecret = try MeshSecret.load(from: configuration)
            serverConfiguration = RPCServerConfiguration(
                address: try configuration.address("listen", default: defaultListen),
                loopCount: try configuration.integer("loops", default: 2, range: 1...64),
                workerThreads: try configuration.integer("workers", default: 16, range: 1...1024),
                maxFrameBytes: try configuration.integer("max-frame-bytes", default: Framing.defaultMaxFrameBytes, range: 1024...(64 << 20)),
                drainTimeoutSeconds: Double(try configuration.integer("drain-timeout-seconds", default: 10, range: 1...600)),
                meshSecret: meshSecret)
        } catch {
            exitWithStartupError(serviceName, "\(error)", notifier: notifier)
        }

        let environment = ServiceEnvironment(
            serviceName: serviceName, configuration: configuration, logger: logger, dataDirectory: dataDirectory,
            meshSecret: meshSecret)
        let restoreRequest = RestoreMode.request(in: configuration)

        // The lock comes first in every mode: a restore must not run beside the service.
        let lock: DataDirectoryLock
        do {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
            lock = try DataDirectoryLock(directory: dataDirectory, serviceName: serviceName)
        } catch {
            if restoreRequest != nil {
                exitWithRestoreFailure(serviceName, "\(error); stop the service first (systemctl stop \(serviceName))")
            }
            exitWithStartupError(serviceName, "\(error)", notifier: notifier)
        }
        if let (mode, source) = restoreRequest {
            runRestore(mode, source: source, lock: lock, environment: environment, setUp: setUp)
        }

        let parts: ServiceParts
        let server: RPCServer
        do {
            parts = try setUp(environment)
            do {
                try configuration.checkSectionSettingsUsed(program: serviceName)
                let backup = AdminBackup(serviceName: serviceName, dataDirectory: dataDirectory, logger: logger)
                backup.register(in: parts.router)
                backup.removeStaleSnapshots()
                server = try RPCServer(
                    serviceName: serviceName, configuration: serverConfiguration, router: parts.router, logger: logger)
            } catch {
                parts.onStop()
                throw error
            }
        } catch {
            logger.error("startup failed", ["error": error])
            exitWithStartupError(serviceName, "\(error)", notifier: notifier)
        }

        logger.info("starting", [
            "data_dir": dataDirectory, "pid": getpid(), "mesh_authentication": meshSecret == nil ? "off" : "on",
            "config": configuration.file?.path ?? "none",
        ])
        server.start()
        parts.onStart()
        notifier.ready(status: "serving on \(server.boundAddress)")
        let probe = startWatchdog(notifier, server: server, serviceName: serviceName, meshSecret: meshSecret, logger: logger)

        let signal = ProcessSignals.waitForTermination()
        logger.info("termination signal received", ["signal": signal])
        notifier.stopWatchdog()
        notifier.stopping(status: "draining calls in flight")
        server.drain()
        probe?.close()
        parts.onStop()
        lock.release()
        logger.info("exiting", [:])
        exit(0)
    }

    /// Returns the configuration file section of a service: "jielu-registry" → "registry".
    static func section(of serviceName: String) -> String {
        serviceName.hasPrefix("jielu-") ? String(serviceName.dropFirst("jielu-".count)) : serviceName
    }

    /// Starts the systemd watchdog when `WatchdogSec=` is set; returns the
    /// self-check it runs, or nil without a watchdog.
    private static func startWatchdog(
        _ notifier: SystemdNotifier, server: RPCServer, serviceName: String, meshSecret: MeshSecret?, logger: Logger
    ) -> WatchdogProbe? {
        guard notifier.isEnabled, let interval = notifier.watchdogIntervalSeconds else {
            return nil
        }
        let probe = WatchdogProbe(
            address: server.boundAddress, serviceName: serviceName, meshSecret: meshSecret,
            timeoutSeconds: min(max(interval / 2, 0.05), 5), logger: logger)
        notifier.startWatchdog {
            let healthy = probe.isHealthy()
            if !healthy {
                logger.warning("watchdog self-check failed, skipping WATCHDOG=1", ["address": server.boundAddress])
            }
            return healthy
        }
        logger.info("systemd watchdog enabled", ["interval_s": interval])
        return probe
    }

    static func exitWithStartupError(_ serviceName: String, _ message: String, notifier: SystemdNotifier) -> Never {
        StartupFailure.exit(serviceName, message, notifier: notifier)
    }
}
