import Foundation
import JieluContract
import JieluCore
import JieluRPC
import JieluStore
import Testing

@testable import RegistryService

/// The repository's reference dataset, found from this file's path.
enum ReferenceDataset {
    static let path: String = {
        let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let root = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent("deploy/data/district.json").path
    }()

    /// Decoded once; every test gets its own copy to modify.
    static let district: Registry.District = {
        do {
            return try DistrictDataset.load(path: path)
        } catch {
            fatalError("cannot read the reference dataset: \(error)")
        }
    }()
}

/// A temporary directory removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "jielu-registry-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A registry handler over a real SQLite file in its own temporary directory.
final class RegistryFixture {
    let directory: TemporaryDirectory
    let logger = Logger(service: "registry-tests", level: .error)
    private(set) var database: Database
    private(set) var handler: RegistryHandler

    var databasePath: String { directory.path + "/" + RegistryService.databaseFileName }

    init() throws {
        directory = try TemporaryDirectory()
        let path = directory.path + "/" + RegistryService.databaseFileName
        database = try Database(path: path, migrations: RegistrySchema.migrations, logger: logger)
        handler = RegistryHandler(database: database, logger: logger)
    }

    /// A fixture with the reference dataset loaded.
    static func loaded() throws -> RegistryFixture {
        let fixture = try RegistryFixture()
        _ = try fixture.handler.loadDistrict(
            Registry.LoadDistrictRequest(district: ReferenceDataset.district), context: testContext())
        return fixture
    }

    /// Closes and reopens the database file, as a process restart would.
    func reopen() throws {
        database.close()
        database = try Database(path: databasePath, migrations: RegistrySchema.migrations, logger: logger)
        handler = RegistryHandler(database: database, logger: logger)
    }

    deinit {
        database.close()
    }
}

func testContext(method: String = "test") -> RPCContext {
    RPCContext(
        method: method, deadline: .after(seconds: 10), requestID: "test",
        logger: Logger(service: "registry-tests", level: .error), peer: "test")
}

/// Runs `body` and returns the `ServiceError` it throws; records an issue
/// when it throws nothing or another error.
func serviceError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> ServiceError? {
    do {
        try body()
        Issue.record("expected a ServiceError, but the call succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as ServiceError {
        return error
    } catch {
        Issue.record("expected a ServiceError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
