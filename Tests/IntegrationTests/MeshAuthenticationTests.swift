import Foundation
import JieluContract
import JieluCore
import JieluHTTP
import JieluNet
import JieluRPC
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The mesh handshake between real processes: services, the gateway and the
/// `jielu` CLI, each reading its secret from a file.
@Suite("Mesh authentication across processes", .serialized)
struct MeshAuthenticationTests {
    /// A registry (with the district) and the files around it.
    final class SecuredRegistry {
        let directory: String
        let rightSecret: String
        let wrongSecret: String
        let address: SocketAddressText
        let process: ServiceProcess

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("jielu-mesh-auth-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            rightSecret = directory + "/right.secret"
            wrongSecret = directory + "/wrong.secret"
            try "right-secret-\(UUID().uuidString)\n".write(toFile: rightSecret, atomically: true, encoding: .utf8)
            try "wrong-secret-\(UUID().uuidString)\n".write(toFile: wrongSecret, atomically: true, encoding: .utf8)

            address = SocketAddressText(host: "127.0.0.1", port: try ServiceProcess.freePort())
            process = try ServiceProcess(
                "registry",
                arguments: ["--listen", address.description, "--data-dir", directory + "/registry", "--mesh-secret-file", rightSecret],
                environment: ["JIELU_BOOTSTRAP_ADMIN_TOKEN": Mesh.adminToken], logDirectory: directory)
            try waitUntilServing()
        }

        func waitUntilServing() throws {
            let secret = try MeshSecret.read(file: rightSecret)
            let client = RPCClient(
                address: address, serviceName: "jielu-registry",
                options: RPCClientOptions(connectTimeoutSeconds: 0.5, initialBackoffSeconds: 0.01, maxBackoffSeconds: 0.05, meshSecret: secret),
                logger: Logger(service: "test", level: .error))
            defer { client.close() }
            let deadline = Deadline.after(seconds: 20)
            while !deadline.hasPassed {
                if let reply = try? client.call(
                    HealthMethods.check, HealthCheckRequest(), as: HealthCheckResponse.self,
                    options: CallOptions(deadline: .after(milliseconds: 500)), idempotent: true), reply.status == .serving {
                    return
                }
                guard process.isRunning else {
                    throw MeshError("jielu-registry exited; log:\n\(process.log)")
                }
                usleep(20_000)
            }
            throw MeshError("jielu-registry did not serve; log:\n\(process.log)")
        }

        func cli(_ arguments: [String]) throws -> (status: Int32, output: String) {
            try ServiceProcess.run("cli", arguments + ["--peer-registry", address.description], environment: [:])
        }

