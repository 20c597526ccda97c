import JieluCore
import JieluHTTP
import JieluRPC
import Synchronization

/// The gateway in one object: the HTTP server, the route table and the
/// clients of the backing services. `GatewayService.run()` wraps it in a
/// process; tests run it in-process.
///
/// Lifecycle: `init` binds the listening socket, and port 0 picks a free one
/// (see `boundAddress`). `start()` serves. `shutdown()` lets requests in
/// flight finish, then closes the backend connections. Backends are reached
/// lazily, so the gateway starts even when they are down.
public final class GatewayServer: Sendable {
    /// Maximum length of a client-supplied `X-Request-Id` that is reused. Longer ones are replaced.
    static let maxRequestIDLength = 64

    public let configuration: GatewayConfiguration
    private let logger: Logger
    private let backends: Backends
    private let authenticator: Authenticator
    private let router: Router<RouteHandler>
    private let http: HTTPServer
    /// Reports sent to intake without a worker whose reply has not arrived yet.
    private let startedReports = Atomic<Int>(0)

    /// Binds `configuration.listen`. Throws `SocketError` when the address is taken.
    public init(configuration: GatewayConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        backends = Backends(configuration: configuration, logger: logger)
        authenticator = Authenticator(registry: backends.registry, cacheSeconds: configuration.authenticationCacheSeconds)
        router = GatewayServer.makeRouter()

        var httpConfiguration = HTTPServerConfiguration()
        httpConfiguration.maxBodyBytes = configuration.maxBodyBytes
        httpConfiguration.maxHeaderBytes = configuration.maxHeaderBytes
        httpConfiguration.readTimeoutSeconds = Double(configuration.readTimeoutSeconds)
        httpConfiguration.workerThreads = configuration.workerThreads
        httpConfiguration.loopCount = configuration.loopCount
        let box = HandlerBox()
        http = try HTTPServer(
            address: configuration.listen, configuration: httpConfiguration, logger: logger,
            inlineHandler: { request in box.server?.handleInline(request) },
            deferredHandler: { request, responder in box.server?.handleDeferred(request, responder) ?? false }
        ) { request in
            box.server!.handle(request)
        }
        box.server = self
    }

    /// The address actually listened on.
    public var boundAddress: SocketAddressText { http.boundAddress }

    public func start() {
        http.start()
    }

    /// Stops accepting, waits for requests in flight (up to the HTTP server's
    /// drain time), then closes the connections to the backing services.
    public func shutdown() {
        http.shutdown()
        backends.close()
    }

    /// Builds the table of every route of the gateway.
    static func makeRouter() -> Router<RouteHandler> {
        var router = Router<RouteHandler>()
        HealthRoute.register(in: &router)
        PublicRoutes.register(in: &router)
        ReportRoutes.register(in: &router)
        TrackRoutes.register(in: &router)
        MetricsRoutes.register(in: &router)
        CaseRoutes.register(in: &router)
        TokenRoutes.register(in: &router)
        MarketRoutes.register(in: &router)
        VendorRoutes.register(in: &router)
        StationRoutes.register(in: &router)
        ManifestRoutes.register(in: &router)
        PageRoutes.register(in: &router)
        MarketPageRoutes.register(in: &router)
        return router
    }

    /// Routes one request, turns errors into responses, adds the common
    /// headers and logs the outcome.
    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let started = Deadline.now()
        let requestID = GatewayServer.requestID(for: request)
        let requestLogger = logger.with(["request_id": requestID])

