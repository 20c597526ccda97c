#if canImport(Glibc)
import Glibc
#endif
import Foundation
import JieluCore
import JieluNet
import Synchronization

/// An HTTP/1.1 server: event loops parse requests, a worker pool runs the
/// handler, and each connection is served one request at a time in order,
/// with keep-alive and pipelining.
///
/// A request the parser rejects gets a response with its error status and
/// `Connection: close`. When every worker is busy and `queueLimit` requests
/// wait, new requests get 503 `overloaded` with `Retry-After: 1`. HEAD
/// requests get the headers the handler's response would have, without the
/// body. A response with a status outside 200...599 is replaced by 500
/// `internal` and logged.
public final class HTTPServer: Sendable {
    private enum Phase {
        case created, running, stopped
    }

    private let tcp: TCPServer
    private let context: HTTPServerContext
    private let phase = Mutex<Phase>(.created)

    /// Binds and listens on `address` (port 0 picks a free port, readable from
    /// `boundAddress`), and starts the worker threads. Connections are served
    /// after `start()`. Throws `SocketError` when the address cannot be bound.
    ///
    /// `inlineHandler`, when given, sees each request first, on the thread that
    /// parsed it (usually the event loop), and returns a response or nil. A
    /// response is sent at once, which saves two thread switches; nil sends
    /// the request to `handler` on the pool. It must never block, because the
    /// loop serves no other connection meanwhile, so it suits answers that are
    /// ready in memory, such as a cached catalog.
    ///
    /// `deferredHandler`, when given, sees each request the inline handler did
    /// not answer, on the thread that parsed it or that wrote the previous
    /// response, and returns whether it took the request. For a request it
    /// took, it calls the `HTTPResponder` exactly once, now or later and from
    /// any thread. Meanwhile the connection's next requests wait, and the
    /// request counts as in flight for the drain. Like the inline handler it
    /// must never block. It suits a request that waits only for a reply from
    /// another service: no worker thread is held, and no thread switch is made
    /// to hand the request over or to wake the worker for the reply. A request
    /// it declines goes to `handler` on the pool.
    public init(
        address: SocketAddressText, configuration: HTTPServerConfiguration, logger: Logger,
        inlineHandler: (@Sendable (HTTPRequest) -> HTTPResponse?)? = nil,
        deferredHandler: (@Sendable (HTTPRequest, HTTPResponder) -> Bool)? = nil,
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) throws {
        let pool = WorkerPool(name: "http-worker", threadCount: configuration.workerThreads, queueLimit: configuration.queueLimit)
        let context = HTTPServerContext(
            configuration: configuration, logger: logger, pool: pool, inlineHandler: inlineHandler,
            deferredHandler: deferredHandler, handler: handler)
        do {
            tcp = try TCPServer(
                address: address, loopCount: configuration.loopCount, limits: configuration.serverLimits, logger: logger
            ) { connection in
                let handler = HTTPConnectionHandler(connection: connection, context: context)
                context.register(handler)
                return handler
            }
        } catch {
            pool.shutdown()
            throw error
        }
        self.context = context
    }

    public var boundAddress: SocketAddressText { tcp.boundAddress }

    /// Requests handed to the worker pool (queued or running) whose response
    /// has not been written yet.
    public var requestsInFlight: Int { context.requestsInFlight.load(ordering: .acquiring) }

    /// Starts accepting connections. Calling it again, or after `shutdown()`,
    /// does nothing.
    public func start() {
        let starting = phase.withLock { phase -> Bool in
            guard phase == .created else {
                return false
            }
            phase = .running
            return true
        }
        guard starting else {
            return
        }
        tcp.start()
        context.logger.info("http server listening", [
            "address": tcp.boundAddress, "loops": context.configuration.loopCount,
            "workers": context.configuration.workerThreads,
        ])
    }

    /// Stops gracefully and returns when done.
    ///
    /// Stops accepting connections, lets requests already handed to a worker
    /// finish and sends their responses with `Connection: close`, responds to
    /// requests parsed from now on with 503 `shutting_down`, then closes
    /// every connection. Waits at most `drainTimeoutSeconds` for the requests
    /// and for their responses to be sent; requests still running then are
    /// abandoned and logged. Calling it again does nothing.
    public func shutdown() {
        let wasRunning = phase.withLock { phase -> Bool? in
            defer { phase = .stopped }
            switch phase {
            case .created: return false
            case .running: return true
            case .stopped: return nil
            }
        }
        guard let wasRunning else {
            return
        }
        let drainDeadline = Deadline.after(seconds: context.configuration.drainTimeoutSeconds)
        context.isShuttingDown.store(true, ordering: .releasing)
        tcp.stopAccepting()
        if wasRunning {
            context.logger.info("http server draining", ["in_flight": context.requestsInFlight.load(ordering: .acquiring)])
        }

        // Every request the pool accepted finishes and queues its response
        // before this wait ends, unless the drain time runs out.
        while context.requestsInFlight.load(ordering: .acquiring) > 0 && !drainDeadline.hasPassed {
            usleep(2_000)
        }
        let abandoned = context.requestsInFlight.load(ordering: .acquiring)
        if abandoned == 0 {
            context.pool.shutdown()
        } else {
            context.logger.warning("drain time ran out, abandoning running requests", ["in_flight": abandoned])
            // The pool's threads exit once the stuck handlers return.
            let pool = context.pool
            Thread.detachNewThread { pool.shutdown() }
        }

        // Responses were queued before these closes, so each close sends them first.
        for handler in context.openConnections {
            handler.closeWhenIdle()
        }
        while !context.openConnections.isEmpty && !drainDeadline.hasPassed {
            usleep(2_000)
        }
        tcp.shutdown()
        if wasRunning {
            context.logger.info("http server stopped", ["address": tcp.boundAddress])
        }
    }
}
