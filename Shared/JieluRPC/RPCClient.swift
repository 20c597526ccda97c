import Foundation
import JieluCore
import JieluNet
import Synchronization

/// Connection and retry settings of an `RPCClient`.
public struct RPCClientOptions: Sendable {
    public var connectTimeoutSeconds: Double
    /// After a failed connect, calls fail fast with UNAVAILABLE for this long,
    /// doubling on each further failure up to `maxBackoffSeconds`.
    public var initialBackoffSeconds: Double
    public var maxBackoffSeconds: Double
    public var maxFrameBytes: Int
    /// When set, each new connection runs `MeshHandshake` before its first
    /// call; the handshake shares the connect timeout.
    public var meshSecret: MeshSecret?

    public init(
        connectTimeoutSeconds: Double = 2, initialBackoffSeconds: Double = 0.05, maxBackoffSeconds: Double = 2,
        maxFrameBytes: Int = Framing.defaultMaxFrameBytes, meshSecret: MeshSecret? = nil
    ) {
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.initialBackoffSeconds = initialBackoffSeconds
        self.maxBackoffSeconds = maxBackoffSeconds
        self.maxFrameBytes = maxFrameBytes
        self.meshSecret = meshSecret
    }
}

/// A client of one Jielu service: many concurrent calls multiplexed over one
/// TCP connection, answered in any order.
///
/// Calls block the calling thread until the reply arrives or the deadline
/// passes. A lost connection is re-established on the next call, with
/// exponential backoff after failures. A call that may already have reached
/// the server is retried (once) only when the caller marks it idempotent.
public final class RPCClient: Sendable {
    public let address: SocketAddressText
    /// The peer's name for messages, e.g. "jielu-dispatch".
    public let serviceName: String
    private let options: RPCClientOptions
    private let logger: Logger
    private let state = LockedValue(ConnectState())

    private struct ConnectState {
        var connection: ClientConnection?
        var retryAfter: Deadline?
        var backoffSeconds = 0.0
        var closed = false
    }

    public init(address: SocketAddressText, serviceName: String, options: RPCClientOptions = RPCClientOptions(), logger: Logger) {
        self.address = address
        self.serviceName = serviceName
        self.options = options
        self.logger = logger
    }

