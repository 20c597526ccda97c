/// Tuning for one `Database`.
public struct DatabaseOptions: Sendable {
    /// Read-only connections in the pool that `Database.read` draws from; at
    /// least 1. More readers let more threads read at once, each an open
    /// connection with its own file descriptors and page cache.
    public var readerCount: Int
    /// How long a connection retries a locked database before failing with
    /// `SQLITE_BUSY`, in milliseconds; 0 or more. Locks come from other
    /// processes (for example a `sqlite3` shell) and WAL checkpoints.
    public var busyTimeoutMilliseconds: Int
    /// `PRAGMA synchronous=FULL` when true: a commit survives power loss once
    /// `write` returns. When false, `NORMAL`: in WAL mode the last commits may be
    /// lost on power loss but never corrupt the file, and commits are faster.
    public var synchronousFull: Bool
    /// Most `Database.write` calls that share one transaction and one COMMIT;
    /// at least 1, where 1 gives every write its own commit. Writers that queue
    /// while a commit is flushed share the next one, so a larger value means
    /// fewer fsyncs under load and a longer wait for the first writer of a
    /// large group.
    public var maxWritesPerCommit: Int

    public init(
        readerCount: Int = 4, busyTimeoutMilliseconds: Int = 5000, synchronousFull: Bool = true,
        maxWritesPerCommit: Int = 128
    ) {
        self.readerCount = readerCount
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.synchronousFull = synchronousFull
        self.maxWritesPerCommit = maxWritesPerCommit
    }

    /// - Throws: `StoreError` with `SQLITE_MISUSE` naming the invalid option.
    func validate() throws {
        guard readerCount >= 1 else {
            throw StoreError.misuse("readerCount must be at least 1, got \(readerCount)")
        }
        guard maxWritesPerCommit >= 1 else {
            throw StoreError.misuse("maxWritesPerCommit must be at least 1, got \(maxWritesPerCommit)")
        }
        guard (0...Int(Int32.max)).contains(busyTimeoutMilliseconds) else {
            throw StoreError.misuse(
                "busyTimeoutMilliseconds must be between 0 and \(Int32.max), got \(busyTimeoutMilliseconds)")
        }
    }
}
