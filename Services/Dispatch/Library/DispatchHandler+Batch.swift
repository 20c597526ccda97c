import JieluContract
import JieluCore
import JieluRPC
import JieluStore

extension DispatchHandler {
    /// Takes a batch of cases from intake's relay in order, storing every new
    /// one in a single transaction, so one fsync covers the batch instead of
    /// one per case.
    ///
    /// Each case is handled as `acceptCase` would handle it alone. The batch
    /// stops at the first case that fails validation, routing or its write.
    /// The cases before it are committed and listed in `results`, and the
    /// failure is described in `failure`. The cases after it are not looked
    /// at, so intake keeps its order and retries from the failed one.
    ///
    /// - Throws: INVALID_ARGUMENT `invalid_batch_size`; `StoreError` when the
    ///   transaction fails (nothing of the batch is kept). The failure of one
    ///   case is returned in the response, not thrown.
    func acceptCases(
        _ request: Dispatch.AcceptCasesRequest, context: RPCContext
    ) throws -> Dispatch.AcceptCasesResponse {
        try DispatchValidation.batch(request)
        let (prepared, preparationFailure) = prepare(request.cases, context: context)

        let nowMs = clock()
        let newCases = prepared.compactMap { entry -> DispatchStore.NewCase? in
            guard case .new(let report, let routing) = entry else {
                return nil
            }
            return makeCase(report, routing: routing, nowMs: nowMs)
        }
        let stored = try store.insertBatch(newCases)
        if stored.outcomes.contains(.created) {
            relay.wake()
        }

        // Walk the prepared cases in order, taking the store's outcomes for the new ones.
        var response = Dispatch.AcceptCasesResponse()
        var outcomes = stored.outcomes.makeIterator()
        var created = 0
        walk: for entry in prepared {
            switch entry {
            case .stored(let caseID, let status):
                response.results.append(Dispatch.AcceptCaseResponse(caseID: caseID, status: status, duplicate: true))
            case .new(let report, _):
                guard let outcome = outcomes.next() else {
                    let error = stored.failure ?? ServiceError.internal
                    if !(error is ServiceError) {
                        context.logger.error(
                            "case write failed; intake will retry it", ["case_id": report.caseID, "error": error])
                    }
                    response.failure = Dispatch.CaseFailure(caseID: report.caseID, error: error)
                    break walk
                }
                response.results.append(DispatchHandler.response(caseID: report.caseID, outcome))
                if outcome == .created {
                    created += 1
                    context.logger.debug("case dispatched", ["case_id": report.caseID])
                }
            }
        }
        if response.failure == nil, let (caseID, error) = preparationFailure {
            response.failure = Dispatch.CaseFailure(caseID: caseID, error: error)
        }

        context.logger.info(
            "case batch accepted",
            ["cases": request.cases.count, "created": created, "answered": response.results.count,
             "failed_case_id": response.failure?.caseID ?? ""])
        return response
    }

    /// A case of a batch after validation and routing, before its write.
    private enum PreparedCase {
        /// The case id is stored already, so the response marks the case a duplicate.
        case stored(caseID: String, status: String)
        case new(Intake.Report, Registry.Responsibility)
    }

    /// Validates and routes the cases in order, up to the first one that
    /// fails. Returns the prepared cases and, when one failed, its case id
    /// (empty when the report had none) and error.
    private func prepare(
        _ requests: [Dispatch.AcceptCaseRequest], context: RPCContext
    ) -> ([PreparedCase], (String, any Error)?) {
        var prepared: [PreparedCase] = []
        // A redelivery should not need the registry, so stored cases are looked up first, in one read.
        let stored: [[UInt8]: DispatchStore.StoredCase]
        do {
            stored = try store.storedCases(caseIDs: requests.compactMap { $0.report?.caseID })
        } catch {
            return ([], (requests.first?.report?.caseID ?? "", error))
        }
        for request in requests {
            let caseID = request.report?.caseID ?? ""
            do {
                let report = try DispatchValidation.report(of: request)
                if let storedCase = stored[Array(report.caseID.utf8)] {
                    try DispatchHandler.checkRedelivery(of: report, stored: storedCase, context: context)
                    prepared.append(.stored(caseID: report.caseID, status: storedCase.status))
                    continue
                }
                let routing = try responsibility.responsibility(for: report, context: context)
                prepared.append(.new(report, routing))
            } catch {
                return (prepared, (caseID, error))
            }
        }
        return (prepared, nil)
    }

    private static func response(caseID: String, _ outcome: DispatchStore.AcceptOutcome) -> Dispatch.AcceptCaseResponse {
        switch outcome {
        case .created:
            return Dispatch.AcceptCaseResponse(caseID: caseID, status: CaseStatus.dispatched.rawValue)
        case .duplicate(let status):
            return Dispatch.AcceptCaseResponse(caseID: caseID, status: status, duplicate: true)
        }
    }
}
