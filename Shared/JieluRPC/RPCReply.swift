import JieluCore
import Synchronization

/// The way back for a call a deferred handler took (see
/// `RPCRouter.registerDeferred`). Only the first `send` counts; an atomic
/// flag makes later calls do nothing. A call whose reply is never sent stays
/// in flight until its connection closes.
public struct RPCReply: Sendable {
    private final class Once: Sendable {
        let used = Atomic<Bool>(false)
    }

    private let once = Once()
    private let write: @Sendable (Result<[UInt8], ServiceError>) -> Void

    init(write: @escaping @Sendable (Result<[UInt8], ServiceError>) -> Void) {
        self.write = write
    }

    /// Writes the serialized response, or the error, as the call's reply.
    public func send(_ result: Result<[UInt8], ServiceError>) {
        if !once.used.exchange(true, ordering: .acquiringAndReleasing) {
            write(result)
        }
    }
}
