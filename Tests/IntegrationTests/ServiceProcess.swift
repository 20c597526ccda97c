import Foundation
import JieluCore
import JieluRPC
#if canImport(Glibc)
import Glibc
#endif

/// One Jielu executable run as a child process with exactly the arguments
/// and environment a test gives, its stderr in a log file. Unlike `Mesh`,
/// it does not wait for the process to serve and sets no peers.
final class ServiceProcess {
    let name: String
    let logPath: String
    private let process = Process()

    /// Starts `jielu-<name>` (or `jielu` for "cli") from the build directory.
    init(_ name: String, arguments: [String], environment: [String: String], logDirectory: String) throws {
        self.name = name
        logPath = logDirectory + "/\(name)-\(UUID().uuidString.prefix(6)).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let binary = name == "cli" ? "jielu" : "jielu-\(name)"
        process.executableURL = try ServiceProcess.binDirectory().appendingPathComponent(binary)
        process.arguments = arguments
        var fullEnvironment = environment
        fullEnvironment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        // Keep any /etc/jielu/jielu.conf of the test machine out.
        if fullEnvironment["JIELU_CONFIG"] == nil {
            fullEnvironment["JIELU_CONFIG"] = ""
        }
        process.environment = fullEnvironment
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    var log: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits up to `seconds` for the process to exit; returns its status,
    /// or nil when it still runs.
    func waitForExit(seconds: Double) -> Int32? {
        let deadline = Deadline.after(seconds: seconds)
        while process.isRunning && !deadline.hasPassed {
            usleep(10_000)
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// SIGTERM, then SIGKILL after 15 s; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            signal(SIGTERM)
        }
        if let status = waitForExit(seconds: 15) {
            return status
        }
        signal(SIGKILL)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Runs a binary to completion and returns its status and combined output.
    static func run(_ name: String, _ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String) {
        let process = Process()
        let binary = name == "cli" ? "jielu" : "jielu-\(name)"
        process.executableURL = try binDirectory().appendingPathComponent(binary)
        process.arguments = arguments
        var fullEnvironment = environment
        fullEnvironment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        if fullEnvironment["JIELU_CONFIG"] == nil {
            fullEnvironment["JIELU_CONFIG"] = ""
        }
        process.environment = fullEnvironment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The folder with the built executables (see `Mesh`).
    static func binDirectory() throws -> URL {
        if let configured = ProcessInfo.processInfo.environment["JIELU_BIN_DIR"] {
            return URL(fileURLWithPath: configured)
        }
        var executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while executable.pathComponents.count > 1 {
            executable.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: executable.appendingPathComponent("jielu-registry").path) {
                return executable
            }
        }
        throw MeshError("jielu-* executables not found; set JIELU_BIN_DIR")
    }

    /// A port that was free a moment ago.
    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Int32 in
                guard bind(fd, raw, length) == 0 else {
                    return -1
                }
                return getsockname(fd, raw, &length)
            }
        }
        guard result == 0 else {
            throw MeshError("could not find a free port: errno \(errno)")
        }
        return UInt16(bigEndian: address.sin_port)
    }
}
