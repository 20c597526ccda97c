/// Value types for the messages of metrics.proto (package jielu.metrics.v1).
public enum Metrics {}

extension Metrics {
    /// One change of a case, as metrics counts it.
    public struct CaseEvent: Sendable, Equatable {
        /// Unique per event, e.g. "<case id>:<sequence>".
        public var eventID: String
        public var caseID: String
        /// "received", "dispatched", "resolved", "reopened" or "closed".
        public var kind: String
        public var atMs: Int64
        public var streetID: String
        public var streetName: String
        public var subDistrictID: String
        public var subDistrictName: String
        public var dueAtMs: Int64

        public init(
            eventID: String = "",
            caseID: String = "",
            kind: String = "",
            atMs: Int64 = 0,
            streetID: String = "",
            streetName: String = "",
            subDistrictID: String = "",
            subDistrictName: String = "",
            dueAtMs: Int64 = 0
        ) {
            self.eventID = eventID
            self.caseID = caseID
            self.kind = kind
            self.atMs = atMs
            self.streetID = streetID
            self.streetName = streetName
            self.subDistrictID = subDistrictID
            self.subDistrictName = subDistrictName
            self.dueAtMs = dueAtMs
        }
    }
}

extension Metrics {
    /// The request of `Metrics/RecordEvents`.
    public struct RecordEventsRequest: Sendable, Equatable {
        public var events: [CaseEvent]

        public init(
            events: [CaseEvent] = []
        ) {
            self.events = events
        }
    }
}

extension Metrics {
    /// The response of `Metrics/RecordEvents`.
    public struct RecordEventsResponse: Sendable, Equatable {
        public var recorded: UInt32
        public var duplicates: UInt32

        public init(
            recorded: UInt32 = 0,
            duplicates: UInt32 = 0
        ) {
            self.recorded = recorded
            self.duplicates = duplicates
        }
    }
}

extension Metrics {
    /// The request of `Metrics/GetSummary`.
    public struct GetSummaryRequest: Sendable, Equatable {
        /// Evaluation time; 0 means now.
        public var nowMs: Int64
        public var includeStreets: Bool

        public init(
            nowMs: Int64 = 0,
            includeStreets: Bool = false
        ) {
            self.nowMs = nowMs
            self.includeStreets = includeStreets
        }
    }
}

extension Metrics {
    /// Counts and rates for one scope. Rates are fractions in [0, 1] and 0 when
    /// their denominator is 0.
    public struct Stats: Sendable, Equatable {
        /// "district", "sub_district" or "street".
        public var scope: String
        public var id: String
        public var name: String
        public var received: UInt64
        public var dispatched: UInt64
        public var resolved: UInt64
        public var closed: UInt64
        public var reopened: UInt64
        /// Cases that are closed or whose due time has passed.
        public var due: UInt64
        public var closedOnTime: UInt64
        /// 办结率: closed / received.
        public var completionRate: Double
        /// 结案率: closed / due.
        public var closureRate: Double
        /// 按期结案率: closed by the due time / due.
        public var onTimeRate: Double
        /// Mean hours from received to closed over closed cases.
        public var meanHandlingHours: Double

        public init(
            scope: String = "",
            id: String = "",
            name: String = "",
            received: UInt64 = 0,
            dispatched: UInt64 = 0,
            resolved: UInt64 = 0,
            closed: UInt64 = 0,
            reopened: UInt64 = 0,
            due: UInt64 = 0,
            closedOnTime: UInt64 = 0,
            completionRate: Double = 0,
            closureRate: Double = 0,
            onTimeRate: Double = 0,
            meanHandlingHours: Double = 0
        ) {
            self.scope = scope
            self.id = id
            self.name = name
            self.received = received
            self.dispatched = dispatched
            self.resolved = resolved
            self.closed = closed
            self.reopened = reopened
            self.due = due
            self.closedOnTime = closedOnTime
            self.completionRate = completionRate
            self.closureRate = closureRate
            self.onTimeRate = onTimeRate
            self.meanHandlingHours = meanHandlingHours
        }
    }
}

extension Metrics {
    /// The response of `Metrics/GetSummary`.
    public struct Summary: Sendable, Equatable {
        public var asOfMs: Int64
        public var district: Stats?
        public var subDistricts: [Stats]
        public var streets: [Stats]

        public init(
            asOfMs: Int64 = 0,
            district: Stats? = nil,
            subDistricts: [Stats] = [],
            streets: [Stats] = []
        ) {
            self.asOfMs = asOfMs
            self.district = district
            self.subDistricts = subDistricts
            self.streets = streets
        }
    }
}
