import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The receiving end of systemd's notify protocol, played by a test: an
/// AF_UNIX datagram socket in a temporary directory. Pass `path` as
/// `NOTIFY_SOCKET` to a process and read what it sends.
final class NotifyListener {
    let path: String
    private let directory: String
    private let fd: Int32
    private(set) var received: [String] = []

    init() throws {
        // sun_path holds 108 bytes, so keep the path short.
        directory = "/tmp/jn-" + String(UUID().uuidString.prefix(8))
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/notify"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            throw MeshError("socket(AF_UNIX) failed: errno \(errno)")
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: Array(path.utf8))
        }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else {
            close(fd)
            throw MeshError("bind \(path) failed: errno \(errno)")
        }
    }

    deinit {
        close(fd)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Waits up to `seconds` for a datagram containing the line `line`
    /// (such as "READY=1"), keeping every datagram read on the way.
    /// Returns that datagram, or nil on timeout.
    func waitFor(_ line: String, seconds: Double) -> String? {
        if let earlier = received.first(where: { Self.lines($0).contains(line) }) {
            return earlier
        }
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard let message = receive(timeoutSeconds: deadline.timeIntervalSinceNow) else {
                continue
            }
            received.append(message)
            if Self.lines(message).contains(line) {
                return message
            }
        }
        return nil
    }

    /// How many datagrams so far contained `line`.
    func count(_ line: String) -> Int {
        received.filter { Self.lines($0).contains(line) }.count
    }

    /// Reads every datagram that arrives within `seconds`.
    func drain(seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let message = receive(timeoutSeconds: deadline.timeIntervalSinceNow) {
                received.append(message)
            }
        }
    }

    static func lines(_ message: String) -> [String] {
        message.split(separator: "\n").map(String.init)
    }

    private func receive(timeoutSeconds: Double) -> String? {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(max(timeoutSeconds, 0) * 1000))
        guard ready > 0 else {
            return nil
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else {
            return nil
        }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }
}
