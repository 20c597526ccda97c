import JieluCore
import JieluNet
import Synchronization

/// The HTTP side of one connection: parses requests on the event loop, runs
/// them one at a time (inline, through the deferred handler, or on the worker
/// pool), and writes the responses in order.
///
/// Requests are handled strictly one after another. While one is on a worker,
/// bytes that arrive are kept unparsed, up to `maxPipelinedBytes`. The loop
/// calls `received` only when new bytes arrive, so the worker that finishes a
/// request parses and starts the next one itself.
///
/// Every write to the connection happens with the state lock held, which
/// keeps responses in request order whichever thread writes them. Handing a
/// request to the pool happens after the lock is released, so the woken
/// worker does not wait for the thread that woke it.
final class HTTPConnectionHandler: ConnectionHandler, Sendable {
    /// Mutable state, guarded by `state`'s lock. The loop thread and the worker
    /// running this connection's request both take it.
    private struct State {
        var parser: HTTPRequestParser
        /// Bytes received and not yet parsed; `backlog[backlogStart...]` is live.
        var backlog: [UInt8] = []
        var backlogStart = 0
        /// A request of this connection is being handed to the pool, is
        /// queued there, or is running.
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
        var date = HTTPDate.Cache()

        /// See `hasPartialMessage`.
        var hasPartialMessage: Bool {
            discardRemaining != nil || (!inFlight && parser.hasPartialRequest)
        }
    }

    /// Maximum body bytes read and dropped after a 413 so that the client
    /// sees the response instead of a reset. A larger declared body gets the
    /// 413 and an immediate close.
    static let maxDiscardedBodyBytes = 1 << 20

    static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    let connection: Connection
    private let context: HTTPServerContext
    private let state: LockedValue<State>
    /// Copies of `State.hasPartialMessage` and `State.inFlight`, published at
    /// the end of every locked section, so the loop reads them without
    /// waiting for a worker that holds the lock.
    private let partialMessage = Atomic<Bool>(false)
    private let pendingWork = Atomic<Bool>(false)

    init(connection: Connection, context: HTTPServerContext) {
        self.connection = connection
        self.context = context
        state = LockedValue(State(parser: HTTPRequestParser(limits: context.configuration.parserLimits)))
    }

    // MARK: ConnectionHandler (event-loop thread)

    func received(_ buffer: inout ByteBuffer, connection: Connection) {
        let count = buffer.readableBytes
        let next = state.withLock { state -> HTTPRequest? in
            defer { publishFlags(state) }
            if let remaining = state.discardRemaining {
                if remaining <= count {
                    state.discardRemaining = nil
                    connection.close()
                } else {
                    state.discardRemaining = remaining - count
                }
                return nil
            }
            guard !state.closing else {
                return nil
            }
            buffer.withReadableBytes { state.backlog.append(contentsOf: $0) }
            let next = state.inFlight ? nil : processBacklog(&state)
            limitPipelinedBytes(&state)
            return next
        }
        buffer.moveReaderIndex(forwardBy: count)
        if let next {
            submit(next)
        }
    }

    /// A partial request is buffered and no request is on a worker, or the
    /// body of a rejected request is still being dropped. Bytes sent ahead
    /// while a request runs are not parsed yet, so they do not count.
    ///
    /// NOTE: the loop reads this only after `received`. Suppose a worker
    /// finishes a request and then parses a partial pipelined one, and the
    /// client sends nothing more. The read timeout never starts for that
    /// connection, so only the idle timeout closes it.
    var hasPartialMessage: Bool {
        partialMessage.load(ordering: .acquiring)
    }

