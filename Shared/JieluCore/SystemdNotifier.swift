#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// The sender side of systemd's notify protocol (sd_notify(3)), without
/// libsystemd: each notification is one datagram of `KEY=VALUE` lines sent to
/// the AF_UNIX socket named in `$NOTIFY_SOCKET`.
///
/// A path starting with `@` names a socket in the abstract namespace (the
/// `@` becomes a NUL byte). Without `$NOTIFY_SOCKET`, as outside systemd or
/// under `Type=simple`, every call does nothing and returns false.
///
/// The watchdog interval comes from `$WATCHDOG_USEC`, which systemd sets when
/// the unit has `WatchdogSec=`. It is ignored when `$WATCHDOG_PID` names
/// another process. The type is thread-safe.
public final class SystemdNotifier: Sendable {
    /// The socket address from `$NOTIFY_SOCKET`, or nil when notifications are off.
    public let socketPath: String?
    /// Half of `$WATCHDOG_USEC`, the interval sd_watchdog_enabled(3)
    /// recommends between `WATCHDOG=1` messages; nil without a watchdog.
    public let watchdogIntervalSeconds: Double?

    private let watchdogStop = Mutex<WatchdogState>(WatchdogState())

    private struct WatchdogState {
        var stopRequested = false
        var running = false
    }

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from `environment`.
    public init(environment: [String: String] = Configuration.processEnvironment()) {
        if let path = environment["NOTIFY_SOCKET"], !path.isEmpty {
            socketPath = path
        } else {
            socketPath = nil
        }

        var interval: Double?
        if let text = environment["WATCHDOG_USEC"], let microseconds = UInt64(text), microseconds > 0 {
            let pidText = environment["WATCHDOG_PID"]
            if pidText == nil || pidText == String(getpid()) {
                interval = Double(microseconds) / 1_000_000 / 2
            }
        }
        watchdogIntervalSeconds = interval
    }

    /// True when `$NOTIFY_SOCKET` was set.
    public var isEnabled: Bool { socketPath != nil }

    /// Sends `READY=1`: start-up is complete and the service accepts work.
    @discardableResult
    public func ready(status: String) -> Bool {
        send(["READY=1", "STATUS=\(status)", "MAINPID=\(getpid())"])
    }

    /// Sends `STOPPING=1`: the service has begun shutting down.
    @discardableResult
    public func stopping(status: String) -> Bool {
        send(["STOPPING=1", "STATUS=\(status)"])
    }

    /// Sends a free-form `STATUS=` line, shown by `systemctl status`.
    @discardableResult
    public func status(_ text: String) -> Bool {
        send(["STATUS=\(text)"])
    }

    /// Sends `WATCHDOG=1`: the service is alive and healthy.
    @discardableResult
    public func watchdog() -> Bool {
        send(["WATCHDOG=1"])
    }

    /// Sends the given `KEY=VALUE` assignments in one datagram.
    ///
    /// Returns false when notifications are off or the datagram could not be
    /// sent (no such socket, the path is longer than `sun_path`). Newlines in
    /// a value would start a new assignment, so they are replaced by spaces.
    @discardableResult
    public func send(_ assignments: [String]) -> Bool {
        guard let socketPath else {
            return false
        }
        let cleaned = assignments.map { $0.replacingOccurrences(of: "\n", with: " ") }
        let payload = Array((cleaned.joined(separator: "\n") + "\n").utf8)
        return SystemdNotifier.sendDatagram(payload, to: socketPath)
    }

    // MARK: Watchdog

    /// Starts a thread that sends `WATCHDOG=1` every `watchdogIntervalSeconds`
    /// while `isHealthy` returns true. A check that returns false, or hangs,
    /// skips the message, so systemd restarts the service once `WatchdogSec`
    /// passes without one. Does nothing without a watchdog interval or when
    /// the thread runs already.
    public func startWatchdog(isHealthy: @escaping @Sendable () -> Bool) {
        guard let interval = watchdogIntervalSeconds, isEnabled else {
            return
        }
        let alreadyRunning = watchdogStop.withLock { state -> Bool in
            defer {
                state.running = true
                state.stopRequested = false
            }
            return state.running
        }
        if alreadyRunning {
            return
        }

        let thread = Thread { [self] in
            while !watchdogStop.withLock({ $0.stopRequested }) {
                if isHealthy() && !watchdogStop.withLock({ $0.stopRequested }) {
                    watchdog()
                }
                sleepInSteps(interval)
            }
            watchdogStop.withLock { $0.running = false }
        }
        thread.name = "systemd-watchdog"
        thread.start()
    }

    /// Stops the watchdog thread before its next message. Returns at once.
    public func stopWatchdog() {
        watchdogStop.withLock { $0.stopRequested = true }
    }

    /// Sleeps `seconds`, waking every 50 ms to see whether a stop was requested.
    private func sleepInSteps(_ seconds: Double) {
        let deadline = Deadline.after(seconds: seconds)
        while !deadline.hasPassed && !watchdogStop.withLock({ $0.stopRequested }) {
            usleep(UInt32(min(50_000, max(deadline.remainingMicroseconds, 1))))
        }
    }

    // MARK: Socket

    /// Sends one datagram to an AF_UNIX datagram socket at `path` (`@` = abstract).
    static func sendDatagram(_ payload: [UInt8], to path: String) -> Bool {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(path.utf8)
        let isAbstract = pathBytes.first == UInt8(ascii: "@")
        if isAbstract {
            pathBytes[0] = 0
        }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        // A filesystem path needs room for its terminating NUL; an abstract name does not.
        guard !pathBytes.isEmpty, pathBytes.count + (isAbstract ? 0 : 1) <= capacity else {
            return false
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: pathBytes)
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)!
        let addressLength = socklen_t(pathOffset + pathBytes.count + (isAbstract ? 0 : 1))

        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            return false
        }
        defer { close(fd) }
        let sent = payload.withUnsafeBytes { bytes in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), $0, addressLength)
                }
            }
        }
        return sent == payload.count
    }
}
