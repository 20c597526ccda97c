import IntakeService
import JieluRPC

ServiceHost.run(serviceName: "jielu-intake", defaultListen: "127.0.0.1:7102", setUp: IntakeService.makeParts)
