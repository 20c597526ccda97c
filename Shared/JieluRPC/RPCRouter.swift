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

    private let handlers = Mutex<[String: RawHandler]>([:])

    public init() {}

    /// Registers `handler` for `method`, replacing an earlier registration.
    public func register<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: String, _ handler: @escaping @Sendable (Request, RPCContext) throws -> Response
    ) {
        registerRaw(method) { bytes, context in
            let request = try Request(serializedBytes: bytes)
            return try handler(request, context).serializedBytes()
        }
    }

    public func registerRaw(_ method: String, _ handler: @escaping RawHandler) {
        handlers.withLock { $0[method] = handler }
    }

    public func handler(for method: String) -> RawHandler? {
        handlers.withLock { $0[method] }
    }

    public var methods: [String] {
        handlers.withLock { $0.keys.sorted() }
    }
}
