/// Value types for the messages of dispatch.proto (package jielu.dispatch.v1).
public enum Dispatch {}

extension Dispatch {
    /// The request of `Dispatch/AcceptCase`.
    public struct AcceptCaseRequest: Sendable, Equatable {
        public var report: Intake.Report?

        public init(
            report: Intake.Report? = nil
        ) {
            self.report = report
        }
    }
}

extension Dispatch {
    /// The response of `Dispatch/AcceptCase`.
    public struct AcceptCaseResponse: Sendable, Equatable {
        public var caseID: String
        public var status: String
        public var duplicate: Bool

        public init(
            caseID: String = "",
            status: String = "",
            duplicate: Bool = false
        ) {
            self.caseID = caseID
            self.status = status
            self.duplicate = duplicate
        }
    }
}

extension Dispatch {
    /// The request of `Dispatch/AcceptCases`.
    public struct AcceptCasesRequest: Sendable, Equatable {
        public var cases: [AcceptCaseRequest]

        public init(
            cases: [AcceptCaseRequest] = []
        ) {
            self.cases = cases
        }
    }
}

extension Dispatch {
    /// The response of `Dispatch/AcceptCases`.
    public struct AcceptCasesResponse: Sendable, Equatable {
        /// One per stored or repeated case, in request order.
        public var results: [AcceptCaseResponse]
        /// Set when the case at index len(results) failed; absent when all succeeded.
        public var failure: CaseFailure?

        public init(
            results: [AcceptCaseResponse] = [],
            failure: CaseFailure? = nil
        ) {
            self.results = results
            self.failure = failure
        }
    }
}

extension Dispatch {
    /// The failure of one case of an AcceptCases call, as AcceptCase would have
    /// reported it.
    public struct CaseFailure: Sendable, Equatable {
        public var caseID: String
        /// A gRPC status code, as in jielu.rpc.v1.Status.
        public var code: UInt32
        public var reason: String
        /// Simplified Chinese.
        public var message: String
        public var field: String

        public init(
            caseID: String = "",
            code: UInt32 = 0,
            reason: String = "",
            message: String = "",
            field: String = ""
        ) {
            self.caseID = caseID
            self.code = code
            self.reason = reason
            self.message = message
            self.field = field
        }
    }
}

extension Dispatch {
    /// The request of `Dispatch/GetCase`.
    public struct GetCaseRequest: Sendable, Equatable {
        /// One of the two is set.
        public var caseID: String
        public var trackingCode: String

        public init(
            caseID: String = "",
            trackingCode: String = ""
        ) {
            self.caseID = caseID
            self.trackingCode = trackingCode
        }
    }
}

extension Dispatch {
    /// The staff member a case is assigned to.
    public struct Assignee: Sendable, Equatable {
        public var staffID: String
        public var name: String
        public var phone: String

        public init(
            staffID: String = "",
            name: String = "",
            phone: String = ""
        ) {
            self.staffID = staffID
            self.name = name
            self.phone = phone
        }
    }
}

extension Dispatch {
    /// One entry of a case's timeline.
    public struct StatusChange: Sendable, Equatable {
        public var atMs: Int64
        public var fromStatus: String
        public var toStatus: String
        /// "system", "resident" or "staff:<staff id>".
        public var actor: String
        public var note: String

        public init(
            atMs: Int64 = 0,
            fromStatus: String = "",
            toStatus: String = "",
            actor: String = "",
            note: String = ""
        ) {
            self.atMs = atMs
            self.fromStatus = fromStatus
            self.toStatus = toStatus
            self.actor = actor
            self.note = note
        }
    }
}

extension Dispatch {
    /// A case as dispatch tracks it.
    ///
    /// The response of `Dispatch/GetCase`, `Dispatch/ResolveCase` and `Dispatch/ConfirmCase`.
    public struct Case: Sendable, Equatable {
        public var caseID: String
        public var trackingCode: String
        /// "dispatched", "resolved", "reopened" or "closed".
        public var status: String
        public var streetID: String
        public var streetName: String
        public var subDistrictID: String
        public var subDistrictName: String
        public var categoryCode: String
        public var categoryName: String
        public var description: String
        public var contactPhone: String
        public var receivedAtMs: Int64
        public var dueAtMs: Int64
        public var dispatchedAtMs: Int64
        /// 0 while not closed.
        public var closedAtMs: Int64
        public var assignee: Assignee?
        public var unitID: String
        public var unitName: String
        /// Oldest first. Empty in list responses.
        public var timeline: [StatusChange]
        public var hasLocation: Bool
        public var lat: Double
        public var lon: Double
        /// The report's external reference: "manifest:<manifest id>",
        /// "station:<station id>" or empty.
        public var externalRef: String

