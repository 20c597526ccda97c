import JieluCore
import JieluRPC

/// A command line that could not be understood; `message` is Simplified
/// Chinese and printed above the usage text.
struct UsageError: Error, Equatable, Sendable {
    let message: String
    /// The subcommand whose usage to print; nil for the overview.
    let command: String?
}

/// The words after a subcommand's name, split into `--name value` settings
/// and operands.
///
/// Every option takes a value, written `--name value` or `--name=value`.
/// A setting missing from the command line falls back to the environment
/// variable `JIELU_<NAME>` (`--peer-registry` → `JIELU_PEER_REGISTRY`), then
/// to the host's configuration file: the `[cli]` section, then the shared
/// settings before the first section.
struct CommandArguments: Equatable, Sendable {
    /// Options every subcommand accepts besides its own.
    static let commonOptionNames: Set<String> = ["config", MeshSecret.fileSetting, MeshSecret.valueSetting]
    /// The configuration file section the CLI reads.
    static let configurationSection = "cli"

    private(set) var values: [String: String] = [:]
    private(set) var operands: [String] = []
    let environment: [String: String]
    /// The configuration file in use: `--config`, `JIELU_CONFIG`, else
    /// `/etc/jielu/jielu.conf` when it exists; nil for none.
    private(set) var file: ConfigurationFile?

    /// - Throws: `UsageError` for an option not in `optionNames`, an option
    ///   without a value, an option given twice, or a configuration file
    ///   that is missing or does not parse.
    init(_ words: [String], command: String, optionNames: Set<String>, environment: [String: String]) throws {
        self.environment = environment
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("--"), word.count > 2 else {
                operands.append(word)
                continue
            }

            let body = word.dropFirst(2)
            let name: String
            let value: String
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                value = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
                guard optionNames.contains(name) else {
                    throw UsageError(message: "未知选项 --\(name)", command: command)
                }
                guard index < words.count, !words[index].hasPrefix("--") else {
                    throw UsageError(message: "选项 --\(name) 缺少取值", command: command)
                }
                value = words[index]
                index += 1
            }
            guard optionNames.contains(name) else {
                throw UsageError(message: "未知选项 --\(name)", command: command)
            }
            guard values[name] == nil else {
                throw UsageError(message: "选项 --\(name) 重复给出", command: command)
            }
            values[name] = value
        }

        do {
            file = try ConfigurationFile.load(explicitPath: values["config"] ?? environment["JIELU_CONFIG"])
        } catch {
            throw UsageError(message: "配置文件有误：\(error)", command: command)
        }
    }

    /// Returns the option's value, else its environment variable, else its
    /// value in the configuration file, else nil.
    func value(_ name: String) -> String? {
        if let value = values[name] ?? environment[Configuration.environmentName(name)] {
            return value
        }
        return file?.entry(name, section: CommandArguments.configurationSection)?.value
    }

    /// The mesh secret from `--mesh-secret-file` or `--mesh-secret` (or their
    /// environment variables or configuration file keys); nil when none is set.
    ///
    /// - Throws: `UsageError` when the file cannot be read, the secret is too
    ///   short, or both settings are given.
    func meshSecret(command: String) throws -> MeshSecret? {
        do {
            return try MeshSecret.resolve(file: value(MeshSecret.fileSetting), value: value(MeshSecret.valueSetting))
        } catch {
            throw UsageError(message: "网格密钥设置有误：\(error)", command: command)
        }
    }

    /// Parses a `HOST:PORT` setting, or `defaultAddress` when it is not given.
    ///
    /// - Throws: `UsageError` when the value is not an IPv4 address with a port.
    func address(_ name: String, default defaultAddress: String, command: String) throws -> SocketAddressText {
        let text = value(name) ?? defaultAddress
        guard let address = SocketAddressText(text) else {
            throw UsageError(
                message: "--\(name) 的取值「\(text)」无效，应为 IPv4 地址加端口，例如 127.0.0.1:7101", command: command)
        }
        return address
    }
}
