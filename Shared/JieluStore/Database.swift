import CSQLite
import Foundation
import JieluCore
import Synchronization

/// One service's SQLite file: a single writer connection and a pool of
/// read-only connections. The file is in WAL mode, so reads do not wait for
/// the write transaction.
///
/// Opening runs the service's migrations. `write` serialises all writers of
/// this process on one connection in `BEGIN IMMEDIATE` transactions; `read`
/// gives each caller a consistent snapshot. The type is thread-safe.
///
/// Nesting rules, checked with a precondition because breaking them deadlocks:
/// - no `write`, `read`, `backup` or `close` inside a `write` body on the same
///   thread. Read through the connection that `write` passes in; it also sees
///   the transaction's own uncommitted changes.
/// - no `read`, `backup` or `close` inside a `read` body on the same thread.
///   A `write` inside a `read` is allowed.
public final class Database: Sendable {
    public let path: String
    /// The `PRAGMA user_version` reached by the migrations at open.
    public let schemaVersion: Int

    let options: DatabaseOptions
    let logger: Logger
    private let writer: ConnectionBox
    /// Held for the whole of each write transaction; guards `writer`.
    private let writerLock = Mutex(WriterState())
    /// Thread inside `write`, 0 when none. Only the owning thread compares it to
    /// its own id, so relaxed ordering is enough.
    private let writerOwner = Atomic<UInt>(0)
    private let readers: ReaderPool

    private struct WriterState {
        var isClosed = false
    }

    /// Opens or creates the database at `path`, creating its parent directory if
    /// missing, and applies the pending migrations.
    ///
    /// - Parameters:
    ///   - migrations: versions 1, 2, 3, … in order; each pending one runs in
    ///     its own transaction together with `PRAGMA user_version`.
    /// - Throws: `StoreError` when the options or the migration list are invalid,
    ///   the file cannot be opened or switched to WAL mode, its schema version is
    ///   newer than the newest migration, or a migration fails. A failed
    ///   migration leaves the file at the version before it.
    public init(
        path: String, migrations: [Migration], options: DatabaseOptions = .init(), logger: Logger
    ) throws {
        try options.validate()
        try Migrator.validate(migrations)
        try Database.createParentDirectory(of: path)

        let writer = try SQLiteConnection(
            path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
            busyTimeoutMilliseconds: options.busyTimeoutMilliseconds)
        try Database.configureWriter(writer, options: options)
        let schemaVersion = try Migrator.migrate(writer, to: migrations, path: path, logger: logger)

        // Readers open after the migrations, so they never see a half-built schema.
        var readers: [ConnectionBox] = []
        for _ in 0..<options.readerCount {
            let reader = try SQLiteConnection(
                path: path, flags: SQLITE_OPEN_READONLY,
                busyTimeoutMilliseconds: options.busyTimeoutMilliseconds)
            try reader.execute("PRAGMA foreign_keys = ON")
            readers.append(ConnectionBox(reader))
        }

        self.path = path
        self.schemaVersion = schemaVersion
        self.options = options
        self.logger = logger
        self.writer = ConnectionBox(writer)
        self.readers = ReaderPool(path: path, connections: readers)

        logger.info(
            "opened database",
            [
                "path": path, "schema_version": schemaVersion, "readers": options.readerCount,
                "synchronous": options.synchronousFull ? "full" : "normal",
            ])
    }

    deinit {
        close()
    }

