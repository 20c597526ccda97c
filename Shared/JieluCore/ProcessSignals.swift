#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Process-wide signal set-up shared by every executable.
public enum ProcessSignals {
    /// Ignores SIGPIPE (a write to a closed socket returns EPIPE instead of
    /// killing the process) and blocks SIGTERM and SIGINT in the calling
    /// thread, so threads created afterwards inherit the mask and only
    /// `waitForTermination` sees them. Call first thing in `main`.
    public static func prepare() {
        signal(SIGPIPE, SIG_IGN)
        var set = terminationSignals()
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Blocks the calling thread until SIGTERM or SIGINT arrives and returns
    /// its number. Requires `prepare()` to have run first.
    public static func waitForTermination() -> Int32 {
        var set = terminationSignals()
        var received: Int32 = 0
        while sigwait(&set, &received) != 0 {}
        return received
    }

    /// Starts a thread that calls `handler` once for the first SIGTERM or SIGINT.
    public static func onTermination(_ handler: @escaping @Sendable (Int32) -> Void) {
        let thread = Thread {
            handler(waitForTermination())
        }
        thread.name = "signals"
        thread.start()
    }

    private static func terminationSignals() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        return set
    }
}
