import JieluCore
import Synchronization

/// Maps full method names to handlers.
///
/// Register every method before the server starts. A handler is plain
/// synchronous code: it receives the decoded request and returns the
/// response or throws `ServiceError`.
public final class RPCRouter: Sendable {
    /// A type-erased handler: request bytes in, response bytes out.
    public typealias RawHandler = @Sendable ([UInt8], RPCContext) throws -> [UInt8]

    /// A type-erased deferred handler: request bytes in; the reply goes to the
    /// `RPCReply` now or later. Returns false to leave the call to the blocking handler.
    public typealias RawStarter = @Sendable ([UInt8], RPCContext, RPCReply) -> Bool

    /// A registered handler and where it runs.
    struct Route: Sendable {
        let handler: RawHandler
        let runsOnEventLoop: Bool
        /// Tried first, on the event loop, when set (see `registerDeferred`).
        var starter: RawStarter? = nil
    }

    private let routes = LockedValue<[String: Route]>([:])

    public init() {}

    /// Registers `handler` for `method`, replacing an earlier registration.
    ///
    /// Handlers run on the server's worker threads, where they may block on
    /// SQLite or on calls to other services. With `runsOnEventLoop`, the
    /// handler instead runs on the event loop that read the request, which
    /// saves two thread switches per call. Use it only for handlers that never
    /// block and finish within microseconds, such as the health check, because
    /// the loop serves no other connection meanwhile.
    public func register<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: String, runsOnEventLoop: Bool = false,
        _ handler: @escaping @Sendable (Request, RPCContext) throws -> Response
    ) {
        registerRaw(method, runsOnEventLoop: runsOnEventLoop) { bytes, context in
            let request = try Request(serializedBytes: bytes)
            return try handler(request, context).serializedBytes()
        }
    }

    /// Registers a method whose reply may come later from another thread.
    ///
    /// `start` runs on the event loop that read the request and must never
    /// block. It returns false to leave the call to `handler` on a worker
    /// thread, as `register` would run it. Otherwise it took the call and
    /// calls its completion exactly once, now or later, from any thread; the
    /// reply is written then. Meanwhile no worker thread is held, and the call
    /// counts as in flight for the drain. Suits a method that waits only for
    /// a group commit or another service, when it can tell cheaply that it
    /// needs nothing that blocks.
    public func registerDeferred<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: String,
        start: @escaping @Sendable (
            Request, RPCContext, @escaping @Sendable (Result<Response, ServiceError>) -> Void
        ) -> Bool,
        handler: @escaping @Sendable (Request, RPCContext) throws -> Response
    ) {
        let raw: RawHandler = { bytes, context in
            try handler(try Request(serializedBytes: bytes), context).serializedBytes()
        }
        let starter: RawStarter = { bytes, context, reply in
            let request: Request
            do {
                request = try Request(serializedBytes: bytes)
            } catch {
                // The blocking path replies, so a bad request gets the same error either way.
                return false
            }
            return start(request, context) { result in
                reply.send(result.map { $0.serializedBytes() })
            }
        }
        routes.withLock { $0[method] = Route(handler: raw, runsOnEventLoop: false, starter: starter) }
    }

    public func registerRaw(_ method: String, runsOnEventLoop: Bool = false, _ handler: @escaping RawHandler) {
        routes.withLock { $0[method] = Route(handler: handler, runsOnEventLoop: runsOnEventLoop) }
    }

    public func handler(for method: String) -> RawHandler? {
        routes.withLock { $0[method]?.handler }
    }

    func route(for method: String) -> Route? {
        routes.withLock { $0[method] }
    }

    public var methods: [String] {
        routes.withLock { $0.keys.sorted() }
    }
}
