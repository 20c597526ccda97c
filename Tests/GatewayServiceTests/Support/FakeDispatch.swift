import JieluContract
import JieluCore
import JieluRPC
import Synchronization

/// In-memory case files with the real transitions: dispatched/reopened →
/// resolved → closed/reopened.
final class FakeDispatch: DispatchHandling {
    struct State {
        var cases: [String: Dispatch.Case] = [:]
        var listRequests: [Dispatch.ListCasesRequest] = []
        var resolveRequests: [Dispatch.ResolveCaseRequest] = []
        var getCaseCalls = 0
    }

    let state = Mutex(State())

    func add(_ file: Dispatch.Case) {
        state.withLock { $0.cases[file.caseID] = file }
    }

    func acceptCase(_ request: Dispatch.AcceptCaseRequest, context: RPCContext) throws -> Dispatch.AcceptCaseResponse {
        throw ServiceError(.unimplemented, reason: "unimplemented", message: "fake")
    }

    func getCase(_ request: Dispatch.GetCaseRequest, context: RPCContext) throws -> Dispatch.Case {
        try state.withLock { state in
            state.getCaseCalls += 1
            return try FakeDispatch.find(request.caseID, trackingCode: request.trackingCode, in: state)
        }
    }

    func listCases(_ request: Dispatch.ListCasesRequest, context: RPCContext) throws -> Dispatch.ListCasesResponse {
        state.withLock { state in
            state.listRequests.append(request)
            let matching = state.cases.values
                .filter { request.status.isEmpty || $0.status == request.status }
                .filter { request.assigneeStaffID.isEmpty || $0.assignee?.staffID == request.assigneeStaffID }
                .sorted { $0.caseID < $1.caseID }
                .map { file -> Dispatch.Case in
                    var listed = file
                    listed.timeline = []
                    return listed
                }
            return Dispatch.ListCasesResponse(cases: matching, nextPageToken: "")
        }
    }

    func resolveCase(_ request: Dispatch.ResolveCaseRequest, context: RPCContext) throws -> Dispatch.Case {
        try state.withLock { state in
            state.resolveRequests.append(request)
            var file = try FakeDispatch.find(request.caseID, trackingCode: "", in: state)
            if request.requireAssignee && file.assignee?.staffID != request.actorStaffID {
                throw ServiceError(.permissionDenied, reason: "not_assignee", message: "该诉求未分派给您")
            }
            guard file.status == "dispatched" || file.status == "reopened" else {
                throw ServiceError(.failedPrecondition, reason: "invalid_transition", message: "诉求当前状态为\(file.status)，不能处置")
            }
            file.timeline.append(Dispatch.StatusChange(
                atMs: WallClock.nowMilliseconds(), fromStatus: file.status, toStatus: "resolved",
                actor: "staff:\(request.actorStaffID)", note: request.note))
            file.status = "resolved"
            state.cases[file.caseID] = file
            return file
        }
    }

    func confirmCase(_ request: Dispatch.ConfirmCaseRequest, context: RPCContext) throws -> Dispatch.Case {
        try state.withLock { state in
            var file = try FakeDispatch.find("", trackingCode: request.trackingCode, in: state)
            guard file.status == "resolved" else {
                throw ServiceError(.failedPrecondition, reason: "invalid_transition", message: "诉求当前状态为\(file.status)，不能评价")
            }
            let now = WallClock.nowMilliseconds()
            let next = request.satisfied ? "closed" : "reopened"
            file.timeline.append(Dispatch.StatusChange(atMs: now, fromStatus: "resolved", toStatus: next, actor: "resident", note: request.comment))
            file.status = next
            if request.satisfied {
                file.closedAtMs = now
            }
            state.cases[file.caseID] = file
            return file
        }
    }

    private static func find(_ caseID: String, trackingCode: String, in state: State) throws -> Dispatch.Case {
        let file = caseID.isEmpty
            ? state.cases.values.first { $0.trackingCode == trackingCode }
            : state.cases[caseID]
        guard let file else {
            throw ServiceError.notFound(reason: "unknown_case", message: "找不到诉求")
        }
        return file
    }
}
