import JieluCore
import JieluNet
import Synchronization

/// The HTTP side of one connection: parses requests on the event loop, runs
/// them one at a time on the worker pool, and writes the responses in order.
///
/// Requests are handled strictly one after another. While one is on a worker,
/// bytes that arrive are kept unparsed, up to `maxPipelinedBytes`. The loop
/// calls `received` only when new bytes arrive, so the worker that finishes a
/// request parses and starts the next one itself.
final class HTTPConnectionHandler: ConnectionHandler, Sendable {
    /// Mutable state, guarded by `state`'s lock. The loop thread and the worker
    /// running this connection's request both take it.
    private struct State {
        var parser: HTTPRequestParser
        /// Bytes received and not yet parsed; `backlog[backlogStart...]` is live.
        var backlog: [UInt8] = []
        var backlogStart = 0
        /// A request of this connection is queued or running on the pool.
        var inFlight = false
        /// The server has decided to close: further bytes are dropped and no
        /// more requests start.
        var closing = false
        /// The client sent more than `maxPipelinedBytes` ahead.
        var backlogOverflowed = false
        var responsesWritten = 0
        /// Body bytes of a request rejected with 413 that are still to be read
        /// and dropped before the connection closes.
        var discardRemaining: Int?
    }

    /// Maximum body bytes read and dropped after a 413 so that the client
    /// sees the response instead of a reset. A larger declared body gets the
    /// 413 and an immediate close.
    static let maxDiscardedBodyBytes = 1 << 20

    static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    let connection: Connection
    private let context: HTTPServerContext
    private let state: Mutex<State>

    init(connection: Connection, context: HTTPServerContext) {
        self.connection = connection
        self.context = context
        state = Mutex(State(parser: HTTPRequestParser(limits: context.configuration.parserLimits)))
    }

    // MARK: ConnectionHandler (event-loop thread)

    func received(_ buffer: inout ByteBuffer, connection: Connection) {
        let count = buffer.readableBytes
        state.withLock { state in
            defer { buffer.moveReaderIndex(forwardBy: count) }
            if let remaining = state.discardRemaining {
                if remaining <= count {
                    state.discardRemaining = nil
                    connection.close()
                } else {
                    state.discardRemaining = remaining - count
                }
                return
            }
            guard !state.closing else {
                return
            }
            buffer.withReadableBytes { state.backlog.append(contentsOf: $0) }
            if !state.inFlight {
                processBacklog(&state)
            }
            limitPipelinedBytes(&state)
        }
    }

    /// A partial request is buffered and no request is on a worker, or the
    /// body of a rejected request is still being dropped. Bytes sent ahead
    /// while a request runs are not parsed yet, so they do not count.
    var hasPartialMessage: Bool {
        state.withLock { $0.discardRemaining != nil || (!$0.inFlight && $0.parser.hasPartialRequest) }
    }

    var hasPendingWork: Bool {
        state.withLock { $0.inFlight }
    }

    func closed() {
        state.withLock { state in
            state.closing = true
            state.backlog = []
            state.backlogStart = 0
        }
        context.unregister(self)
    }

    // MARK: Shutdown

    /// Closes the connection once queued responses are sent, unless a request
    /// is still in flight; that request's response closes it instead.
    func closeWhenIdle() {
        state.withLock { state in
            guard !state.inFlight, !state.closing else {
                return
            }
            state.closing = true
            connection.close()
        }
    }

    // MARK: Request flow (lock held)

    /// Parses buffered bytes and starts requests until one is in flight, the
    /// bytes run out, or the connection is closing.
    private func processBacklog(_ state: inout State) {
        while !state.inFlight && !state.closing && state.backlogStart < state.backlog.count {
            let offset = state.backlogStart
            // A copy shares the storage, so reading it while the parser in
            // `state` changes needs no second buffer.
            let backlog = state.backlog
            let result = backlog.withUnsafeBytes { buffer -> Result<HTTPRequestParser.Step, HTTPParseError> in
                do throws(HTTPParseError) {
                    return .success(try state.parser.parse(UnsafeRawBufferPointer(rebasing: buffer[offset...])))
                } catch {
                    return .failure(error)
                }
            }

            switch result {
            case .failure(let error):
                context.logger.debug("request rejected", [
                    "connection": connection.id, "peer": connection.peerDescription, "code": error.code.rawValue,
                ])
                reject(error, state: &state)
            case .success(let step):
                state.backlogStart += step.consumed
                if step.continueExpected {
                    connection.write(Self.continueResponse)
                }
                if let request = step.request {
                    start(request, state: &state)
                }
            }
        }

        if state.backlogStart == state.backlog.count {
            state.backlog.removeAll(keepingCapacity: state.backlog.capacity <= 64 * 1024)
            state.backlogStart = 0
        } else if state.backlogStart > 0 && state.backlogStart * 2 >= state.backlog.count {
            state.backlog.removeFirst(state.backlogStart)
            state.backlogStart = 0
        }
    }

