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

    /// A registered handler and where it runs.
    struct Route: Sendable {
        let handler: RawHandler
        let runsOnEventLoop: Bool
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
