import JieluRPC

/// The server side of the dispatch service: one method per RPC.
///
/// Each method runs on a worker thread, may block, and returns the response
/// or throws `ServiceError`. Any other error reaches the caller as INTERNAL.
public protocol DispatchHandling: Sendable {
    /// Takes over a case from intake. A case id seen before is acknowledged with `duplicate` set and changes
    /// nothing.
    func acceptCase(_ request: Dispatch.AcceptCaseRequest, context: RPCContext) throws -> Dispatch.AcceptCaseResponse

    /// Takes over up to 500 cases in order, in one transaction. It stops at the first case that fails and
    /// describes that case in `failure`; the cases before it are stored.
    func acceptCases(_ request: Dispatch.AcceptCasesRequest, context: RPCContext) throws -> Dispatch.AcceptCasesResponse

    /// Returns a case with its timeline, by case id or tracking code.
    func getCase(_ request: Dispatch.GetCaseRequest, context: RPCContext) throws -> Dispatch.Case

    /// Lists cases without their timelines, one page at a time.
    func listCases(_ request: Dispatch.ListCasesRequest, context: RPCContext) throws -> Dispatch.ListCasesResponse

    /// Moves a dispatched or reopened case to resolved.
    func resolveCase(_ request: Dispatch.ResolveCaseRequest, context: RPCContext) throws -> Dispatch.Case

    /// Records the resident's confirmation: a resolved case moves to closed when satisfied and to reopened
    /// otherwise.
    func confirmCase(_ request: Dispatch.ConfirmCaseRequest, context: RPCContext) throws -> Dispatch.Case
}

extension RPCRouter {
    /// Registers every method of the dispatch service, replacing earlier registrations
    /// of the same method names.
    public func register(dispatch handler: some DispatchHandling) {
        register(Dispatch.Method.acceptCase) { (request: Dispatch.AcceptCaseRequest, context) in
            try handler.acceptCase(request, context: context)
        }
        register(Dispatch.Method.acceptCases) { (request: Dispatch.AcceptCasesRequest, context) in
            try handler.acceptCases(request, context: context)
        }
        register(Dispatch.Method.getCase) { (request: Dispatch.GetCaseRequest, context) in
            try handler.getCase(request, context: context)
        }
        register(Dispatch.Method.listCases) { (request: Dispatch.ListCasesRequest, context) in
            try handler.listCases(request, context: context)
        }
        register(Dispatch.Method.resolveCase) { (request: Dispatch.ResolveCaseRequest, context) in
            try handler.resolveCase(request, context: context)
        }
        register(Dispatch.Method.confirmCase) { (request: Dispatch.ConfirmCaseRequest, context) in
            try handler.confirmCase(request, context: context)
        }
    }
}
