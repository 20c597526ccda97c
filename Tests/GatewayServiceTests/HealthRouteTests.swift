import Foundation
import JieluCore
import JieluHTTP
import Testing
@testable import GatewayService

@Suite("HealthRoute", .serialized)
struct HealthRouteTests {
    @Test("all backends serving is 200")
    func serving() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let response = try harness.get("/healthz")

        #expect(response.status == 200)
        let body = try response.object()
        #expect(body["status"] as? String == "serving")
        let services = try #require(body["services"] as? [String: String])
        #expect(services == [
            "registry": "serving", "intake": "serving", "dispatch": "serving", "metrics": "serving", "markets": "serving",
        ])
    }

    @Test("one backend down is 503 naming it")
    func backendDown() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        harness.dispatchServer.drain()

        let response = try harness.get("/healthz")

        #expect(response.status == 503)
        let services = try #require(try response.object()["services"] as? [String: String])
        #expect(services["dispatch"] == "unavailable")
        #expect(services["registry"] == "serving")
        #expect(services["intake"] == "serving")
        #expect(services["metrics"] == "serving")
    }

    @Test("a backend that is not serving is 503 not_serving")
    func notServing() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        harness.metricsServer.setServing(false)

        let response = try harness.get("/healthz")

        #expect(response.status == 503)
        #expect((try response.object()["services"] as? [String: String])?["metrics"] == "not_serving")
    }

    @Test("a hung backend is reported within about a second")
    func hungBackend() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        // A listening socket that never replies: accept queue only, no server.
        let silent = try SilentListener()
        defer { silent.close() }
        let gateway = try GatewayServer(
            configuration: GatewayConfiguration(
                listen: SocketAddressText(host: "127.0.0.1", port: 0), registry: silent.address,
                intake: harness.intakeServer.boundAddress, dispatch: harness.dispatchServer.boundAddress,
                metrics: harness.metricsServer.boundAddress, workerThreads: 2, logLevel: .error),
            logger: GatewayHarness.logger)
        gateway.start()
        defer { gateway.shutdown() }

        let started = Deadline.now()
        let response = try HTTPClient(address: gateway.boundAddress).send(method: "GET", path: "/healthz")
        let elapsed = Double(Deadline.monotonicNanoseconds() - started.uptimeNanoseconds) / 1e9

        #expect(response.status == 503)
        #expect((try response.object()["services"] as? [String: String])?["registry"] == "unavailable")
        #expect(elapsed < 1.6, "took \(elapsed) s")
    }
}
