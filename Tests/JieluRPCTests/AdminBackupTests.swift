import Foundation
import JieluCore
import Testing

@testable import JieluRPC

/// The admin backup methods over a real RPCServer, with a stand-in database
/// registered in `OpenDatabases` whose "backup" writes known bytes.
@Suite("Admin backup")
struct AdminBackupTests {
    /// A data directory, a registered stand-in database and a server serving the admin methods.
    final class Fixture {
        let directory: String
        let backup: AdminBackup
        let server: RPCServer
        let client: RPCClient
        let content: [UInt8]
        private var token: UInt64 = 0

        init(contentBytes: Int = 2 * AdminBackup.maxChunkBytes + 12_345, registerDatabase: Bool = true) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("jielu-admin-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            content = (0..<contentBytes).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
            if registerDatabase {
                let content = content
                token = OpenDatabases.register(OpenDatabase(
                    path: directory + "/fake.sqlite", schemaVersion: 7,
                    backUp: { destination in try Data(content).write(to: URL(fileURLWithPath: destination)) },
                    checkIntegrity: {}))
            }
            let logger = Logger(service: "jielu-test", level: .error)
            backup = AdminBackup(serviceName: "jielu-test", dataDirectory: directory, logger: logger)
            let router = RPCRouter()
            backup.register(in: router)
            server = try RPCServer(
                serviceName: "jielu-test", configuration: RPCServerConfiguration(address: SocketAddressText(host: "127.0.0.1", port: 0)),
                router: router, logger: logger)
            server.start()
            client = RPCClient(address: server.boundAddress, serviceName: "jielu-test", logger: logger)
        }

        deinit {
            client.close()
            server.drain()
            OpenDatabases.unregister(token)
            try? FileManager.default.removeItem(atPath: directory)
        }

        func call<Request: ProtoMessage, Response: ProtoMessage>(_ method: String, _ request: Request, as: Response.Type) throws -> Response {
            try client.call(method, request, as: Response.self, options: CallOptions(deadline: .after(seconds: 10)), idempotent: true)
        }
    }

    @Test func snapshotIsReadBackInChunksAndDeleted() throws {
        let fixture = try Fixture()
        let created = try fixture.call(AdminMethods.createBackup, Admin.CreateBackupRequest(), as: Admin.CreateBackupResponse.self)
        #expect(created.service == "jielu-test")
        #expect(AdminBackup.isBackupID(created.backupID))
        let file = try #require(created.files.first)
        #expect(created.files.count == 1)
        #expect(file.name == "fake.sqlite")
        #expect(file.schemaVersion == 7)
        #expect(file.sizeBytes == UInt64(fixture.content.count))
        #expect(file.sha256 == SHA256.hex(SHA256.hash(fixture.content)))

        var copy: [UInt8] = []
        var chunks = 0
        while true {
            let chunk = try fixture.call(
                AdminMethods.readBackupFile,
                Admin.ReadBackupFileRequest(backupID: created.backupID, name: file.name, offset: UInt64(copy.count)),
                as: Admin.ReadBackupFileResponse.self)
            #expect(chunk.data.count <= AdminBackup.maxChunkBytes)
            copy += chunk.data
            chunks += 1
            if chunk.endOfFile {
                break
            }
        }
        #expect(copy == fixture.content)
        #expect(chunks == 3)

        let snapshot = fixture.backup.snapshotRoot + "/" + created.backupID
        #expect(FileManager.default.fileExists(atPath: snapshot))
        _ = try fixture.call(AdminMethods.deleteBackup, Admin.DeleteBackupRequest(backupID: created.backupID), as: Admin.DeleteBackupResponse.self)
        #expect(!FileManager.default.fileExists(atPath: snapshot))
        // Deleting again is not an error.
        _ = try fixture.call(AdminMethods.deleteBackup, Admin.DeleteBackupRequest(backupID: created.backupID), as: Admin.DeleteBackupResponse.self)
    }

