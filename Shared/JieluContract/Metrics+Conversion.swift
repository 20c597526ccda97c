import CJieluProto
import CProtobufC
import JieluRPC

// Conversions between the Metrics value types and the structs that protoc-c
// generated from metrics.proto. Each field maps to the C member of the same proto
// name; every message also encodes and decodes on its own through ProtoMessage.

extension Metrics.CaseEvent: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Metrics__V1__CaseEvent>) {
        jielu__metrics__v1__case_event__init(message)
    }

    public func store(in message: inout Jielu__Metrics__V1__CaseEvent) {
        message.event_id = ProtobufC.cString(eventID)
        message.case_id = ProtobufC.cString(caseID)
        message.kind = ProtobufC.cString(kind)
        message.at_ms = atMs
        message.street_id = ProtobufC.cString(streetID)
        message.street_name = ProtobufC.cString(streetName)
        message.sub_district_id = ProtobufC.cString(subDistrictID)
        message.sub_district_name = ProtobufC.cString(subDistrictName)
        message.due_at_ms = dueAtMs
    }

    public init(cMessage message: Jielu__Metrics__V1__CaseEvent) throws {
        self.init(
            eventID: try ProtobufC.string(message.event_id, field: "event_id"),
            caseID: try ProtobufC.string(message.case_id, field: "case_id"),
            kind: try ProtobufC.string(message.kind, field: "kind"),
            atMs: message.at_ms,
            streetID: try ProtobufC.string(message.street_id, field: "street_id"),
            streetName: try ProtobufC.string(message.street_name, field: "street_name"),
            subDistrictID: try ProtobufC.string(message.sub_district_id, field: "sub_district_id"),
            subDistrictName: try ProtobufC.string(message.sub_district_name, field: "sub_district_name"),
            dueAtMs: message.due_at_ms)
    }
}

extension Metrics.RecordEventsRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Metrics__V1__RecordEventsRequest>) {
        jielu__metrics__v1__record_events_request__init(message)
    }

    public func store(in message: inout Jielu__Metrics__V1__RecordEventsRequest) {
        (message.n_events, message.events) = ProtobufC.cMessageArray(events)
    }

    public init(cMessage message: Jielu__Metrics__V1__RecordEventsRequest) throws {
        self.init(
            events: try ProtobufC.messages(message.n_events, message.events, field: "events"))
    }
}

extension Metrics.RecordEventsResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Metrics__V1__RecordEventsResponse>) {
        jielu__metrics__v1__record_events_response__init(message)
    }

    public func store(in message: inout Jielu__Metrics__V1__RecordEventsResponse) {
        message.recorded = recorded
        message.duplicates = duplicates
    }

    public init(cMessage message: Jielu__Metrics__V1__RecordEventsResponse) throws {
        self.init(
            recorded: message.recorded,
            duplicates: message.duplicates)
    }
}

extension Metrics.GetSummaryRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Metrics__V1__GetSummaryRequest>) {
        jielu__metrics__v1__get_summary_request__init(message)
    }

    public func store(in message: inout Jielu__Metrics__V1__GetSummaryRequest) {
        message.now_ms = nowMs
        message.include_streets = ProtobufC.cBool(includeStreets)
    }

    public init(cMessage message: Jielu__Metrics__V1__GetSummaryRequest) throws {
        self.init(
            nowMs: message.now_ms,
            includeStreets: message.include_streets != 0)
    }
}

extension Metrics.Stats: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Metrics__V1__Stats>) {
        jielu__metrics__v1__stats__init(message)
    }

    public func store(in message: inout Jielu__Metrics__V1__Stats) {
        message.scope = ProtobufC.cString(scope)
        message.id = ProtobufC.cString(id)
        message.name = ProtobufC.cString(name)
        message.received = received
        message.dispatched = dispatched
        message.resolved = resolved
        message.closed = closed
        message.reopened = reopened
        message.due = due
        message.closed_on_time = closedOnTime
        message.completion_rate = completionRate
        message.closure_rate = closureRate
        message.on_time_rate = onTimeRate
        message.mean_handling_hours = meanHandlingHours
    }

    public init(cMessage message: Jielu__Metrics__V1__Stats) throws {
        self.init(
            scope: try ProtobufC.string(message.scope, field: "scope"),
            id: try ProtobufC.string(message.id, field: "id"),
            name: try ProtobufC.string(message.name, field: "name"),
            received: message.received,
            dispatched: message.dispatched,
            resolved: message.resolved,
            closed: message.closed,
            reopened: message.reopened,
            due: message.due,
            closedOnTime: message.closed_on_time,
            completionRate: message.completion_rate,
            closureRate: message.closure_rate,
            onTimeRate: message.on_time_rate,
            meanHandlingHours: message.mean_handling_hours)
    }
}

extension Metrics.Summary: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Metrics__V1__Summary>) {
        jielu__metrics__v1__summary__init(message)
    }

    public func store(in message: inout Jielu__Metrics__V1__Summary) {
        message.as_of_ms = asOfMs
        message.district = ProtobufC.cMessage(district)
        (message.n_sub_districts, message.sub_districts) = ProtobufC.cMessageArray(subDistricts)
        (message.n_streets, message.streets) = ProtobufC.cMessageArray(streets)
    }

    public init(cMessage message: Jielu__Metrics__V1__Summary) throws {
        self.init(
            asOfMs: message.as_of_ms,
            district: try ProtobufC.message(message.district, field: "district"),
            subDistricts: try ProtobufC.messages(
                message.n_sub_districts, message.sub_districts, field: "sub_districts"),
            streets: try ProtobufC.messages(message.n_streets, message.streets, field: "streets"))
    }
}
