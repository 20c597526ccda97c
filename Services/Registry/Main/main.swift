import JieluRPC
import RegistryService

ServiceHost.run(serviceName: "jielu-registry", defaultListen: "127.0.0.1:7101", setUp: RegistryService.makeParts)