    // MARK: Transactions

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction on the writer connection
    /// and commits. Writers of this process run one at a time; other callers
    /// wait on a lock.
    ///
    /// When `write` returns, the transaction is committed, and with
    /// `synchronousFull` it is on disk. When `body` throws, or COMMIT fails, the
    /// transaction is rolled back and the error is rethrown, so nothing of it
    /// stays. The body must not call `write`, `read`, `backup` or `close` itself:
    /// a nested call would deadlock, so it stops the process with a precondition
    /// failure instead.
    ///
    /// - Throws: the body's error, or `StoreError`. The latter comes when the
    ///   database is closed, when a statement or the COMMIT fails, or (`isBusy`)
    ///   when another process holds the write lock past the busy timeout.
    public func write<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        // TODO: group commit. Each call is one transaction and, with synchronousFull,
        // one fsync, so the write rate is capped by the disk's fsync rate. Running the
        // bodies of many waiting callers in one transaction, each inside its own
        // SAVEPOINT so that one failing body does not undo the others, would lift it.
        let thread = currentThreadID()
        precondition(
            writerOwner.load(ordering: .relaxed) != thread,
            "Database.write called inside write on the same thread; this would deadlock. "
                + "Use the connection passed to the outer write.")

        var outcome: Result<T, any Error>?
        writerLock.withLock { state in
            guard !state.isClosed else {
                outcome = .failure(StoreError.closed(path))
                return
            }
            writerOwner.store(thread, ordering: .relaxed)
            defer { writerOwner.store(0, ordering: .relaxed) }

            outcome = Result {
                try writer.connection.withTransaction("BEGIN IMMEDIATE", logger: logger, body)
            }
        }
        return try outcome!.get()
    }

    /// Runs `body` on a read-only connection inside a deferred transaction, so
    /// every query in it sees the same committed state, taken at its first query.
    /// Waits while all `readerCount` connections are in use.
    ///
    /// Writes in the body fail with `SQLITE_READONLY`. The body must not call
    /// `read`, `backup` or `close` (precondition failure), and `read` must not
    /// be called inside a `write` body (precondition failure).
    ///
    /// - Throws: the body's error; `StoreError` when the database is closed or a
    ///   statement fails.
    public func read<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        checkNotInsideWrite("read")
        return try readers.withConnection { connection in
            try connection.withTransaction("BEGIN", logger: logger, body)
        }
    }

    /// Runs `body` with a read-only connection outside any transaction.
    func withReader<T>(_ operation: String, _ body: (SQLiteConnection) throws -> T) throws -> T {
        checkNotInsideWrite(operation)
        return try readers.withConnection(body)
    }

    private func checkNotInsideWrite(_ operation: String) {
        precondition(
            writerOwner.load(ordering: .relaxed) != currentThreadID(),
            "Database.\(operation) called inside write on the same thread; this would deadlock. "
                + "Use the connection passed to write.")
    }

    // MARK: Lifecycle

    /// Waits for running reads and the running write to finish, then closes
    /// every connection. When no other process has the file open, SQLite
    /// checkpoints the WAL into the main file on this last close.
    /// Later calls to `write`, `read` and `backup` throw; closing twice does
    /// nothing.
    public func close() {
        checkNotInsideWrite("close")
        readers.close()

        let closedNow = writerLock.withLock { state in
            guard !state.isClosed else {
                return false
            }
            state.isClosed = true
            writer.connection.close()
            return true
        }
        if closedNow {
            logger.info("closed database", ["path": path])
        }
    }

    // MARK: Opening

    private static func createParentDirectory(of path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty else {
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw StoreError(
                code: SQLITE_CANTOPEN,
                message: "cannot create directory \(parent) for database \(path): \(error)")
        }
    }

    /// Sets the writer's pragmas. WAL mode is stored in the file, so readers
    /// opened later use it too.
    ///
    /// - Throws: `StoreError` when a pragma fails or the file cannot use WAL
    ///   (for example an in-memory database).
    private static func configureWriter(_ writer: SQLiteConnection, options: DatabaseOptions) throws {
        let mode = try writer.queryOne("PRAGMA journal_mode = WAL")?[0].stringValue ?? ""
        guard mode.lowercased() == "wal" else {
            throw StoreError(
                code: SQLITE_CANTOPEN,
                message: "database \(writer.path) cannot use WAL mode (journal_mode is \"\(mode)\"); "
                    + "use a file on a local disk")
        }
        try writer.execute("PRAGMA synchronous = \(options.synchronousFull ? "FULL" : "NORMAL")")
        try writer.execute("PRAGMA foreign_keys = ON")
    }
}
