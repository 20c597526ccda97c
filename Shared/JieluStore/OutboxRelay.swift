import Dispatch
import Foundation
import JieluCore
import Synchronization

/// One row of an outbox table, as `OutboxRelay` hands it to its `deliver` closure.
public struct OutboxRecord: Sendable, Equatable {
    /// Increases with every enqueue, so id order is commit order.
    public let id: Int64
    public let payload: [UInt8]
    public let createdAtMs: Int64
    /// Failed delivery attempts before this one.
    public let attempts: Int

    public init(id: Int64, payload: [UInt8], createdAtMs: Int64, attempts: Int) {
        self.id = id
        self.payload = payload
        self.createdAtMs = createdAtMs
        self.attempts = attempts
    }
}

/// At-least-once delivery of messages written in the same transaction as the
/// business data they describe (the transactional outbox pattern).
///
/// A service creates the table with `migrationSQL(table:)`, calls `enqueue`
/// inside its own `Database.write`, and calls `wake()` after that write
/// commits. The relay thread reads up to `batchSize` rows in id order, passes
/// them to `deliver`, and deletes them once `deliver` returns. A row enqueued
/// in a transaction that rolls back never exists, so it is never delivered.
///
/// When `deliver` throws, the rows stay, their `attempts` and `last_error`
/// are updated, and the same batch is retried after an exponential backoff
/// from 50 ms to 5 s. Rows are durable, so a restart of this process or of
/// the receiver loses nothing. The receiver may see a row twice (after a
/// crash between delivery and delete, or a lost reply), so it must be
/// idempotent.
///
/// NOTE: delivery is strictly in order, so a row that the receiver rejects on
/// every attempt blocks the rows behind it. The warning log names its id and
/// the backlog size. An operator has to fix the receiver or remove the row.
public final class OutboxRelay: Sendable {
    /// Thrown by a `deliver` closure that delivered the first `deliveredCount`
    /// records of its batch and then failed. The relay deletes those records
    /// and retries from the next one.
    public struct PartialDelivery: Error, CustomStringConvertible {
        public let deliveredCount: Int
        public let cause: any Error

        public init(deliveredCount: Int, cause: any Error) {
            self.deliveredCount = deliveredCount
            self.cause = cause
        }

        public var description: String { "delivered \(deliveredCount) records, then: \(cause)" }
    }

    /// First wait after a failed delivery; doubled after each further failure.
    public static let initialBackoffSeconds = 0.05
    public static let maxBackoffSeconds = 5.0
    /// While delivery keeps failing, a warning is logged at the first failure
    /// and then at most once per this interval.
    public static let failureWarningIntervalSeconds = 30.0
    /// Longest `last_error` text stored per row, in characters.
    static let maxStoredErrorCharacters = 500

    public let table: String
    private let database: Database
    private let batchSize: Int
    private let idlePollSeconds: Double
    private let logger: Logger
    private let deliver: @Sendable ([OutboxRecord]) throws -> Void
    private let onDelivered: (@Sendable ([OutboxRecord], SQLiteConnection) throws -> Void)?

    private let state = Mutex(LoopState())
    /// Signalled by `wake()` and `stop()`; the relay thread sleeps on it.
    private let signal = DispatchSemaphore(value: 0)
    /// Signalled once when the relay thread exits.
    private let exited = DispatchSemaphore(value: 0)

    private struct LoopState {
        var phase = Phase.idle
        var wakePending = false
    }

    private enum Phase {
        case idle, running, stopping, stopped
    }

    /// Creates a relay for `table` of `database`; nothing runs until `start()`.
    ///
    /// - Parameters:
    ///   - batchSize: most records passed to one `deliver` call; at least 1.
    ///   - idlePollSeconds: how often an idle relay looks for rows on its own,
    ///     which catches rows committed without a `wake()` call (for example by
    ///     another process).
    ///   - deliver: sends the records, in the given order, and returns once the
    ///     receiver has acknowledged them all. Throw to retry the batch, or
    ///     `PartialDelivery` to keep the acknowledged prefix. Runs on the relay
    ///     thread and outside any transaction.
    ///   - onDelivered: runs inside the transaction that deletes delivered
    ///     records, so a service can mark its own rows as delivered atomically
    ///     with the delete. If it throws, nothing is deleted and the records are
    ///     delivered again later.
    public init(
        database: Database, table: String, batchSize: Int = 100, idlePollSeconds: Double = 1, logger: Logger,
        onDelivered: (@Sendable ([OutboxRecord], SQLiteConnection) throws -> Void)? = nil,
        deliver: @escaping @Sendable ([OutboxRecord]) throws -> Void
    ) {
        OutboxRelay.checkTableName(table)
        precondition(batchSize >= 1, "OutboxRelay batchSize must be at least 1, got \(batchSize)")
        self.database = database
        self.table = table
        self.batchSize = batchSize
        self.idlePollSeconds = max(idlePollSeconds, 0.001)
        self.logger = logger.with(["outbox": table])
        self.onDelivered = onDelivered
        self.deliver = deliver
    }

    // MARK: Schema and enqueueing

