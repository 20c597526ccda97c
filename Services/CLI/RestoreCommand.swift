import Foundation
import JieluCore

/// `jielu restore DIR`: puts the databases of a `jielu backup` directory back
/// in place, on the host where the services run, while they are stopped.
///
/// The restore itself is done by each service's own binary
/// (`jielu-<service> --restore-from FILE`), because only that binary reads
/// its data directory (from the same configuration) and the schema versions
/// it supports. Steps:
/// 1. every selected file is checked against `manifest.json` (size, SHA-256);
/// 2. every service binary checks its backup (`--check-backup`): it opens a
///    scratch copy, migrates an older schema, rejects a newer one, runs
///    `quick_check`, and fails while the service is running;
/// 3. only when all checks pass, each binary restores its file; the previous
///    database is kept beside it as `<name>.before-restore-<time>`.
struct RestoreCommand: Subcommand {
    static let name = "restore"
    static let binDirectoryOption = "bin-dir"
    static let dataRootOption = "data-root"
    static let optionNames: Set<String> = [BackupTargets.optionName, binDirectoryOption, dataRootOption]
    /// The file the service binaries read their settings from when neither `--config`
    /// nor `JIELU_CONFIG` names another file.
    static let defaultConfigPath = "/etc/jielu/jielu.conf"
    static let usage = """
        用法：jielu restore [--services 服务列表] [--bin-dir 目录] [--config 文件 | --data-root 目录] 备份目录

        把 jielu backup 生成的备份恢复到本机各服务的数据目录。须在服务所在的主机上、以 root 身份、
        在服务停止后运行（systemctl stop jielu.target）。步骤：
          1. 按 manifest.json 核对每个文件的长度和 SHA-256；
          2. 由各服务自己的程序检查备份（jielu-<服务名> --check-backup）：数据结构版本比本机程序新的备份、
             损坏的备份、别的服务的备份都会被拒绝，服务仍在运行时也会拒绝；
          3. 全部检查通过后才逐个恢复（jielu-<服务名> --restore-from），原数据库改名保留为
             <文件名>.before-restore-<时间>。
        恢复后请启动服务：systemctl start jielu.target。

        选项：
          --services 服务列表   逗号分隔，例如 registry,intake；默认为备份中的全部服务（一台主机只跑部分服务时必须指定）
          --bin-dir 目录        jielu-<服务名> 程序所在目录，默认与 jielu 相同
          --config 文件         配置文件，各服务从中读取数据目录，默认 /etc/jielu/jielu.conf（环境变量 JIELU_CONFIG）
          --data-root 目录      各服务的数据目录为 目录/<服务名>，例如 make run 的 run-data；给出时不读配置文件中的 data-dir
        没有配置文件、也没有 --data-root 时拒绝恢复，以免恢复到当前目录下的 ./data。
        """

    var directory: String
    /// Services to restore; nil restores every service in the backup.
    var services: [String]?
    var binDirectory: String
    /// `--config` as given, passed on to the service binaries.
    var configPath: String?
    /// The environment the service binaries run with.
    var environment: [String: String]
    /// `--data-root`: each service's data directory is `<root>/<service>`.
    var dataRoot: String?

    init(parsing arguments: CommandArguments) throws {
        guard let directory = arguments.operands.first else {
            throw UsageError(message: "缺少备份目录", command: Self.name)
        }
        guard arguments.operands.count == 1 else {
            throw UsageError(message: "只能给出一个备份目录，多出了「\(arguments.operands[1])」", command: Self.name)
        }
        self.directory = directory
        services = arguments.value(BackupTargets.optionName) == nil
            ? nil : try BackupTargets.selected(arguments, command: Self.name)
        binDirectory = arguments.value(Self.binDirectoryOption) ?? Self.ownDirectory()
        configPath = arguments.values["config"]
        environment = arguments.environment
        dataRoot = arguments.value(Self.dataRootOption)
    }

    /// Checks that the service binaries will find their real data
    /// directories: from `--data-root`, `JIELU_DATA_DIR`, or a configuration
    /// file that exists. Without any of them a binary falls back to `./data`
    /// under the current directory, restores there, and its "service is
    /// running" check looks at a lock file that no running service holds.
    ///
    /// - Throws: `CommandFailure` `data_directory_unknown`.
    func checkDataDirectoriesKnown() throws {
        if dataRoot != nil || !(environment["JIELU_DATA_DIR"] ?? "").isEmpty {
            return
        }
        let configFile = configPath ?? environment["JIELU_CONFIG"] ?? Self.defaultConfigPath
        if !configFile.isEmpty && FileManager.default.fileExists(atPath: configFile) {
            return
        }
        let named = configFile.isEmpty ? "未指定配置文件（JIELU_CONFIG 为空）" : "配置文件 \(configFile) 不存在"
        throw CommandFailure(
            reason: "data_directory_unknown",
            message: "\(named)，无法确定各服务的数据目录；请用 --config 指定写有 data-dir 的配置文件，"
                + "或用 --data-root 指定数据根目录（例如 make run 的 run-data）。")
    }

