import JieluCore

/// Deadline and request id for an outgoing call.
public struct CallOptions: Sendable {
    public var deadline: Deadline
    /// Ties log lines of one request together across services; may be empty.
    public var requestID: String

    public init(deadline: Deadline = .after(seconds: 5), requestID: String = "") {
        self.deadline = deadline
        self.requestID = requestID
    }
}

/// What a handler knows about the call it serves.
public struct RPCContext: Sendable {
    /// Full method name, e.g. "/jielu.intake.v1.Intake/SubmitReport".
    public let method: String
    /// When the caller stops waiting. Pass it on through `callOptions` so the
    /// budget shrinks along the chain of calls.
    public let deadline: Deadline
    public let requestID: String
    /// The service's logger with `method` and `request_id` fields attached.
    public let logger: Logger
    public let peer: String

    public init(method: String, deadline: Deadline, requestID: String, logger: Logger, peer: String) {
        self.method = method
        self.deadline = deadline
        self.requestID = requestID
        self.logger = logger
        self.peer = peer
    }

    /// Options for calls this handler makes to other services.
    public var callOptions: CallOptions {
        CallOptions(deadline: deadline, requestID: requestID)
    }

    /// Throws DEADLINE_EXCEEDED once the caller has stopped waiting, so long
    /// handlers can abandon work between steps.
    public func checkDeadline() throws {
        if deadline.hasPassed {
            throw ServiceError.deadlineExceeded
        }
    }
}
