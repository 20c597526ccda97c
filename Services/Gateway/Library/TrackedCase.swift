import JieluContract

/// A case as a resident may see it through its tracking code: no contact
/// phone, no description, no staff phone.
///
/// Built from dispatch's case file, or from intake's report while dispatch
/// has not taken the case yet (status `received`).
struct TrackedCase: Sendable, Equatable {
    /// One status change as shown on the timeline.
    struct Step: Sendable, Equatable {
        var atMs: Int64
        /// Empty for the first step.
        var from: String
        var to: String
        /// "resident", "system" or "staff:<id>".
        var actor: String
        var note: String
    }

    var caseID: String
    var trackingCode: String
    var status: String
    var categoryCode: String
    var categoryName: String
    var streetID: String
    var streetName: String
    var subDistrictID: String
    var subDistrictName: String
    var receivedAtMs: Int64
    var dueAtMs: Int64
    /// 0 while the case is not closed.
    var closedAtMs: Int64
    /// Empty until dispatch assigns the case.
    var handlerName: String
    var handlerUnit: String
    /// Oldest first.
    var timeline: [Step]

    init(case file: Dispatch.Case) {
        caseID = file.caseID
        trackingCode = file.trackingCode
        status = file.status
        categoryCode = file.categoryCode
        categoryName = file.categoryName
        streetID = file.streetID
        streetName = file.streetName
        subDistrictID = file.subDistrictID
        subDistrictName = file.subDistrictName
        receivedAtMs = file.receivedAtMs
        dueAtMs = file.dueAtMs
        closedAtMs = file.closedAtMs
        handlerName = file.assignee?.name ?? ""
        handlerUnit = file.unitName
        timeline = file.timeline.map { change in
            Step(atMs: change.atMs, from: change.fromStatus, to: change.toStatus, actor: change.actor, note: change.note)
        }
    }

    /// Builds the case before dispatch has it: status `received`, one timeline step.
    init(report: Intake.Report) {
        caseID = report.caseID
        trackingCode = report.trackingCode
        status = "received"
        categoryCode = report.categoryCode
        categoryName = report.categoryName
        streetID = report.streetID
        streetName = report.streetName
        subDistrictID = report.subDistrictID
        subDistrictName = report.subDistrictName
        receivedAtMs = report.receivedAtMs
        dueAtMs = report.dueAtMs
        closedAtMs = 0
        handlerName = ""
        handlerUnit = ""
        timeline = [Step(atMs: report.receivedAtMs, from: "", to: "received", actor: "resident", note: "")]
    }

    /// True when the case missed its due time: a closed case that closed
    /// after it, or any other case still open past it at `nowMs`.
    func isOverdue(nowMs: Int64) -> Bool {
        CaseClock.isOverdue(status: status, dueAtMs: dueAtMs, closedAtMs: closedAtMs, nowMs: nowMs)
    }
}

/// The overdue rule shared by residents' and staff's views.
enum CaseClock {
    /// Decides whether a case is overdue. A case without a due time (0) never is.
    static func isOverdue(status: String, dueAtMs: Int64, closedAtMs: Int64, nowMs: Int64) -> Bool {
        guard dueAtMs > 0 else {
            return false
        }
        if status == "closed" {
            return closedAtMs > dueAtMs
        }
        return nowMs > dueAtMs
    }
}
