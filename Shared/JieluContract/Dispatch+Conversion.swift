import CJieluProto
import CProtobufC
import JieluRPC

// Conversions between the Dispatch value types and the structs that protoc-c
// generated from dispatch.proto. Each field maps to the C member of the same proto
// name; every message also encodes and decodes on its own through ProtoMessage.

extension Dispatch.AcceptCaseRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Dispatch__V1__AcceptCaseRequest>) {
        jielu__dispatch__v1__accept_case_request__init(message)
    }

    public func store(in message: inout Jielu__Dispatch__V1__AcceptCaseRequest) {
        message.report = ProtobufC.cMessage(report)
    }

    public init(cMessage message: Jielu__Dispatch__V1__AcceptCaseRequest) throws {
        self.init(
            report: try ProtobufC.message(message.report, field: "report"))
    }
}

extension Dispatch.AcceptCaseResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Dispatch__V1__AcceptCaseResponse>) {
        jielu__dispatch__v1__accept_case_response__init(message)
    }

    public func store(in message: inout Jielu__Dispatch__V1__AcceptCaseResponse) {
        message.case_id = ProtobufC.cString(caseID)
        message.status = ProtobufC.cString(status)
        message.duplicate = ProtobufC.cBool(duplicate)
    }

    public init(cMessage message: Jielu__Dispatch__V1__AcceptCaseResponse) throws {
        self.init(
            caseID: try ProtobufC.string(message.case_id, field: "case_id"),
            status: try ProtobufC.string(message.status, field: "status"),
            duplicate: message.duplicate != 0)
    }
}

extension Dispatch.AcceptCasesRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Dispatch__V1__AcceptCasesRequest>) {
        jielu__dispatch__v1__accept_cases_request__init(message)
    }

    public func store(in message: inout Jielu__Dispatch__V1__AcceptCasesRequest) {
        (message.n_cases, message.cases) = ProtobufC.cMessageArray(cases)
    }

    public init(cMessage message: Jielu__Dispatch__V1__AcceptCasesRequest) throws {
        self.init(
            cases: try ProtobufC.messages(message.n_cases, message.cases, field: "cases"))
    }
}

extension Dispatch.AcceptCasesResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Dispatch__V1__AcceptCasesResponse>) {
        jielu__dispatch__v1__accept_cases_response__init(message)
    }

    public func store(in message: inout Jielu__Dispatch__V1__AcceptCasesResponse) {
        (message.n_results, message.results) = ProtobufC.cMessageArray(results)
        message.failure = ProtobufC.cMessage(failure)
    }

    public init(cMessage message: Jielu__Dispatch__V1__AcceptCasesResponse) throws {
        self.init(
            results: try ProtobufC.messages(message.n_results, message.results, field: "results"),
            failure: try ProtobufC.message(message.failure, field: "failure"))
    }
}

extension Dispatch.CaseFailure: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Dispatch__V1__CaseFailure>) {
        jielu__dispatch__v1__case_failure__init(message)
    }

    public func store(in message: inout Jielu__Dispatch__V1__CaseFailure) {
        message.case_id = ProtobufC.cString(caseID)
        message.code = code
        message.reason = ProtobufC.cString(reason)
        message.message = ProtobufC.cString(self.message)
        message.field = ProtobufC.cString(field)
    }

    public init(cMessage message: Jielu__Dispatch__V1__CaseFailure) throws {
        self.init(
            caseID: try ProtobufC.string(message.case_id, field: "case_id"),
            code: message.code,
            reason: try ProtobufC.string(message.reason, field: "reason"),
            message: try ProtobufC.string(message.message, field: "message"),
            field: try ProtobufC.string(message.field, field: "field"))
    }
}

extension Dispatch.GetCaseRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Dispatch__V1__GetCaseRequest>) {
        jielu__dispatch__v1__get_case_request__init(message)
    }

    public func store(in message: inout Jielu__Dispatch__V1__GetCaseRequest) {
        message.case_id = ProtobufC.cString(caseID)
        message.tracking_code = ProtobufC.cString(trackingCode)
    }

    public init(cMessage message: Jielu__Dispatch__V1__GetCaseRequest) throws {
        self.init(
            caseID: try ProtobufC.string(message.case_id, field: "case_id"),
            trackingCode: try ProtobufC.string(message.tracking_code, field: "tracking_code"))
    }
}

