import Foundation
import JieluCore
import JieluRPC

/// `jielu backup DIR`: an online copy of every service's databases.
///
/// Each service writes a snapshot with SQLite's online backup API through
/// `Admin/CreateBackup` (calls go on meanwhile), the CLI reads it in 1 MiB
/// pieces with `Admin/ReadBackupFile`, checks size and SHA-256, and calls the
/// service to delete the snapshot. Because this goes over RPC, it works for
/// services on other hosts and under a systemd sandbox that keeps other
/// users out of the data directories. Each service's copy is consistent in
/// itself; copies of different services are taken one after another, not at
/// one instant, in the order of `BackupTargets.services`.
struct BackupCommand: Subcommand {
    static let name = "backup"
    static let optionNames: Set<String> = BackupTargets.addressOptionNames.union([BackupTargets.optionName])
    static let usage = """
        用法：jielu backup [--services 服务列表] [--peer-<服务名> 地址] [--mesh-secret-file 文件] 目录

        在线备份各服务的 SQLite 数据库（服务不停机，备份期间照常受理）。每个服务先用 SQLite 在线备份接口
        在自己的数据目录中生成一致的快照，本命令再经 RPC 分块取回、核对 SHA-256，然后删除服务端快照。
        结果写入「目录」：每个服务一个子目录，外加清单 manifest.json（最后写入，没有清单的目录是未完成的备份）。
        目录必须不存在或为空。

        选项：
          --services 服务列表       逗号分隔，例如 registry,intake；默认全部：registry、markets、intake、dispatch、metrics
          --peer-<服务名> 地址      服务地址，默认 127.0.0.1:7101～7105（环境变量 JIELU_PEER_<服务名>，或配置文件）
          --mesh-secret-file 文件   网格密钥文件，服务配置了网格密钥时必需（或配置文件中的 mesh-secret-file）
          --config 文件             配置文件，默认 /etc/jielu/jielu.conf（环境变量 JIELU_CONFIG）
        """

    static let snapshotDeadlineSeconds = 600.0
    static let chunkDeadlineSeconds = 60.0

    /// A service to back up.
    struct Target: Equatable, Sendable {
        var service: String
        var address: SocketAddressText
    }

    var directory: String
    var targets: [Target]
    var meshSecret: MeshSecret?

    init(parsing arguments: CommandArguments) throws {
        guard let directory = arguments.operands.first else {
            throw UsageError(message: "缺少备份目录", command: Self.name)
        }
        guard arguments.operands.count == 1 else {
            throw UsageError(message: "只能给出一个备份目录，多出了「\(arguments.operands[1])」", command: Self.name)
        }
        self.directory = directory
        targets = try BackupTargets.selected(arguments, command: Self.name).map { service in
            Target(service: service, address: try BackupTargets.address(of: service, arguments, command: Self.name))
        }
        meshSecret = try arguments.meshSecret(command: Self.name)
    }

    func run(console: Console) -> ExitStatus {
        do {
            try prepareDirectory()
        } catch {
            // Nothing was written, and an existing directory is not this run's to judge.
            console.printError(FailureReport.line(for: error))
            return .failure
        }
        do {
            var services: [BackupManifest.Service] = []
            for target in targets {
                console.print("正在备份 jielu-\(target.service)（\(target.address)）…")
                let copied = try backUp(target)
                for file in copied.files {
                    console.print("  \(file.name)  \(file.sizeBytes) 字节  数据结构版本 \(file.schemaVersion)")
                }
                services.append(copied)
            }
            let manifest = BackupManifest(
                format: BackupManifest.currentFormat, createdAt: WallClock.iso8601(WallClock.nowMilliseconds()),
                services: services)
            try manifest.write(to: directory)
            console.print("备份完成：\(services.count) 个服务，\(services.reduce(0) { $0 + $1.files.count }) 个文件，目录 \(directory)")
            return .success
        } catch {
            console.printError(FailureReport.line(for: error))
            console.printError("备份未完成：目录 \(directory) 中没有清单 manifest.json，jielu restore 不会使用它。")
            return .failure
        }
    }

