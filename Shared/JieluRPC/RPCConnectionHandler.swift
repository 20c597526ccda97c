import JieluCore
import JieluNet
import Synchronization

/// Decodes frames from one RPC connection and hands each request to the
/// server's workers. Runs on the connection's event loop.
///
/// Protocol errors that leave the stream unreadable (oversized length,
/// undecodable envelope, a frame that is not a request) get a reply with
/// call id 0 and the connection is closed; the process carries on.
final class RPCConnectionHandler: ConnectionHandler {
    private let server: RPCServer
    private let inFlight = CallCounter()
    private var failed = false
    private var buffered = false
    /// The last method looked up on this connection and its route.
    private var lastRoute: (method: String, route: RPCRouter.Route?)?
    /// Set while the peer still has to prove it knows the mesh secret.
    private var meshHandshake: MeshServerHandshake?

    init(server: RPCServer, connection: Connection) {
        self.server = server
        if let secret = server.configuration.meshSecret {
            meshHandshake = MeshServerHandshake(secret: secret, connection: connection, logger: server.logger)
        }
    }

    var hasPartialMessage: Bool { buffered }

    var hasPendingWork: Bool { inFlight.value > 0 }

    func received(_ buffer: inout ByteBuffer, connection: Connection) {
        if let handshake = meshHandshake {
            guard handshake.admit(&buffer, connection: connection) else {
                buffered = buffer.readableBytes > 0
                return
            }
            meshHandshake = nil
        }
        while !failed {
            let body: [UInt8]
            do {
                guard let frame = try Framing.nextFrame(from: &buffer, maxFrameBytes: server.configuration.maxFrameBytes) else {
                    break
                }
                body = frame
            } catch let error as ServiceError {
                rejectStream(error, buffer: &buffer, connection: connection)
                return
            } catch {
                return
            }

            let receivedAt = Deadline.now()
            let request: Envelope
            do {
                request = try Envelope(serializedBytes: body)
            } catch let error as ServiceError {
                rejectStream(error, buffer: &buffer, connection: connection)
                return
            } catch {
                return
            }
            guard request.kind == .request else {
                rejectStream(Envelope.malformed("客户端只能发送请求帧"), buffer: &buffer, connection: connection)
                return
            }
            // Call id 0 marks the server's protocol-error replies.
            guard request.callID != 0 else {
                rejectStream(Envelope.malformed("调用编号 call_id 不能为 0（0 保留给协议错误回复）"), buffer: &buffer, connection: connection)
                return
            }
            handle(request, receivedAt: receivedAt, connection: connection)
        }
        buffered = buffer.readableBytes > 0
    }

    private func handle(_ request: Envelope, receivedAt: Deadline, connection: Connection) {
        if server.isDraining {
            reply(.failure(callID: request.callID, .unavailable(server.serviceName), requestID: request.requestID), connection)
            return
        }
        let route = route(for: request.method)
        if route?.runsOnEventLoop == true {
            reply(server.execute(request, route: route, receivedAt: receivedAt, peer: connection.peerDescription), connection)
            return
        }
        guard inFlight.value < server.configuration.maxCallsPerConnection else {
            let error = ServiceError(
                .resourceExhausted, reason: "too_many_calls",
                message: "单个连接上进行中的调用数已达上限 \(server.configuration.maxCallsPerConnection)，请稍后重试")
            reply(.failure(callID: request.callID, error, requestID: request.requestID), connection)
            return
        }
        inFlight.add(1)
        let counter = inFlight
        if let route, route.starter != nil,
            server.startDeferred(request, route: route, receivedAt: receivedAt, connection: connection, finished: {
                counter.add(-1)
            })
        {
            return
        }
        let accepted = server.dispatch(request, route: route, receivedAt: receivedAt, connection: connection) {
            counter.add(-1)
        }
        if !accepted {
            inFlight.add(-1)
            let error = ServiceError(.resourceExhausted, reason: "overloaded", message: "服务 \(server.serviceName) 繁忙，请稍后重试")
            reply(.failure(callID: request.callID, error, requestID: request.requestID), connection)
        }
    }

    /// Returns the route of `method`. Consecutive calls on a connection usually
    /// name the same method, so the last lookup is kept and repeats skip the
    /// router's lock and hashing.
    private func route(for method: String) -> RPCRouter.Route? {
        if let last = lastRoute, last.method == method {
            return last.route
        }
        let route = server.router.route(for: method)
        lastRoute = (method, route)
        return route
    }

    private func rejectStream(_ error: ServiceError, buffer: inout ByteBuffer, connection: Connection) {
        failed = true
        server.logger.warning("protocol error, closing connection", [
            "peer": connection.peerDescription, "reason": error.reason,
        ])
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        buffered = false
        reply(.failure(callID: 0, error), connection)
        connection.close()
    }

    private func reply(_ envelope: Envelope, _ connection: Connection) {
        connection.write(Framing.frame(envelope))
    }

    func closed() {}
}

/// Calls in flight on one connection; written by the loop and by workers.
final class CallCounter: Sendable {
    private let count = Atomic<Int>(0)

    var value: Int { count.load(ordering: .acquiring) }

    func add(_ delta: Int) {
        count.wrappingAdd(delta, ordering: .acquiringAndReleasing)
    }
}