extension Dispatch.Assignee: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Dispatch__V1__Assignee>) {
        jielu__dispatch__v1__assignee__init(message)
    }

    public func store(in message: inout Jielu__Dispatch__V1__Assignee) {
        message.staff_id = ProtobufC.cString(staffID)
        message.name = ProtobufC.cString(name)
        message.phone = ProtobufC.cString(phone)
    }

    public init(cMessage message: Jielu__Dispatch__V1__Assignee) throws {
        self.init(
            staffID: try ProtobufC.string(message.staff_id, field: "staff_id"),
            name: try ProtobufC.string(message.name, field: "name"),
            phone: try ProtobufC.string(message.phone, field: "phone"))
    }
}

extension Dispatch.StatusChange: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Dispatch__V1__StatusChange>) {
        jielu__dispatch__v1__status_change__init(message)
    }

    public func store(in message: inout Jielu__Dispatch__V1__StatusChange) {
        message.at_ms = atMs
        message.from_status = ProtobufC.cString(fromStatus)
        message.to_status = ProtobufC.cString(toStatus)
        message.actor = ProtobufC.cString(actor)
        message.note = ProtobufC.cString(note)
    }

    public init(cMessage message: Jielu__Dispatch__V1__StatusChange) throws {
        self.init(
            atMs: message.at_ms,
            fromStatus: try ProtobufC.string(message.from_status, field: "from_status"),
            toStatus: try ProtobufC.string(message.to_status, field: "to_status"),
            actor: try ProtobufC.string(message.actor, field: "actor"),
            note: try ProtobufC.string(message.note, field: "note"))
    }
}

extension Dispatch.Case: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Dispatch__V1__Case>) {
        jielu__dispatch__v1__case__init(message)
    }

    public func store(in message: inout Jielu__Dispatch__V1__Case) {
        message.case_id = ProtobufC.cString(caseID)
        message.tracking_code = ProtobufC.cString(trackingCode)
        message.status = ProtobufC.cString(status)
        message.street_id = ProtobufC.cString(streetID)
        message.street_name = ProtobufC.cString(streetName)
        message.sub_district_id = ProtobufC.cString(subDistrictID)
        message.sub_district_name = ProtobufC.cString(subDistrictName)
        message.category_code = ProtobufC.cString(categoryCode)
        message.category_name = ProtobufC.cString(categoryName)
        message.description = ProtobufC.cString(description)
        message.contact_phone = ProtobufC.cString(contactPhone)
        message.received_at_ms = receivedAtMs
        message.due_at_ms = dueAtMs
        message.dispatched_at_ms = dispatchedAtMs
        message.closed_at_ms = closedAtMs
        message.assignee = ProtobufC.cMessage(assignee)
        message.unit_id = ProtobufC.cString(unitID)
        message.unit_name = ProtobufC.cString(unitName)
        (message.n_timeline, message.timeline) = ProtobufC.cMessageArray(timeline)
        message.has_location = ProtobufC.cBool(hasLocation)
        message.lat = lat
        message.lon = lon
        message.external_ref = ProtobufC.cString(externalRef)
    }

    public init(cMessage message: Jielu__Dispatch__V1__Case) throws {
        self.init(
            caseID: try ProtobufC.string(message.case_id, field: "case_id"),
            trackingCode: try ProtobufC.string(message.tracking_code, field: "tracking_code"),
            status: try ProtobufC.string(message.status, field: "status"),
            streetID: try ProtobufC.string(message.street_id, field: "street_id"),
            streetName: try ProtobufC.string(message.street_name, field: "street_name"),
            subDistrictID: try ProtobufC.string(message.sub_district_id, field: "sub_district_id"),
            subDistrictName: try ProtobufC.string(message.sub_district_name, field: "sub_district_name"),
            categoryCode: try ProtobufC.string(message.category_code, field: "category_code"),
            categoryName: try ProtobufC.string(message.category_name, field: "category_name"),
            description: try ProtobufC.string(message.description, field: "description"),
            contactPhone: try ProtobufC.string(message.contact_phone, field: "contact_phone"),
            receivedAtMs: message.received_at_ms,
            dueAtMs: message.due_at_ms,
            dispatchedAtMs: message.dispatched_at_ms,
            closedAtMs: message.closed_at_ms,
            assignee: try ProtobufC.message(message.assignee, field: "assignee"),
            unitID: try ProtobufC.string(message.unit_id, field: "unit_id"),
            unitName: try ProtobufC.string(message.unit_name, field: "unit_name"),
            timeline: try ProtobufC.messages(message.n_timeline, message.timeline, field: "timeline"),
            hasLocation: message.has_location != 0,
            lat: message.lat,
            lon: message.lon,
            externalRef: try ProtobufC.string(message.external_ref, field: "external_ref"))
    }
}

