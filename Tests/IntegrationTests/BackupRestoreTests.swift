import Foundation
import JieluContract
import JieluCore
import JieluRPC
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `jielu backup` against a running mesh and `jielu restore` through the
/// service binaries, with the databases checked by starting services on
/// the restored files.
@Suite("Backup and restore", .serialized)
struct BackupRestoreTests {
    static let rpcServices = "registry,intake,dispatch,metrics"

    @Test func backupDuringWritesRestoresEveryCommittedCase() throws {
        let mesh = try Mesh.started(without: ["markets"])
        defer { mesh.stop() }
        let writer = ReportWriter(intake: IntakeClient(mesh.rpc("intake")), board: try DistrictFixture.load().street(4).board)
        writer.start()
        defer { writer.stop() }
        try #require(writer.waitForCommitted(20, seconds: 30), "the writer committed too few reports: \(writer.failures)")

        let committedBefore = writer.committedCaseIDs
        let backupDirectory = mesh.directory.appendingPathComponent("backup").path
        let backup = try mesh.runCLI(["backup", "--services", Self.rpcServices, backupDirectory])
        let committedDuring = writer.committedCaseIDs.count - committedBefore.count
        writer.stop()
        try #require(backup.status == 0, "\(backup.text)")
        #expect(committedDuring > 0, "no report was committed while the backup ran")
        #expect(FileManager.default.fileExists(atPath: backupDirectory + "/manifest.json"))
        #expect(FileManager.default.fileExists(atPath: backupDirectory + "/intake/intake.sqlite"))

        // The snapshots on the services' side are gone once copied.
        let snapshots = (try? FileManager.default.contentsOfDirectory(
            atPath: mesh.directory.appendingPathComponent("intake/backups").path)) ?? []
        #expect(snapshots.isEmpty, "snapshot left behind: \(snapshots)")

        let restoredRoot = mesh.directory.appendingPathComponent("restored").path
        let config = try Self.writeConfig(dataRoot: restoredRoot, in: mesh.directory.path)
        let restore = try Self.restore(backupDirectory, config: config)
        try #require(restore.status == 0, "\(restore.output)")
        #expect(restore.output.contains("恢复完成"))
        for service in ["registry", "intake", "dispatch", "metrics"] {
            #expect(FileManager.default.fileExists(atPath: "\(restoredRoot)/\(service)/\(service).sqlite"))
        }

        // A service started on the restored file holds every report committed before the backup.
        let intake = try RestoredService("intake", config: config, logDirectory: mesh.directory.path)
        defer { intake.process.stop() }
        let client = IntakeClient(intake.client)
        var missing: [String] = []
        for caseID in committedBefore {
            if (try? client.getReport(.init(caseID: caseID), options: CallOptions(deadline: .after(seconds: 5)))) == nil {
                missing.append(caseID)
            }
        }
        #expect(missing.isEmpty, "\(missing.count) of \(committedBefore.count) committed reports missing: \(missing.prefix(5))")

        // The restored registry opens and still routes the district's boards.
        let registry = try RestoredService("registry", config: config, logDirectory: mesh.directory.path)
        defer { registry.process.stop() }
        let board = try DistrictFixture.load().street(4).board
        let found = try? RegistryClient(registry.client).getBoard(.init(boardCode: board), options: CallOptions(deadline: .after(seconds: 5)))
        #expect(found != nil, "restored registry does not know board \(board)")
    }

    @Test func restoreRefusesWhileTheServiceRuns() throws {
        let mesh = try Mesh.started(without: ["markets", "gateway"])
        defer { mesh.stop() }
        let backupDirectory = mesh.directory.appendingPathComponent("backup").path
        try #require(try mesh.runCLI(["backup", "--services", "registry", backupDirectory]).status == 0)

        // The configuration points at the live data directory of the running registry.
        let config = try Self.writeConfig(dataRoot: mesh.directory.path, in: mesh.directory.path)
        let restore = try Self.restore(backupDirectory, config: config)
        #expect(restore.status == 1)
        #expect(restore.output.contains("stop the service first"), "\(restore.output)")
        #expect(mesh.isRunning("registry"))
        let aside = try FileManager.default.contentsOfDirectory(atPath: mesh.directory.appendingPathComponent("registry").path)
            .filter { $0.contains("before-restore") }
        #expect(aside.isEmpty, "the running service's database was moved: \(aside)")
    }

