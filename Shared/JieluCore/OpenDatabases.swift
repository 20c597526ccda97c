import Synchronization

/// One database file this process has open, described for the admin backup
/// and restore, which run in the service host and do not link the storage code.
public struct OpenDatabase: Sendable {
    /// Path of the database file.
    public let path: String
    /// The schema version (`PRAGMA user_version`) reached at open.
    public let schemaVersion: Int
    /// Writes a consistent copy of the committed state to the given path,
    /// replacing a file there, while reads and writes go on. Throws when
    /// the database is closed or the copy cannot be written.
    public let backUp: @Sendable (_ destinationPath: String) throws -> Void
    /// Runs SQLite's `PRAGMA quick_check` and throws when it reports damage.
    public let checkIntegrity: @Sendable () throws -> Void

    public init(
        path: String, schemaVersion: Int, backUp: @escaping @Sendable (String) throws -> Void,
        checkIntegrity: @escaping @Sendable () throws -> Void
    ) {
        self.path = path
        self.schemaVersion = schemaVersion
        self.backUp = backUp
        self.checkIntegrity = checkIntegrity
    }
}

/// The databases this process has open. JieluStore's `Database` registers
/// itself when it opens and removes itself when it closes, so the service
/// host can back up every database of a service without knowing which ones
/// the service opened.
public enum OpenDatabases {
    private static let registry = Mutex<Registry>(Registry())

    private struct Registry {
        var nextToken: UInt64 = 1
        var databases: [UInt64: OpenDatabase] = [:]
    }

    /// Adds `database`. Returns the token that removes it again.
    public static func register(_ database: OpenDatabase) -> UInt64 {
        registry.withLock { registry in
            let token = registry.nextToken
            registry.nextToken += 1
            registry.databases[token] = database
            return token
        }
    }

    /// Removes the database registered under `token`; an unknown token or 0
    /// does nothing.
    public static func unregister(_ token: UInt64) {
        _ = registry.withLock { $0.databases.removeValue(forKey: token) }
    }

    /// Every open database, sorted by path.
    public static var all: [OpenDatabase] {
        registry.withLock { Array($0.databases.values) }.sorted { $0.path < $1.path }
    }
}
