#if canImport(Glibc)
import Glibc
#endif
import JieluCore

/// Socket calls shared by the server and the blocking client.
enum SocketOptions {
    static func setNoDelay(_ fd: Int32) {
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    static func socketAddress(_ address: SocketAddressText) -> sockaddr_in {
        var storage = sockaddr_in()
        storage.sin_family = sa_family_t(AF_INET)
        storage.sin_port = address.port.bigEndian
        inet_pton(AF_INET, address.host, &storage.sin_addr)
        return storage
    }

    static func describe(_ address: sockaddr_in) -> SocketAddressText {
        var addr = address.sin_addr
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        inet_ntop(AF_INET, &addr, &text, socklen_t(INET_ADDRSTRLEN))
        let host = text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return SocketAddressText(host: host, port: UInt16(bigEndian: address.sin_port))
    }

    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// A failed socket system call, with the call's name and errno.
public struct SocketError: Error, CustomStringConvertible, Sendable {
    public let operation: String
    public let errno: Int32
    public let address: String

    public init(_ operation: String, errno: Int32, address: String = "") {
        self.operation = operation
        self.errno = errno
        self.address = address
    }

    public var description: String {
        let target = address.isEmpty ? "" : " \(address)"
        return "\(operation)\(target) failed: \(SocketOptions.errorText(errno)) (errno \(errno))"
    }
}
