import Foundation
import JieluContract
import JieluCore
import JieluHTTP
import JieluRPC
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The whole Jielu mesh started as real processes on free 127.0.0.1 ports,
/// with every database in a fresh temporary directory.
///
/// Services start in dependency order and `start` returns once each health
/// check passes. `stop` sends SIGTERM to every process and records the exit
/// statuses so tests can assert a clean shutdown.
final class Mesh: @unchecked Sendable {
    static let services = ["registry", "metrics", "dispatch", "intake", "markets", "gateway"]
    /// How often the markets service checks for expired manifests and
    /// permits in tests, so an expiry shows within a fraction of a second.
    static let marketsSweepIntervalMilliseconds = 200
    static let adminToken = "jl_test_admin_token_0123456789"

    let directory: URL
    let binDirectory: URL
    private(set) var ports: [String: UInt16] = [:]
    private var processes: [String: Process] = [:]
    private(set) var exitStatuses: [String: Int32] = [:]

    /// Creates the directory and picks the ports; starts nothing.
    init() throws {
        binDirectory = try Mesh.findBinDirectory()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("jielu-mesh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for service in Mesh.services {
            ports[service] = try Mesh.freePort()
        }
    }

    /// Starts every service except those in `skipped` and loads the
    /// reference district, then the markets dataset when markets runs.
    static func started(without skipped: Set<String> = [], loadDistrict: Bool = true) throws -> Mesh {
        let mesh = try Mesh()
        do {
            for service in services where !skipped.contains(service) {
                try mesh.start(service)
            }
            if loadDistrict {
                let output = try mesh.runCLI(["load-district", repositoryRoot.appendingPathComponent("deploy/data/district.json").path])
                guard output.status == 0 else {
                    throw MeshError("load-district failed: \(output.text)")
                }
            }
            if loadDistrict && !skipped.contains("markets") {
                let output = try mesh.runCLI(["load-markets", repositoryRoot.appendingPathComponent("deploy/data/markets.json").path])
                guard output.status == 0 else {
                    throw MeshError("load-markets failed: \(output.text)")
                }
            }
        } catch {
            mesh.stop()
            throw error
        }
        return mesh
    }

    func address(_ service: String) -> SocketAddressText {
        SocketAddressText(host: "127.0.0.1", port: ports[service]!)
    }

    /// Environment shared by every process and the CLI: peer addresses.
    private var peerEnvironment: [String: String] {
        var environment: [String: String] = [:]
        for service in Mesh.services where service != "gateway" {
            environment["JIELU_PEER_\(service.uppercased())"] = address(service).description
        }
        environment["JIELU_GATEWAY"] = address("gateway").description
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        // An empty name reads no configuration file, so an installed
        // /etc/jielu/jielu.conf on the test machine changes nothing here.
        environment["JIELU_CONFIG"] = ""
        return environment
    }

    /// Starts one service and waits until it reports SERVING.
    func start(_ service: String) throws {
        let process = Process()
        process.executableURL = binDirectory.appendingPathComponent("jielu-\(service)")
        let dataDirectory = directory.appendingPathComponent(service)
        process.arguments = ["--listen", address(service).description, "--data-dir", dataDirectory.path]
        var environment = peerEnvironment
        environment["JIELU_LOG_LEVEL"] = "warning"
        if service == "registry" {
            environment["JIELU_BOOTSTRAP_ADMIN_TOKEN"] = Mesh.adminToken
        }
        if service == "markets" {
            process.arguments! += ["--sweep-interval-ms", String(Mesh.marketsSweepIntervalMilliseconds)]
        }
        process.environment = environment
        let log = directory.appendingPathComponent("\(service).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        processes[service] = process
        try waitUntilServing(service)
    }

    /// Sends SIGTERM to `service`, waits for it and returns its exit status.
    @discardableResult
    func stop(_ service: String) -> Int32? {
        guard let process = processes.removeValue(forKey: service) else {
            return nil
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
        }
        let deadline = Deadline.after(seconds: 15)
        while process.isRunning && !deadline.hasPassed {
            usleep(10_000)
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        exitStatuses[service] = process.terminationStatus
        return process.terminationStatus
    }

    /// Kills `service` with SIGKILL, as a crash would.
    func crash(_ service: String) {
        guard let process = processes.removeValue(forKey: service) else {
            return
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func isRunning(_ service: String) -> Bool {
        processes[service]?.isRunning ?? false
    }

    /// Stops every process (gateway first) and deletes the directory.
    func stop() {
        for service in Mesh.services.reversed() {
            stop(service)
        }
        try? FileManager.default.removeItem(at: directory)
    }

    func log(_ service: String) -> String {
        (try? String(contentsOf: directory.appendingPathComponent("\(service).log"), encoding: .utf8)) ?? ""
    }

    // MARK: Clients

    func http() -> HTTPClient {
        HTTPClient(address: address("gateway"), timeoutSeconds: 10)
    }

    func rpc(_ service: String) -> RPCClient {
        RPCClient(address: address(service), serviceName: "jielu-\(service)", logger: Logger(service: "test", level: .error))
    }

    /// Runs the `jielu` admin CLI with the mesh's peer settings.
    func runCLI(_ arguments: [String]) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = binDirectory.appendingPathComponent("jielu")
        process.arguments = arguments
        process.environment = peerEnvironment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    // MARK: Helpers

    private func waitUntilServing(_ service: String) throws {
        let deadline = Deadline.after(seconds: 20)
        while !deadline.hasPassed {
            guard processes[service]?.isRunning == true else {
                throw MeshError("jielu-\(service) exited during start-up; log:\n\(log(service))")
            }
            if service == "gateway" {
                if let response = try? http().send(method: "GET", path: "/healthz", headers: [], body: []), response.status == 200 || response.status == 503 {
                    return
                }
            } else {
                let client = rpc(service)
                defer { client.close() }
                if let reply = try? client.call(
                    HealthMethods.check, HealthCheckRequest(), as: HealthCheckResponse.self,
                    options: CallOptions(deadline: .after(milliseconds: 500)), idempotent: true), reply.status == .serving {
                    return
                }
            }
            usleep(20_000)
        }
        throw MeshError("jielu-\(service) did not report SERVING within 20 s; log:\n\(log(service))")
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The folder with the built executables: `JIELU_BIN_DIR`, else the
    /// folder of the running test bundle, which SwiftPM puts beside them.
    static func findBinDirectory() throws -> URL {
        var candidates: [URL] = []
        if let configured = ProcessInfo.processInfo.environment["JIELU_BIN_DIR"] {
            candidates.append(URL(fileURLWithPath: configured))
        }
        var executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while executable.pathComponents.count > 1 {
            executable.deleteLastPathComponent()
            candidates.append(executable)
            if executable.lastPathComponent == "debug" || executable.lastPathComponent == "release" {
                break
            }
        }
        candidates.append(repositoryRoot.appendingPathComponent(".build/debug"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.appendingPathComponent("jielu-registry").path) {
            return candidate
        }
        throw MeshError("jielu-* executables not found; run `swift build` first or set JIELU_BIN_DIR (looked in \(candidates.map(\.path)))")
    }

    /// A port that was free a moment ago: bind port 0, read it, close.
    private static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
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
            throw MeshError("could not find a free port: errno \(errno)")
        }
        return UInt16(bigEndian: address.sin_port)
    }
}

struct MeshError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
