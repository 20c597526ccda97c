import Foundation
import JieluCore
import JieluNet
import Synchronization

/// One multiplexed client connection: callers queue framed requests and wait
/// on their own semaphore; a reader thread matches replies to callers by
/// call id.
///
/// Writes are combined. A caller that finds no write in progress sends every
/// frame queued so far in one system call, and keeps sending until the queue
/// is empty. Callers that arrive meanwhile only queue their frame. Under load
/// many requests then share one `send`, and no caller waits on a lock held
/// across a system call.
final class ClientConnection: Sendable {
    /// Frames waiting to be sent, and whether a caller is sending.
    private struct Outgoing {
        var bytes: [UInt8] = []
        var sending = false
    }

    /// One call waiting for its reply: a blocked caller (`done`) or, for
    /// `startCall`, a completion with the call's deadline.
    private final class PendingCall: Sendable {
        let done = DispatchSemaphore(value: 0)
        let outcome = LockedValue<Result<Envelope, ServiceError>?>(nil)
        let completion: (@Sendable (Result<[UInt8], CallFailure>) -> Void)?
        let deadline: Deadline

        init(completion: (@Sendable (Result<[UInt8], CallFailure>) -> Void)? = nil, deadline: Deadline = .distantFuture) {
            self.completion = completion
            self.deadline = deadline
        }

        /// Records the first outcome and wakes the caller or runs the completion.
        func finish(_ result: Result<Envelope, ServiceError>) {
            let first = outcome.withLock { outcome -> Bool in
                guard outcome == nil else {
                    return false
                }
                outcome = result
                return true
            }
            guard first else {
                return
            }
            guard let completion else {
                done.signal()
                return
            }
            switch result {
            case .failure(let error):
                completion(.failure(.lost(error)))
            case .success(let reply):
                if let error = reply.status?.error {
                    completion(.failure(.answered(error)))
                } else {
                    completion(.success(reply.payload))
                }
            }
        }

        /// Ends a started call whose deadline passed, as a blocked caller's
        /// wait would end, unless it has finished already.
        func expire() {
            let first = outcome.withLock { outcome -> Bool in
                guard outcome == nil else {
                    return false
                }
                outcome = .failure(.deadlineExceeded)
                return true
            }
            if first {
                completion?(.failure(.answered(.deadlineExceeded)))
            }
        }
    }

    private let socket: BlockingSocket
    private let serviceName: String
    private let maxFrameBytes: Int
    private let logger: Logger
    private let pending = LockedValue<[UInt64: PendingCall]>([:])
    private let nextCallID = Atomic<UInt64>(0)
    private let outgoing = LockedValue(Outgoing())
    private let alive = Atomic<Bool>(true)
    /// Why the connection ended; set once by the first `terminate`.
    private let endReason = LockedValue<ServiceError?>(nil)

    init(socket: BlockingSocket, serviceName: String, maxFrameBytes: Int, logger: Logger) {
        self.socket = socket
        self.serviceName = serviceName
        self.maxFrameBytes = maxFrameBytes
        self.logger = logger
    }

    var isAlive: Bool { alive.load(ordering: .acquiring) }

    func startReading() {
        let thread = Thread { [self] in
            readReplies()
        }
        thread.name = "rpc-client-\(serviceName)"
        thread.start()
    }

    func call(method: String, payload: [UInt8], options: CallOptions) throws(CallFailure) -> [UInt8] {
        let callID = nextCallID.wrappingAdd(1, ordering: .relaxed).newValue
        let call = PendingCall()
        pending.withLock { $0[callID] = call }
        // The reader may have ended the connection before this call was
        // registered (a server can reject it on connect), so nothing would
        // finish the call: fail it now with the reason.
        if !isAlive {
            pending.withLock { _ = $0.removeValue(forKey: callID) }
            throw .notSent(endReason.withLock { $0 } ?? ServiceError.unavailable(serviceName))
        }

        let request = Envelope(
            callID: callID, kind: .request, method: method,
            timeoutMicroseconds: options.deadline.isDistantFuture ? 0 : max(options.deadline.remainingMicroseconds, 1),
            payload: payload, requestID: options.requestID)
        do {
            try send(Framing.frame(request))
        } catch {
            pending.withLock { _ = $0.removeValue(forKey: callID) }
            terminate(ServiceError.unavailable(serviceName))
            throw .lost(ServiceError.unavailable(serviceName))
        }

        let waited: DispatchTimeoutResult
        if options.deadline.isDistantFuture {
            call.done.wait()
            waited = .success
        } else {
            waited = call.done.wait(timeout: DispatchTime(uptimeNanoseconds: options.deadline.uptimeNanoseconds))
        }
        if waited == .timedOut {
            pending.withLock { _ = $0.removeValue(forKey: callID) }
            throw .answered(.deadlineExceeded)
        }

        switch call.outcome.withLock({ $0 })! {
        case .failure(let error):
            throw .lost(error)
        case .success(let reply):
            if let error = reply.status?.error {
                throw .answered(error)
            }
            return reply.payload
        }
    }

