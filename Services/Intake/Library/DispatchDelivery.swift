import JieluContract
import JieluCore
import JieluRPC
import JieluStore
import Synchronization

/// Sends queued reports from the intake outbox to dispatch, one `AcceptCase`
/// call per report, in order.
///
/// `AcceptCase` is idempotent by case id, so a report sent twice (after a lost
/// reply or a crash before the outbox row was deleted) creates one case.
struct DispatchDelivery: Sendable {
    /// Reports per relay batch. A batch stops at the first failure, and a
    /// stop request is checked between calls, so shutdown waits for at most
    /// one call.
    static let batchSize = 20
    static let callTimeoutSeconds = 5.0

    let dispatch: DispatchClient
    let logger: Logger
    let shutdown: ShutdownFlag

    /// - Throws: `OutboxRelay.PartialDelivery` with the number of reports
    ///   dispatch acknowledged before a call failed or shutdown began.
    func deliver(_ records: [OutboxRecord]) throws {
        for (index, record) in records.enumerated() {
            if shutdown.isSet {
                throw OutboxRelay.PartialDelivery(deliveredCount: index, cause: ShutdownFlag.ShuttingDown())
            }
            do {
                let request = try Dispatch.AcceptCaseRequest(serializedBytes: record.payload)
                let caseID = request.report?.caseID ?? ""
                let response = try dispatch.acceptCase(
                    request,
                    options: CallOptions(
                        deadline: .after(seconds: DispatchDelivery.callTimeoutSeconds), requestID: "relay-\(caseID)"))
                logger.debug(
                    "report delivered to dispatch",
                    ["case_id": caseID, "duplicate": response.duplicate, "attempts": record.attempts + 1])
            } catch {
                throw OutboxRelay.PartialDelivery(deliveredCount: index, cause: error)
            }
        }
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
