import JieluContract
import JieluCore
import JieluHTTP

/// Staff endpoints for case files. Every one needs a bearer token.
///
/// Visibility: a `handler` reads and resolves only cases assigned to their
/// own staff id, and gets the resident's phone in full there. `admin` and
/// `dispatcher` get every case with the phone masked. The markets roles
/// (market_manager, inspector, hauler) get 403 `forbidden`.
enum CaseRoutes {
    static let caseRoles: Set<StaffRole> = [.admin, .dispatcher, .handler]

    /// Statuses a case file at dispatch can have; `received` exists only at intake.
    static let listableStatuses = ["dispatched", "resolved", "reopened", "closed"]
    static let maxPageSize = 200
    /// Maximum case id length accepted in a path, in characters.
    static let maxCaseIDLength = 64

    static func register(in router: inout Router<RouteHandler>) {
        router.add("GET", "/api/v1/cases", listCases)
        router.add("GET", "/api/v1/cases/{case_id}", getCase)
        router.add("POST", "/api/v1/cases/{case_id}/resolve", resolveCase)
    }

    /// `GET /api/v1/cases?status=&assignee=&limit=&page_token=`.
    ///
    /// Throws 400 `invalid_field` for an unknown status or a limit outside
    /// 1…200, and 403 `forbidden` when a handler requests someone else's cases.
    static func listCases(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try context.authenticate()
        try requireCaseRole(principal)
        let query = context.request.query

        let status = query["status"] ?? ""
        guard status.isEmpty || listableStatuses.contains(status) else {
            throw ServiceError.invalid(
                "status", reason: "invalid_field",
                message: "状态 \(status) 无效，应为 \(listableStatuses.joined(separator: "、")) 之一，或不填。")
        }
        let limit = try readLimit(query["limit"])

        var assignee = query["assignee"] ?? ""
        if principal.role == .handler {
            guard assignee.isEmpty || assignee == principal.staffID else {
                throw forbidden("处置人员只能查看分派给自己的诉求，不能查看工作人员 \(assignee) 的诉求。")
            }
            assignee = principal.staffID
        }

        let request = Dispatch.ListCasesRequest(
            status: status, assigneeStaffID: assignee, limit: UInt32(limit), pageToken: query["page_token"] ?? "")
        let response = try context.backends.dispatch.listCases(request, options: context.callOptions())
        return .json(JSONViews.caseList(response, phones: phoneVisibility(for: principal), nowMs: WallClock.nowMilliseconds()))
    }

    /// `GET /api/v1/cases/{case_id}`: one case with its timeline.
    ///
    /// Throws 404 `unknown_case` for a malformed or unknown id and 403
    /// `forbidden` when a handler requests a case assigned to someone else.
    static func getCase(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try context.authenticate()
        try requireCaseRole(principal)
        let caseID = try checkedCaseID(context.parameter("case_id"))

        let file = try context.backends.dispatch.getCase(Dispatch.GetCaseRequest(caseID: caseID), options: context.callOptions())
        if principal.role == .handler && file.assignee?.staffID != principal.staffID {
            throw forbidden("诉求 \(caseID) 未分派给您，处置人员只能查看自己的诉求。")
        }
        let view = JSONViews.staffCase(file, phones: phoneVisibility(for: principal), includeTimeline: true, nowMs: WallClock.nowMilliseconds())
        return .json(view)
    }

    /// `POST /api/v1/cases/{case_id}/resolve` with `{"note": string}`.
    ///
    /// A handler acts as their staff id and only on their own cases (dispatch
    /// responds 403 `not_assignee` otherwise). An admin or dispatcher may
    /// resolve any case, acting as the token's staff id, or as its token id
    /// when the token names no staff member.
    static func resolveCase(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try context.authenticate()
        try requireCaseRole(principal)
        let caseID = try checkedCaseID(context.parameter("case_id"))
        let body = try JSONBody(context.request.body)
        let note = try body.string("note")

        let actor = principal.staffID.isEmpty ? principal.tokenID : principal.staffID
        let request = Dispatch.ResolveCaseRequest(
            caseID: caseID, actorStaffID: actor, note: note, requireAssignee: principal.role == .handler)
        let file = try context.backends.dispatch.resolveCase(request, options: context.callOptions())
        context.logger.debug("case resolved", ["case_id": caseID, "token_id": principal.tokenID])

        let view = JSONViews.staffCase(file, phones: phoneVisibility(for: principal), includeTimeline: true, nowMs: WallClock.nowMilliseconds())
        return .json(view)
    }

    /// Chooses how the resident's phone is shown. A handler's views only ever
    /// contain their own cases, so the phone is in full; for everyone else it is masked.
    static func phoneVisibility(for principal: StaffPrincipal) -> JSONViews.PhoneVisibility {
        principal.role == .handler ? .full : .masked
    }

    /// Reads the page size, or 0 (the backend's default) when absent.
    static func readLimit(_ text: String?) throws(ServiceError) -> Int {
        guard let text, !text.isEmpty else {
            return 0
        }
        guard let limit = Int(text), (1...maxPageSize).contains(limit) else {
            throw ServiceError.invalid("limit", reason: "invalid_field", message: "limit=\(text) 无效，应为 1 到 \(maxPageSize) 之间的整数。")
        }
        return limit
    }

    /// Returns `caseID` when it could be a case id: 1 to 64 ASCII letters,
    /// digits, `-` and `_`. Throws NOT_FOUND `unknown_case` otherwise.
    static func checkedCaseID(_ caseID: String) throws(ServiceError) -> String {
        let isWellFormed = caseID.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"):
                true
            default:
                false
            }
        }
        guard !caseID.isEmpty, caseID.utf8.count <= maxCaseIDLength, isWellFormed else {
            let shown = caseID.count > 32 ? String(caseID.prefix(32)) + "…" : caseID
            throw ServiceError.notFound(reason: "unknown_case", message: "找不到编号为 \(shown) 的诉求，请核对诉求编号。")
        }
        return caseID
    }

    /// Throws 403 `forbidden` for a token whose role does not work on cases.
    static func requireCaseRole(_ principal: StaffPrincipal) throws(ServiceError) {
        guard caseRoles.contains(principal.role) else {
            throw forbidden("角色 \(principal.role.rawValue) 的令牌不能查看或处置诉求案件。")
        }
    }

    private static func forbidden(_ message: String) -> ServiceError {
        ServiceError(.permissionDenied, reason: "forbidden", message: message)
    }
}
