import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Holds SQLite's write lock on a database file from the test process, as
/// a `sqlite3` shell with an open `BEGIN IMMEDIATE` would. A service's write
/// to that file then waits in SQLite's busy handler (up to its busy
/// timeout), which keeps one of its calls in flight for as long as a test
/// needs.
///
/// The integration tests do not link SQLite, so this loads the system
/// library (libsqlite3.so.0, installed with libsqlite3-dev) at run time.
final class SQLiteWriteLock {
    private typealias OpenFunction = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<OpaquePointer?>?) -> Int32
    private typealias ExecFunction = @convention(c) (
        OpaquePointer?, UnsafePointer<CChar>?, UnsafeRawPointer?, UnsafeMutableRawPointer?,
        UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    ) -> Int32
    private typealias CloseFunction = @convention(c) (OpaquePointer?) -> Int32
    private typealias BusyTimeoutFunction = @convention(c) (OpaquePointer?, Int32) -> Int32

    private let library: UnsafeMutableRawPointer
    private let exec: ExecFunction
    private let closeDatabase: CloseFunction
    private var database: OpaquePointer?

    /// Opens `path` and runs `BEGIN IMMEDIATE`.
    init(path: String) throws {
        guard let library = dlopen("libsqlite3.so.0", RTLD_NOW) else {
            throw MeshError("cannot load libsqlite3.so.0: \(String(cString: dlerror()))")
        }
        self.library = library
        guard let open = dlsym(library, "sqlite3_open"), let exec = dlsym(library, "sqlite3_exec"),
            let close = dlsym(library, "sqlite3_close"), let busyTimeout = dlsym(library, "sqlite3_busy_timeout")
        else {
            throw MeshError("libsqlite3.so.0 lacks sqlite3_open, sqlite3_exec, sqlite3_close or sqlite3_busy_timeout")
        }
        self.exec = unsafeBitCast(exec, to: ExecFunction.self)
        closeDatabase = unsafeBitCast(close, to: CloseFunction.self)

        var handle: OpaquePointer?
        guard unsafeBitCast(open, to: OpenFunction.self)(path, &handle) == 0 else {
            throw MeshError("sqlite3_open \(path) failed")
        }
        database = handle
        // The service's own background writers (relays, sweeps) may hold the
        // lock for a moment; wait for it as SQLite's shell would.
        _ = unsafeBitCast(busyTimeout, to: BusyTimeoutFunction.self)(handle, 5_000)
        try run("BEGIN IMMEDIATE")
    }

    /// Commits the empty transaction and closes the file. Later calls do nothing.
    func release() {
        guard database != nil else {
            return
        }
        try? run("COMMIT")
        _ = closeDatabase(database)
        database = nil
    }

    deinit {
        release()
        dlclose(library)
    }

    private func run(_ sql: String) throws {
        let result = exec(database, sql, nil, nil, nil)
        guard result == 0 else {
            throw MeshError("\(sql) failed with SQLite result \(result)")
        }
    }
}
