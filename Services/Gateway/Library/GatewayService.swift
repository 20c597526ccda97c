#if canImport(Glibc)
import Glibc
#endif
import Foundation
import JieluCore

/// The `main` of `jielu-gateway`: read settings, serve HTTP until SIGTERM or
/// SIGINT, let requests in flight finish, close the backend connections and
/// exit 0. An invalid setting, or a listen address that cannot be bound,
/// exits with status 2 and a message naming the cause. Settings are listed
/// on `GatewayConfiguration`; the configuration file section is `[gateway]`.
///
/// Under systemd (`Type=notify`) it sends READY=1 once it listens,
/// STOPPING=1 when a termination signal arrives, and WATCHDOG=1 while its
/// own `GET /healthz` gets any response.
public enum GatewayService {
    public static let serviceName = "jielu-gateway"

    public static func run() -> Never {
        ProcessSignals.prepare()
        let notifier = SystemdNotifier()

        let configuration: GatewayConfiguration
        do {
            let settings = try Configuration(section: "gateway")
            configuration = try GatewayConfiguration(settings)
            try settings.checkSectionSettingsUsed(program: serviceName)
        } catch {
            exitWithStartupError("\(error)", notifier: notifier)
        }
        let logger = Logger(service: serviceName, level: configuration.logLevel)

        let server: GatewayServer
        do {
            server = try GatewayServer(configuration: configuration, logger: logger)
        } catch {
            logger.error("startup failed", ["error": error, "address": configuration.listen])
            exitWithStartupError("\(error)", notifier: notifier)
        }

        server.start()
        notifier.ready(status: "serving HTTP on \(server.boundAddress)")
        if let interval = notifier.watchdogIntervalSeconds {
            let probe = GatewayWatchdogProbe(address: server.boundAddress, timeoutSeconds: min(max(interval / 2, 0.05), 5))
            notifier.startWatchdog { probe.isHealthy() }
        }
        logger.info("listening", [
            "address": server.boundAddress, "pid": getpid(), "peer_registry": configuration.registry,
            "peer_intake": configuration.intake, "peer_dispatch": configuration.dispatch, "peer_metrics": configuration.metrics,
            "peer_markets": configuration.markets,
        ])

        let signal = ProcessSignals.waitForTermination()
        logger.info("termination signal received", ["signal": signal])
        notifier.stopWatchdog()
        notifier.stopping(status: "finishing requests in flight")
        server.shutdown()
        logger.info("exiting", [:])
        exit(0)
    }

    private static func exitWithStartupError(_ message: String, notifier: SystemdNotifier) -> Never {
        StartupFailure.exit(serviceName, message, notifier: notifier)
    }
}
