/// Value types for the messages of intake.proto (package jielu.intake.v1).
public enum Intake {}

extension Intake {
    /// The request of `Intake/SubmitReport`.
    public struct SubmitReportRequest: Sendable, Equatable {
        public var boardCode: String
        /// A category item code such as "0401".
        public var categoryCode: String
        /// 1 to 500 characters.
        public var description: String
        /// Empty when the resident gave none.
        public var contactPhone: String
        public var hasLocation: Bool
        public var lat: Double
        public var lon: Double
        public var idempotencyKey: String
        /// Source of the report, e.g. "qr_board".
        public var channel: String
        /// What the report is about in another service: "manifest:<manifest id>"
        /// or "station:<station id>". Empty for a resident's report; intake links
        /// a 0603 report to a recycling station itself.
        public var externalRef: String

        public init(
            boardCode: String = "",
            categoryCode: String = "",
            description: String = "",
            contactPhone: String = "",
            hasLocation: Bool = false,
            lat: Double = 0,
            lon: Double = 0,
            idempotencyKey: String = "",
            channel: String = "",
            externalRef: String = ""
        ) {
            self.boardCode = boardCode
            self.categoryCode = categoryCode
            self.description = description
            self.contactPhone = contactPhone
            self.hasLocation = hasLocation
            self.lat = lat
            self.lon = lon
            self.idempotencyKey = idempotencyKey
            self.channel = channel
            self.externalRef = externalRef
        }
    }
}

extension Intake {
    /// The response of `Intake/SubmitReport`.
    public struct SubmitReportResponse: Sendable, Equatable {
        public var caseID: String
        public var trackingCode: String
        public var status: String
        public var receivedAtMs: Int64
        public var dueAtMs: Int64
        /// True when this is the stored response to an earlier submission with the same idempotency key.
        public var replayed: Bool

        public init(
            caseID: String = "",
            trackingCode: String = "",
            status: String = "",
            receivedAtMs: Int64 = 0,
            dueAtMs: Int64 = 0,
            replayed: Bool = false
        ) {
            self.caseID = caseID
            self.trackingCode = trackingCode
            self.status = status
            self.receivedAtMs = receivedAtMs
            self.dueAtMs = dueAtMs
            self.replayed = replayed
        }
    }
}

extension Intake {
    /// The request of `Intake/GetReport`.
    public struct GetReportRequest: Sendable, Equatable {
        /// One of the two is set.
        public var trackingCode: String
        public var caseID: String

        public init(
            trackingCode: String = "",
            caseID: String = ""
        ) {
            self.trackingCode = trackingCode
            self.caseID = caseID
        }
    }
}

extension Intake {
    /// A stored report: the case file as intake built it.
    ///
    /// The response of `Intake/GetReport`.
    public struct Report: Sendable, Equatable {
        public var caseID: String
        public var trackingCode: String
        public var boardCode: String
        public var streetID: String
        public var streetName: String
        public var subDistrictID: String
        public var subDistrictName: String
        public var categoryCode: String
        public var categoryName: String
        public var description: String
        public var contactPhone: String
        public var hasLocation: Bool
        public var lat: Double
        public var lon: Double
        public var channel: String
        public var receivedAtMs: Int64
        public var dueAtMs: Int64
        /// True once dispatch acknowledged the case.
        public var delivered: Bool
        /// "manifest:<manifest id>", "station:<station id>" or empty.
        public var externalRef: String

        public init(
            caseID: String = "",
            trackingCode: String = "",
            boardCode: String = "",
            streetID: String = "",
            streetName: String = "",
            subDistrictID: String = "",
            subDistrictName: String = "",
            categoryCode: String = "",
            categoryName: String = "",
            description: String = "",
            contactPhone: String = "",
            hasLocation: Bool = false,
            lat: Double = 0,
            lon: Double = 0,
            channel: String = "",
            receivedAtMs: Int64 = 0,
            dueAtMs: Int64 = 0,
            delivered: Bool = false,
            externalRef: String = ""
        ) {
            self.caseID = caseID
            self.trackingCode = trackingCode
            self.boardCode = boardCode
            self.streetID = streetID
            self.streetName = streetName
            self.subDistrictID = subDistrictID
            self.subDistrictName = subDistrictName
            self.categoryCode = categoryCode
            self.categoryName = categoryName
            self.description = description
            self.contactPhone = contactPhone
            self.hasLocation = hasLocation
            self.lat = lat
            self.lon = lon
            self.channel = channel
            self.receivedAtMs = receivedAtMs
            self.dueAtMs = dueAtMs
            self.delivered = delivered
            self.externalRef = externalRef
        }
    }
}
