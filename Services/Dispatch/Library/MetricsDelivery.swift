import JieluContract
import JieluCore
import JieluRPC
import JieluStore

/// Sends queued case events from the dispatch outbox to metrics, one
/// `RecordEvents` call per batch.
struct MetricsDelivery: Sendable {
    /// Events per `RecordEvents` call; also the relay's batch size.
    static let batchSize = 100
    static let callTimeoutSeconds = 5.0

    let metrics: MetricsClient
    let logger: Logger

    /// Delivers `records` as one batch; metrics applies each event id once,
    /// so a repeated batch is harmless.
    ///
    /// - Throws: the `ServiceError` of the call, or the decoding error of a
    ///   corrupt payload; the relay then retries the whole batch.
    func deliver(_ records: [OutboxRecord]) throws {
        let events = try records.map { try Metrics.CaseEvent(serializedBytes: $0.payload) }
        let response = try metrics.recordEvents(
            Metrics.RecordEventsRequest(events: events),
            options: CallOptions(deadline: .after(seconds: MetricsDelivery.callTimeoutSeconds)))
        logger.debug(
            "events delivered to metrics", ["recorded": response.recorded, "duplicates": response.duplicates])
    }
}
