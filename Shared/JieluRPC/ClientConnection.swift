import Foundation
import JieluCore
import JieluNet
import Synchronization

/// One multiplexed client connection: callers write framed requests under a
/// lock and wait on their own semaphore; a reader thread matches replies to
/// callers by call id.
final class ClientConnection: Sendable {
    /// One caller waiting for its reply.
    private final class PendingCall: Sendable {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<Envelope, ServiceError>?>(nil)

        func finish(_ result: Result<Envelope, ServiceError>) {
            let first = outcome.withLock { outcome -> Bool in
                guard outcome == nil else {
                    return false
                }
                outcome = result
                return true
            }
            if first {
                done.signal()
            }
        }
    }

    private let socket: BlockingSocket
    private let serviceName: String
    private let maxFrameBytes: Int
    private let logger: Logger
    private let pending = Mutex<[UInt64: PendingCall]>([:])
    private let nextCallID = Atomic<UInt64>(0)
    private let writeLock = Mutex(())
    private let alive = Atomic<Bool>(true)

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

        let request = Envelope(
            callID: callID, kind: .request, method: method,
            timeoutMicroseconds: options.deadline.isDistantFuture ? 0 : max(options.deadline.remainingMicroseconds, 1),
            payload: payload, requestID: options.requestID)
        do {
            try writeLock.withLock { _ in
                try socket.writeAll(Framing.frame(request))
            }
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

    /// Marks the connection dead, fails every waiting call with `error` and
    /// wakes the reader.
    func terminate(_ error: ServiceError) {
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
        reading: while true {
            let bytes: [UInt8]
            do {
                bytes = try socket.read(maxBytes: 64 * 1024)
            } catch {
                break
            }
            if bytes.isEmpty {
                break
            }
            buffer.append(contentsOf: bytes)
            while true {
                let body: [UInt8]
                do {
                    guard let frame = try Framing.nextFrame(from: &buffer, maxFrameBytes: maxFrameBytes) else {
                        break
                    }
                    body = frame
                } catch {
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
        socket.close()
    }
}
