#if canImport(Glibc)
import Glibc
#endif
import Foundation
import JieluCore

/// The `main` of `jielu-gateway`: read settings, serve HTTP until SIGTERM or
/// SIGINT, let requests in flight finish, close the backend connections and
/// exit 0. An invalid setting, or a listen address that cannot be bound,
/// exits with status 2 and a message naming the cause. Settings are listed
/// on `GatewayConfiguration`.
public enum GatewayService {
    public static let serviceName = "jielu-gateway"

    public static func run() -> Never {
        ProcessSignals.prepare()

        let configuration: GatewayConfiguration
        do {
            configuration = try GatewayConfiguration(try Configuration())
        } catch {
            exitWithStartupError("\(error)")
        }
        let logger = Logger(service: serviceName, level: configuration.logLevel)

        let server: GatewayServer
        do {
            server = try GatewayServer(configuration: configuration, logger: logger)
        } catch {
            logger.error("startup failed", ["error": error, "address": configuration.listen])
            exitWithStartupError("\(error)")
        }

        server.start()
        logger.info("listening", [
            "address": server.boundAddress, "pid": getpid(), "peer_registry": configuration.registry,
            "peer_intake": configuration.intake, "peer_dispatch": configuration.dispatch, "peer_metrics": configuration.metrics,
        ])

        let signal = ProcessSignals.waitForTermination()
        logger.info("termination signal received", ["signal": signal])
        server.shutdown()
        logger.info("exiting", [:])
        exit(0)
    }

    private static func exitWithStartupError(_ message: String) -> Never {
        FileHandle.standardError.write(Data("\(serviceName): \(message)\n".utf8))
        exit(2)
    }
}