        let outcome: Result<HTTPResponse, any Error>
        switch router.match(method: request.method, path: request.path) {
        case .found(let handler, let parameters):
            let context = routeContext(request, parameters: parameters, requestID: requestID, logger: requestLogger)
            outcome = Result { try handler(context) }
        case .methodNotAllowed(let allowed):
            outcome = .success(ErrorMapping.methodNotAllowed(method: request.method, path: request.path, allowed: allowed))
        case .notFound:
            outcome = .success(GatewayServer.notFound(request))
        }
        return finish(request, outcome, requestID: requestID, logger: requestLogger, startedAt: started)
    }

    /// Takes `POST /api/v1/reports` on the thread that parsed it, when a
    /// connection to intake is up: the body is checked there, the call to
    /// intake is sent without blocking, and the reply thread writes the
    /// response. No worker thread waits for intake meanwhile. Returns false
    /// for every other request and when intake is not connected; those go
    /// to `handle` on a worker, and so do reports beyond
    /// `configuration.startedReportLimit` in flight. The response is the one `handle` would give.
    func handleDeferred(_ request: HTTPRequest, _ responder: HTTPResponder) -> Bool {
        guard request.method == "POST", request.path == "/api/v1/reports" else {
            return false
        }
        guard startedReports.wrappingAdd(1, ordering: .relaxed).newValue <= configuration.startedReportLimit else {
            startedReports.wrappingSubtract(1, ordering: .relaxed)
            return false
        }
        let started = Deadline.now()
        let requestID = GatewayServer.requestID(for: request)
        let requestLogger = logger.with(["request_id": requestID])
        let context = routeContext(request, parameters: [:], requestID: requestID, logger: requestLogger)
        let deferred = ReportRoutes.startSubmitReport(context) { [self] outcome in
            startedReports.wrappingSubtract(1, ordering: .relaxed)
            switch outcome {
            case .finished(let result):
                responder.respond(finish(request, result, requestID: requestID, logger: requestLogger, startedAt: started))
            case .retryOnWorker:
                responder.handToWorker()
            }
        }
        if !deferred {
            startedReports.wrappingSubtract(1, ordering: .relaxed)
        }
        return deferred
    }

    private func routeContext(
        _ request: HTTPRequest, parameters: [String: String], requestID: String, logger requestLogger: Logger
    ) -> RouteContext {
        RouteContext(
            request: request, parameters: parameters, requestID: requestID, logger: requestLogger, backends: backends,
            authenticator: authenticator, callTimeoutMilliseconds: configuration.callTimeoutMilliseconds)
    }

    /// Turns a route's outcome into the response: errors through
    /// `ErrorMapping`, the common headers added, the outcome logged.
    private func finish(
        _ request: HTTPRequest, _ outcome: Result<HTTPResponse, any Error>, requestID: String,
        logger requestLogger: Logger, startedAt started: Deadline
    ) -> HTTPResponse {
        var failureReason: String?
        var response: HTTPResponse
        switch outcome {
        case .success(let routed):
            response = routed
        case .failure(let error):
            response = ErrorMapping.response(for: error, requestID: requestID, logger: requestLogger)
            failureReason = (error as? ServiceError)?.reason ?? "internal"
        }

        GatewayServer.addCommonHeaders(to: &response, requestID: requestID)

        // The fields are built only when the line is written: this runs for every request.
        guard response.status >= 500 || requestLogger.isEnabled(.debug) else {
            return response
        }
        let elapsedMilliseconds = Double(Deadline.monotonicNanoseconds() - started.uptimeNanoseconds) / 1_000_000
        var fields: [String: Any] = [
            "method": request.method, "path": GatewayServer.pathForLog(request.path), "status": response.status,
            "duration_ms": JSONViews.rounded(elapsedMilliseconds, decimals: 1),
        ]
        if response.status >= 500 {
            if let failureReason {
                fields["reason"] = failureReason
            }
            requestLogger.warning("request failed", fields)
        } else {
            requestLogger.debug("request", fields)
        }
        return response
    }

    /// Returns `path` with a tracking code replaced by `{tracking_code}`. The
    /// code is the resident's credential for the case, and logs must not
    /// carry credentials.
    static func pathForLog(_ path: String) -> String {
        for prefix in ["/api/v1/track/", "/t/"] where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            let tail = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? ""
            return prefix + "{tracking_code}" + tail
        }
        return path
    }

    /// Responds on the event loop to `GET` and `HEAD /api/v1/categories`
    /// while the category catalog is cached and fresh, with the same response
    /// `handle` would give. Returns nil for every other request, which then
    /// goes to a worker. Never blocks.
    func handleInline(_ request: HTTPRequest) -> HTTPResponse? {
        guard request.method == "GET" || request.method == "HEAD", request.path == "/api/v1/categories",
            let catalog = CategoryCache.shared.freshCatalog(registry: backends.registry.rpc.address)
        else {
            return nil
        }
        let requestID = GatewayServer.requestID(for: request)
        var response = HTTPResponse.json(body: catalog.json)
        GatewayServer.addCommonHeaders(to: &response, requestID: requestID)
        if logger.isEnabled(.debug) {
            logger.with(["request_id": requestID]).debug("request", [
                "method": request.method, "path": request.path, "status": response.status, "inline": true,
            ])
        }
        return response
    }

    /// Adds the headers every gateway response carries: the request id,
    /// `nosniff`, and `Cache-Control: no-store` unless the route set its own.
    static func addCommonHeaders(to response: inout HTTPResponse, requestID: String) {
        response.headers.replaceOrAdd(name: "X-Request-Id", value: requestID)
        if !response.headers.contains("X-Content-Type-Options") {
            response.headers.add(name: "X-Content-Type-Options", value: "nosniff")
        }
        if !response.headers.contains("Cache-Control") {
            response.headers.add(name: "Cache-Control", value: "no-store")
        }
    }

    /// Returns the client's `X-Request-Id` when it is 1 to 64 characters of
    /// `[A-Za-z0-9._-]`, which is safe in logs and headers. Otherwise returns
    /// a new random id of 16 hex digits.
    static func requestID(for request: HTTPRequest) -> String {
        if let supplied = request.headers["X-Request-Id"], !supplied.isEmpty, supplied.utf8.count <= maxRequestIDLength,
            supplied.utf8.allSatisfy(isRequestIDByte)
        {
            return supplied
        }
        let hex = String(requestIDSequence.next(), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Request ids need to be unique, not secret. A counter from a random
    /// start, scrambled by a bijection, gives 16 hex digits that differ from
    /// request to request without a `getrandom` system call per request.
    private static let requestIDSequence = ScrambledSequence()

    private static func isRequestIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// 404 `not_found`: JSON for API paths and for clients that do not ask
    /// for HTML, a Chinese page for browsers.
    static func notFound(_ request: HTTPRequest) -> HTTPResponse {
        let error = ServiceError.notFound(reason: "not_found", message: "找不到 \(request.path)，请检查地址是否正确。")
        let wantsHTML = request.headers["Accept"]?.contains("text/html") ?? false
        if wantsHTML && !request.path.hasPrefix("/api/") {
            return PageRoutes.errorPage(for: error)
        }
        return ErrorMapping.response(for: error)
    }
}

/// Lets the HTTP handler closure, created before `self` is complete, reach the server.
private final class HandlerBox: @unchecked Sendable {
    // Written once in GatewayServer.init before the server starts accepting.
    // Weak, because the server owns the HTTP server that owns this box.
    weak var server: GatewayServer?
}