    /// Calls `method` and decodes the reply.
    ///
    /// Throws the server's `ServiceError`; DEADLINE_EXCEEDED when
    /// `options.deadline` passes first; UNAVAILABLE when the service cannot
    /// be reached or the connection drops before the reply (a non-idempotent
    /// call is then not retried, because the server may have run it).
    public func call<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: String, _ request: Request, as: Response.Type = Response.self, options callOptions: CallOptions,
        idempotent: Bool
    ) throws -> Response {
        let payload = request.serializedBytes()
        var attempt = 0
        while true {
            attempt += 1
            do {
                let reply = try callOnce(method, payload: payload, options: callOptions)
                return try Response(serializedBytes: reply)
            } catch let failure as CallFailure {
                switch failure {
                case .notSent(let error):
                    // Nothing reached the server, so retrying is safe for any call.
                    if attempt == 1 && error.code == .unavailable && !callOptions.deadline.hasPassed && isReconnectAllowed {
                        continue
                    }
                    throw error
                case .lost(let error):
                    if idempotent && attempt == 1 && !callOptions.deadline.hasPassed {
                        logger.debug("retrying idempotent call after connection loss", ["method": method, "service": serviceName])
                        continue
                    }
                    throw error
                case .answered(let error):
                    throw error
                }
            }
        }
    }

    /// Sends a call without blocking, when a connection is up: `completion`
    /// runs once, later, on another thread, and must not block. It gets
    /// `.replied` with the decoded reply, `.failed` with the server's error
    /// or DEADLINE_EXCEEDED, or `.lost` when the connection dropped after the
    /// request may have reached the server.
    ///
    /// Nothing is retried. Returns false, without calling `completion`, when
    /// there is no live connection or the deadline has passed. The caller then
    /// uses the blocking `call`, which connects and retries as documented there.
    public func startCall<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: String, _ request: Request, as: Response.Type = Response.self, options callOptions: CallOptions,
        completion: @escaping @Sendable (StartedCallOutcome<Response>) -> Void
    ) -> Bool {
        guard !callOptions.deadline.hasPassed,
            let connection = state.withLock({ state in state.connection?.isAlive == true ? state.connection : nil })
        else {
            return false
        }
        return connection.startCall(method: method, payload: request.serializedBytes(), options: callOptions) { result in
            switch result {
            case .success(let payload):
                let response: Response
                do {
                    response = try Response(serializedBytes: payload)
                } catch {
                    self.logger.warning(
                        "undecodable reply", ["method": method, "service": self.serviceName, "error": error])
                    completion(.failed(.internal))
                    return
                }
                completion(.replied(response))
            case .failure(.answered(let error)), .failure(.notSent(let error)):
                completion(.failed(error))
            case .failure(.lost(let error)):
                completion(.lost(error))
            }
        }
    }

    /// Closes the connection; calls in flight fail with UNAVAILABLE.
    public func close() {
        let connection = state.withLock { state -> ClientConnection? in
            state.closed = true
            defer { state.connection = nil }
            return state.connection
        }
        connection?.terminate(ServiceError.unavailable(serviceName))
    }

    private var isReconnectAllowed: Bool {
        state.withLock { state in state.retryAfter == nil || state.retryAfter!.hasPassed }
    }

    private func callOnce(_ method: String, payload: [UInt8], options callOptions: CallOptions) throws(CallFailure) -> [UInt8] {
        if callOptions.deadline.hasPassed {
            throw .notSent(.deadlineExceeded)
        }
        let connection = try connection(deadline: callOptions.deadline)
        return try connection.call(method: method, payload: payload, options: callOptions)
    }

    /// The live connection, connecting first when there is none.
    private func connection(deadline: Deadline) throws(CallFailure) -> ClientConnection {
        let result: Result<ClientConnection, ServiceError> = state.withLock { state in
            if state.closed {
                return .failure(ServiceError.unavailable(serviceName))
            }
            if let connection = state.connection, connection.isAlive {
                return .success(connection)
            }
            state.connection = nil
            if let retryAfter = state.retryAfter, !retryAfter.hasPassed {
                return .failure(ServiceError.unavailable(serviceName))
            }
            var timeout = options.connectTimeoutSeconds
            if !deadline.isDistantFuture {
                timeout = min(timeout, Double(deadline.remainingMicroseconds) / 1_000_000)
            }
            var failure = ServiceError.unavailable(serviceName)
            do {
                let socket = try BlockingSocket.connect(to: address, timeoutSeconds: timeout)
                if let secret = options.meshSecret {
                    do {
                        try MeshHandshake.authenticateClient(socket: socket, secret: secret, timeoutSeconds: timeout)
                    } catch let error as MeshHandshakeError {
                        logger.warning("mesh handshake failed", ["service": serviceName, "address": address, "error": error])
                        failure = error.serviceError(serviceName)
                        throw error
                    }
                }
                let connection = ClientConnection(socket: socket, serviceName: serviceName, maxFrameBytes: options.maxFrameBytes, logger: logger)
                connection.startReading()
                state.connection = connection
                state.retryAfter = nil
                state.backoffSeconds = 0
                return .success(connection)
            } catch {
                state.backoffSeconds = state.backoffSeconds == 0
                    ? options.initialBackoffSeconds : min(state.backoffSeconds * 2, options.maxBackoffSeconds)
                state.retryAfter = .after(seconds: state.backoffSeconds)
                logger.debug("connect failed", ["service": serviceName, "address": address, "error": error, "backoff_s": state.backoffSeconds])
                return .failure(failure)
            }
        }
        switch result {
        case .success(let connection): return connection
        case .failure(let error): throw .notSent(error)
        }
    }
}

/// The outcome of a call sent with `RPCClient.startCall`.
public enum StartedCallOutcome<Response: Sendable>: Sendable {
    case replied(Response)
    /// The server's error, or DEADLINE_EXCEEDED.
    case failed(ServiceError)
    /// The connection dropped after the request may have reached the server.
    case lost(ServiceError)
}

/// How a single attempt failed, which decides whether it may be retried.
enum CallFailure: Error {
    /// The request never left this process.
    case notSent(ServiceError)
    /// The request may have reached the server, but no reply came back.
    case lost(ServiceError)
    /// The server replied with an error.
    case answered(ServiceError)
}
