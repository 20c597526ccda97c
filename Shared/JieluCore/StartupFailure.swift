import Foundation

/// The common ending of every Jielu program that cannot start.
public enum StartupFailure {
    /// Exit status of a failed start. The systemd units list it in
    /// `RestartPreventExitStatus=`, because restarting cannot fix it.
    public static let exitStatus: Int32 = 2

    /// Writes `<3><program>: startup failed: <message>` to stderr, tells
    /// systemd why, and exits with `exitStatus`.
    ///
    /// "<3>" is the syslog priority "error", as on every log line, so
    /// journald files the line with the errors that `journalctl -p warning`
    /// shows.
    public static func exit(_ program: String, _ message: String, notifier: SystemdNotifier) -> Never {
        FileHandle.standardError.write(Data("<3>\(program): startup failed: \(message)\n".utf8))
        notifier.status("start-up failed: \(message)")
        Foundation.exit(exitStatus)
    }
}
