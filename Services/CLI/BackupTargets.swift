import Foundation
import JieluCore

/// The services `jielu backup` and `jielu restore` work on, and the
/// `--services` option that narrows them.
enum BackupTargets {
    /// Every service with a database, with its default address, in backup
    /// order: a service that sends records through its outbox comes before
    /// the one that receives them (markets → intake → dispatch → metrics).
    /// So each receiver's copy is newer than its senders' copies, and after a
    /// restore nothing a sender counts as delivered is missing at the receiver.
    static let services: [(name: String, defaultAddress: String)] = [
        ("registry", "127.0.0.1:7101"),
        ("markets", "127.0.0.1:7105"),
        ("intake", "127.0.0.1:7102"),
        ("dispatch", "127.0.0.1:7103"),
        ("metrics", "127.0.0.1:7104"),
    ]

    static let optionName = "services"

    /// Option names of the service addresses: `peer-registry` … `peer-markets`.
    static var addressOptionNames: Set<String> { Set(services.map { "peer-\($0.name)" }) }

    /// The services named by `--services a,b` (or `JIELU_SERVICES`), in the
    /// order of `services` whatever the order given; all of them when the
    /// option is absent.
    ///
    /// - Throws: `UsageError` for an unknown or repeated name, or an empty list.
    static func selected(_ arguments: CommandArguments, command: String) throws -> [String] {
        guard let text = arguments.value(optionName) else {
            return services.map(\.name)
        }
        let names = text.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        guard !names.isEmpty else {
            throw UsageError(message: "--services 的取值为空，应为逗号分隔的服务名，例如 registry,intake", command: command)
        }
        let known = services.map(\.name)
        for name in names where !known.contains(name) {
            throw UsageError(
                message: "--services 中的服务名「\(name)」无效，应为 \(known.joined(separator: "、")) 之一", command: command)
        }
        guard Set(names).count == names.count else {
            throw UsageError(message: "--services 中有重复的服务名：\(text)", command: command)
        }
        return known.filter { names.contains($0) }
    }

    /// The address of service `name` from `--peer-<name>`, its environment
    /// variable or the configuration file, else its default.
    static func address(of name: String, _ arguments: CommandArguments, command: String) throws -> SocketAddressText {
        let defaultAddress = services.first { $0.name == name }?.defaultAddress ?? "127.0.0.1:0"
        return try arguments.address("peer-\(name)", default: defaultAddress, command: command)
    }
}
