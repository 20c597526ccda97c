import DispatchService
import JieluRPC

ServiceHost.run(serviceName: "jielu-dispatch", defaultListen: "127.0.0.1:7103", setUp: DispatchService.makeParts)
