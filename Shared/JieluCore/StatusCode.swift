/// The status codes of a call, numbered as in gRPC so that operators and
/// clients in other languages read them the same way.
public enum StatusCode: UInt32, Sendable, CaseIterable {
    /// The call succeeded.
    case ok = 0
    /// The caller gave up; the server abandons the work.
    case cancelled = 1
    /// An error that fits no other code.
    case unknown = 2
    /// The request is malformed or fails validation; retrying it unchanged fails again.
    case invalidArgument = 3
    /// The deadline passed before the work finished.
    case deadlineExceeded = 4
    /// The named entity (board, case, tracking code, staff) does not exist.
    case notFound = 5
    /// The entity to create exists already.
    case alreadyExists = 6
    /// The caller is known but may not do this.
    case permissionDenied = 7
    /// A limit was reached (frame size, calls in flight); retry later or send less.
    case resourceExhausted = 8
    /// The entity is not in a state that allows the operation, e.g. confirming an open case.
    case failedPrecondition = 9
    /// A concurrent change won; retry the whole read-modify-write.
    case aborted = 10
    case outOfRange = 11
    /// The method does not exist on this server.
    case unimplemented = 12
    /// An invariant broke inside the server; details are in its log, not in the reply.
    case `internal` = 13
    /// The service cannot be reached or is draining; an idempotent call may be retried.
    case unavailable = 14
    case dataLoss = 15
    /// The caller presented no credentials or invalid ones.
    case unauthenticated = 16

    /// Upper-case name as gRPC spells it, for logs.
    public var name: String {
        switch self {
        case .ok: "OK"
        case .cancelled: "CANCELLED"
        case .unknown: "UNKNOWN"
        case .invalidArgument: "INVALID_ARGUMENT"
        case .deadlineExceeded: "DEADLINE_EXCEEDED"
        case .notFound: "NOT_FOUND"
        case .alreadyExists: "ALREADY_EXISTS"
        case .permissionDenied: "PERMISSION_DENIED"
        case .resourceExhausted: "RESOURCE_EXHAUSTED"
        case .failedPrecondition: "FAILED_PRECONDITION"
        case .aborted: "ABORTED"
        case .outOfRange: "OUT_OF_RANGE"
        case .unimplemented: "UNIMPLEMENTED"
        case .internal: "INTERNAL"
        case .unavailable: "UNAVAILABLE"
        case .dataLoss: "DATA_LOSS"
        case .unauthenticated: "UNAUTHENTICATED"
        }
    }

    /// The HTTP status the gateway answers with for this code.
    public var httpStatus: Int {
        switch self {
        case .ok: 200
        case .invalidArgument, .outOfRange, .failedPrecondition: 400
        case .unauthenticated: 401
        case .permissionDenied: 403
        case .notFound: 404
        case .alreadyExists, .aborted: 409
        case .resourceExhausted: 429
        case .cancelled: 499
        case .unimplemented: 501
        case .unavailable: 503
        case .deadlineExceeded: 504
        case .unknown, .internal, .dataLoss: 500
        }
    }
}
