import JieluCore
import JieluRPC

extension DispatchHandling {
    /// Implements `AcceptCases` with `acceptCase`: the cases are taken one at
    /// a time, in order, up to the first one that fails, whose error becomes
    /// the response's `failure`. The real dispatch stores a batch in one
    /// transaction and implements the method itself. Test doubles and simple
    /// handlers get the same responses from this one.
    public func acceptCases(
        _ request: Dispatch.AcceptCasesRequest, context: RPCContext
    ) throws -> Dispatch.AcceptCasesResponse {
        var response = Dispatch.AcceptCasesResponse()
        for item in request.cases {
            do {
                response.results.append(try acceptCase(item, context: context))
            } catch {
                response.failure = Dispatch.CaseFailure(caseID: item.report?.caseID ?? "", error: error)
                break
            }
        }
        return response
    }
}

extension Dispatch.CaseFailure {
    /// Describes `error` as the RPC status `AcceptCase` would return. An
    /// error that is not a `ServiceError` becomes INTERNAL.
    public init(caseID: String, error: any Error) {
        let failure = error as? ServiceError ?? .internal
        self.init(
            caseID: caseID, code: failure.code.rawValue, reason: failure.reason, message: failure.message,
            field: failure.field ?? "")
    }
}

extension ServiceError {
    /// Creates the error `AcceptCase` would have returned for the case `failure` describes.
    public init(_ failure: Dispatch.CaseFailure) {
        self.init(
            StatusCode(rawValue: failure.code) ?? .unknown, reason: failure.reason, message: failure.message,
            field: failure.field.isEmpty ? nil : failure.field)
    }
}
