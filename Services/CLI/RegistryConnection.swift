import JieluContract
import JieluCore
import JieluRPC

/// A registry client for one CLI command.
enum RegistryConnection {
    /// Option name of the registry address.
    static let optionName = "peer-registry"

    static func client(address: SocketAddressText, meshSecret: MeshSecret? = nil) -> RegistryClient {
        RegistryClient(
            RPCClient(
                address: address, serviceName: "jielu-registry", options: RPCClientOptions(meshSecret: meshSecret),
                logger: Logger(service: "jielu", level: .error)))
    }
}
