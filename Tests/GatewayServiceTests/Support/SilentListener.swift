#if canImport(Glibc)
import Glibc
#endif
import JieluCore

/// A TCP socket on 127.0.0.1 that listens but never accepts or replies, to
/// stand in for a hung backend.
final class SilentListener {
    let address: SocketAddressText
    private let descriptor: Int32

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_port = 0
        local.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            Glibc.close(descriptor)
            throw ListenerError()
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        address = SocketAddressText(host: "127.0.0.1", port: UInt16(bigEndian: actual.sin_port))
    }

    func close() {
        Glibc.close(descriptor)
    }

    struct ListenerError: Error {}
}