    var hasPendingWork: Bool {
        pendingWork.load(ordering: .acquiring)
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

    // MARK: Request flow

    /// Offers `request` to the deferred handler, if any, and otherwise hands
    /// it to the pool.
    private func submit(_ request: HTTPRequest) {
        if let deferredHandler = context.deferredHandler {
            let started = Deadline.monotonicNanoseconds()
            let responder = HTTPResponder(
                finish: { [self] response in finish(request, with: response, startedAt: started) },
                runOnWorker: { [self] in submitToPool(request) })
            if deferredHandler(request, responder) {
                return
            }
        }
        submitToPool(request)
    }

    /// Hands `request` to the pool. When the pool rejects it, responds with
    /// 503 `overloaded` and goes on with the next buffered request.
    private func submitToPool(_ request: HTTPRequest) {
        var pending: HTTPRequest? = request
        while let request = pending {
            let accepted = context.pool.submit { [self] in
                run(request)
            }
            if accepted {
                return
            }
            context.requestsInFlight.wrappingSubtract(1, ordering: .acquiringAndReleasing)
            context.reportOverload(peer: connection.peerDescription)
            pending = state.withLock { state -> HTTPRequest? in
                defer { publishFlags(state) }
                state.inFlight = false
                let response = HTTPResponse.error(
                    status: 503, code: "overloaded", message: "服务繁忙，请稍后重试。", headers: ["Retry-After": "1"])
                respond(to: request, with: response, state: &state)
                return processBacklog(&state)
            }
            if let next = pending, context.deferredHandler != nil {
                // The next request may be one the deferred handler takes.
                submit(next)
                return
            }
        }
    }

    /// Runs the handler on a worker thread and finishes the request with its response.
    private func run(_ request: HTTPRequest) {
        let started = Deadline.monotonicNanoseconds()
        finish(request, with: context.handler(request), startedAt: started)
    }

    /// Writes the response to the request in flight, then starts the next
    /// buffered request, if any.
    private func finish(_ request: HTTPRequest, with handlerResponse: HTTPResponse, startedAt started: UInt64) {
        var response = handlerResponse
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

        let next = state.withLock { state -> HTTPRequest? in
            defer { publishFlags(state) }
            state.inFlight = false
            respond(to: request, with: response, state: &state)
            return processBacklog(&state)
        }
        context.requestsInFlight.wrappingSubtract(1, ordering: .acquiringAndReleasing)
        if let next {
            submit(next)
        }
    }

    // MARK: Locked steps

    /// Parses buffered bytes until a request is ready for the pool, the bytes
    /// run out, or the connection is closing. Returns that request, already
    /// marked in flight; the caller submits it after releasing the lock.
    /// Requests that arrive during a drain get 503 here and parsing goes on.
    private func processBacklog(_ state: inout State) -> HTTPRequest? {
        defer { compactBacklog(&state) }
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
                guard let request = step.request else {
                    continue
                }
                if context.isShuttingDown.load(ordering: .acquiring) {
                    let response = HTTPResponse.error(
                        status: 503, code: "shutting_down", message: "服务正在停止，请稍后重试。", headers: ["Retry-After": "1"])
                    respond(to: request, with: response, state: &state)
                    continue
                }
                if var response = context.inlineHandler?(request) {
                    if !HTTPResponse.validStatusRange.contains(response.status) {
                        context.logger.error("inline handler returned an invalid status, responding with 500", [
                            "status": response.status, "method": request.method, "path": request.path,
                        ])
                        response = .error(.internal)
                    }
                    respond(to: request, with: response, state: &state)
                    continue
                }
                state.inFlight = true
                context.requestsInFlight.wrappingAdd(1, ordering: .acquiringAndReleasing)
                return request
            }
        }
        return nil
    }

    private func compactBacklog(_ state: inout State) {
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
            keepAlive: keepAlive, includeBody: request.method != "HEAD", date: dateHeader(&state),
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
        connection.write(HTTPResponse.error(error).serialize(keepAlive: false, date: dateHeader(&state)))
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

    private func publishFlags(_ state: State) {
        partialMessage.store(state.hasPartialMessage, ordering: .releasing)
        pendingWork.store(state.inFlight, ordering: .releasing)
    }

    private func dateHeader(_ state: inout State) -> String? {
        context.configuration.sendsDateHeader ? state.date.now() : nil
    }
}
