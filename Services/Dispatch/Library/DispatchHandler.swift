import Foundation
import JieluContract
import JieluCore
import JieluRPC
import JieluStore

/// The `jielu.dispatch.v1.Dispatch` methods.
///
/// Every change commits the case, its timeline row and its metrics event
/// together, then wakes the relay that sends the event to metrics.
struct DispatchHandler: DispatchHandling {
    /// The intake channel of cases the markets service files for expired haul manifests.
    static let manifestChannel = "markets_manifest"

    let store: DispatchStore
    let responsibility: ResponsibilityLookup
    let relay: OutboxRelay
    /// Source of "now" in Unix milliseconds; tests pin it.
    var clock: @Sendable () -> Int64 = { WallClock.nowMilliseconds() }

    /// Takes a case from intake, assigns it and stores it as dispatched. A
    /// case id seen before returns `duplicate` and changes nothing.
    ///
    /// - Throws: INVALID_ARGUMENT from `DispatchValidation.report`; the
    ///   errors of `ResponsibilityLookup` (UNAVAILABLE makes intake retry).
    func acceptCase(_ request: Dispatch.AcceptCaseRequest, context: RPCContext) throws -> Dispatch.AcceptCaseResponse {
        let report = try DispatchValidation.report(of: request)

        // A redelivery should not need the registry.
        if let stored = try store.storedCase(caseID: report.caseID) {
            try DispatchHandler.checkRedelivery(of: report, stored: stored, context: context)
            context.logger.debug("duplicate case ignored", ["case_id": report.caseID])
            return Dispatch.AcceptCaseResponse(caseID: report.caseID, status: stored.status, duplicate: true)
        }

        let routing = try responsibility.responsibility(for: report, context: context)
        let newCase = makeCase(report, routing: routing, nowMs: clock())
        let outcome = try store.insert(newCase)
        switch outcome {
        case .created:
            relay.wake()
            context.logger.info(
                "case dispatched",
                ["case_id": report.caseID, "unit_id": newCase.record.unitID,
                 "assignee_staff_id": newCase.record.assignee?.staffID ?? "", "decided_by": routing.decidedBy])
            return Dispatch.AcceptCaseResponse(caseID: report.caseID, status: CaseStatus.dispatched.rawValue)
        case .duplicate(let status):
            return Dispatch.AcceptCaseResponse(caseID: report.caseID, status: status, duplicate: true)
        }
    }

    /// Checks that a report whose case id is stored is the stored case sent
    /// again, not another report with the same case id.
    ///
    /// - Throws: FAILED_PRECONDITION `case_id_conflict`, after logging an error
    ///   that names the case id. Tracking codes are residents' credentials, so
    ///   they stay out of the log.
    static func checkRedelivery(
        of report: Intake.Report, stored: DispatchStore.StoredCase, context: RPCContext
    ) throws(ServiceError) {
        guard Array(stored.trackingCode.utf8) != Array(report.trackingCode.utf8) else {
            return
        }
        context.logger.error(
            "case id already used by another report; intake's relay stops at this case until an operator acts",
            ["case_id": report.caseID])
        throw DispatchStore.caseIDConflict(report.caseID)
    }

    /// Builds the dispatched case: the report, the routing result, a due time
    /// from the category's time limit, and the received and dispatched
    /// timeline rows.
    func makeCase(_ report: Intake.Report, routing: Registry.Responsibility, nowMs: Int64) -> DispatchStore.NewCase {
        let unit = routing.unit ?? Registry.Unit()
        let staff = routing.assignee ?? Registry.Staff()
        var dueAtMs = report.dueAtMs
        if let category = routing.category, category.timeLimitHours > 0 {
            dueAtMs = report.receivedAtMs + Int64(category.timeLimitHours) * 3_600_000
        }

        // The markets service files the cases of expired haul manifests itself.
        let isFiledBySystem = report.channel == DispatchHandler.manifestChannel
        let received = Dispatch.StatusChange(
            atMs: report.receivedAtMs, fromStatus: "", toStatus: CaseStatus.received.rawValue,
            actor: isFiledBySystem ? "system" : "resident",
            note: isFiledBySystem ? "建筑垃圾清运联单超时未闭合，系统自动立案" : "居民提交诉求")
        let dispatched = Dispatch.StatusChange(
            atMs: nowMs, fromStatus: CaseStatus.received.rawValue, toStatus: CaseStatus.dispatched.rawValue,
            actor: "system", note: "派遣至\(unit.name)，承办人\(staff.name)")

        let record = Dispatch.Case(
            caseID: report.caseID, trackingCode: report.trackingCode, status: CaseStatus.dispatched.rawValue,
            streetID: report.streetID, streetName: report.streetName, subDistrictID: report.subDistrictID,
            subDistrictName: report.subDistrictName, categoryCode: report.categoryCode,
            categoryName: report.categoryName, description: report.description, contactPhone: report.contactPhone,
            receivedAtMs: report.receivedAtMs, dueAtMs: dueAtMs, dispatchedAtMs: nowMs, closedAtMs: 0,
            assignee: Dispatch.Assignee(staffID: staff.id, name: staff.name, phone: staff.phone),
            unitID: unit.id, unitName: unit.name, timeline: [received, dispatched],
            hasLocation: report.hasLocation, lat: report.lat, lon: report.lon, externalRef: report.externalRef)
        return DispatchStore.NewCase(
            record: record, boardCode: report.boardCode, channel: report.channel, decidedBy: routing.decidedBy)
    }