    /// Creates the directory with mode 0700, or accepts an existing empty one.
    private func prepareDirectory() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            guard isDirectory.boolValue else {
                throw CommandFailure(
                    reason: "backup_directory_not_empty", message: "备份目录 \(directory) 已存在，但不是目录，请换一个新目录")
            }
            guard entries.isEmpty else {
                throw CommandFailure(reason: "backup_directory_not_empty", message: "备份目录 \(directory) 已存在且不为空，请换一个新目录")
            }
            // An existing empty directory gets the same mode as one this command creates.
            try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory)
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CommandFailure(reason: "backup_write_failed", message: "无法创建备份目录 \(directory)：\(error.localizedDescription)")
        }
    }

    /// Takes, copies and deletes one service's snapshot.
    private func backUp(_ target: Target) throws -> BackupManifest.Service {
        let rpc = RPCClient(
            address: target.address, serviceName: "jielu-\(target.service)",
            options: RPCClientOptions(connectTimeoutSeconds: 5, meshSecret: meshSecret),
            logger: Logger(service: "jielu", level: .error))
        defer { rpc.close() }

        let snapshot = try rpc.call(
            AdminMethods.createBackup, Admin.CreateBackupRequest(), as: Admin.CreateBackupResponse.self,
            options: CallOptions(deadline: .after(seconds: Self.snapshotDeadlineSeconds)), idempotent: false)
        defer {
            _ = try? rpc.call(
                AdminMethods.deleteBackup, Admin.DeleteBackupRequest(backupID: snapshot.backupID),
                as: Admin.DeleteBackupResponse.self, options: CallOptions(deadline: .after(seconds: 10)), idempotent: true)
        }

        let serviceDirectory = directory + "/" + target.service
        try FileManager.default.createDirectory(
            atPath: serviceDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var files: [BackupManifest.File] = []
        for file in snapshot.files {
            try download(file, backupID: snapshot.backupID, from: rpc, into: serviceDirectory, service: target.service)
            files.append(
                BackupManifest.File(
                    name: file.name, sizeBytes: file.sizeBytes, sha256: file.sha256, schemaVersion: file.schemaVersion))
        }
        return BackupManifest.Service(
            service: target.service, address: target.address.description,
            takenAt: WallClock.iso8601(snapshot.takenAtMilliseconds), files: files)
    }

    /// Copies one snapshot file to `<directory>/<name>`, checking its size and digest.
    private func download(
        _ file: Admin.BackupFile, backupID: String, from rpc: RPCClient, into directory: String, service: String
    ) throws {
        guard !file.name.isEmpty, !file.name.contains("/"), !file.name.hasPrefix(".") else {
            throw CommandFailure(reason: "invalid_backup", message: "服务 jielu-\(service) 返回了无效的文件名「\(file.name)」")
        }
        let path = directory + "/" + file.name
        let partial = path + ".partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: partial)
        else {
            throw CommandFailure(reason: "backup_write_failed", message: "无法写入 \(partial)")
        }
        defer { try? FileManager.default.removeItem(atPath: partial) }

        var hasher = SHA256.Hasher()
        var offset: UInt64 = 0
        while true {
            let chunk = try rpc.call(
                AdminMethods.readBackupFile,
                Admin.ReadBackupFileRequest(backupID: backupID, name: file.name, offset: offset),
                as: Admin.ReadBackupFileResponse.self,
                options: CallOptions(deadline: .after(seconds: Self.chunkDeadlineSeconds)), idempotent: true)
            try handle.write(contentsOf: chunk.data)
            hasher.update(chunk.data)
            offset += UInt64(chunk.data.count)
            if chunk.endOfFile || chunk.data.isEmpty {
                break
            }
        }
        try handle.synchronize()
        try handle.close()

        let digest = SHA256.hex(hasher.finalize())
        guard offset == file.sizeBytes, digest == file.sha256 else {
            throw CommandFailure(
                reason: "backup_corrupted",
                message: "从 jielu-\(service) 取回的 \(file.name) 与快照不符（长度 \(offset)/\(file.sizeBytes)，"
                    + "SHA-256 \(digest.prefix(12))…/\(file.sha256.prefix(12))…），请重新备份")
        }
        try FileManager.default.moveItem(atPath: partial, toPath: path)
    }
}