    /// Sends a call without waiting for its reply. `completion` runs once, with
    /// the reply's payload or the failure. It runs on the thread that reads the
    /// reply, or on the one that notices the connection drop or the deadline
    /// pass (`StartedCallDeadlines` checks about every 10 ms). It must not block.
    ///
    /// - Returns: false, without calling `completion`, when the connection
    ///   has ended before the call was registered, so nothing was sent.
    func startCall(
        method: String, payload: [UInt8], options: CallOptions,
        completion: @escaping @Sendable (Result<[UInt8], CallFailure>) -> Void
    ) -> Bool {
        let callID = nextCallID.wrappingAdd(1, ordering: .relaxed).newValue
        let call = PendingCall(completion: completion, deadline: options.deadline)
        pending.withLock { $0[callID] = call }
        if !isAlive {
            pending.withLock { _ = $0.removeValue(forKey: callID) }
            return false
        }
        if !options.deadline.isDistantFuture {
            StartedCallDeadlines.shared.watch(self)
        }

        let request = Envelope(
            callID: callID, kind: .request, method: method,
            timeoutMicroseconds: options.deadline.isDistantFuture ? 0 : max(options.deadline.remainingMicroseconds, 1),
            payload: payload, requestID: options.requestID)
        do {
            try send(Framing.frame(request))
        } catch {
            // terminate fails every registered call, this one included, as lost.
            terminate(ServiceError.unavailable(serviceName))
        }
        return true
    }

    /// Fails the started calls whose deadline has passed. Returns whether the
    /// connection still matters to `StartedCallDeadlines`: it is alive.
    func expireStartedCalls() -> Bool {
        let now = Deadline.now()
        let expired = pending.withLock { calls -> [PendingCall] in
            var expired: [PendingCall] = []
            for (callID, call) in calls where call.completion != nil && call.deadline <= now {
                expired.append(call)
                calls.removeValue(forKey: callID)
            }
            return expired
        }
        for call in expired {
            call.expire()
        }
        return isAlive
    }

    /// Queues `frame` and, unless another caller is sending, sends everything
    /// queued. Throws when the socket fails; the caller then terminates the
    /// connection, which fails every call whose frame may be lost with it.
    private func send(_ frame: [UInt8]) throws {
        let mustSend = outgoing.withLock { outgoing -> Bool in
            outgoing.bytes.append(contentsOf: frame)
            if outgoing.sending {
                return false
            }
            outgoing.sending = true
            return true
        }
        guard mustSend else {
            return
        }
        while true {
            let chunk = outgoing.withLock { outgoing -> [UInt8]? in
                if outgoing.bytes.isEmpty {
                    outgoing.sending = false
                    return nil
                }
                defer { outgoing.bytes = [] }
                return outgoing.bytes
            }
            guard let chunk else {
                return
            }
            do {
                try socket.writeAll(chunk)
            } catch {
                outgoing.withLock { outgoing in
                    outgoing.bytes = []
                    outgoing.sending = false
                }
                throw error
            }
        }
    }

    /// Marks the connection dead, fails every waiting call with `error` and
    /// wakes the reader.
    func terminate(_ error: ServiceError) {
        endReason.withLock { reason in
            if reason == nil {
                reason = error
            }
        }
        alive.store(false, ordering: .releasing)
        socket.shutdown()
        let waiting = pending.withLock { calls -> [PendingCall] in
            defer { calls.removeAll() }
            return Array(calls.values)
        }
        for call in waiting {
            call.finish(.failure(error))
        }
    }

    private func readReplies() {
        var buffer = ByteBuffer()
        var failure = ServiceError.unavailable(serviceName)
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { scratch.deallocate() }
        reading: while true {
            let count: Int
            do {
                count = try socket.read(into: scratch)
            } catch {
                break
            }
            if count == 0 {
                break
            }
            buffer.append(UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
            while true {
                let body: [UInt8]
                do {
                    guard let frame = try Framing.nextFrame(from: &buffer, maxFrameBytes: maxFrameBytes) else {
                        break
                    }
                    body = frame
                } catch {
                    if MeshHandshake.startsWithChallenge(buffer) {
                        logger.warning("server requires mesh authentication; set mesh-secret-file", ["service": serviceName])
                        failure = MeshHandshakeError.secretRequired.serviceError(serviceName)
                        break reading
                    }
                    logger.warning("reply frame too large, dropping connection", ["service": serviceName])
                    break reading
                }
                guard let reply = try? Envelope(serializedBytes: body) else {
                    logger.warning("undecodable reply, dropping connection", ["service": serviceName])
                    break reading
                }
                if reply.callID == 0, let error = reply.status?.error {
                    // The server rejected the stream itself and is closing it.
                    logger.warning("server reported a protocol error", ["service": serviceName, "reason": error.reason])
                    failure = error
                    break reading
                }
                let call = pending.withLock { $0.removeValue(forKey: reply.callID) }
                call?.finish(.success(reply))
            }
        }
        terminate(failure)
        // The descriptor stays open (shut down) until the last reference to
        // this connection goes, so a caller still in `send` never writes to a
        // closed descriptor that another socket may have reused.
    }
}