    /// Drops the bytes sent ahead of a running request when they exceed
    /// `maxPipelinedBytes`; the running request's response then closes the
    /// connection.
    private func limitPipelinedBytes(_ state: inout State) {
        guard state.inFlight, state.backlog.count - state.backlogStart > context.configuration.maxPipelinedBytes else {
            return
        }
        context.logger.debug("pipelined bytes over the limit, closing after the current response", [
            "connection": connection.id, "peer": connection.peerDescription,
        ])
        state.backlogOverflowed = true
        state.backlog = []
        state.backlogStart = 0
    }

    /// Hands `request` to the pool, or responds with 503 when the server is
    /// draining or the queue is full.
    private func start(_ request: HTTPRequest, state: inout State) {
        if context.isShuttingDown.load(ordering: .acquiring) {
            let response = HTTPResponse.error(
                status: 503, code: "shutting_down", message: "服务正在停止，请稍后重试。", headers: ["Retry-After": "1"])
            respond(to: request, with: response, state: &state)
            return
        }

        state.inFlight = true
        context.requestsInFlight.wrappingAdd(1, ordering: .acquiringAndReleasing)
        let accepted = context.pool.submit { [self] in
            run(request)
        }
        if !accepted {
            state.inFlight = false
            context.requestsInFlight.wrappingSubtract(1, ordering: .acquiringAndReleasing)
            context.reportOverload(peer: connection.peerDescription)
            let response = HTTPResponse.error(
                status: 503, code: "overloaded", message: "服务繁忙，请稍后重试。", headers: ["Retry-After": "1"])
            respond(to: request, with: response, state: &state)
        }
    }

    /// Runs the handler on a worker thread, writes its response, then starts
    /// the next buffered request, if any.
    private func run(_ request: HTTPRequest) {
        let started = Deadline.monotonicNanoseconds()
        var response = context.handler(request)
        if !HTTPResponse.validStatusRange.contains(response.status) {
            context.logger.error("handler returned an invalid status, responding with 500", [
                "status": response.status, "method": request.method, "path": request.path,
            ])
            response = .error(.internal)
        }
        if context.logger.isEnabled(.debug) {
            context.logger.debug("request handled", [
                "method": request.method, "path": request.path, "status": response.status,
                "microseconds": (Deadline.monotonicNanoseconds() - started) / 1000, "connection": connection.id,
            ])
        }

        state.withLock { state in
            state.inFlight = false
            respond(to: request, with: response, state: &state)
            processBacklog(&state)
        }
        context.requestsInFlight.wrappingSubtract(1, ordering: .acquiringAndReleasing)
    }

    /// Writes the response to `request`. Closes the connection after it when
    /// the client or the handler sent `Connection: close`, the request count
    /// reached its limit, the client sent too much ahead, or the server is draining.
    private func respond(to request: HTTPRequest, with response: HTTPResponse, state: inout State) {
        state.responsesWritten += 1
        let keepAlive = request.keepAlive
            && !state.closing
            && !state.backlogOverflowed
            && state.responsesWritten < context.configuration.maxRequestsPerConnection
            && !context.isShuttingDown.load(ordering: .acquiring)
            && !response.headers.containsToken("close", in: "Connection")
        let bytes = response.serialize(
            keepAlive: keepAlive, includeBody: request.method != "HEAD", date: dateHeader(),
            announceKeepAlive: keepAlive && request.version == .http1_0)
        connection.write(bytes)
        if !keepAlive {
            closeAfterWrites(&state)
        }
    }

    /// Responds to a request the parser rejected and closes the connection.
    /// The rest of a too-large body is read and dropped first when it is at
    /// most `maxDiscardedBodyBytes`.
    private func reject(_ error: HTTPParseError, state: inout State) {
        connection.write(HTTPResponse.error(error).serialize(keepAlive: false, date: dateHeader()))
        if let unsent = state.parser.unsentBodyBytesAfterRejection, unsent > 0, unsent <= Self.maxDiscardedBodyBytes {
            state.closing = true
            state.discardRemaining = unsent
            state.backlog = []
            state.backlogStart = 0
            return
        }
        closeAfterWrites(&state)
    }

    private func closeAfterWrites(_ state: inout State) {
        state.closing = true
        state.backlog = []
        state.backlogStart = 0
        connection.close()
    }

    private func dateHeader() -> String? {
        context.configuration.sendsDateHeader ? HTTPDate.now() : nil
    }
}
