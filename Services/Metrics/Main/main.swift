import JieluRPC
import MetricsService

ServiceHost.run(serviceName: "jielu-metrics", defaultListen: "127.0.0.1:7104", setUp: MetricsService.makeParts)
