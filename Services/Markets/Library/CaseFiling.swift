import JieluContract
import JieluCore
import JieluRPC
import JieluStore

/// Files the cases of expired manifests with intake: sends each queued
/// `SubmitReport` request from the markets outbox, in order, and stores the
/// case id intake returns on the manifest.
///
/// Every request carries the idempotency key "manifest-expired:<id>", so a
/// request sent twice (after a lost reply, or a crash before the outbox row
/// was deleted) returns the first case instead of filing a second one.
struct CaseFiling: Sendable {
    /// Requests per relay batch. A batch stops at the first failure.
    static let batchSize = 20
    static let callTimeoutSeconds = 5.0

    let intake: IntakeClient
    let store: MarketsStore
    let logger: Logger
    /// Source of "now" in Unix milliseconds.
    let clock: @Sendable () -> Int64

    /// - Throws: `OutboxRelay.PartialDelivery` with the number of requests
    ///   intake acknowledged before a call failed.
    func deliver(_ records: [OutboxRecord]) throws {
        for (index, record) in records.enumerated() {
            do {
                let request = try Intake.SubmitReportRequest(serializedBytes: record.payload)
                let manifestID = String(request.externalRef.dropFirst("manifest:".count))
                let response = try intake.submitReport(
                    request,
                    options: CallOptions(
                        deadline: .after(seconds: CaseFiling.callTimeoutSeconds), requestID: "markets-\(manifestID)"))
                let stored = try store.markCaseFiled(
                    manifestID: manifestID, caseID: response.caseID, trackingCode: response.trackingCode, nowMs: clock())
                logger.info(
                    "manifest case filed",
                    ["manifest_id": manifestID, "case_id": response.caseID, "replayed": response.replayed,
                     "first_answer": stored, "attempts": record.attempts + 1])
            } catch {
                throw OutboxRelay.PartialDelivery(deliveredCount: index, cause: error)
            }
        }
    }
}
