import Foundation
import JieluContract
import JieluCore
import JieluRPC
import JieluStore

/// The `jielu.intake.v1.Intake` methods.
struct IntakeHandler: IntakeHandling {
    let store: IntakeStore
    let catalog: CategoryCatalog
    let boards: BoardLookup
    let relay: OutboxRelay
    /// Links 0603 reports to recycling stations; nil leaves every report unlinked.
    var stations: StationLinker? = nil
    /// Source of "now" in Unix milliseconds; tests pin it.
    var clock: @Sendable () -> Int64 = { WallClock.nowMilliseconds() }

    /// Validates and stores a report, then wakes the relay that hands it to
    /// dispatch. A repeated idempotency key returns the first response with
    /// `replayed` set and creates nothing.
    ///
    /// A 0603 report (废品站污染) without an external reference is linked to
    /// the recycling station it names or lies next to, when the markets
    /// service responds in time. Otherwise it is stored unlinked.
    ///
    /// - Throws: INVALID_ARGUMENT from `ReportValidation`, `unknown_category`
    ///   or `unknown_board`; UNAVAILABLE when the registry cannot be reached;
    ///   RESOURCE_EXHAUSTED `daily_sequence_exhausted`.
    func submitReport(
        _ request: Intake.SubmitReportRequest, context: RPCContext
    ) throws -> Intake.SubmitReportResponse {
        let checked = try ReportValidation.check(request)

        // A retry of a stored submission gets its response even while the registry is down.
        let submission = IntakeStore.Submission(
            boardCode: checked.boardCode, categoryCode: checked.categoryCode, description: checked.description,
            contactPhone: checked.contactPhone)
        if let key = checked.idempotencyKey, let response = try store.replay(idempotencyKey: key, submission: submission) {
            context.logger.debug("submission replayed", ["case_id": response.caseID])
            return response
        }

        guard let item = try catalog.item(code: checked.categoryCode, context: context) else {
            throw ReportValidation.unknownCategory(checked.categoryCode)
        }
        let board = try boards.board(code: checked.boardCode, context: context)
        let street = board.street ?? Registry.Street()
        var externalRef = checked.externalRef
        if externalRef.isEmpty && item.code == StationLinker.categoryCode, let stations {
            externalRef = stations.reference(streetID: street.id, description: checked.description, context: context)
        }
        try context.checkDeadline()

        let draft = makeDraft(checked, item: item, board: board, externalRef: externalRef)
        let outcome = try store.create(
            draft, timeLimitHours: item.timeLimitHours, idempotencyKey: checked.idempotencyKey, nowMs: clock())

        switch outcome {
        case .created(let response, let report):
            relay.wake()
            context.logger.debug(
                "report received",
                ["case_id": report.caseID, "street_id": report.streetID, "category_code": report.categoryCode,
                 "channel": report.channel, "external_ref": report.externalRef])
            return response
        case .replayed(let response):
            context.logger.debug("submission replayed", ["case_id": response.caseID])
            return response
        }
    }

    /// `submitReport` for the event loop: takes the report when everything
    /// it needs from the registry is cached, stores it with a detached write,
    /// and `completion` runs with the response once the report is on disk.
    ///
    /// Returns false, without calling `completion`, when the report needs a
    /// blocking step first: a registry call (category or board not cached),
    /// or the markets call that links a 0603 report to a recycling station.
    /// `submitReport` then handles it on a worker. An invalid request
    /// completes at once with its INVALID_ARGUMENT.
    func startSubmitReport(
        _ request: Intake.SubmitReportRequest, context: RPCContext,
        completion: @escaping @Sendable (Result<Intake.SubmitReportResponse, ServiceError>) -> Void
    ) -> Bool {
        let checked: ReportValidation.CheckedReport
        do {
            checked = try ReportValidation.check(request)
        } catch {
            completion(.failure(error))
            return true
        }
        guard let item = catalog.cachedItem(code: checked.categoryCode),
            let board = boards.cachedBoard(code: checked.boardCode),
            !(checked.externalRef.isEmpty && item.code == StationLinker.categoryCode && stations != nil)
        else {
            return false
        }

        // An idempotency key is checked inside the write transaction; a repeat gets the first response.
        let draft = makeDraft(checked, item: item, board: board, externalRef: checked.externalRef)
        let logger = context.logger
        store.startCreate(
            draft, timeLimitHours: item.timeLimitHours, idempotencyKey: checked.idempotencyKey, nowMs: clock()
        ) { [relay] result in
            switch result {
            case .success(.created(let response, let report)):
                relay.wake()
                logger.debug("report received", ["case_id": report.caseID, "street_id": report.streetID])
                completion(.success(response))
            case .success(.replayed(let response)):
                logger.debug("submission replayed", ["case_id": response.caseID])
                completion(.success(response))
            case .failure(let error as ServiceError):
                completion(.failure(error))
            case .failure(let error):
                logger.error("storing a report failed", ["error": error])
                completion(.failure(.internal))
            }
        }
        return true
    }

    /// Builds the report as intake stores it, before its case id, tracking code and times.
    private func makeDraft(
        _ checked: ReportValidation.CheckedReport, item: Registry.CategoryItem, board: Registry.Board, externalRef: String
    ) -> Intake.Report {
        let street = board.street ?? Registry.Street()
        return Intake.Report(
            boardCode: checked.boardCode, streetID: street.id, streetName: street.name,
            subDistrictID: street.subDistrictID,
            subDistrictName: board.subDistrictName.isEmpty ? street.subDistrictName : board.subDistrictName,
            categoryCode: item.code, categoryName: item.name, description: checked.description,
            contactPhone: checked.contactPhone, hasLocation: checked.hasLocation, lat: checked.lat, lon: checked.lon,
            channel: checked.channel, externalRef: externalRef)
    }

    /// Returns a stored report by tracking code (preferred when both are set) or case id.
    ///
    /// - Throws: INVALID_ARGUMENT `missing_identifier` when both are empty;
    ///   NOT_FOUND `unknown_tracking_code` or `unknown_case`.
    func getReport(_ request: Intake.GetReportRequest, context: RPCContext) throws -> Intake.Report {
        let trackingCode = request.trackingCode.trimmingWhitespace().uppercased()
        if !trackingCode.isEmpty {
            guard let report = try store.report(trackingCode: trackingCode) else {
                throw ServiceError.notFound(
                    reason: "unknown_tracking_code", message: "查询码 \(trackingCode) 不存在；请核对回执上的查询码。",
                    field: "tracking_code")
            }
            return report
        }

        let caseID = request.caseID.trimmingWhitespace()
        guard !caseID.isEmpty else {
            throw ServiceError.invalid(
                "tracking_code", reason: "missing_identifier", message: "请提供查询码（tracking_code）或案件编号（case_id）。")
        }
        guard let report = try store.report(caseID: caseID) else {
            throw ServiceError.notFound(
                reason: "unknown_case", message: "案件 \(caseID) 不存在；请核对案件编号。", field: "case_id")
        }
        return report
    }
}
