import JieluCore
import JieluNet
import Synchronization

/// Limits and sizes of an `RPCServer`.
public struct RPCServerConfiguration: Sendable {
    public var address: SocketAddressText
    public var loopCount: Int
    /// Threads running handlers. Handlers block on SQLite and on other
    /// services, so this is larger than the core count.
    public var workerThreads: Int
    /// Calls waiting for a worker beyond which new calls get RESOURCE_EXHAUSTED.
    public var queueLimit: Int
    public var maxFrameBytes: Int
    /// Calls in flight on one connection beyond which new ones get RESOURCE_EXHAUSTED.
    public var maxCallsPerConnection: Int
    public var limits: ServerLimits
    /// How long SIGTERM waits for calls in flight before closing connections.
    public var drainTimeoutSeconds: Double
    /// When set, every connection must pass `MeshHandshake` before its first frame.
    public var meshSecret: MeshSecret?

    public init(
        address: SocketAddressText, loopCount: Int = 2, workerThreads: Int = 16, queueLimit: Int = 1024,
        maxFrameBytes: Int = Framing.defaultMaxFrameBytes, maxCallsPerConnection: Int = 256,
        limits: ServerLimits = ServerLimits(), drainTimeoutSeconds: Double = 10, meshSecret: MeshSecret? = nil
    ) {
        self.address = address
        self.loopCount = loopCount
        self.workerThreads = workerThreads
        self.queueLimit = queueLimit
        self.maxFrameBytes = maxFrameBytes
        self.maxCallsPerConnection = maxCallsPerConnection
        self.limits = limits
        self.drainTimeoutSeconds = drainTimeoutSeconds
        self.meshSecret = meshSecret
    }
}

/// A Jielu RPC server: framing and envelopes on `TCPServer`, handlers on a
/// `WorkerPool`, and `jielu.health.v1.Health/Check` built in.
///
/// Lifecycle: `init` binds; `start()` serves; `drain()` reports NOT_SERVING,
/// stops accepting, answers new calls with UNAVAILABLE, waits for calls in
/// flight (up to `drainTimeoutSeconds`) and closes everything.
public final class RPCServer: Sendable {
    public let serviceName: String
    public let router: RPCRouter
    public let configuration: RPCServerConfiguration
    let logger: Logger
    private let version: String
    private let workers: WorkerPool
    private let tcp: Mutex<TCPServer?> = Mutex(nil)
    private let serving = Atomic<Bool>(false)
    private let draining = Atomic<Bool>(false)
    private let callsInFlight = Atomic<Int>(0)
    private let boundAddressStorage: SocketAddressText

    /// Binds the listening socket. Throws `SocketError` when the address is taken.
    public init(
        serviceName: String, version: String = "dev", configuration: RPCServerConfiguration,
        router: RPCRouter, logger: Logger
    ) throws {
        self.serviceName = serviceName
        self.version = version
        self.configuration = configuration
        self.router = router
        self.logger = logger
        workers = WorkerPool(name: "\(serviceName)-worker", threadCount: configuration.workerThreads, queueLimit: configuration.queueLimit)

        // The handler factory needs `self`, which is not ready yet: route through a box.
        let box = ServerBox()
        let server = try TCPServer(
            address: configuration.address, loopCount: configuration.loopCount, limits: configuration.limits,
            logger: logger
        ) { connection in
            RPCConnectionHandler(server: box.server!, connection: connection)
        }
        boundAddressStorage = server.boundAddress
        tcp.withLock { $0 = server }
        box.server = self

        // Answered on the event loop: it only reads two flags, and a health check
        // should not wait in the worker queue behind the calls it reports on.
        router.register(HealthMethods.check, runsOnEventLoop: true) { [weak self] (_: HealthCheckRequest, _) -> HealthCheckResponse in
            let isServing = self?.isServing ?? false
            return HealthCheckResponse(status: isServing ? .serving : .notServing, service: serviceName, version: version)
        }
    }

    public var boundAddress: SocketAddressText { boundAddressStorage }

    public var isServing: Bool { serving.load(ordering: .acquiring) && !draining.load(ordering: .acquiring) }

    /// Starts accepting connections and reports SERVING.
    public func start() {
        tcp.withLock { $0?.start() }
        serving.store(true, ordering: .releasing)
        logger.info("listening", ["address": boundAddress, "methods": router.methods.count])
    }

    /// Marks the service NOT_SERVING in health checks without stopping it.
    public func setServing(_ value: Bool) {
        serving.store(value, ordering: .releasing)
    }

    /// Drains calls in flight and stops. Idempotent; returns when every
    /// connection is closed and every worker has finished.
    public func drain() {
        if draining.exchange(true, ordering: .acquiringAndReleasing) {
            return
        }
        let inFlight = callsInFlight.load(ordering: .acquiring)
        logger.info("draining", ["calls_in_flight": inFlight])
        tcp.withLock { $0?.stopAccepting() }

        let deadline = Deadline.after(seconds: configuration.drainTimeoutSeconds)
        while callsInFlight.load(ordering: .acquiring) > 0 && !deadline.hasPassed {
            usleep(5_000)
        }
        let abandoned = callsInFlight.load(ordering: .acquiring)
        if abandoned > 0 {
            logger.warning("drain timed out, closing connections with calls in flight", ["calls_in_flight": abandoned])
        }
        // Let the loops flush the last replies before closing sockets.
        usleep(20_000)
        tcp.withLock { server in
            server?.shutdown()
            server = nil
        }
        workers.shutdown()
        logger.info("stopped", [:])
    }

    // MARK: Called by connection handlers