        deinit {
            process.stop()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func cliWithRightSecretLoadsDistrictWrongSecretIsRejected() throws {
        let registry = try SecuredRegistry()
        let district = Mesh.repositoryRoot.appendingPathComponent("deploy/data/district.json").path

        let wrong = try registry.cli(["load-district", "--mesh-secret-file", registry.wrongSecret, district])
        #expect(wrong.status == 1)
        #expect(wrong.output.contains("mesh_authentication_failed"), "\(wrong.output)")
        let warning = registry.process.log.split(separator: "\n").first { $0.contains("mesh authentication failed") }
        #expect(warning?.hasPrefix("<4>") == true, "no warning in:\n\(registry.process.log)")
        #expect(warning?.contains("peer=127.0.0.1:") == true)

        let missing = try registry.cli(["load-district", district])
        #expect(missing.status == 1, "a client without a secret got through: \(missing.output)")
        #expect(missing.output.contains("未配置网格密钥"), "\(missing.output)")

        let right = try registry.cli(["load-district", "--mesh-secret-file", registry.rightSecret, district])
        #expect(right.status == 0, "\(right.output)")
        #expect(right.output.contains("辖区数据已导入"))

        // The secret itself appears in no log line.
        let secretText = try String(contentsOfFile: registry.rightSecret, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!registry.process.log.contains(secretText))
    }

    @Test func healthShowsAuthenticationFailure() throws {
        let registry = try SecuredRegistry()
        let right = try registry.cli(["health", "--mesh-secret-file", registry.rightSecret, "--timeout", "1"])
        #expect(right.output.split(separator: "\n").first?.contains("SERVING") == true, "\(right.output)")

        let wrong = try registry.cli(["health", "--mesh-secret-file", registry.wrongSecret, "--timeout", "1"])
        #expect(wrong.status == 1)
        #expect(wrong.output.split(separator: "\n").first?.contains("UNAUTHENTICATED") == true, "\(wrong.output)")
    }

    /// intake calls the registry for every report, so a report that intake
    /// accepts has crossed an authenticated connection between two processes.
    @Test func intakeReachesRegistryOnlyWithTheSameSecret() throws {
        let registry = try SecuredRegistry()
        let district = Mesh.repositoryRoot.appendingPathComponent("deploy/data/district.json").path
        try #require(try registry.cli(["load-district", "--mesh-secret-file", registry.rightSecret, district]).status == 0)
        let street = try DistrictFixture.load().street(5)
        let report = Intake.SubmitReportRequest(boardCode: street.board, categoryCode: "0401", description: "井盖松动，车辆经过有响声")

        for (secretFile, shouldWork) in [(registry.rightSecret, true), (registry.wrongSecret, false)] {
            let address = SocketAddressText(host: "127.0.0.1", port: try ServiceProcess.freePort())
            let intake = try ServiceProcess(
                "intake",
                arguments: [
                    "--listen", address.description, "--data-dir", registry.directory + "/intake-\(shouldWork)",
                    "--mesh-secret-file", secretFile,
                ],
                environment: [
                    "JIELU_PEER_REGISTRY": registry.address.description, "JIELU_PEER_DISPATCH": "127.0.0.1:1",
                    "JIELU_PEER_MARKETS": "127.0.0.1:1",
                ],
                logDirectory: registry.directory)
            defer { intake.stop() }

            let client = RPCClient(
                address: address, serviceName: "jielu-intake",
                options: RPCClientOptions(connectTimeoutSeconds: 1, meshSecret: try MeshSecret.read(file: secretFile)),
                logger: Logger(service: "test", level: .error))
            defer { client.close() }
            let result = Self.retryWhileStarting {
                try IntakeClient(client).submitReport(report, options: CallOptions(deadline: .after(seconds: 10)))
            }
            if shouldWork {
                #expect(result.error == nil, "same secret failed: \(String(describing: result.error)); log:\n\(intake.log)")
                #expect(result.value?.caseID.isEmpty == false)
            } else {
                #expect(result.value == nil, "intake reached the registry with a different secret")
                #expect(intake.log.contains("mesh handshake failed"), "intake log:\n\(intake.log)")
            }
        }
    }

    @Test func gatewayBackendsUseTheSecret() throws {
        let registry = try SecuredRegistry()
        for (secretFile, expected) in [(registry.rightSecret, "serving"), (registry.wrongSecret, "unavailable")] {
            let address = SocketAddressText(host: "127.0.0.1", port: try ServiceProcess.freePort())
            let gateway = try ServiceProcess(
                "gateway", arguments: ["--listen", address.description, "--mesh-secret-file", secretFile],
                environment: ["JIELU_PEER_REGISTRY": registry.address.description], logDirectory: registry.directory)
            defer { gateway.stop() }

            let state = Self.retryWhileStarting { () throws -> String in
                let client = HTTPClient(address: address, timeoutSeconds: 5)
                defer { client.close() }
                let response = try client.send(method: "GET", path: "/healthz")
                let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
                return ((object?["services"] as? [String: Any])?["registry"] as? String) ?? "missing"
            }
            #expect(state.value == expected, "secret \(secretFile): \(String(describing: state.value)) \(String(describing: state.error))")
        }
    }

    @Test func shortSecretRefusesStart() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jielu-short-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "short\n".write(toFile: directory + "/short.secret", atomically: true, encoding: .utf8)

        let result = try ServiceProcess.run(
            "metrics", ["--listen", "127.0.0.1:0", "--data-dir", directory, "--mesh-secret-file", directory + "/short.secret"],
            environment: [:])
        #expect(result.status == 2)
        #expect(result.output.contains("mesh-secret-file"), "\(result.output)")
        #expect(result.output.contains("has 5 bytes"))
    }

    /// Retries `body` for up to 20 s while it fails with UNAVAILABLE or a
    /// connection error (the process is still starting); any other outcome is final.
    static func retryWhileStarting<T>(_ body: () throws -> T) -> (value: T?, error: (any Error)?) {
        let deadline = Deadline.after(seconds: 20)
        var lastError: (any Error)?
        while !deadline.hasPassed {
            do {
                return (try body(), nil)
            } catch let error as ServiceError where error.code == .unavailable && error.message.contains("jielu-intake") {
                lastError = error
            } catch is SocketError {
                lastError = SocketError("connect", errno: ECONNREFUSED)
            } catch {
                return (nil, error)
            }
            usleep(50_000)
        }
        return (nil, lastError)
    }
}
