#if canImport(Glibc)
import Glibc
#endif
import JieluCore
import Synchronization

/// An exclusive `flock(2)` on `<data-dir>/<service>.lock`, held for the
/// life of the process. It keeps two processes of one service off the same
/// files: a second copy of the service, or `--restore-from` while the
/// service runs. The kernel releases it when the process exits, even on a
/// crash, so a stale lock file never blocks a start.
public final class DataDirectoryLock: Sendable {
    public let path: String
    private let descriptor: Int32
    private let released = Atomic<Bool>(false)

    /// Takes the lock without waiting.
    ///
    /// The file is opened read-only (creating it if needed), so the lock
    /// works whichever user created the file.
    ///
    /// - Throws: `DataDirectoryLockError.held` when another process holds
    ///   it, `.unavailable` when the file cannot be opened or locked.
    public init(directory: String, serviceName: String) throws(DataDirectoryLockError) {
        let path = directory + "/" + serviceName + ".lock"
        let descriptor = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .unavailable(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK {
                throw .held(path: path)
            }
            throw .unavailable(path: path, reason: String(cString: strerror(code)))
        }
        self.path = path
        self.descriptor = descriptor
    }

    /// Releases the lock now instead of at exit. Later calls do nothing.
    public func release() {
        if released.exchange(true, ordering: .acquiringAndReleasing) {
            return
        }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// A failure to take a `DataDirectoryLock`.
public enum DataDirectoryLockError: Error, Equatable, CustomStringConvertible {
    /// Another process holds the lock: the service is running.
    case held(path: String)
    case unavailable(path: String, reason: String)

    public var description: String {
        switch self {
        case .held(let path):
            "another process holds \(path): this service is already running on the data directory"
        case .unavailable(let path, let reason):
            "cannot lock \(path): \(reason)"
        }
    }
}