    /// Returns the `CREATE TABLE` statement of an outbox table, for a service's migration.
    public static func migrationSQL(table: String) -> String {
        checkTableName(table)
        return """
            CREATE TABLE \(table) (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                payload BLOB NOT NULL,
                created_at_ms INTEGER NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT
            );
            """
    }

    /// Inserts `payload` into `table` through `connection`, the connection of
    /// the caller's `Database.write`. The row becomes visible to the relay only
    /// when that transaction commits; call `wake()` afterwards.
    ///
    /// - Returns: the row id.
    /// - Throws: `StoreError` when the insert fails, for example because the
    ///   table does not exist.
    @discardableResult
    public static func enqueue(_ payload: [UInt8], table: String, connection: SQLiteConnection) throws -> Int64 {
        checkTableName(table)
        try connection.run(
            "INSERT INTO \(table) (payload, created_at_ms) VALUES (?, ?)", payload, WallClock.nowMilliseconds())
        return connection.lastInsertRowID
    }

    /// Rows waiting for delivery.
    ///
    /// - Throws: `StoreError` when the query fails.
    public func backlog() throws -> Int {
        try database.read { connection in
            try connection.queryOne("SELECT COUNT(*) AS n FROM \(table)")?.int("n") ?? 0
        }
    }

    // MARK: Lifecycle

    /// Starts the relay thread. Calling it again, or after `stop()`, does nothing.
    public func start() {
        let shouldStart = state.withLock { state -> Bool in
            guard state.phase == .idle else {
                return false
            }
            state.phase = .running
            return true
        }
        guard shouldStart else {
            return
        }

        let thread = Thread { [self] in
            run()
            exited.signal()
        }
        thread.name = "outbox-\(table)"
        thread.start()
        logger.info("outbox relay started", ["batch_size": batchSize])
    }

    /// Asks the relay to look for rows now instead of at its next poll. Cheap;
    /// call it after every commit that enqueued something. A relay that is
    /// backing off after a failure keeps waiting until its backoff ends.
    public func wake() {
        let shouldSignal = state.withLock { state -> Bool in
            guard !state.wakePending else {
                return false
            }
            state.wakePending = true
            return true
        }
        if shouldSignal {
            signal.signal()
        }
    }

    /// Stops the relay and waits for its thread to exit. A delivery in progress
    /// finishes first (bounded by the deadline the `deliver` closure uses).
    /// Rows not yet delivered stay in the table for the next start. Safe to
    /// call more than once and from several threads.
    public func stop() {
        let mustJoin = state.withLock { state -> Bool in
            switch state.phase {
            case .idle:
                state.phase = .stopped
                return false
            case .running:
                state.phase = .stopping
                return true
            case .stopping:
                return true
            case .stopped:
                return false
            }
        }
        guard mustJoin else {
            return
        }

        signal.signal()
        exited.wait()
        // Let any other thread waiting in stop() through as well.
        exited.signal()
        state.withLock { $0.phase = .stopped }
        logger.info("outbox relay stopped", [:])
    }

    private var isStopRequested: Bool {
        state.withLock { $0.phase != .running }
    }

    // MARK: The relay loop

    /// Consecutive failures and when the last warning was logged.
    private struct FailureStreak {
        var failures = 0
        var startedAt = Deadline.now()
        var lastWarningAt = Deadline.now()
        var backoffSeconds = OutboxRelay.initialBackoffSeconds
    }

    private func run() {
        var streak: FailureStreak?

        while !isStopRequested {
            let batch: [OutboxRecord]
            do {
                batch = try fetchBatch()
            } catch {
                recordFailure(error, batch: [], streak: &streak)
                waitForBackoff(streak?.backoffSeconds ?? OutboxRelay.initialBackoffSeconds)
                continue
            }

            if batch.isEmpty {
                waitForWake(timeoutSeconds: idlePollSeconds)
                continue
            }

            if let failure = deliverAndDelete(batch) {
                recordFailure(failure.error, batch: failure.undelivered, streak: &streak)
                waitForBackoff(streak?.backoffSeconds ?? OutboxRelay.initialBackoffSeconds)
                continue
            }

            if let ended = streak {
                logger.info(
                    "outbox delivery recovered",
                    ["failed_attempts": ended.failures, "failing_ms": elapsedMilliseconds(since: ended.startedAt)])
                streak = nil
            }
        }
    }

    private func fetchBatch() throws -> [OutboxRecord] {
        try database.read { connection in
            try connection.query(
                "SELECT id, payload, created_at_ms, attempts FROM \(table) ORDER BY id LIMIT ?", batchSize
            ).map { row in
                OutboxRecord(
                    id: row.int64("id"), payload: row.blob("payload"), createdAtMs: row.int64("created_at_ms"),
                    attempts: row.int("attempts"))
            }
        }
    }