    @Test func backupRefusesAnUnusableTargetWithOneAccurateLine() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jielu-target-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/full", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("{}".utf8).write(to: URL(fileURLWithPath: root + "/full/manifest.json"))
        try Data().write(to: URL(fileURLWithPath: root + "/file"))
        try FileManager.default.createDirectory(
            atPath: root + "/empty", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])

        let full = try ServiceProcess.run("cli", ["backup", "--services", "intake", root + "/full"], environment: [:])
        #expect(full.status == 1)
        #expect(full.output.contains("已存在且不为空"))
        #expect(!full.output.contains("没有清单"), "a refused target says nothing about its contents: \(full.output)")

        let file = try ServiceProcess.run("cli", ["backup", "--services", "intake", root + "/file"], environment: [:])
        #expect(file.status == 1)
        #expect(file.output.contains("不是目录"), "\(file.output)")

        // An existing empty directory is accepted and gets mode 0700, even though nothing listens at the peer address.
        _ = try ServiceProcess.run(
            "cli", ["backup", "--services", "intake", "--peer-intake", "127.0.0.1:1", root + "/empty"], environment: [:])
        let mode = try FileManager.default.attributesOfItem(atPath: root + "/empty")[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    @Test func restoreNeedsToKnowTheDataDirectories() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jielu-root-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let mesh = try Mesh.started(without: ["markets", "gateway"])
        let backup = try mesh.runCLI(["backup", "--services", "intake", root + "/backup"])
        mesh.stop()
        try #require(backup.status == 0, "\(backup.text)")
        let bin = try ServiceProcess.binDirectory().path

        // No configuration file and no --data-root: the services would fall back to ./data.
        let refused = try ServiceProcess.run("cli", ["restore", "--bin-dir", bin, root + "/backup"], environment: [:])
        #expect(refused.status == 1)
        #expect(refused.output.contains("data_directory_unknown"), "\(refused.output)")
        #expect(refused.output.contains("--data-root"))

        let restored = try ServiceProcess.run(
            "cli", ["restore", "--bin-dir", bin, "--data-root", root + "/run-data", root + "/backup"], environment: [:])
        #expect(restored.status == 0, "\(restored.output)")
        #expect(FileManager.default.fileExists(atPath: root + "/run-data/intake/intake.sqlite"))
    }

    @Test func newerSchemaIsRefusedAtRestoreAndAtStart() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jielu-schema-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let mesh = try Mesh.started(without: ["markets", "gateway"])
        let backup = try mesh.runCLI(["backup", "--services", "intake", root + "/good"])
        mesh.stop()
        try #require(backup.status == 0, "\(backup.text)")

        let config = try Self.writeConfig(dataRoot: root + "/data", in: root)
        try #require(try Self.restore(root + "/good", config: config).status == 0)
        let target = root + "/data/intake/intake.sqlite"
        let digestBefore = try Self.digest(target)

        // A backup whose schema version is far beyond what this binary knows.
        let newer = root + "/newer"
        try FileManager.default.copyItem(atPath: root + "/good", toPath: newer)
        try Self.setUserVersion(999, in: newer + "/intake/intake.sqlite")
        try Self.updateManifest(newer, service: "intake", file: "intake.sqlite")

        let refused = try Self.restore(newer, config: config)
        #expect(refused.status == 1)
        #expect(refused.output.contains("newer than this binary supports"), "\(refused.output)")
        #expect(try Self.digest(target) == digestBefore, "the refused restore changed the database")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root + "/data/intake").filter { $0.contains("restor") }
        #expect(leftovers.isEmpty, "files left behind: \(leftovers)")

        // The service itself refuses to open such a file at start, with exit status 2.
        let startDirectory = root + "/start"
        try FileManager.default.createDirectory(atPath: startDirectory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: newer + "/intake/intake.sqlite", toPath: startDirectory + "/intake.sqlite")
        let start = try ServiceProcess.run("intake", ["--listen", "127.0.0.1:0", "--data-dir", startDirectory], environment: [:])
        #expect(start.status == 2)
        #expect(start.output.contains("schema version 999, newer than this binary supports"), "\(start.output)")
    }

    @Test func restoreRejectsDamagedAndMisplacedBackups() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jielu-damaged-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let good = root + "/good"
        let mesh = try Mesh.started(without: ["markets", "gateway"])
        let backup = try mesh.runCLI(["backup", "--services", "intake,registry", good])
        mesh.stop()
        try #require(backup.status == 0, "\(backup.text)")
        let config = try Self.writeConfig(dataRoot: root + "/data", in: root)

        // One flipped byte no longer matches the manifest; nothing is restored.
        let damaged = root + "/damaged"
        try FileManager.default.copyItem(atPath: good, toPath: damaged)
        let file = damaged + "/intake/intake.sqlite"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: file))
        let refused = try Self.restore(damaged, config: config)
        #expect(refused.status == 1)
        #expect(refused.output.contains("backup_corrupted"), "\(refused.output)")
        #expect(!FileManager.default.fileExists(atPath: root + "/data/registry/registry.sqlite"), "registry restored despite the damage")

        // The registry binary does not take the intake's database.
        let misplaced = try ServiceProcess.run(
            "registry", ["--check-backup", good + "/intake/intake.sqlite", "--data-dir", root + "/check"], environment: [:])
        #expect(misplaced.status == 1)
        #expect(misplaced.output.contains("is not a database of jielu-registry"), "\(misplaced.output)")
    }

    // MARK: Helpers

    /// A configuration file whose sections put each service's data under `dataRoot`.
    static func writeConfig(dataRoot: String, in directory: String) throws -> String {
        var text = "log-level = warning\n"
        for service in ["registry", "intake", "dispatch", "metrics", "markets"] {
            text += "\n[\(service)]\ndata-dir = \(dataRoot)/\(service)\n"
        }
        let path = directory + "/jielu-\(UUID().uuidString.prefix(6)).conf"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func restore(_ backupDirectory: String, config: String) throws -> (status: Int32, output: String) {
        try ServiceProcess.run(
            "cli", ["restore", "--config", config, "--bin-dir", try ServiceProcess.binDirectory().path, backupDirectory],
            environment: [:])
    }

    static func digest(_ path: String) throws -> String {
        SHA256.hex(SHA256.hash([UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))))
    }

    /// Writes `PRAGMA user_version` straight into the file header: 4 bytes,
    /// big-endian, at offset 60 (SQLite file format, "The database header").
    static func setUserVersion(_ version: UInt32, in path: String) throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for index in 0..<4 {
            bytes[60 + index] = UInt8(truncatingIfNeeded: version >> UInt32(24 - 8 * index))
        }
        try bytes.write(to: URL(fileURLWithPath: path))
    }

    /// Rewrites the size and SHA-256 of one file in a backup's manifest.
    static func updateManifest(_ backupDirectory: String, service: String, file: String) throws {
        let manifestURL = URL(fileURLWithPath: backupDirectory + "/manifest.json")
        var manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
        var services = try #require(manifest["services"] as? [[String: Any]])
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(backupDirectory)/\(service)/\(file)"))
        for index in services.indices where services[index]["service"] as? String == service {
            var files = try #require(services[index]["files"] as? [[String: Any]])
            for fileIndex in files.indices where files[fileIndex]["name"] as? String == file {
                files[fileIndex]["sha256"] = SHA256.hex(SHA256.hash([UInt8](data)))
                files[fileIndex]["size_bytes"] = data.count
            }
            services[index]["files"] = files
        }
        manifest["services"] = services
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
    }
}

