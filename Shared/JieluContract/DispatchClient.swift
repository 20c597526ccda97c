import JieluRPC

/// Typed calls to the dispatch service over one `RPCClient`.
///
/// Every method throws the `ServiceError` the service replied with, or
/// DEADLINE_EXCEEDED and UNAVAILABLE from the client itself.
public struct DispatchClient: Sendable {
    public let rpc: RPCClient

    public init(_ rpc: RPCClient) {
        self.rpc = rpc
    }

    /// Takes over a case from intake. A case id seen before is acknowledged with `duplicate` set and changes
    /// nothing.
    ///
    /// Idempotent by case id: a call lost with its connection is sent once more.
    public func acceptCase(
        _ request: Dispatch.AcceptCaseRequest, options: CallOptions
    ) throws -> Dispatch.AcceptCaseResponse {
        try rpc.call(
            Dispatch.Method.acceptCase, request, as: Dispatch.AcceptCaseResponse.self, options: options,
            idempotent: true)
    }

    /// Takes over up to 500 cases in order, in one transaction. It stops at the first case that fails and
    /// describes that case in `failure`; the cases before it are stored.
    ///
    /// Idempotent by case id: a call lost with its connection is sent once more.
    public func acceptCases(
        _ request: Dispatch.AcceptCasesRequest, options: CallOptions
    ) throws -> Dispatch.AcceptCasesResponse {
        try rpc.call(
            Dispatch.Method.acceptCases, request, as: Dispatch.AcceptCasesResponse.self, options: options,
            idempotent: true)
    }

    /// Returns a case with its timeline, by case id or tracking code.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func getCase(_ request: Dispatch.GetCaseRequest, options: CallOptions) throws -> Dispatch.Case {
        try rpc.call(
            Dispatch.Method.getCase, request, as: Dispatch.Case.self, options: options,
            idempotent: true)
    }

    /// Lists cases without their timelines, one page at a time.
    ///
    /// Idempotent, because it only reads: a call lost with its connection is sent once more.
    public func listCases(
        _ request: Dispatch.ListCasesRequest, options: CallOptions
    ) throws -> Dispatch.ListCasesResponse {
        try rpc.call(
            Dispatch.Method.listCases, request, as: Dispatch.ListCasesResponse.self, options: options,
            idempotent: true)
    }

    /// Moves a dispatched or reopened case to resolved.
    ///
    /// Not idempotent, because it changes the case status: a call lost with its connection fails with
    /// UNAVAILABLE.
    public func resolveCase(_ request: Dispatch.ResolveCaseRequest, options: CallOptions) throws -> Dispatch.Case {
        try rpc.call(
            Dispatch.Method.resolveCase, request, as: Dispatch.Case.self, options: options,
            idempotent: false)
    }

    /// Records the resident's confirmation: a resolved case moves to closed when satisfied and to reopened
    /// otherwise.
    ///
    /// Not idempotent, because it changes the case status: a call lost with its connection fails with
    /// UNAVAILABLE.
    public func confirmCase(_ request: Dispatch.ConfirmCaseRequest, options: CallOptions) throws -> Dispatch.Case {
        try rpc.call(
            Dispatch.Method.confirmCase, request, as: Dispatch.Case.self, options: options,
            idempotent: false)
    }
}
