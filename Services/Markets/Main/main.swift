import JieluRPC
import MarketsService

ServiceHost.run(serviceName: "jielu-markets", defaultListen: "127.0.0.1:7105", setUp: MarketsService.makeParts)
