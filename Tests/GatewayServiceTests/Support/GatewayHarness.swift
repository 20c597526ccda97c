import Testing
import Foundation
import JieluContract
import JieluCore
import JieluHTTP
import JieluRPC
@testable import GatewayService

/// A gateway listening on 127.0.0.1 port 0, in front of four fake backends,
/// each a real `RPCServer` on its own port 0, and a markets server that
/// answers only health checks.
final class GatewayHarness {
    let registry: FakeRegistry
    let intake: FakeIntake
    let dispatch: FakeDispatch
    let metrics: FakeMetrics

    let registryServer: RPCServer
    let intakeServer: RPCServer
    let dispatchServer: RPCServer
    let metricsServer: RPCServer
    let marketsServer: RPCServer
    let gateway: GatewayServer
    private var stopped = false

    static let logger = Logger(service: "gateway-test", level: .error)

    /// Starts everything. `adjust` may change the gateway's settings; the
    /// peer addresses are filled in afterwards.
    init(_ adjust: (inout GatewayConfiguration) -> Void = { _ in }) throws {
        let any = SocketAddressText(host: "127.0.0.1", port: 0)
        let registry = FakeRegistry()
        let intake = FakeIntake()
        let dispatch = FakeDispatch()
        let metrics = FakeMetrics()
        self.registry = registry
        self.intake = intake
        self.dispatch = dispatch
        self.metrics = metrics
        registryServer = try GatewayHarness.startBackend("jielu-registry") { $0.register(registry: registry) }
        intakeServer = try GatewayHarness.startBackend("jielu-intake") { $0.register(intake: intake) }
        dispatchServer = try GatewayHarness.startBackend("jielu-dispatch") { $0.register(dispatch: dispatch) }
        metricsServer = try GatewayHarness.startBackend("jielu-metrics") { $0.register(metrics: metrics) }
        marketsServer = try GatewayHarness.startBackend("jielu-markets") { _ in }

        var configuration = GatewayConfiguration(
            listen: any, registry: any, intake: any, dispatch: any, metrics: any, workerThreads: 8,
            callTimeoutMilliseconds: 2_000, logLevel: .error)
        adjust(&configuration)
        configuration.registry = registryServer.boundAddress
        configuration.intake = intakeServer.boundAddress
        configuration.dispatch = dispatchServer.boundAddress
        configuration.metrics = metricsServer.boundAddress
        configuration.markets = marketsServer.boundAddress
        gateway = try GatewayServer(configuration: configuration, logger: GatewayHarness.logger)
        gateway.start()
    }

    deinit {
        stop()
    }

    func stop() {
        if stopped {
            return
        }
        stopped = true
        gateway.shutdown()
        for server in [registryServer, intakeServer, dispatchServer, metricsServer, marketsServer] {
            server.drain()
        }
    }

    func client() -> HTTPClient {
        HTTPClient(address: gateway.boundAddress, timeoutSeconds: 10)
    }

    /// Sends one request on a fresh client.
    func send(
        _ method: String, _ path: String, headers: [(String, String)] = [], json: String? = nil, body: [UInt8]? = nil
    ) throws -> HTTPClientResponse {
        var allHeaders = headers
        var bytes = body ?? []
        if let json {
            bytes = Array(json.utf8)
            allHeaders.append(("Content-Type", "application/json"))
        }
        return try client().send(method: method, path: path, headers: allHeaders, body: bytes)
    }

    func get(_ path: String, token: String? = nil) throws -> HTTPClientResponse {
        try send("GET", path, headers: token.map { [("Authorization", "Bearer \($0)")] } ?? [])
    }

    func post(_ path: String, json: String, token: String? = nil, headers: [(String, String)] = []) throws -> HTTPClientResponse {
        try send("POST", path, headers: headers + (token.map { [("Authorization", "Bearer \($0)")] } ?? []), json: json)
    }

    private static func startBackend(_ name: String, register: (RPCRouter) -> Void) throws -> RPCServer {
        let router = RPCRouter()
        register(router)
        let configuration = RPCServerConfiguration(
            address: SocketAddressText(host: "127.0.0.1", port: 0), loopCount: 1, workerThreads: 4, drainTimeoutSeconds: 2)
        let server = try RPCServer(serviceName: name, configuration: configuration, router: router, logger: logger)
        server.start()
        return server
    }
}

extension HTTPClientResponse {
    /// Parses the body as a JSON object, failing the test when it is not one.
    func object(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try #require(json() as? [String: Any], "body is not a JSON object: \(bodyText)", sourceLocation: sourceLocation)
    }

    /// `error.code` of an error body, or nil.
    var errorCode: String? {
        ((json() as? [String: Any])?["error"] as? [String: Any])?["code"] as? String
    }

    var errorField: String? {
        ((json() as? [String: Any])?["error"] as? [String: Any])?["field"] as? String
    }

    var errorMessage: String? {
        ((json() as? [String: Any])?["error"] as? [String: Any])?["message"] as? String
    }
}
