import JieluContract
import JieluCore

/// Residents' view of a case through its tracking code: dispatch's case
/// file, or intake's report while dispatch has not taken the case yet.
enum CaseTracking {
    /// Finds the case with tracking code `code`.
    ///
    /// While dispatch is unreachable, a report intake has not delivered yet is
    /// still shown as received; a delivered one is not, because its real
    /// status is unknown, so dispatch's UNAVAILABLE is thrown instead.
    ///
    /// Throws NOT_FOUND `unknown_tracking_code` when the code is malformed or
    /// neither dispatch nor intake has it, and any other backend error as is.
    static func find(trackingCode code: String, context: RouteContext) throws -> TrackedCase {
        try PublicCodes.checkTrackingCode(code)
        do {
            let file = try context.backends.dispatch.getCase(
                Dispatch.GetCaseRequest(trackingCode: code), options: context.callOptions())
            return TrackedCase(case: file)
        } catch let error as ServiceError where error.code == .notFound {
            // Intake relays each report to dispatch shortly after accepting it.
            return TrackedCase(report: try report(trackingCode: code, context: context))
        } catch let error as ServiceError where error.code == .unavailable {
            let pending = try report(trackingCode: code, context: context)
            if pending.delivered {
                throw error
            }
            return TrackedCase(report: pending)
        }
    }

    /// Records the resident's verdict on a resolved case and returns the case
    /// afterwards: closed when `satisfied`, reopened otherwise.
    ///
    /// Throws NOT_FOUND `unknown_tracking_code` for an unknown code,
    /// FAILED_PRECONDITION `invalid_transition` while the case is not
    /// resolved (including while only intake has it), and dispatch's
    /// validation errors (such as a comment that is too long) as they are.
    static func confirm(trackingCode code: String, satisfied: Bool, comment: String, context: RouteContext) throws -> TrackedCase {
        try PublicCodes.checkTrackingCode(code)
        do {
            let file = try context.backends.dispatch.confirmCase(
                Dispatch.ConfirmCaseRequest(trackingCode: code, satisfied: satisfied, comment: comment),
                options: context.callOptions())
            return TrackedCase(case: file)
        } catch let error as ServiceError where error.code == .notFound {
            _ = try report(trackingCode: code, context: context)
            throw ServiceError(
                .failedPrecondition, reason: "invalid_transition",
                message: "诉求当前状态为“\(Labels.status("received"))”，尚未处置完毕，处置后才能评价。")
        }
    }

    private static func report(trackingCode code: String, context: RouteContext) throws -> Intake.Report {
        do {
            return try context.backends.intake.getReport(
                Intake.GetReportRequest(trackingCode: code), options: context.callOptions())
        } catch let error as ServiceError where error.code == .notFound {
            throw PublicCodes.unknownTrackingCode(code)
        }
    }
}
