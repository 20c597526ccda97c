import CJieluProto
import CProtobufC
import JieluRPC

// Conversions between the Intake value types and the structs that protoc-c
// generated from intake.proto. Each field maps to the C member of the same proto
// name; every message also encodes and decodes on its own through ProtoMessage.

extension Intake.SubmitReportRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Intake__V1__SubmitReportRequest>) {
        jielu__intake__v1__submit_report_request__init(message)
    }

    public func store(in message: inout Jielu__Intake__V1__SubmitReportRequest) {
        message.board_code = ProtobufC.cString(boardCode)
        message.category_code = ProtobufC.cString(categoryCode)
        message.description = ProtobufC.cString(description)
        message.contact_phone = ProtobufC.cString(contactPhone)
        message.has_location = ProtobufC.cBool(hasLocation)
        message.lat = lat
        message.lon = lon
        message.idempotency_key = ProtobufC.cString(idempotencyKey)
        message.channel = ProtobufC.cString(channel)
        message.external_ref = ProtobufC.cString(externalRef)
    }

    public init(cMessage message: Jielu__Intake__V1__SubmitReportRequest) throws {
        self.init(
            boardCode: try ProtobufC.string(message.board_code, field: "board_code"),
            categoryCode: try ProtobufC.string(message.category_code, field: "category_code"),
            description: try ProtobufC.string(message.description, field: "description"),
            contactPhone: try ProtobufC.string(message.contact_phone, field: "contact_phone"),
            hasLocation: message.has_location != 0,
            lat: message.lat,
            lon: message.lon,
            idempotencyKey: try ProtobufC.string(message.idempotency_key, field: "idempotency_key"),
            channel: try ProtobufC.string(message.channel, field: "channel"),
            externalRef: try ProtobufC.string(message.external_ref, field: "external_ref"))
    }
}

extension Intake.SubmitReportResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Intake__V1__SubmitReportResponse>) {
        jielu__intake__v1__submit_report_response__init(message)
    }

    public func store(in message: inout Jielu__Intake__V1__SubmitReportResponse) {
        message.case_id = ProtobufC.cString(caseID)
        message.tracking_code = ProtobufC.cString(trackingCode)
        message.status = ProtobufC.cString(status)
        message.received_at_ms = receivedAtMs
        message.due_at_ms = dueAtMs
        message.replayed = ProtobufC.cBool(replayed)
    }

    public init(cMessage message: Jielu__Intake__V1__SubmitReportResponse) throws {
        self.init(
            caseID: try ProtobufC.string(message.case_id, field: "case_id"),
            trackingCode: try ProtobufC.string(message.tracking_code, field: "tracking_code"),
            status: try ProtobufC.string(message.status, field: "status"),
            receivedAtMs: message.received_at_ms,
            dueAtMs: message.due_at_ms,
            replayed: message.replayed != 0)
    }
}

extension Intake.GetReportRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Intake__V1__GetReportRequest>) {
        jielu__intake__v1__get_report_request__init(message)
    }

    public func store(in message: inout Jielu__Intake__V1__GetReportRequest) {
        message.tracking_code = ProtobufC.cString(trackingCode)
        message.case_id = ProtobufC.cString(caseID)
    }

    public init(cMessage message: Jielu__Intake__V1__GetReportRequest) throws {
        self.init(
            trackingCode: try ProtobufC.string(message.tracking_code, field: "tracking_code"),
            caseID: try ProtobufC.string(message.case_id, field: "case_id"))
    }
}

extension Intake.Report: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Intake__V1__Report>) {
        jielu__intake__v1__report__init(message)
    }

    public func store(in message: inout Jielu__Intake__V1__Report) {
        message.case_id = ProtobufC.cString(caseID)
        message.tracking_code = ProtobufC.cString(trackingCode)
        message.board_code = ProtobufC.cString(boardCode)
        message.street_id = ProtobufC.cString(streetID)
        message.street_name = ProtobufC.cString(streetName)
        message.sub_district_id = ProtobufC.cString(subDistrictID)
        message.sub_district_name = ProtobufC.cString(subDistrictName)
        message.category_code = ProtobufC.cString(categoryCode)
        message.category_name = ProtobufC.cString(categoryName)
        message.description = ProtobufC.cString(description)
        message.contact_phone = ProtobufC.cString(contactPhone)
        message.has_location = ProtobufC.cBool(hasLocation)
        message.lat = lat
        message.lon = lon
        message.channel = ProtobufC.cString(channel)
        message.received_at_ms = receivedAtMs
        message.due_at_ms = dueAtMs
        message.delivered = ProtobufC.cBool(delivered)
        message.external_ref = ProtobufC.cString(externalRef)
    }

    public init(cMessage message: Jielu__Intake__V1__Report) throws {
        self.init(
            caseID: try ProtobufC.string(message.case_id, field: "case_id"),
            trackingCode: try ProtobufC.string(message.tracking_code, field: "tracking_code"),
            boardCode: try ProtobufC.string(message.board_code, field: "board_code"),
            streetID: try ProtobufC.string(message.street_id, field: "street_id"),
            streetName: try ProtobufC.string(message.street_name, field: "street_name"),
            subDistrictID: try ProtobufC.string(message.sub_district_id, field: "sub_district_id"),
            subDistrictName: try ProtobufC.string(message.sub_district_name, field: "sub_district_name"),
            categoryCode: try ProtobufC.string(message.category_code, field: "category_code"),
            categoryName: try ProtobufC.string(message.category_name, field: "category_name"),
            description: try ProtobufC.string(message.description, field: "description"),
            contactPhone: try ProtobufC.string(message.contact_phone, field: "contact_phone"),
            hasLocation: message.has_location != 0,
            lat: message.lat,
            lon: message.lon,
            channel: try ProtobufC.string(message.channel, field: "channel"),
            receivedAtMs: message.received_at_ms,
            dueAtMs: message.due_at_ms,
            delivered: message.delivered != 0,
            externalRef: try ProtobufC.string(message.external_ref, field: "external_ref"))
    }
}