    /// Delivers `batch` and deletes what was delivered. Returns nil when all
    /// of it went through, otherwise the error and the records still pending.
    private func deliverAndDelete(_ batch: [OutboxRecord]) -> (error: any Error, undelivered: [OutboxRecord])? {
        var deliveredCount = batch.count
        var deliveryError: (any Error)?
        do {
            try deliver(batch)
        } catch let partial as PartialDelivery {
            deliveredCount = min(max(partial.deliveredCount, 0), batch.count)
            deliveryError = partial.cause
        } catch {
            deliveredCount = 0
            deliveryError = error
        }

        let delivered = Array(batch.prefix(deliveredCount))
        if !delivered.isEmpty {
            do {
                try delete(delivered)
                logger.debug("outbox records delivered", ["count": delivered.count, "last_id": delivered.last!.id])
            } catch {
                // The receiver has them; they will be delivered a second time.
                logger.error(
                    "deleting delivered outbox records failed; they will be delivered again",
                    ["first_id": delivered.first!.id, "count": delivered.count, "error": error])
                return (error, batch)
            }
        }

        guard let deliveryError else {
            return nil
        }
        return (deliveryError, Array(batch.dropFirst(deliveredCount)))
    }

    /// Deletes delivered records and runs `onDelivered`, in one transaction.
    ///
    /// Records are delivered as a prefix of the rows in id order, and
    /// AUTOINCREMENT never gives a new row a smaller id, so one range delete
    /// usually removes exactly them. When the range contains another number of
    /// rows, the transaction rolls back and the rows are deleted one by one.
    private func delete(_ records: [OutboxRecord]) throws {
        guard let first = records.first?.id, let last = records.last?.id else {
            return
        }
        do {
            try database.write { connection in
                let deleted = try connection.run("DELETE FROM \(table) WHERE id BETWEEN ? AND ?", first, last)
                guard deleted == records.count else {
                    throw RangeMismatch()
                }
                try onDelivered?(records, connection)
            }
        } catch is RangeMismatch {
            try database.write { connection in
                for record in records {
                    try connection.run("DELETE FROM \(table) WHERE id = ?", record.id)
                }
                try onDelivered?(records, connection)
            }
        }
    }

    /// The id range of a delivered batch held rows that were not in the batch.
    private struct RangeMismatch: Error {}

    /// Stores the attempt on the pending rows, logs (rate-limited), and grows
    /// the backoff.
    private func recordFailure(_ error: any Error, batch: [OutboxRecord], streak: inout FailureStreak?) {
        let errorText = String(String(describing: error).prefix(OutboxRelay.maxStoredErrorCharacters))
        do {
            try database.write { connection in
                for record in batch {
                    try connection.run(
                        "UPDATE \(table) SET attempts = attempts + 1, last_error = ? WHERE id = ?", errorText, record.id)
                }
            }
        } catch {
            logger.debug("recording the outbox attempt failed", ["first_id": batch.first?.id ?? 0, "error": error])
        }

        var fields: [String: Any] = ["error": errorText]
        if let first = batch.first {
            fields["first_id"] = first.id
            fields["attempts"] = first.attempts + 1
        }

        // A delivery cut short by stop() is not something an operator must act on.
        if isStopRequested {
            logger.debug("outbox delivery interrupted by stop", fields)
            return
        }

        if var current = streak {
            current.failures += 1
            current.backoffSeconds = min(current.backoffSeconds * 2, OutboxRelay.maxBackoffSeconds)
            if elapsedMilliseconds(since: current.lastWarningAt) >= Int64(OutboxRelay.failureWarningIntervalSeconds * 1000) {
                current.lastWarningAt = .now()
                fields["failed_attempts"] = current.failures
                fields["backlog"] = (try? backlog()) ?? -1
                logger.warning("outbox delivery still failing", fields)
            } else {
                logger.debug("outbox delivery failed", fields)
            }
            streak = current
        } else {
            streak = FailureStreak(failures: 1)
            fields["backlog"] = (try? backlog()) ?? -1
            logger.warning("outbox delivery failed, retrying with backoff", fields)
        }
    }

    // MARK: Waiting

    /// Sleeps until `wake()`, `stop()` or the timeout.
    private func waitForWake(timeoutSeconds: Double) {
        _ = signal.wait(timeout: .now() + timeoutSeconds)
        state.withLock { $0.wakePending = false }
    }

    /// Sleeps for the backoff; only `stop()` cuts it short, so a stream of
    /// commits cannot turn the backoff into a busy retry loop.
    private func waitForBackoff(_ seconds: Double) {
        let until = Deadline.after(seconds: seconds)
        while !isStopRequested && !until.hasPassed {
            _ = signal.wait(timeout: .now() + Double(until.remainingMicroseconds) / 1_000_000)
        }
        state.withLock { $0.wakePending = false }
    }

    private func elapsedMilliseconds(since start: Deadline) -> Int64 {
        Int64((Deadline.monotonicNanoseconds() &- start.uptimeNanoseconds) / 1_000_000)
    }

    /// Table names are interpolated into SQL, so they must be plain identifiers.
    private static func checkTableName(_ table: String) {
        let isIdentifier = !table.isEmpty && table.utf8.first.map { !(0x30...0x39).contains($0) } == true
            && table.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F
            }
        precondition(isIdentifier, "outbox table name \"\(table)\" must be letters, digits and underscores, not starting with a digit")
    }
}
