import Synchronization

/// The way back for a request that a deferred handler took (see
/// `HTTPServer.init`): call `respond` or `handToWorker` once, from any
/// thread. Only the first call counts; an atomic flag makes later calls do
/// nothing. A request whose responder is never called stays in flight, and
/// its connection serves nothing more.
public struct HTTPResponder: Sendable {
    private final class Once: Sendable {
        let used = Atomic<Bool>(false)

        func claim() -> Bool {
            !used.exchange(true, ordering: .acquiringAndReleasing)
        }
    }

    private let once = Once()
    private let finish: @Sendable (HTTPResponse) -> Void
    private let runOnWorker: @Sendable () -> Void

    init(finish: @escaping @Sendable (HTTPResponse) -> Void, runOnWorker: @escaping @Sendable () -> Void) {
        self.finish = finish
        self.runOnWorker = runOnWorker
    }

    /// Writes `response`, in order with the connection's other responses,
    /// and goes on with the connection's next request.
    public func respond(_ response: HTTPResponse) {
        if once.claim() {
            finish(response)
        }
    }

    /// Gives the request to the server's blocking handler on the worker pool,
    /// as if the deferred handler had declined it.
    public func handToWorker() {
        if once.claim() {
            runOnWorker()
        }
    }
}
