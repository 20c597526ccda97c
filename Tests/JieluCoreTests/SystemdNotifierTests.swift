import Foundation
import JieluCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A datagram socket standing in for systemd's notify socket, bound to a
/// filesystem path or, when the name starts with "@", an abstract name.
final class NotifySocket {
    let name: String
    private let fd: Int32
    private let directory: String?

    init(abstract: Bool) throws {
        let unique = String(UUID().uuidString.prefix(8))
        if abstract {
            name = "@jielu-test-\(unique)"
            directory = nil
        } else {
            let directory = "/tmp/jt-\(unique)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            self.directory = directory
            name = directory + "/notify"
        }
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(name.utf8)
        if abstract {
            bytes[0] = 0
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let offset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)!
        let length = socklen_t(offset + bytes.count + (abstract ? 0 : 1))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    deinit {
        close(fd)
        if let directory {
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// The next datagram within `seconds`, or nil.
    func receive(seconds: Double) -> String? {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(seconds * 1000)) > 0 else {
            return nil
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : nil
    }
}

@Suite("systemd notifier")
struct SystemdNotifierTests {
    @Test("sends to path and abstract sockets", arguments: [false, true])
    func sendsReadyAndStopping(abstract: Bool) throws {
        let socket = try NotifySocket(abstract: abstract)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.name])
        #expect(notifier.isEnabled)

        #expect(notifier.ready(status: "serving on 127.0.0.1:7101"))
        #expect(socket.receive(seconds: 2) == "READY=1\nSTATUS=serving on 127.0.0.1:7101\nMAINPID=\(getpid())\n")

        #expect(notifier.stopping(status: "draining\nnow"))
        #expect(socket.receive(seconds: 2) == "STOPPING=1\nSTATUS=draining now\n")
    }

    @Test func withoutSocketNothingIsSent() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        #expect(!notifier.ready(status: "x"))
        #expect(notifier.watchdogIntervalSeconds == nil)
    }

    @Test func missingSocketReportsFailure() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/tmp/jielu-no-such-socket-\(UUID().uuidString)"])
        #expect(!notifier.status("x"))
        let tooLong = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/tmp/" + String(repeating: "a", count: 200)])
        #expect(!tooLong.status("x"))
    }

    @Test("watchdog interval from WATCHDOG_USEC and WATCHDOG_PID", arguments: [
        (["WATCHDOG_USEC": "30000000"], 15.0),
        (["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": String(getpid())], 15.0),
        (["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"], nil),
        (["WATCHDOG_USEC": "0"], nil),
        (["WATCHDOG_USEC": "soon"], nil),
    ] as [([String: String], Double?)])
    func watchdogInterval(environment: [String: String], expected: Double?) {
        #expect(SystemdNotifier(environment: environment).watchdogIntervalSeconds == expected)
    }

    @Test func watchdogPingsWhileHealthyAndStops() throws {
        let socket = try NotifySocket(abstract: false)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.name, "WATCHDOG_USEC": "100000"])
        let healthy = HealthFlag()
        notifier.startWatchdog { healthy.value }

        #expect(socket.receive(seconds: 2) == "WATCHDOG=1\n")
        #expect(socket.receive(seconds: 2) == "WATCHDOG=1\n")

        // An unhealthy check skips the message, so systemd's timer runs out.
        healthy.value = false
        _ = socket.receive(seconds: 0.2)
        #expect(socket.receive(seconds: 0.3) == nil)

        healthy.value = true
        #expect(socket.receive(seconds: 2) == "WATCHDOG=1\n")
        notifier.stopWatchdog()
        _ = socket.receive(seconds: 0.1)
        #expect(socket.receive(seconds: 0.3) == nil)
    }
}

final class HealthFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = true

    var value: Bool {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