    var isDraining: Bool { draining.load(ordering: .acquiring) }

    /// Runs one request on a worker and writes the reply. Returns false when
    /// the worker queue is full; the caller answers RESOURCE_EXHAUSTED.
    func dispatch(
        _ request: Envelope, route: RPCRouter.Route?, receivedAt: Deadline, connection: Connection,
        finished: @escaping @Sendable () -> Void
    ) -> Bool {
        callsInFlight.wrappingAdd(1, ordering: .acquiringAndReleasing)
        let accepted = workers.submit { [self] in
            let reply = execute(request, route: route, receivedAt: receivedAt, peer: connection.peerDescription)
            connection.write(Framing.frame(reply))
            callsInFlight.wrappingSubtract(1, ordering: .acquiringAndReleasing)
            finished()
        }
        if !accepted {
            callsInFlight.wrappingSubtract(1, ordering: .acquiringAndReleasing)
        }
        return accepted
    }

    /// Offers `request` to its route's deferred handler on the calling thread
    /// (the event loop). Returns true when the handler took the call, whose
    /// reply is then written when the handler sends it; false leaves the call
    /// to `dispatch`.
    func startDeferred(
        _ request: Envelope, route: RPCRouter.Route, receivedAt: Deadline, connection: Connection,
        finished: @escaping @Sendable () -> Void
    ) -> Bool {
        guard let starter = route.starter else {
            return false
        }
        let deadline = callDeadline(request, receivedAt: receivedAt)
        guard !deadline.hasPassed else {
            return false
        }
        let callLogger = logger.with(["method": request.method, "request_id": request.requestID])
        let context = RPCContext(
            method: request.method, deadline: deadline, requestID: request.requestID, logger: callLogger,
            peer: connection.peerDescription)

        callsInFlight.wrappingAdd(1, ordering: .acquiringAndReleasing)
        let reply = RPCReply { [self] result in
            let envelope: Envelope
            switch result {
            case .success(let payload):
                envelope = Envelope(
                    callID: request.callID, kind: .response, status: .ok, payload: payload, requestID: request.requestID)
            case .failure(let error):
                RPCServer.logRejection(error, logger: callLogger)
                envelope = .failure(callID: request.callID, error, requestID: request.requestID)
            }
            connection.write(Framing.frame(envelope))
            callsInFlight.wrappingSubtract(1, ordering: .acquiringAndReleasing)
            finished()
        }
        let deferred = starter(request.payload, context, reply)
        if !deferred {
            callsInFlight.wrappingSubtract(1, ordering: .acquiringAndReleasing)
        }
        return deferred
    }

    /// Returns the deadline a request's `timeout_us` sets, counted from its arrival.
    private func callDeadline(_ request: Envelope, receivedAt: Deadline) -> Deadline {
        request.timeoutMicroseconds == 0
            ? Deadline.distantFuture
            : Deadline(uptimeNanoseconds: RPCServer.saturatingDeadline(receivedAt, plusMicroseconds: request.timeoutMicroseconds))
    }

    /// Logs a handler's error: server faults at error level, the caller's at debug.
    private static func logRejection(_ error: ServiceError, logger callLogger: Logger) {
        if error.code == .internal || error.code == .unknown || error.code == .dataLoss {
            callLogger.error("call failed", ["code": error.code.name, "reason": error.reason])
        } else {
            callLogger.debug("call rejected", ["code": error.code.name, "reason": error.reason])
        }
    }

    /// Monotonic nanoseconds `microseconds` after `start`, clamped to
    /// `UInt64.max` so a huge `timeout_us` means "no deadline", not "expired".
    static func saturatingDeadline(_ start: Deadline, plusMicroseconds microseconds: UInt64) -> UInt64 {
        let (nanoseconds, productOverflow) = microseconds.multipliedReportingOverflow(by: 1000)
        let (sum, sumOverflow) = start.uptimeNanoseconds.addingReportingOverflow(nanoseconds)
        return productOverflow || sumOverflow ? .max : sum
    }

    /// Runs `route`'s handler for `request` on the calling thread and returns the reply.
    func execute(_ request: Envelope, route: RPCRouter.Route?, receivedAt: Deadline, peer: String) -> Envelope {
        let deadline = callDeadline(request, receivedAt: receivedAt)
        let callLogger = logger.with(["method": request.method, "request_id": request.requestID])

        guard !deadline.hasPassed else {
            callLogger.debug("call expired before it started", [:])
            return .failure(callID: request.callID, .deadlineExceeded, requestID: request.requestID)
        }
        guard let handler = route?.handler else {
            return .failure(
                callID: request.callID,
                ServiceError(.unimplemented, reason: "unknown_method", message: "服务 \(serviceName) 没有方法 \(request.method)"),
                requestID: request.requestID)
        }

        let context = RPCContext(method: request.method, deadline: deadline, requestID: request.requestID, logger: callLogger, peer: peer)
        do {
            let payload = try handler(request.payload, context)
            return Envelope(callID: request.callID, kind: .response, status: .ok, payload: payload, requestID: request.requestID)
        } catch let error as ServiceError {
            RPCServer.logRejection(error, logger: callLogger)
            return .failure(callID: request.callID, error, requestID: request.requestID)
        } catch {
            callLogger.error("call failed with an unexpected error", ["error": error])
            return .failure(callID: request.callID, .internal, requestID: request.requestID)
        }
    }
}

/// Lets the connection-handler factory reach the server that owns it.
private final class ServerBox: @unchecked Sendable {
    // Written once in RPCServer.init before any connection can be accepted.
    var server: RPCServer?
}

#if canImport(Glibc)
import Glibc
#endif