    /// Returns a case with its timeline, oldest first.
    ///
    /// - Throws: INVALID_ARGUMENT `missing_identifier`; NOT_FOUND
    ///   `unknown_case` or `unknown_tracking_code`.
    func getCase(_ request: Dispatch.GetCaseRequest, context: RPCContext) throws -> Dispatch.Case {
        let key = try DispatchValidation.caseKey(caseID: request.caseID, trackingCode: request.trackingCode)
        guard let record = try store.findCase(key) else {
            throw DispatchHandler.notFound(key)
        }
        return record
    }

    /// Returns one page of cases, newest first.
    ///
    /// - Throws: INVALID_ARGUMENT `invalid_status`, `invalid_limit` or `invalid_page_token`.
    func listCases(_ request: Dispatch.ListCasesRequest, context: RPCContext) throws -> Dispatch.ListCasesResponse {
        let (filter, after, limit) = try DispatchValidation.listing(request)

        // One extra row shows whether another page follows.
        var cases = try store.listCases(filter, after: after, limit: limit + 1)
        var nextPageToken = ""
        if cases.count > limit {
            cases.removeLast(cases.count - limit)
            let last = cases[cases.count - 1]
            nextPageToken = PageToken(receivedAtMs: last.receivedAtMs, caseID: last.caseID).encoded
        }
        return Dispatch.ListCasesResponse(cases: cases, nextPageToken: nextPageToken)
    }

    /// Records that the assignee (or a dispatcher) handled the case:
    /// dispatched or reopened → resolved.
    ///
    /// - Throws: INVALID_ARGUMENT `missing_identifier`, `missing_actor`,
    ///   `empty_note`, `note_too_long`; NOT_FOUND `unknown_case`;
    ///   PERMISSION_DENIED `not_assignee` when `require_assignee` is set and
    ///   the actor is someone else; FAILED_PRECONDITION `invalid_transition`.
    func resolveCase(_ request: Dispatch.ResolveCaseRequest, context: RPCContext) throws -> Dispatch.Case {
        let caseID = request.caseID.trimmingWhitespace()
        guard !caseID.isEmpty else {
            throw ServiceError.invalid("case_id", reason: "missing_identifier", message: "请提供案件编号（case_id）。")
        }
        let actor = try DispatchValidation.actor(request.actorStaffID)
        let note = try DispatchValidation.note(request.note)

        let record = try store.transition(
            .caseID(caseID), action: .resolve, actor: "staff:\(actor)", note: note, nowMs: clock(),
            notFound: DispatchHandler.notFound(.caseID(caseID))
        ) { stored in
            if request.requireAssignee && stored.assignee?.staffID != actor {
                throw ServiceError(
                    .permissionDenied, reason: "not_assignee",
                    message: "案件 \(caseID) 由 \(stored.assignee?.name ?? "其他人员") 承办，只有承办人可以提交处置结果。")
            }
        }
        relay.wake()
        context.logger.info("case resolved", ["case_id": caseID, "actor_staff_id": actor])
        return record
    }

    /// Records the resident's confirmation: resolved → closed when satisfied,
    /// resolved → reopened otherwise.
    ///
    /// - Throws: INVALID_ARGUMENT `missing_identifier` or `comment_too_long`;
    ///   NOT_FOUND `unknown_tracking_code`; FAILED_PRECONDITION `invalid_transition`.
    func confirmCase(_ request: Dispatch.ConfirmCaseRequest, context: RPCContext) throws -> Dispatch.Case {
        let trackingCode = DispatchValidation.normalizedTrackingCode(request.trackingCode)
        guard !trackingCode.isEmpty else {
            throw ServiceError.invalid(
                "tracking_code", reason: "missing_identifier", message: "请提供查询码（tracking_code）。")
        }
        let comment = try DispatchValidation.comment(request.comment)
        var note = comment
        if note.isEmpty {
            note = request.satisfied ? "居民确认满意" : "居民不满意，要求重新办理"
        }

        let record = try store.transition(
            .trackingCode(trackingCode), action: .confirm(satisfied: request.satisfied), actor: "resident",
            note: note, nowMs: clock(), notFound: DispatchHandler.notFound(.trackingCode(trackingCode)))
        relay.wake()
        context.logger.info("case confirmed", ["case_id": record.caseID, "status": record.status])
        return record
    }

    static func notFound(_ key: DispatchStore.CaseKey) -> ServiceError {
        switch key {
        case .caseID(let caseID):
            return ServiceError.notFound(
                reason: "unknown_case", message: "案件 \(caseID) 不存在；请核对案件编号。", field: "case_id")
        case .trackingCode(let trackingCode):
            return ServiceError.notFound(
                reason: "unknown_tracking_code", message: "查询码 \(trackingCode) 不存在；请核对回执上的查询码。",
                field: "tracking_code")
        }
    }
}