    @Test func smallReadsAndTheEndOfTheFile() throws {
        let fixture = try Fixture(contentBytes: 100)
        let created = try fixture.call(AdminMethods.createBackup, Admin.CreateBackupRequest(), as: Admin.CreateBackupResponse.self)
        let part = try fixture.call(
            AdminMethods.readBackupFile, Admin.ReadBackupFileRequest(backupID: created.backupID, name: "fake.sqlite", offset: 90, maxBytes: 4),
            as: Admin.ReadBackupFileResponse.self)
        #expect(part.data == Array(fixture.content[90..<94]))
        #expect(!part.endOfFile)
        let end = try fixture.call(
            AdminMethods.readBackupFile, Admin.ReadBackupFileRequest(backupID: created.backupID, name: "fake.sqlite", offset: 100),
            as: Admin.ReadBackupFileResponse.self)
        #expect(end.data.isEmpty)
        #expect(end.endOfFile)
        #expect {
            _ = try fixture.call(
                AdminMethods.readBackupFile, Admin.ReadBackupFileRequest(backupID: created.backupID, name: "fake.sqlite", offset: 101),
                as: Admin.ReadBackupFileResponse.self)
        } throws: { ($0 as? ServiceError)?.code == .outOfRange }
    }

    @Test("requests that could leave the snapshot are rejected", arguments: [
        ("../../etc", "fake.sqlite", StatusCode.invalidArgument),
        ("0123456789abcdef0123456789ABCDEF", "fake.sqlite", .invalidArgument),
        ("0123456789abcdef0123456789abcdef", "fake.sqlite", .notFound),
        ("0123456789abcdef0123456789abcdef", "../registry.sqlite", .invalidArgument),
        ("0123456789abcdef0123456789abcdef", ".hidden", .invalidArgument),
        ("0123456789abcdef0123456789abcdef", "", .invalidArgument),
    ])
    func rejectsBadNames(backupID: String, name: String, code: StatusCode) throws {
        let fixture = try Fixture(contentBytes: 10)
        #expect {
            _ = try fixture.call(
                AdminMethods.readBackupFile, Admin.ReadBackupFileRequest(backupID: backupID, name: name), as: Admin.ReadBackupFileResponse.self)
        } throws: { ($0 as? ServiceError)?.code == code }
    }

    @Test func serviceWithoutDatabaseHasNothingToBackUp() throws {
        let fixture = try Fixture(registerDatabase: false)
        #expect {
            _ = try fixture.call(AdminMethods.createBackup, Admin.CreateBackupRequest(), as: Admin.CreateBackupResponse.self)
        } throws: { ($0 as? ServiceError)?.reason == "no_database" }
    }

    @Test func staleSnapshotsAreRemoved() throws {
        let fixture = try Fixture(contentBytes: 10)
        let stale = fixture.backup.snapshotRoot + "/" + String(repeating: "a", count: 32)
        let fresh = fixture.backup.snapshotRoot + "/" + String(repeating: "b", count: 32)
        let unrelated = fixture.backup.snapshotRoot + "/keep-me"
        for path in [stale, fresh, unrelated] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        let old = Date().addingTimeInterval(-AdminBackup.snapshotLifetimeSeconds - 60)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: stale)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: unrelated)

        fixture.backup.removeStaleSnapshots()

        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: fresh))
        #expect(FileManager.default.fileExists(atPath: unrelated))
    }

    @Test func failedCopyLeavesNoSnapshot() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jielu-admin-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let token = OpenDatabases.register(OpenDatabase(
            path: directory + "/broken.sqlite", schemaVersion: 1,
            backUp: { _ in throw CocoaError(.fileWriteOutOfSpace) }, checkIntegrity: {}))
        defer { OpenDatabases.unregister(token) }
        let backup = AdminBackup(serviceName: "jielu-test", dataDirectory: directory, logger: Logger(service: "test", level: .error))
        let context = RPCContext(
            method: AdminMethods.createBackup, deadline: .after(seconds: 5), requestID: "", logger: Logger(service: "test", level: .error),
            peer: "test")

        #expect {
            _ = try backup.createBackup(Admin.CreateBackupRequest(), context: context)
        } throws: { ($0 as? ServiceError)?.reason == "backup_failed" }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: backup.snapshotRoot)) ?? []
        #expect(left.isEmpty)
    }
}

@Suite("Data directory lock")
struct DataDirectoryLockTests {
    @Test func secondHolderIsTurnedAwayUntilRelease() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jielu-lock-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let first = try DataDirectoryLock(directory: directory, serviceName: "jielu-registry")
        #expect(throws: DataDirectoryLockError.held(path: directory + "/jielu-registry.lock")) {
            _ = try DataDirectoryLock(directory: directory, serviceName: "jielu-registry")
        }
        // Another service may share the directory.
        let other = try DataDirectoryLock(directory: directory, serviceName: "jielu-intake")
        other.release()

        first.release()
        first.release()
        let second = try DataDirectoryLock(directory: directory, serviceName: "jielu-registry")
        second.release()
    }

    @Test func missingDirectoryIsReported() {
        #expect {
            _ = try DataDirectoryLock(directory: "/nonexistent-\(UUID().uuidString)", serviceName: "jielu-x")
        } throws: { error in
            if case .unavailable = error as? DataDirectoryLockError { return true }
            return false
        }
    }
}
