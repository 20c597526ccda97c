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
    /// Used only by the thread that holds the turn in `writeQueue`.
    private let writer: ConnectionBox
    /// Orders writers on `writer` and groups their commits.
    private let writeQueue = WriteQueue()
    /// Thread running a `write` body, 0 when none. Only the owning thread compares
    /// it to its own id, so relaxed ordering is enough.
    private let writerOwner = Atomic<UInt>(0)
    private let readers: ReaderPool
    /// Set once by `close`.
    private let closedFlag = Atomic<Bool>(false)
    /// This database's token in `OpenDatabases`, 0 once removed.
    private let openDatabasesToken = Atomic<UInt64>(0)
    private let commitCount = Atomic<Int>(0)
    /// WAL pages after which a commit checkpoints (`PRAGMA wal_autocheckpoint`).
    static let walAutocheckpointPages = 8_000
    /// Leads the write queue for writes whose caller does not wait (`writeAsync`).
    private let detachedLeader = DetachedLeader()

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
        openDatabasesToken.store(OpenDatabases.register(openDatabaseEntry()), ordering: .releasing)

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

    /// Runs `body` in a write transaction on the writer connection and returns
    /// once that transaction is committed.
    ///
    /// Writes of this process run one at a time, in arrival order. Writes that
    /// arrive while another runs or commits share a transaction (group
    /// commit). The thread that finds no write running leads: it runs the
    /// queued bodies one after another, each inside its own `SAVEPOINT` in one
    /// `BEGIN IMMEDIATE` transaction. It commits once the queue is empty or
    /// `options.maxWritesPerCommit` writes are in the transaction. A body may
    /// therefore run on another thread than the caller's, while the caller
    /// waits. With `synchronousFull`, one fsync covers the group, and a
    /// returned `write` still means its changes are on disk. A body sees the changes of the
    /// bodies that ran before it in the same transaction, as it would had they
    /// committed first.
    ///
    /// When `body` throws, its own changes are rolled back to its savepoint and
    /// the error is rethrown; the other writes of the transaction are not
    /// affected. When the COMMIT fails, it is rolled back and every write of
    /// the transaction throws that error, so nothing of them stays. When a
    /// body ends the whole transaction (COMMIT, ROLLBACK, or an error after
    /// which SQLite rolled back on its own), that body and every earlier write
    /// of the transaction throw `StoreError`; the earlier writes may or may
    /// not have been kept.
    ///
    /// The body must not call `write`, `read`, `backup` or `close` itself: a
    /// nested call would deadlock, so it stops the process with a precondition
    /// failure instead.
    ///
    /// - Throws: the body's error, or `StoreError`. The latter comes when the
    ///   database is closed, when a statement or the COMMIT fails, or (`isBusy`)
    ///   when another process holds the write lock past the busy timeout.
    public func write<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        precondition(
            writerOwner.load(ordering: .relaxed) != currentThreadID(),
            "Database.write called inside write on the same thread; this would deadlock. "
                + "Use the connection passed to the outer write.")

        return try withoutActuallyEscaping(body) { body in
            var outcome: Result<T, any Error>?
            let request = PendingWrite(kind: .write) { connection in
                let result = Result { try body(connection) }
                outcome = result
                if case .success = result {
                    return true
                }
                return false
            }
            try submit(request)
            guard let outcome else {
                throw StoreError.closed(path)
            }
            return try outcome.get()
        }
    }

    /// Runs `body` in a write transaction as `write` does, without blocking
    /// the caller, and calls `completion` once the transaction is committed
    /// (or with the error that ended the write).
    ///
    /// For callers that must not block, such as an event loop: the body runs
    /// on the thread that leads the write queue, which is never the caller's.
    /// It shares group commits with `write` calls, under the same rules.
    /// `completion` runs on the leading thread right after the commit, so it
    /// must be short and must not block (sending a reply is fine). The body
    /// must not call `write`, `read`, `backup` or `close`.
    ///
    /// After `close`, `completion` gets `StoreError` for a closed database.
    public func writeAsync<T: Sendable>(
        _ body: @escaping @Sendable (SQLiteConnection) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        let outcome = LockedValue<Result<T, any Error>?>(nil)
        let path = path
        let request = PendingWrite(
            kind: .write,
            body: { connection in
                let result = Result { try body(connection) }
                outcome.withLock { $0 = result }
                if case .success = result {
                    return true
                }
                return false
            },
            onFinish: { failure in
                if let failure {
                    completion(.failure(failure))
                } else {
                    completion(outcome.withLock { $0 } ?? .failure(StoreError.closed(path)))
                }
            },
            onPromote: { [weak self] in
                self?.leadDetached()
            })
        if writeQueue.enqueue(request) {
            leadDetached()
        }
    }

    /// Lets the detached leader thread take the queue.
    private func leadDetached() {
        detachedLeader.requestTurn(name: "db-writer") { [weak self] in
            self?.lead()
        }
    }

    /// Queues `request` and returns once it is done, leading the queue when no
    /// other thread does. Throws the failure that ends a write whose body
    /// succeeded (a failed COMMIT, an abandoned transaction, a closed database).
    private func submit(_ request: PendingWrite) throws {
        if writeQueue.enqueue(request) || request.wait() {
            lead()
        }
        if let failure = request.failure {
            throw failure
        }
    }

    /// Runs queued writes in shared transactions until the queue is empty or
    /// one transaction has committed, then hands the queue to the next waiting
    /// writer's thread. Leader only.
    private func lead() {
        let connection = writer.connection
        let thread = currentThreadID()
        var members: [PendingWrite] = []
        var transactionOpen = false

        while true {
            let next = members.count < options.maxWritesPerCommit ? writeQueue.popHead() : nil
            guard let request = next else {
                if transactionOpen {
                    commit(connection, members)
                    members = []
                    transactionOpen = false
                }
                // One transaction per leader, so no caller serves the queue for long.
                writeQueue.handOver()
                return
            }

            guard request.kind == .write else {
                // `close`: everything queued before it is committed first.
                if transactionOpen {
                    commit(connection, members)
                    members = []
                    transactionOpen = false
                }
                closeWriter()
                request.finish(nil)
                continue
            }
            if isWriterClosed {
                request.finish(StoreError.closed(path))
                continue
            }
            if !transactionOpen {
                do {
                    try connection.run("BEGIN IMMEDIATE")
                    transactionOpen = true
                } catch {
                    request.finish(error)
                    continue
                }
            }

            writerOwner.store(thread, ordering: .relaxed)
            let succeeded = runInSavepoint(connection, request)
            writerOwner.store(0, ordering: .relaxed)

            if !connection.isInTransaction {
                abandon(members + [request])
                members = []
                transactionOpen = false
            } else if succeeded {
                members.append(request)
            } else {
                request.finish(nil)
            }
        }
    }

    /// Runs the body of `request` between `SAVEPOINT` and `RELEASE`, rolling back to the
    /// savepoint when it fails. Leaves the transaction itself open, unless
    /// the body or SQLite ended it. Returns whether the body succeeded.
    private func runInSavepoint(_ connection: SQLiteConnection, _ request: PendingWrite) -> Bool {
        do {
            try connection.run("SAVEPOINT jielu_write")
        } catch {
            logger.error("savepoint failed, abandoning the transaction", ["path": path, "error": error])
            _ = try? connection.run("ROLLBACK")
            return false
        }
        let succeeded = request.run(connection)
        guard connection.isInTransaction else {
            return succeeded
        }
        do {
            if succeeded {
                try connection.run("RELEASE jielu_write")
            } else {
                try connection.run("ROLLBACK TO jielu_write")
                try connection.run("RELEASE jielu_write")
            }
        } catch {
            logger.error("ending the savepoint failed, abandoning the transaction", ["path": path, "error": error])
            _ = try? connection.run("ROLLBACK")
            return false
        }
        return succeeded
    }

    /// Commits the open transaction and finishes its writes with the outcome.
    private func commit(_ connection: SQLiteConnection, _ members: [PendingWrite]) {
        var failure: (any Error)?
        do {
            // A transaction whose every body failed has nothing to keep.
            try connection.run(members.isEmpty ? "ROLLBACK" : "COMMIT")
            if !members.isEmpty {
                commitCount.wrappingAdd(1, ordering: .relaxed)
            }
        } catch {
            logger.error("commit failed, rolling back", ["path": path, "writes": members.count, "error": error])
            if connection.isInTransaction {
                _ = try? connection.run("ROLLBACK")
            }
            failure = error
        }
        for member in members {
            member.finish(failure)
        }
    }

    /// Fails the writes of a transaction that a body or SQLite ended early.
    private func abandon(_ writes: [PendingWrite]) {
        if writes.count > 1 {
            logger.error("a write ended the shared transaction; its earlier writes fail", ["path": path, "writes": writes.count])
        }
        for write in writes {
            write.finish(Database.transactionEndedInBody)
        }
    }

    /// Transactions `write` has committed since the database was opened; with
    /// group commit, fewer than the `write` calls that returned.
    public var committedTransactions: Int {
        commitCount.load(ordering: .relaxed)
    }

    /// Threads waiting in `write` (or `close`) for the writer connection, for tests.
    var waitingWriters: Int {
        writeQueue.waitingCount
    }

    static let transactionEndedInBody = StoreError.misuse(
        "the transaction ended inside a write body (COMMIT, ROLLBACK or an automatic rollback "
            + "after an error the body caught); its changes may or may not have been kept")

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
    /// nothing. The database leaves `OpenDatabases` first, so a backup
    /// started after `close` does not find it.
    public func close() {
        checkNotInsideWrite("close")
        let token = openDatabasesToken.exchange(0, ordering: .acquiringAndReleasing)
        if token != 0 {
            OpenDatabases.unregister(token)
        }
        readers.close()

        // The close waits its turn behind the writes queued before it, which
        // commit first; writes queued after it fail as closed.
        let request = PendingWrite(kind: .close, body: nil)
        try? submit(request)
        detachedLeader.stop()
    }

    /// Closes the writer connection once. Leader only.
    private func closeWriter() {
        guard !closedFlag.exchange(true, ordering: .acquiringAndReleasing) else {
            return
        }
        writer.connection.close()
        logger.info("closed database", ["path": path])
    }

    private var isWriterClosed: Bool {
        closedFlag.load(ordering: .acquiring)
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
        // Statement journals of nested savepoints and sorter spill stay in memory. On disk,
        // SQLite creates and deletes one temporary file per such statement.
        try writer.execute("PRAGMA temp_store = MEMORY")
        // Checkpoint after 8,000 WAL pages (32 MiB at 4 KiB) instead of 1,000: pages that
        // many commits change (index leaves, the outbox) are copied into the database once per
        // checkpoint, not once per 1,000 pages. Under the report benchmark this cut intake's
        // and dispatch's CPU per report by about a tenth. The WAL file may grow to that size.
        try writer.execute("PRAGMA wal_autocheckpoint = \(Database.walAutocheckpointPages)")
    }
}
