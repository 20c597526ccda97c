import JieluContract

/// The state of one case as metrics has folded it from the case's events.
///
/// Events may arrive late, out of order or twice (the caller filters
/// repeated event ids before `apply`). Folding gives the same result in any
/// order for every field the summary reads. The received time comes from the
/// received event, and the dispatched time is the earliest dispatched event.
/// Reopenings are counted. The current status is the kind of the latest event,
/// ordered by time and then by the sequence number at the end of the event id.
/// A closed case stays closed, because closed is terminal.
struct CaseFact: Equatable {
    var caseID: String
    var streetID = ""
    var streetName = ""
    var subDistrictID = ""
    var subDistrictName = ""
    var dueAtMs: Int64 = 0
    var receivedAtMs: Int64 = 0
    var hasReceivedEvent = false
    var dispatchedAtMs: Int64 = 0
    var status = ""
    var statusAtMs: Int64 = 0
    var statusSequence: Int64 = 0
    var reopenedCount = 0
    var closedAtMs: Int64 = 0

    init(caseID: String) {
        self.caseID = caseID
    }

    /// Folds one event into the fact. `event.kind` must be one of
    /// `CaseEventKind`; validation has checked that.
    mutating func apply(_ event: Metrics.CaseEvent) {
        copyPlace(from: event)
        if event.dueAtMs > 0 {
            dueAtMs = event.dueAtMs
        }

        let kind = CaseEventKind(rawValue: event.kind)
        switch kind {
        case .received:
            receivedAtMs = event.atMs
            hasReceivedEvent = true
        case .dispatched:
            dispatchedAtMs = dispatchedAtMs == 0 ? event.atMs : min(dispatchedAtMs, event.atMs)
        case .reopened:
            reopenedCount += 1
        case .closed:
            closedAtMs = event.atMs
        case .resolved, nil:
            break
        }

        // Until the received event arrives, the earliest event is the best guess.
        if !hasReceivedEvent && (receivedAtMs == 0 || event.atMs < receivedAtMs) {
            receivedAtMs = event.atMs
        }

        updateStatus(kind: event.kind, atMs: event.atMs, sequence: CaseFact.sequence(ofEventID: event.eventID))
    }

    private mutating func copyPlace(from event: Metrics.CaseEvent) {
        if !event.streetID.isEmpty {
            streetID = event.streetID
        }
        if !event.streetName.isEmpty {
            streetName = event.streetName
        }
        if !event.subDistrictID.isEmpty {
            subDistrictID = event.subDistrictID
        }
        if !event.subDistrictName.isEmpty {
            subDistrictName = event.subDistrictName
        }
    }

    /// Keeps the kind of the latest event, so the result does not depend on
    /// the order of arrival, except that a closed case always reads closed.
    private mutating func updateStatus(kind: String, atMs: Int64, sequence: Int64) {
        let isLater = status.isEmpty || (atMs, sequence) >= (statusAtMs, statusSequence)
        if isLater {
            status = kind
            statusAtMs = atMs
            statusSequence = sequence
        }
        if closedAtMs > 0 {
            status = CaseEventKind.closed.rawValue
        }
    }

    /// Returns the number after the last ":" of an event id such as
    /// "JL20261204-000001:3", or 0 when there is none. It orders the events of
    /// one case that share a millisecond.
    static func sequence(ofEventID eventID: String) -> Int64 {
        guard let colon = eventID.lastIndex(of: ":") else {
            return 0
        }
        return Int64(eventID[eventID.index(after: colon)...]) ?? 0
    }
}

/// The event kinds of metrics.proto's `CaseEvent.kind`.
enum CaseEventKind: String, CaseIterable {
    case received, dispatched, resolved, reopened, closed
}
