import JieluContract
import JieluCore
import JieluRPC
import Synchronization

/// The methods that stub handlers ran, in order, as `RPCContext.method` named them.
final class MethodLog: Sendable {
    private let methods = Mutex<[String]>([])

    func record(_ context: RPCContext) {
        methods.withLock { $0.append(context.method) }
    }

    var last: String? {
        methods.withLock { $0.last }
    }
}

// Each stub copies a value from the request into its response, so a test can
// tell that the request reached the right handler intact.

struct RegistryStub: RegistryHandling {
    let log: MethodLog

    func loadDistrict(_ request: Registry.LoadDistrictRequest, context: RPCContext) throws -> Registry.LoadDistrictResponse {
        log.record(context)
        return Registry.LoadDistrictResponse(
            subDistricts: UInt32(request.district?.subDistricts.count ?? 0), rules: UInt32(request.district?.rules.count ?? 0))
    }

    func listStreets(_ request: Registry.ListStreetsRequest, context: RPCContext) throws -> Registry.ListStreetsResponse {
        log.record(context)
        return Registry.ListStreetsResponse(streets: [Registry.Street(subDistrictID: request.subDistrictID)])
    }

    func getBoard(_ request: Registry.GetBoardRequest, context: RPCContext) throws -> Registry.Board {
        log.record(context)
        if request.boardCode == "missing" {
            throw ServiceError.notFound(reason: "unknown_board", message: "找不到二维码编号为 missing 的街路。", field: "board_code")
        }
        return Registry.Board(street: Registry.Street(boardCode: request.boardCode))
    }

    func listCategories(_ request: Registry.ListCategoriesRequest, context: RPCContext) throws -> Registry.ListCategoriesResponse {
        log.record(context)
        return Registry.ListCategoriesResponse(classes: [Fixtures.categoryClass])
    }

    func resolveResponsibility(
        _ request: Registry.ResolveResponsibilityRequest, context: RPCContext
    ) throws -> Registry.Responsibility {
        log.record(context)
        return Registry.Responsibility(decidedBy: "\(request.streetID)/\(request.categoryCode)")
    }

    func getStaff(_ request: Registry.GetStaffRequest, context: RPCContext) throws -> Registry.Staff {
        log.record(context)
        return Registry.Staff(id: request.staffID)
    }

    func createToken(_ request: Registry.CreateTokenRequest, context: RPCContext) throws -> Registry.CreateTokenResponse {
        log.record(context)
        return Registry.CreateTokenResponse(token: "token-for-\(request.staffID)", tokenID: request.role)
    }

    func authenticate(_ request: Registry.AuthenticateRequest, context: RPCContext) throws -> Registry.Principal {
        log.record(context)
        return Registry.Principal(tokenID: request.token)
    }
}

struct IntakeStub: IntakeHandling {
    let log: MethodLog

    func submitReport(_ request: Intake.SubmitReportRequest, context: RPCContext) throws -> Intake.SubmitReportResponse {
        log.record(context)
        return Intake.SubmitReportResponse(caseID: request.description, replayed: !request.idempotencyKey.isEmpty)
    }

    func getReport(_ request: Intake.GetReportRequest, context: RPCContext) throws -> Intake.Report {
        log.record(context)
        return Intake.Report(trackingCode: request.trackingCode)
    }
}

struct DispatchStub: DispatchHandling {
    let log: MethodLog

    func acceptCase(_ request: Dispatch.AcceptCaseRequest, context: RPCContext) throws -> Dispatch.AcceptCaseResponse {
        log.record(context)
        return Dispatch.AcceptCaseResponse(caseID: request.report?.caseID ?? "", duplicate: true)
    }

    func getCase(_ request: Dispatch.GetCaseRequest, context: RPCContext) throws -> Dispatch.Case {
        log.record(context)
        return Dispatch.Case(caseID: request.caseID, trackingCode: request.trackingCode)
    }

    func listCases(_ request: Dispatch.ListCasesRequest, context: RPCContext) throws -> Dispatch.ListCasesResponse {
        log.record(context)
        return Dispatch.ListCasesResponse(cases: [], nextPageToken: "\(request.pageToken)+\(request.limit)")
    }

    func resolveCase(_ request: Dispatch.ResolveCaseRequest, context: RPCContext) throws -> Dispatch.Case {
        log.record(context)
        return Dispatch.Case(caseID: request.caseID, status: "resolved")
    }

    func confirmCase(_ request: Dispatch.ConfirmCaseRequest, context: RPCContext) throws -> Dispatch.Case {
        log.record(context)
        return Dispatch.Case(trackingCode: request.trackingCode, status: request.satisfied ? "closed" : "reopened")
    }
}

struct MetricsStub: MetricsHandling {
    let log: MethodLog

    func recordEvents(_ request: Metrics.RecordEventsRequest, context: RPCContext) throws -> Metrics.RecordEventsResponse {
        log.record(context)
        return Metrics.RecordEventsResponse(recorded: UInt32(request.events.count))
    }

    func getSummary(_ request: Metrics.GetSummaryRequest, context: RPCContext) throws -> Metrics.Summary {
        log.record(context)
        return Metrics.Summary(asOfMs: request.nowMs)
    }
}
