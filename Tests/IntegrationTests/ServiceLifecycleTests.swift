import Foundation
import JieluContract
import JieluCore
import JieluHTTP
import JieluRPC
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Each service as systemd runs it (`Type=notify`, `WatchdogSec=`): a real
/// process whose `NOTIFY_SOCKET` is a socket the test owns.
///
/// The process under test is a second copy of the service, with its own
/// port and data directory, next to a `Mesh` that provides its peers. Its
/// call in flight is held up by an SQLite write lock the test takes on the
/// database the call writes to, so SIGTERM surely arrives mid-call.
@Suite("systemd notify and graceful stop", .serialized)
struct ServiceLifecycleTests {
    static let watchdogMicroseconds = 300_000

    @Test("READY=1, WATCHDOG=1, STOPPING=1 and exit 0 with a call in flight",
          arguments: ["registry", "metrics", "dispatch", "intake", "markets", "gateway"])
    func lifecycle(service: String) throws {
        let mesh = try Mesh.started(without: service == "markets" ? [] : ["markets"])
        defer { mesh.stop() }
        let directory = mesh.directory.appendingPathComponent("under-test-\(service)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let address = SocketAddressText(host: "127.0.0.1", port: try ServiceProcess.freePort())
        let listener = try NotifyListener()

        var environment = Self.peerEnvironment(mesh)
        environment["NOTIFY_SOCKET"] = listener.path
        environment["WATCHDOG_USEC"] = String(Self.watchdogMicroseconds)
        environment["JIELU_LOG_LEVEL"] = "info"
        var arguments = ["--listen", address.description]
        if service != "gateway" {
            arguments += ["--data-dir", directory]
        }
        let process = try ServiceProcess(service, arguments: arguments, environment: environment, logDirectory: mesh.directory.path)
        defer { process.stop() }

        // READY=1 comes once it listens, so a call made right after it succeeds.
        let ready = try #require(listener.waitFor("READY=1", seconds: 20), "no READY=1; log:\n\(process.log)")
        #expect(NotifyListener.lines(ready).contains { $0.hasPrefix("STATUS=serving") })
        #expect(NotifyListener.lines(ready).contains("MAINPID=\(process.pid)"))
        #expect(Self.answersHealthCheck(service, at: address), "no answer right after READY=1")
        #expect(listener.waitFor("WATCHDOG=1", seconds: 5) != nil, "no WATCHDOG=1 within 5 s")

        // Hold the database the call writes to, start the call, then SIGTERM.
        let lockedPath = service == "gateway"
            ? mesh.directory.appendingPathComponent("registry/registry.sqlite").path
            : directory + "/\(service).sqlite"
        let lock = try SQLiteWriteLock(path: lockedPath)
        let call = try Self.inFlightCall(service, at: address, mesh: mesh)
        let outcome = BackgroundCall(call)
        usleep(400_000)
        #expect(!outcome.isFinished, "the call finished while the database was locked")

        process.signal(SIGTERM)
        #expect(listener.waitFor("STOPPING=1", seconds: 5) != nil, "no STOPPING=1 after SIGTERM")
        usleep(300_000)
        #expect(process.isRunning, "exited before its call in flight finished")

        lock.release()
        let result = outcome.wait(seconds: 15)
        #expect(result == "ok", "the call in flight failed: \(result ?? "no result")")
        #expect(process.waitForExit(seconds: 15) == 0, "log:\n\(process.log)")
    }

    // MARK: Helpers

    static func peerEnvironment(_ mesh: Mesh) -> [String: String] {
        var environment: [String: String] = [:]
        for service in Mesh.services where service != "gateway" {
            environment["JIELU_PEER_\(service.uppercased())"] = mesh.address(service).description
        }
        return environment
    }

    static func answersHealthCheck(_ service: String, at address: SocketAddressText) -> Bool {
        if service == "gateway" {
            let client = HTTPClient(address: address, timeoutSeconds: 2)
            defer { client.close() }
            guard let response = try? client.send(method: "GET", path: "/healthz") else {
                return false
            }
            return response.status == 200 || response.status == 503
        }
        let client = RPCClient(address: address, serviceName: "jielu-\(service)", logger: Logger(service: "test", level: .error))
        defer { client.close() }
        let reply = try? client.call(
            HealthMethods.check, HealthCheckRequest(), as: HealthCheckResponse.self,
            options: CallOptions(deadline: .after(seconds: 2)), idempotent: true)
        return reply?.status == .serving
    }

    /// A call to `service` at `address` that writes to its database (for the
    /// gateway: to the registry's). Returns "ok" or the error.
    static func inFlightCall(_ service: String, at address: SocketAddressText, mesh: Mesh) throws -> @Sendable () -> String {
        let logger = Logger(service: "test", level: .error)
        let options = CallOptions(deadline: .after(seconds: 30))
        let street = try DistrictFixture.load().street(2)
        @Sendable func rpc() -> RPCClient {
            RPCClient(address: address, serviceName: "jielu-\(service)", logger: logger)
        }
        @Sendable func outcome(_ body: () throws -> Void) -> String {
            do {
                try body()
                return "ok"
            } catch {
                return "\(error)"
            }
        }

        switch service {
        case "registry":
            return {
                outcome { _ = try RegistryClient(rpc()).createToken(.init(role: "admin"), options: options) }
            }
        case "metrics":
            let event = Metrics.CaseEvent(
                eventID: "lifecycle-1:1", caseID: "lifecycle-1", kind: "received", atMs: WallClock.nowMilliseconds(),
                streetID: street.id, streetName: "街路", subDistrictID: "SD01", subDistrictName: "街道", dueAtMs: 0)
            return {
                outcome { _ = try MetricsClient(rpc()).recordEvents(.init(events: [event]), options: options) }
            }
        case "intake":
            return {
                outcome {
                    _ = try IntakeClient(rpc()).submitReport(
                        .init(boardCode: street.board, categoryCode: "0401", description: "雨后积水，行人绕行"), options: options)
                }
            }
        case "dispatch":
            // A real report from the mesh's intake, accepted by the dispatch under test.
            let created = try IntakeClient(mesh.rpc("intake")).submitReport(
                .init(boardCode: street.board, categoryCode: "0403", description: "路灯不亮"), options: options)
            let report = try IntakeClient(mesh.rpc("intake")).getReport(.init(caseID: created.caseID), options: options)
            return {
                outcome { _ = try DispatchClient(rpc()).acceptCase(.init(report: report), options: options) }
            }
        case "markets":
            let dataset = try MarketsDataset.load(
                path: Mesh.repositoryRoot.appendingPathComponent("deploy/data/markets.json").path)
            return {
                outcome { _ = try MarketsClient(rpc()).loadMarkets(dataset, options: options) }
            }
        default:
            return {
                let client = HTTPClient(address: address, timeoutSeconds: 30)
                defer { client.close() }
                do {
                    let response = try client.send(
                        method: "POST", path: "/api/v1/tokens",
                        headers: [("Authorization", "Bearer \(Mesh.adminToken)"), ("Content-Type", "application/json")],
                        body: Array(#"{"role":"dispatcher"}"#.utf8))
                    return response.status == 201 ? "ok" : "HTTP \(response.status)"
                } catch {
                    return "\(error)"
                }
            }
        }
    }
}

/// A blocking call run on its own thread, with its result collected later.
final class BackgroundCall: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: String?

    init(_ body: @escaping @Sendable () -> String) {
        let thread = Thread { [self] in
            let value = body()
            lock.withLock { result = value }
            done.signal()
        }
        thread.start()
    }

    var isFinished: Bool { lock.withLock { result != nil } }

    /// The result, or nil when the call has not finished within `seconds`.
    func wait(seconds: Double) -> String? {
        _ = done.wait(timeout: .now() + seconds)
        return lock.withLock { result }
    }
}