        public init(
            caseID: String = "",
            trackingCode: String = "",
            status: String = "",
            streetID: String = "",
            streetName: String = "",
            subDistrictID: String = "",
            subDistrictName: String = "",
            categoryCode: String = "",
            categoryName: String = "",
            description: String = "",
            contactPhone: String = "",
            receivedAtMs: Int64 = 0,
            dueAtMs: Int64 = 0,
            dispatchedAtMs: Int64 = 0,
            closedAtMs: Int64 = 0,
            assignee: Assignee? = nil,
            unitID: String = "",
            unitName: String = "",
            timeline: [StatusChange] = [],
            hasLocation: Bool = false,
            lat: Double = 0,
            lon: Double = 0,
            externalRef: String = ""
        ) {
            self.caseID = caseID
            self.trackingCode = trackingCode
            self.status = status
            self.streetID = streetID
            self.streetName = streetName
            self.subDistrictID = subDistrictID
            self.subDistrictName = subDistrictName
            self.categoryCode = categoryCode
            self.categoryName = categoryName
            self.description = description
            self.contactPhone = contactPhone
            self.receivedAtMs = receivedAtMs
            self.dueAtMs = dueAtMs
            self.dispatchedAtMs = dispatchedAtMs
            self.closedAtMs = closedAtMs
            self.assignee = assignee
            self.unitID = unitID
            self.unitName = unitName
            self.timeline = timeline
            self.hasLocation = hasLocation
            self.lat = lat
            self.lon = lon
            self.externalRef = externalRef
        }
    }
}

extension Dispatch {
    /// The request of `Dispatch/ListCases`.
    public struct ListCasesRequest: Sendable, Equatable {
        /// Empty means any status.
        public var status: String
        /// Empty means any assignee.
        public var assigneeStaffID: String
        /// 1 to 200; 0 means 50.
        public var limit: UInt32
        /// From a previous response's next_page_token.
        public var pageToken: String

        public init(
            status: String = "",
            assigneeStaffID: String = "",
            limit: UInt32 = 0,
            pageToken: String = ""
        ) {
            self.status = status
            self.assigneeStaffID = assigneeStaffID
            self.limit = limit
            self.pageToken = pageToken
        }
    }
}

extension Dispatch {
    /// The response of `Dispatch/ListCases`.
    public struct ListCasesResponse: Sendable, Equatable {
        public var cases: [Case]
        /// Empty on the last page.
        public var nextPageToken: String

        public init(
            cases: [Case] = [],
            nextPageToken: String = ""
        ) {
            self.cases = cases
            self.nextPageToken = nextPageToken
        }
    }
}

extension Dispatch {
    /// The request of `Dispatch/ResolveCase`.
    public struct ResolveCaseRequest: Sendable, Equatable {
        public var caseID: String
        public var actorStaffID: String
        public var note: String
        /// When set, only the case's assignee may resolve it.
        public var requireAssignee: Bool

        public init(
            caseID: String = "",
            actorStaffID: String = "",
            note: String = "",
            requireAssignee: Bool = false
        ) {
            self.caseID = caseID
            self.actorStaffID = actorStaffID
            self.note = note
            self.requireAssignee = requireAssignee
        }
    }
}

extension Dispatch {
    /// The request of `Dispatch/ConfirmCase`.
    public struct ConfirmCaseRequest: Sendable, Equatable {
        public var trackingCode: String
        public var satisfied: Bool
        public var comment: String

        public init(
            trackingCode: String = "",
            satisfied: Bool = false,
            comment: String = ""
        ) {
            self.trackingCode = trackingCode
            self.satisfied = satisfied
            self.comment = comment
        }
    }
}