    func run(console: Console) -> ExitStatus {
        do {
            try checkDataDirectoriesKnown()
            let manifest = try BackupManifest.read(from: directory)
            let entries = try selectedEntries(manifest)
            for entry in entries {
                for file in entry.files {
                    try verify(file, service: entry.service)
                }
            }
            console.print("备份文件核对无误（\(manifest.createdAt)，\(entries.count) 个服务）。")

            for entry in entries {
                for file in entry.files {
                    _ = try runServiceBinary(entry.service, mode: "--check-backup", file: file)
                }
            }
            console.print("各服务程序检查通过，开始恢复。")

            var restored: [String] = []
            for entry in entries {
                for file in entry.files {
                    do {
                        let output = try runServiceBinary(entry.service, mode: "--restore-from", file: file)
                        console.print(output.trimmingWhitespaceAndNewlines())
                    } catch {
                        if !restored.isEmpty {
                            console.printError("已恢复的服务：\(restored.joined(separator: "、"))；其余服务保持原状。")
                        }
                        throw error
                    }
                }
                restored.append("jielu-\(entry.service)")
            }
            console.print("恢复完成。请启动服务：systemctl start jielu.target")
            return .success
        } catch {
            console.printError(FailureReport.line(for: error))
            return .failure
        }
    }

    /// The manifest entries to restore, in manifest order.
    private func selectedEntries(_ manifest: BackupManifest) throws -> [BackupManifest.Service] {
        guard let services else {
            return manifest.services
        }
        for service in services where !manifest.services.contains(where: { $0.service == service }) {
            throw CommandFailure(reason: "invalid_backup", message: "备份 \(directory) 中没有服务 \(service) 的数据")
        }
        return manifest.services.filter { services.contains($0.service) }
    }

    private func path(of file: BackupManifest.File, service: String) -> String {
        directory + "/" + service + "/" + file.name
    }

    /// Checks a backup file's size and SHA-256 against the manifest.
    private func verify(_ file: BackupManifest.File, service: String) throws {
        let path = path(of: file, service: service)
        guard !file.name.contains("/"), let handle = FileHandle(forReadingAtPath: path) else {
            throw CommandFailure(reason: "invalid_backup", message: "备份文件 \(path) 不存在或不可读")
        }
        defer { try? handle.close() }
        var hasher = SHA256.Hasher()
        var size: UInt64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update([UInt8](chunk))
            size += UInt64(chunk.count)
        }
        let digest = SHA256.hex(hasher.finalize())
        guard size == file.sizeBytes, digest == file.sha256 else {
            throw CommandFailure(
                reason: "backup_corrupted", message: "备份文件 \(path) 与清单不符（长度或 SHA-256 不同），可能已损坏或被改动")
        }
    }

    /// Runs `jielu-<service> <mode> FILE` and returns its summary line.
    ///
    /// The binary writes log lines (`<6>jielu-… info …`) and one summary or
    /// error line (`jielu-<service>: …`) to one pipe; only the latter is shown.
    ///
    /// - Throws: `CommandFailure` with the binary's own message when it exits
    ///   with a non-zero status, or when it cannot be started.
    private func runServiceBinary(_ service: String, mode: String, file: BackupManifest.File) throws -> String {
        let executable = binDirectory + "/jielu-" + service
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        var arguments = [mode, path(of: file, service: service)]
        if let configPath {
            arguments += ["--config", configPath]
        }
        if let dataRoot {
            arguments += ["--data-dir", dataRoot + "/" + service]
        }
        process.arguments = arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            throw CommandFailure(
                reason: "service_binary_missing", message: "无法运行 \(executable)：\(error.localizedDescription)；可用 --bin-dir 指定目录")
        }
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        let lines = text.split(separator: "\n").map(String.init)
        let summary = lines.last { $0.hasPrefix("jielu-\(service): ") } ?? lines.last ?? "无输出"
        guard process.terminationStatus == 0 else {
            let step = mode == "--check-backup" ? "检查" : "恢复"
            throw CommandFailure(
                reason: mode == "--check-backup" ? "backup_rejected" : "restore_failed",
                message: "jielu-\(service) \(step)备份失败（退出码 \(process.terminationStatus)），数据库保持原状：\(summary)")
        }
        return summary
    }

    /// The directory of the running `jielu` executable.
    static func ownDirectory() -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return (executable as NSString).deletingLastPathComponent
    }
}
