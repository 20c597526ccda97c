import JieluContract
import JieluStore

/// The metrics events dispatch emits: one per timeline row, queued in the
/// same transaction as the row.
///
/// The event id is `<case id>:<timeline sequence>`, so a redelivered event
/// carries the same id and metrics applies it once.
enum CaseEvents {
    static func event(for record: Dispatch.Case, change: Dispatch.StatusChange, sequence: Int) -> Metrics.CaseEvent {
        Metrics.CaseEvent(
            eventID: "\(record.caseID):\(sequence)", caseID: record.caseID, kind: change.toStatus, atMs: change.atMs,
            streetID: record.streetID, streetName: record.streetName, subDistrictID: record.subDistrictID,
            subDistrictName: record.subDistrictName, dueAtMs: record.dueAtMs)
    }

    /// Queues the event of `change` in the metrics outbox through the
    /// caller's write connection.
    static func enqueue(
        for record: Dispatch.Case, change: Dispatch.StatusChange, sequence: Int, connection: SQLiteConnection
    ) throws {
        let event = event(for: record, change: change, sequence: sequence)
        try OutboxRelay.enqueue(event.serializedBytes(), table: DispatchSchema.outboxTable, connection: connection)
    }
}
