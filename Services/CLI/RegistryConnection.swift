import JieluContract
import JieluCore
import JieluRPC

/// A registry client for one CLI command.
enum RegistryConnection {
    /// Option name of the registry address.
    static let optionName = "peer-registry"

    static func client(address: SocketAddressText) -> RegistryClient {
        RegistryClient(
            RPCClient(address: address, serviceName: "jielu-registry", logger: Logger(service: "jielu", level: .error)))
    }
}
