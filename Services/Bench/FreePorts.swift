#if canImport(Glibc)
import Glibc
#endif

/// `jielu-bench free-ports --count N`: prints N distinct 127.0.0.1 ports
/// that were free a moment ago, space-separated, for the servers the bench
/// starts. All sockets stay bound until every port is chosen, so the ports
/// differ from each other.
enum FreePorts {
    static let options: Set<String> = ["count"]

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try BenchOptions(arguments, allowed: options)
        let count = try options.integer("count", range: 1...100)
        var sockets: [Int32] = []
        defer {
            for fd in sockets {
                close(fd)
            }
        }
        var ports: [UInt16] = []
        for _ in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else {
                throw LoadError("socket failed: errno \(errno)")
            }
            sockets.append(fd)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Int32 in
                    guard bind(fd, raw, length) == 0 else {
                        return -1
                    }
                    return getsockname(fd, raw, &length)
                }
            }
            guard bound == 0 else {
                throw LoadError("binding a free port failed: errno \(errno)")
            }
            ports.append(UInt16(bigEndian: address.sin_port))
        }
        print(ports.map(String.init).joined(separator: " "))
        return 0
    }
}