/// A service started from a configuration file on a free port, once it serves.
struct RestoredService {
    let process: ServiceProcess
    let client: RPCClient

    init(_ service: String, config: String, logDirectory: String) throws {
        let address = SocketAddressText(host: "127.0.0.1", port: try ServiceProcess.freePort())
        process = try ServiceProcess(
            service, arguments: ["--config", config, "--listen", address.description],
            environment: ["JIELU_PEER_REGISTRY": "127.0.0.1:1", "JIELU_PEER_DISPATCH": "127.0.0.1:1",
                          "JIELU_PEER_METRICS": "127.0.0.1:1", "JIELU_PEER_MARKETS": "127.0.0.1:1"],
            logDirectory: logDirectory)
        client = RPCClient(
            address: address, serviceName: "jielu-\(service)",
            options: RPCClientOptions(initialBackoffSeconds: 0.01, maxBackoffSeconds: 0.05),
            logger: Logger(service: "test", level: .error))
        let deadline = Deadline.after(seconds: 20)
        while !deadline.hasPassed {
            if let reply = try? client.call(
                HealthMethods.check, HealthCheckRequest(), as: HealthCheckResponse.self,
                options: CallOptions(deadline: .after(milliseconds: 500)), idempotent: true), reply.status == .serving {
                return
            }
            guard process.isRunning else {
                throw MeshError("jielu-\(service) exited on the restored data; log:\n\(process.log)")
            }
            usleep(20_000)
        }
        throw MeshError("jielu-\(service) did not serve on the restored data; log:\n\(process.log)")
    }
}

/// Submits reports to intake one after another on its own thread and keeps
/// the case ids of those intake acknowledged, that is, committed.
final class ReportWriter: Sendable {
    private let intake: IntakeClient
    private let board: String
    private let state = Mutex<(committed: [String], failures: [String], stopped: Bool)>(([], [], false))
    private let finished = DispatchSemaphore(value: 0)

    init(intake: IntakeClient, board: String) {
        self.intake = intake
        self.board = board
    }

    var committedCaseIDs: [String] { state.withLock { $0.committed } }
    var failures: [String] { state.withLock { $0.failures } }

    func start() {
        let thread = Thread { [self] in
            var index = 0
            while !state.withLock({ $0.stopped }) {
                index += 1
                let request = Intake.SubmitReportRequest(
                    boardCode: board, categoryCode: "0101", description: "第 \(index) 条：路边垃圾未清运",
                    idempotencyKey: "backup-writer-\(index)")
                do {
                    let response = try intake.submitReport(request, options: CallOptions(deadline: .after(seconds: 10)))
                    state.withLock { $0.committed.append(response.caseID) }
                } catch {
                    state.withLock { $0.failures.append("\(error)") }
                }
            }
            finished.signal()
        }
        thread.start()
    }

    /// Waits until at least `count` reports are committed.
    func waitForCommitted(_ count: Int, seconds: Double) -> Bool {
        let deadline = Deadline.after(seconds: seconds)
        while !deadline.hasPassed {
            if committedCaseIDs.count >= count {
                return true
            }
            usleep(20_000)
        }
        return false
    }

    /// Stops after the report in progress; returns once the thread ends. Idempotent.
    func stop() {
        let wasStopped = state.withLock { state -> Bool in
            defer { state.stopped = true }
            return state.stopped
        }
        if !wasStopped {
            finished.wait()
        }
    }
}