extension Dispatch.ListCasesRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Dispatch__V1__ListCasesRequest>) {
        jielu__dispatch__v1__list_cases_request__init(message)
    }

    public func store(in message: inout Jielu__Dispatch__V1__ListCasesRequest) {
        message.status = ProtobufC.cString(status)
        message.assignee_staff_id = ProtobufC.cString(assigneeStaffID)
        message.limit = limit
        message.page_token = ProtobufC.cString(pageToken)
    }

    public init(cMessage message: Jielu__Dispatch__V1__ListCasesRequest) throws {
        self.init(
            status: try ProtobufC.string(message.status, field: "status"),
            assigneeStaffID: try ProtobufC.string(message.assignee_staff_id, field: "assignee_staff_id"),
            limit: message.limit,
            pageToken: try ProtobufC.string(message.page_token, field: "page_token"))
    }
}

extension Dispatch.ListCasesResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Dispatch__V1__ListCasesResponse>) {
        jielu__dispatch__v1__list_cases_response__init(message)
    }

    public func store(in message: inout Jielu__Dispatch__V1__ListCasesResponse) {
        (message.n_cases, message.cases) = ProtobufC.cMessageArray(cases)
        message.next_page_token = ProtobufC.cString(nextPageToken)
    }

    public init(cMessage message: Jielu__Dispatch__V1__ListCasesResponse) throws {
        self.init(
            cases: try ProtobufC.messages(message.n_cases, message.cases, field: "cases"),
            nextPageToken: try ProtobufC.string(message.next_page_token, field: "next_page_token"))
    }
}

extension Dispatch.ResolveCaseRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Dispatch__V1__ResolveCaseRequest>) {
        jielu__dispatch__v1__resolve_case_request__init(message)
    }

    public func store(in message: inout Jielu__Dispatch__V1__ResolveCaseRequest) {
        message.case_id = ProtobufC.cString(caseID)
        message.actor_staff_id = ProtobufC.cString(actorStaffID)
        message.note = ProtobufC.cString(note)
        message.require_assignee = ProtobufC.cBool(requireAssignee)
    }

    public init(cMessage message: Jielu__Dispatch__V1__ResolveCaseRequest) throws {
        self.init(
            caseID: try ProtobufC.string(message.case_id, field: "case_id"),
            actorStaffID: try ProtobufC.string(message.actor_staff_id, field: "actor_staff_id"),
            note: try ProtobufC.string(message.note, field: "note"),
            requireAssignee: message.require_assignee != 0)
    }
}

extension Dispatch.ConfirmCaseRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Dispatch__V1__ConfirmCaseRequest>) {
        jielu__dispatch__v1__confirm_case_request__init(message)
    }

    public func store(in message: inout Jielu__Dispatch__V1__ConfirmCaseRequest) {
        message.tracking_code = ProtobufC.cString(trackingCode)
        message.satisfied = ProtobufC.cBool(satisfied)
        message.comment = ProtobufC.cString(comment)
    }

    public init(cMessage message: Jielu__Dispatch__V1__ConfirmCaseRequest) throws {
        self.init(
            trackingCode: try ProtobufC.string(message.tracking_code, field: "tracking_code"),
            satisfied: message.satisfied != 0,
            comment: try ProtobufC.string(message.comment, field: "comment"))
    }
}
