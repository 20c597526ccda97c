import JieluCore
import JieluNet
import Synchronization

/// The state every connection of one `HTTPServer` shares: settings, the
/// worker pool, the request handler, the drain flag and the open connections.
final class HTTPServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let logger: Logger
    let pool: WorkerPool
    let handler: @Sendable (HTTPRequest) -> HTTPResponse
    /// Answers cheap requests on the thread that parsed them; nil sends every
    /// request to the pool (see `HTTPServer.init`).
    let inlineHandler: (@Sendable (HTTPRequest) -> HTTPResponse?)?
    /// Takes requests whose response comes later from another thread; nil
    /// sends every request to the pool (see `HTTPServer.init`).
    let deferredHandler: (@Sendable (HTTPRequest, HTTPResponder) -> Bool)?
    /// Set once by `HTTPServer.shutdown()`; requests parsed afterwards get 503.
    let isShuttingDown = Atomic<Bool>(false)
    /// Requests accepted by the pool whose response is not yet written.
    let requestsInFlight = Atomic<Int>(0)
    private let rejectedForOverload = Atomic<Int>(0)
    /// Open connections by id, so `shutdown()` can close them.
    private let connections = LockedValue<[UInt64: HTTPConnectionHandler]>([:])

    init(
        configuration: HTTPServerConfiguration, logger: Logger, pool: WorkerPool,
        inlineHandler: (@Sendable (HTTPRequest) -> HTTPResponse?)? = nil,
        deferredHandler: (@Sendable (HTTPRequest, HTTPResponder) -> Bool)? = nil,
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) {
        self.configuration = configuration
        self.logger = logger
        self.pool = pool
        self.inlineHandler = inlineHandler
        self.deferredHandler = deferredHandler
        self.handler = handler
    }

    func register(_ handler: HTTPConnectionHandler) {
        connections.withLock { $0[handler.connection.id] = handler }
    }

    func unregister(_ handler: HTTPConnectionHandler) {
        _ = connections.withLock { $0.removeValue(forKey: handler.connection.id) }
    }

    var openConnections: [HTTPConnectionHandler] {
        connections.withLock { Array($0.values) }
    }

    /// Logs a 503 for a full worker queue: the first, then one line per 100.
    func reportOverload(peer: String) {
        let count = rejectedForOverload.wrappingAdd(1, ordering: .relaxed).newValue
        if count % 100 == 1 {
            logger.warning("worker queue full, responding with 503", [
                "queue_limit": configuration.queueLimit, "peer": peer, "rejected_total": count,
            ])
        }
    }
}
