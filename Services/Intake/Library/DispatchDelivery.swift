import JieluContract
import JieluCore
import JieluRPC
import JieluStore
import Synchronization

/// Sends queued reports from the intake outbox to dispatch, in order, as one
/// `AcceptCases` call per relay batch.
///
/// One call per batch lets dispatch store the batch in one transaction, so a
/// storm of reports costs dispatch one fsync per batch rather than one per
/// report. `AcceptCases` stops at the first case it cannot take and confirms
/// the cases before it. The relay deletes that prefix and retries from the
/// failed case. A dispatch without `AcceptCases` (UNIMPLEMENTED, an older
/// binary during an upgrade) gets one `AcceptCase` call per report.
///
/// Both methods are idempotent by case id, so a report sent twice (after a
/// lost reply or a crash before the outbox row was deleted) creates one case.
struct DispatchDelivery: Sendable {
    /// Reports per relay batch, within dispatch's limit of 500 per call.
    static let batchSize = 200
    static let callTimeoutSeconds = 5.0

    let dispatch: DispatchClient
    let logger: Logger
    let shutdown: ShutdownFlag

    /// - Throws: `OutboxRelay.PartialDelivery` with the number of reports
    ///   dispatch acknowledged before a case failed, a call failed or
    ///   shutdown began.
    func deliver(_ records: [OutboxRecord]) throws {
        if shutdown.isSet {
            throw OutboxRelay.PartialDelivery(deliveredCount: 0, cause: ShutdownFlag.ShuttingDown())
        }
        guard let first = records.first else {
            return
        }

        // The stored encodings go out as they are; decoding and encoding 200
        // reports again would cost intake CPU on every batch.
        let firstCaseID = (try? Dispatch.AcceptCaseRequest(serializedBytes: first.payload))?.report?.caseID ?? ""
        let response: Dispatch.AcceptCasesResponse
        do {
            response = try dispatch.rpc.call(
                Dispatch.Method.acceptCases, EncodedCaseBatch(records.map(\.payload)),
                as: Dispatch.AcceptCasesResponse.self, options: callOptions(firstCaseID: firstCaseID), idempotent: true)
        } catch let error as ServiceError where error.code == .unimplemented || error.reason == "malformed_message" {
            // An older dispatch, or a row that does not decode: the careful path finds out which.
            try deliverDecoded(records)
            return
        } catch {
            throw OutboxRelay.PartialDelivery(deliveredCount: 0, cause: error)
        }
        try check(response, sent: records.count)
    }

    private func callOptions(firstCaseID: String) -> CallOptions {
        CallOptions(deadline: .after(seconds: DispatchDelivery.callTimeoutSeconds), requestID: "relay-\(firstCaseID)")
    }

    /// Throws `PartialDelivery` unless dispatch confirmed all `sent` cases.
    private func check(_ response: Dispatch.AcceptCasesResponse, sent: Int) throws {
        let delivered = min(response.results.count, sent)
        logger.debug("reports delivered to dispatch", ["delivered": delivered, "batch": sent])
        if let failure = response.failure {
            throw OutboxRelay.PartialDelivery(
                deliveredCount: delivered, cause: CaseFailed(caseID: failure.caseID, error: ServiceError(failure)))
        }
        if delivered < sent {
            // Dispatch confirmed fewer cases than were sent and gave no failure, so the rest are sent again.
            throw OutboxRelay.PartialDelivery(
                deliveredCount: delivered,
                cause: ServiceError(
                    .internal, reason: "short_batch_answer",
                    message: "调度服务只确认了 \(delivered)/\(sent) 件案件，其余将重新移交。"))
        }
    }

    /// Delivers after decoding every row: a row that does not decode is sent
    /// no further than the rows before it and blocks the relay there, and a
    /// dispatch without `AcceptCases` gets one `AcceptCase` per report.
    private func deliverDecoded(_ records: [OutboxRecord]) throws {
        var requests: [Dispatch.AcceptCaseRequest] = []
        var decodingError: (any Error)?
        for record in records {
            do {
                requests.append(try Dispatch.AcceptCaseRequest(serializedBytes: record.payload))
            } catch {
                decodingError = error
                break
            }
        }
        if requests.isEmpty {
            if let decodingError {
                throw OutboxRelay.PartialDelivery(deliveredCount: 0, cause: decodingError)
            }
            return
        }

        let response: Dispatch.AcceptCasesResponse
        do {
            response = try dispatch.acceptCases(
                Dispatch.AcceptCasesRequest(cases: requests),
                options: callOptions(firstCaseID: requests.first?.report?.caseID ?? ""))
        } catch let error as ServiceError where error.code == .unimplemented {
            try deliverOneByOne(requests, attempts: records.map(\.attempts))
            if let decodingError {
                throw OutboxRelay.PartialDelivery(deliveredCount: requests.count, cause: decodingError)
            }
            return
        } catch {
            throw OutboxRelay.PartialDelivery(deliveredCount: 0, cause: error)
        }

        try check(response, sent: requests.count)
        if let decodingError {
            throw OutboxRelay.PartialDelivery(deliveredCount: requests.count, cause: decodingError)
        }
    }

    /// Delivers to a dispatch without `AcceptCases`: one call per report,
    /// checking for shutdown between calls.
    private func deliverOneByOne(_ requests: [Dispatch.AcceptCaseRequest], attempts: [Int]) throws {
        for (index, request) in requests.enumerated() {
            if shutdown.isSet {
                throw OutboxRelay.PartialDelivery(deliveredCount: index, cause: ShutdownFlag.ShuttingDown())
            }
            let caseID = request.report?.caseID ?? ""
            do {
                let response = try dispatch.acceptCase(
                    request,
                    options: CallOptions(
                        deadline: .after(seconds: DispatchDelivery.callTimeoutSeconds), requestID: "relay-\(caseID)"))
                logger.debug(
                    "report delivered to dispatch",
                    ["case_id": caseID, "duplicate": response.duplicate, "attempts": attempts[index] + 1])
            } catch {
                throw OutboxRelay.PartialDelivery(deliveredCount: index, cause: CaseFailed(caseID: caseID, error: error))
            }
        }
    }

    /// The error of the case that stopped a delivery, with its case id. The
    /// relay logs and stores an error's description, and dispatch's message
    /// does not always name the case (INTERNAL never does).
    struct CaseFailed: Error, CustomStringConvertible {
        var caseID: String
        var error: any Error

        var description: String { "case \(caseID): \(error)" }
    }
}

/// Set once when the service begins to stop; long loops check it between steps.
final class ShutdownFlag: Sendable {
    struct ShuttingDown: Error, CustomStringConvertible {
        var description: String { "the service is shutting down" }
    }

    private let flag = Atomic<Bool>(false)

    var isSet: Bool { flag.load(ordering: .acquiring) }

    func set() {
        flag.store(true, ordering: .releasing)
    }
}
