import CJieluProto
import CProtobufC
import JieluRPC

// Conversions between the Markets value types and the structs that protoc-c
// generated from markets.proto. Each field maps to the C member of the same proto
// name; every message also encodes and decodes on its own through ProtoMessage.

extension Markets.Market: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__Market>) {
        jielu__markets__v1__market__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__Market) {
        message.id = ProtobufC.cString(id)
        message.name = ProtobufC.cString(name)
        message.street_id = ProtobufC.cString(streetID)
        message.address = ProtobufC.cString(address)
        message.near_kind = ProtobufC.cString(nearKind)
        message.near_name = ProtobufC.cString(nearName)
        message.lat = lat
        message.lon = lon
        message.opens_at = ProtobufC.cString(opensAt)
        message.closes_at = ProtobufC.cString(closesAt)
        message.street_name = ProtobufC.cString(streetName)
        (message.n_stall_counts, message.stall_counts) = ProtobufC.cMessageArray(stallCounts)
    }

    public init(cMessage message: Jielu__Markets__V1__Market) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            name: try ProtobufC.string(message.name, field: "name"),
            streetID: try ProtobufC.string(message.street_id, field: "street_id"),
            address: try ProtobufC.string(message.address, field: "address"),
            nearKind: try ProtobufC.string(message.near_kind, field: "near_kind"),
            nearName: try ProtobufC.string(message.near_name, field: "near_name"),
            lat: message.lat,
            lon: message.lon,
            opensAt: try ProtobufC.string(message.opens_at, field: "opens_at"),
            closesAt: try ProtobufC.string(message.closes_at, field: "closes_at"),
            streetName: try ProtobufC.string(message.street_name, field: "street_name"),
            stallCounts: try ProtobufC.messages(message.n_stall_counts, message.stall_counts, field: "stall_counts"))
    }
}

extension Markets.StallCount: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__StallCount>) {
        jielu__markets__v1__stall_count__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__StallCount) {
        message.stall_type = ProtobufC.cString(stallType)
        message.total = total
        message.free = free
    }

    public init(cMessage message: Jielu__Markets__V1__StallCount) throws {
        self.init(
            stallType: try ProtobufC.string(message.stall_type, field: "stall_type"),
            total: message.total,
            free: message.free)
    }
}

extension Markets.Stall: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__Stall>) {
        jielu__markets__v1__stall__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__Stall) {
        message.id = ProtobufC.cString(id)
        message.market_id = ProtobufC.cString(marketID)
        message.number = ProtobufC.cString(number)
        message.stall_type = ProtobufC.cString(stallType)
        message.size_m2 = sizeM2
        message.monthly_fee_fen = monthlyFeeFen
        message.status = ProtobufC.cString(status)
        message.permit_id = ProtobufC.cString(permitID)
    }

    public init(cMessage message: Jielu__Markets__V1__Stall) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            marketID: try ProtobufC.string(message.market_id, field: "market_id"),
            number: try ProtobufC.string(message.number, field: "number"),
            stallType: try ProtobufC.string(message.stall_type, field: "stall_type"),
            sizeM2: message.size_m2,
            monthlyFeeFen: message.monthly_fee_fen,
            status: try ProtobufC.string(message.status, field: "status"),
            permitID: try ProtobufC.string(message.permit_id, field: "permit_id"))
    }
}

extension Markets.Vendor: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__Vendor>) {
        jielu__markets__v1__vendor__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__Vendor) {
        message.id = ProtobufC.cString(id)
        message.name = ProtobufC.cString(name)
        message.id_card = ProtobufC.cString(idCard)
        message.phone = ProtobufC.cString(phone)
        message.goods_type = ProtobufC.cString(goodsType)
        message.hardship = ProtobufC.cBool(hardship)
        message.registered_at_ms = registeredAtMs
    }

    public init(cMessage message: Jielu__Markets__V1__Vendor) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            name: try ProtobufC.string(message.name, field: "name"),
            idCard: try ProtobufC.string(message.id_card, field: "id_card"),
            phone: try ProtobufC.string(message.phone, field: "phone"),
            goodsType: try ProtobufC.string(message.goods_type, field: "goods_type"),
            hardship: message.hardship != 0,
            registeredAtMs: message.registered_at_ms)
    }
}

extension Markets.Application: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__Application>) {
        jielu__markets__v1__application__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__Application) {
        message.number = ProtobufC.cString(number)
        message.vendor_id = ProtobufC.cString(vendorID)
        message.market_id = ProtobufC.cString(marketID)
        message.stall_type = ProtobufC.cString(stallType)
        message.hardship = ProtobufC.cBool(hardship)
        message.applied_at_ms = appliedAtMs
        message.status = ProtobufC.cString(status)
        message.vendor_name = ProtobufC.cString(vendorName)
        message.market_name = ProtobufC.cString(marketName)
        message.waitlist_rank = waitlistRank
        message.waitlist_size = waitlistSize
        message.stall_id = ProtobufC.cString(stallID)
        message.stall_number = ProtobufC.cString(stallNumber)
        message.permit_id = ProtobufC.cString(permitID)
        message.decided_at_ms = decidedAtMs
        message.decision_note = ProtobufC.cString(decisionNote)
        (message.n_history, message.history) = ProtobufC.cMessageArray(history)
    }

    public init(cMessage message: Jielu__Markets__V1__Application) throws {
        self.init(
            number: try ProtobufC.string(message.number, field: "number"),
            vendorID: try ProtobufC.string(message.vendor_id, field: "vendor_id"),
            marketID: try ProtobufC.string(message.market_id, field: "market_id"),
            stallType: try ProtobufC.string(message.stall_type, field: "stall_type"),
            hardship: message.hardship != 0,
            appliedAtMs: message.applied_at_ms,
            status: try ProtobufC.string(message.status, field: "status"),
            vendorName: try ProtobufC.string(message.vendor_name, field: "vendor_name"),
            marketName: try ProtobufC.string(message.market_name, field: "market_name"),
            waitlistRank: message.waitlist_rank,
            waitlistSize: message.waitlist_size,
            stallID: try ProtobufC.string(message.stall_id, field: "stall_id"),
            stallNumber: try ProtobufC.string(message.stall_number, field: "stall_number"),
            permitID: try ProtobufC.string(message.permit_id, field: "permit_id"),
            decidedAtMs: message.decided_at_ms,
            decisionNote: try ProtobufC.string(message.decision_note, field: "decision_note"),
            history: try ProtobufC.messages(message.n_history, message.history, field: "history"))
    }
}

extension Markets.Permit: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__Permit>) {
        jielu__markets__v1__permit__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__Permit) {
        message.id = ProtobufC.cString(id)
        message.vendor_id = ProtobufC.cString(vendorID)
        message.stall_id = ProtobufC.cString(stallID)
        message.market_id = ProtobufC.cString(marketID)
        message.application_number = ProtobufC.cString(applicationNumber)
        message.start_at_ms = startAtMs
        message.end_at_ms = endAtMs
        message.status = ProtobufC.cString(status)
        message.renewals = renewals
        message.vendor_name = ProtobufC.cString(vendorName)
        message.stall_number = ProtobufC.cString(stallNumber)
        (message.n_history, message.history) = ProtobufC.cMessageArray(history)
    }

    public init(cMessage message: Jielu__Markets__V1__Permit) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            vendorID: try ProtobufC.string(message.vendor_id, field: "vendor_id"),
            stallID: try ProtobufC.string(message.stall_id, field: "stall_id"),
            marketID: try ProtobufC.string(message.market_id, field: "market_id"),
            applicationNumber: try ProtobufC.string(message.application_number, field: "application_number"),
            startAtMs: message.start_at_ms,
            endAtMs: message.end_at_ms,
            status: try ProtobufC.string(message.status, field: "status"),
            renewals: message.renewals,
            vendorName: try ProtobufC.string(message.vendor_name, field: "vendor_name"),
            stallNumber: try ProtobufC.string(message.stall_number, field: "stall_number"),
            history: try ProtobufC.messages(message.n_history, message.history, field: "history"))
    }
}

extension Markets.StateChange: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__StateChange>) {
        jielu__markets__v1__state_change__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__StateChange) {
        message.at_ms = atMs
        message.entity_kind = ProtobufC.cString(entityKind)
        message.entity_id = ProtobufC.cString(entityID)
        message.from_status = ProtobufC.cString(fromStatus)
        message.to_status = ProtobufC.cString(toStatus)
        message.actor = ProtobufC.cString(actor)
        message.reason = ProtobufC.cString(reason)
    }

    public init(cMessage message: Jielu__Markets__V1__StateChange) throws {
        self.init(
            atMs: message.at_ms,
            entityKind: try ProtobufC.string(message.entity_kind, field: "entity_kind"),
            entityID: try ProtobufC.string(message.entity_id, field: "entity_id"),
            fromStatus: try ProtobufC.string(message.from_status, field: "from_status"),
            toStatus: try ProtobufC.string(message.to_status, field: "to_status"),
            actor: try ProtobufC.string(message.actor, field: "actor"),
            reason: try ProtobufC.string(message.reason, field: "reason"))
    }
}

extension Markets.Inspection: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__Inspection>) {
        jielu__markets__v1__inspection__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__Inspection) {
        message.id = ProtobufC.cString(id)
        message.market_id = ProtobufC.cString(marketID)
        message.stall_id = ProtobufC.cString(stallID)
        message.vendor_id = ProtobufC.cString(vendorID)
        message.permit_id = ProtobufC.cString(permitID)
        message.at_ms = atMs
        message.actor = ProtobufC.cString(actor)
        message.result = ProtobufC.cString(result)
        message.violation_type = ProtobufC.cString(violationType)
        message.notes = ProtobufC.cString(notes)
    }

    public init(cMessage message: Jielu__Markets__V1__Inspection) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            marketID: try ProtobufC.string(message.market_id, field: "market_id"),
            stallID: try ProtobufC.string(message.stall_id, field: "stall_id"),
            vendorID: try ProtobufC.string(message.vendor_id, field: "vendor_id"),
            permitID: try ProtobufC.string(message.permit_id, field: "permit_id"),
            atMs: message.at_ms,
            actor: try ProtobufC.string(message.actor, field: "actor"),
            result: try ProtobufC.string(message.result, field: "result"),
            violationType: try ProtobufC.string(message.violation_type, field: "violation_type"),
            notes: try ProtobufC.string(message.notes, field: "notes"))
    }
}

extension Markets.Station: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__Station>) {
        jielu__markets__v1__station__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__Station) {
        message.id = ProtobufC.cString(id)
        message.name = ProtobufC.cString(name)
        message.street_id = ProtobufC.cString(streetID)
        message.address = ProtobufC.cString(address)
        message.lat = lat
        message.lon = lon
        message.operator_name = ProtobufC.cString(operatorName)
        message.license_number = ProtobufC.cString(licenseNumber)
        message.license_valid_from_ms = licenseValidFromMs
        message.license_valid_until_ms = licenseValidUntilMs
        message.street_name = ProtobufC.cString(streetName)
        message.licensed = ProtobufC.cBool(licensed)
        message.open_rectifications = openRectifications
    }

    public init(cMessage message: Jielu__Markets__V1__Station) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            name: try ProtobufC.string(message.name, field: "name"),
            streetID: try ProtobufC.string(message.street_id, field: "street_id"),
            address: try ProtobufC.string(message.address, field: "address"),
            lat: message.lat,
            lon: message.lon,
            operatorName: try ProtobufC.string(message.operator_name, field: "operator_name"),
            licenseNumber: try ProtobufC.string(message.license_number, field: "license_number"),
            licenseValidFromMs: message.license_valid_from_ms,
            licenseValidUntilMs: message.license_valid_until_ms,
            streetName: try ProtobufC.string(message.street_name, field: "street_name"),
            licensed: message.licensed != 0,
            openRectifications: message.open_rectifications)
    }
}

extension Markets.StationInspection: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__StationInspection>) {
        jielu__markets__v1__station_inspection__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__StationInspection) {
        message.id = ProtobufC.cString(id)
        message.station_id = ProtobufC.cString(stationID)
        message.at_ms = atMs
        message.actor = ProtobufC.cString(actor)
        message.result = ProtobufC.cString(result)
        message.notes = ProtobufC.cString(notes)
    }

    public init(cMessage message: Jielu__Markets__V1__StationInspection) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            stationID: try ProtobufC.string(message.station_id, field: "station_id"),
            atMs: message.at_ms,
            actor: try ProtobufC.string(message.actor, field: "actor"),
            result: try ProtobufC.string(message.result, field: "result"),
            notes: try ProtobufC.string(message.notes, field: "notes"))
    }
}

extension Markets.Rectification: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__Rectification>) {
        jielu__markets__v1__rectification__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__Rectification) {
        message.id = ProtobufC.cString(id)
        message.station_id = ProtobufC.cString(stationID)
        message.requirement = ProtobufC.cString(requirement)
        message.issued_at_ms = issuedAtMs
        message.deadline_at_ms = deadlineAtMs
        message.status = ProtobufC.cString(status)
        message.completed_at_ms = completedAtMs
        message.completion_note = ProtobufC.cString(completionNote)
        message.issued_by = ProtobufC.cString(issuedBy)
        message.completed_by = ProtobufC.cString(completedBy)
        message.overdue = ProtobufC.cBool(overdue)
    }

    public init(cMessage message: Jielu__Markets__V1__Rectification) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            stationID: try ProtobufC.string(message.station_id, field: "station_id"),
            requirement: try ProtobufC.string(message.requirement, field: "requirement"),
            issuedAtMs: message.issued_at_ms,
            deadlineAtMs: message.deadline_at_ms,
            status: try ProtobufC.string(message.status, field: "status"),
            completedAtMs: message.completed_at_ms,
            completionNote: try ProtobufC.string(message.completion_note, field: "completion_note"),
            issuedBy: try ProtobufC.string(message.issued_by, field: "issued_by"),
            completedBy: try ProtobufC.string(message.completed_by, field: "completed_by"),
            overdue: message.overdue != 0)
    }
}

extension Markets.Hauler: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__Hauler>) {
        jielu__markets__v1__hauler__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__Hauler) {
        message.id = ProtobufC.cString(id)
        message.name = ProtobufC.cString(name)
        message.license_number = ProtobufC.cString(licenseNumber)
        message.license_valid_from_ms = licenseValidFromMs
        message.license_valid_until_ms = licenseValidUntilMs
        (message.n_vehicles, message.vehicles) = ProtobufC.cMessageArray(vehicles)
        message.licensed = ProtobufC.cBool(licensed)
    }

    public init(cMessage message: Jielu__Markets__V1__Hauler) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            name: try ProtobufC.string(message.name, field: "name"),
            licenseNumber: try ProtobufC.string(message.license_number, field: "license_number"),
            licenseValidFromMs: message.license_valid_from_ms,
            licenseValidUntilMs: message.license_valid_until_ms,
            vehicles: try ProtobufC.messages(message.n_vehicles, message.vehicles, field: "vehicles"),
            licensed: message.licensed != 0)
    }
}

extension Markets.Vehicle: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__Vehicle>) {
        jielu__markets__v1__vehicle__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__Vehicle) {
        message.plate = ProtobufC.cString(plate)
        message.capacity_tonnes = capacityTonnes
    }

    public init(cMessage message: Jielu__Markets__V1__Vehicle) throws {
        self.init(
            plate: try ProtobufC.string(message.plate, field: "plate"),
            capacityTonnes: message.capacity_tonnes)
    }
}

extension Markets.DisposalSite: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__DisposalSite>) {
        jielu__markets__v1__disposal_site__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__DisposalSite) {
        message.id = ProtobufC.cString(id)
        message.name = ProtobufC.cString(name)
        message.address = ProtobufC.cString(address)
        message.lat = lat
        message.lon = lon
        message.license_number = ProtobufC.cString(licenseNumber)
        message.license_valid_from_ms = licenseValidFromMs
        message.license_valid_until_ms = licenseValidUntilMs
        message.licensed = ProtobufC.cBool(licensed)
    }

    public init(cMessage message: Jielu__Markets__V1__DisposalSite) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            name: try ProtobufC.string(message.name, field: "name"),
            address: try ProtobufC.string(message.address, field: "address"),
            lat: message.lat,
            lon: message.lon,
            licenseNumber: try ProtobufC.string(message.license_number, field: "license_number"),
            licenseValidFromMs: message.license_valid_from_ms,
            licenseValidUntilMs: message.license_valid_until_ms,
            licensed: message.licensed != 0)
    }
}

extension Markets.Manifest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__Manifest>) {
        jielu__markets__v1__manifest__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__Manifest) {
        message.id = ProtobufC.cString(id)
        message.hauler_id = ProtobufC.cString(haulerID)
        message.vehicle_plate = ProtobufC.cString(vehiclePlate)
        message.origin_site = ProtobufC.cString(originSite)
        message.origin_street_id = ProtobufC.cString(originStreetID)
        message.expected_load_tonnes = expectedLoadTonnes
        message.disposal_site_id = ProtobufC.cString(disposalSiteID)
        message.window_start_ms = windowStartMs
        message.window_end_ms = windowEndMs
        message.status = ProtobufC.cString(status)
        message.created_at_ms = createdAtMs
        message.departed_at_ms = departedAtMs
        message.arrived_at_ms = arrivedAtMs
        message.raised_at_ms = raisedAtMs
        message.case_id = ProtobufC.cString(caseID)
        message.tracking_code = ProtobufC.cString(trackingCode)
        message.hauler_name = ProtobufC.cString(haulerName)
        message.origin_street_name = ProtobufC.cString(originStreetName)
        message.disposal_site_name = ProtobufC.cString(disposalSiteName)
        (message.n_history, message.history) = ProtobufC.cMessageArray(history)
    }

    public init(cMessage message: Jielu__Markets__V1__Manifest) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            haulerID: try ProtobufC.string(message.hauler_id, field: "hauler_id"),
            vehiclePlate: try ProtobufC.string(message.vehicle_plate, field: "vehicle_plate"),
            originSite: try ProtobufC.string(message.origin_site, field: "origin_site"),
            originStreetID: try ProtobufC.string(message.origin_street_id, field: "origin_street_id"),
            expectedLoadTonnes: message.expected_load_tonnes,
            disposalSiteID: try ProtobufC.string(message.disposal_site_id, field: "disposal_site_id"),
            windowStartMs: message.window_start_ms,
            windowEndMs: message.window_end_ms,
            status: try ProtobufC.string(message.status, field: "status"),
            createdAtMs: message.created_at_ms,
            departedAtMs: message.departed_at_ms,
            arrivedAtMs: message.arrived_at_ms,
            raisedAtMs: message.raised_at_ms,
            caseID: try ProtobufC.string(message.case_id, field: "case_id"),
            trackingCode: try ProtobufC.string(message.tracking_code, field: "tracking_code"),
            haulerName: try ProtobufC.string(message.hauler_name, field: "hauler_name"),
            originStreetName: try ProtobufC.string(message.origin_street_name, field: "origin_street_name"),
            disposalSiteName: try ProtobufC.string(message.disposal_site_name, field: "disposal_site_name"),
            history: try ProtobufC.messages(message.n_history, message.history, field: "history"))
    }
}

extension Markets.LoadMarketsRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__LoadMarketsRequest>) {
        jielu__markets__v1__load_markets_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__LoadMarketsRequest) {
        (message.n_markets, message.markets) = ProtobufC.cMessageArray(markets)
        (message.n_stalls, message.stalls) = ProtobufC.cMessageArray(stalls)
        (message.n_vendors, message.vendors) = ProtobufC.cMessageArray(vendors)
        (message.n_applications, message.applications) = ProtobufC.cMessageArray(applications)
        (message.n_permits, message.permits) = ProtobufC.cMessageArray(permits)
        (message.n_stations, message.stations) = ProtobufC.cMessageArray(stations)
        (message.n_haulers, message.haulers) = ProtobufC.cMessageArray(haulers)
        (message.n_disposal_sites, message.disposal_sites) = ProtobufC.cMessageArray(disposalSites)
    }

    public init(cMessage message: Jielu__Markets__V1__LoadMarketsRequest) throws {
        self.init(
            markets: try ProtobufC.messages(message.n_markets, message.markets, field: "markets"),
            stalls: try ProtobufC.messages(message.n_stalls, message.stalls, field: "stalls"),
            vendors: try ProtobufC.messages(message.n_vendors, message.vendors, field: "vendors"),
            applications: try ProtobufC.messages(message.n_applications, message.applications, field: "applications"),
            permits: try ProtobufC.messages(message.n_permits, message.permits, field: "permits"),
            stations: try ProtobufC.messages(message.n_stations, message.stations, field: "stations"),
            haulers: try ProtobufC.messages(message.n_haulers, message.haulers, field: "haulers"),
            disposalSites: try ProtobufC.messages(
                message.n_disposal_sites, message.disposal_sites, field: "disposal_sites"))
    }
}

extension Markets.LoadMarketsResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__LoadMarketsResponse>) {
        jielu__markets__v1__load_markets_response__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__LoadMarketsResponse) {
        message.markets = markets
        message.stalls = stalls
        message.vendors = vendors
        message.applications = applications
        message.permits = permits
        message.stations = stations
        message.haulers = haulers
        message.vehicles = vehicles
        message.disposal_sites = disposalSites
    }

    public init(cMessage message: Jielu__Markets__V1__LoadMarketsResponse) throws {
        self.init(
            markets: message.markets,
            stalls: message.stalls,
            vendors: message.vendors,
            applications: message.applications,
            permits: message.permits,
            stations: message.stations,
            haulers: message.haulers,
            vehicles: message.vehicles,
            disposalSites: message.disposal_sites)
    }
}

extension Markets.ListMarketsRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__ListMarketsRequest>) {
        jielu__markets__v1__list_markets_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__ListMarketsRequest) {}

    public init(cMessage message: Jielu__Markets__V1__ListMarketsRequest) throws {
        self.init()
    }
}

extension Markets.ListMarketsResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__ListMarketsResponse>) {
        jielu__markets__v1__list_markets_response__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__ListMarketsResponse) {
        (message.n_markets, message.markets) = ProtobufC.cMessageArray(markets)
    }

    public init(cMessage message: Jielu__Markets__V1__ListMarketsResponse) throws {
        self.init(
            markets: try ProtobufC.messages(message.n_markets, message.markets, field: "markets"))
    }
}

extension Markets.GetMarketRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__GetMarketRequest>) {
        jielu__markets__v1__get_market_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__GetMarketRequest) {
        message.market_id = ProtobufC.cString(marketID)
    }

    public init(cMessage message: Jielu__Markets__V1__GetMarketRequest) throws {
        self.init(
            marketID: try ProtobufC.string(message.market_id, field: "market_id"))
    }
}

extension Markets.MarketDetail: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__MarketDetail>) {
        jielu__markets__v1__market_detail__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__MarketDetail) {
        message.market = ProtobufC.cMessage(market)
        (message.n_stalls, message.stalls) = ProtobufC.cMessageArray(stalls)
    }

    public init(cMessage message: Jielu__Markets__V1__MarketDetail) throws {
        self.init(
            market: try ProtobufC.message(message.market, field: "market"),
            stalls: try ProtobufC.messages(message.n_stalls, message.stalls, field: "stalls"))
    }
}

extension Markets.SetStallStatusRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__SetStallStatusRequest>) {
        jielu__markets__v1__set_stall_status_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__SetStallStatusRequest) {
        message.stall_id = ProtobufC.cString(stallID)
        message.status = ProtobufC.cString(status)
        message.actor = ProtobufC.cString(actor)
        message.reason = ProtobufC.cString(reason)
    }

    public init(cMessage message: Jielu__Markets__V1__SetStallStatusRequest) throws {
        self.init(
            stallID: try ProtobufC.string(message.stall_id, field: "stall_id"),
            status: try ProtobufC.string(message.status, field: "status"),
            actor: try ProtobufC.string(message.actor, field: "actor"),
            reason: try ProtobufC.string(message.reason, field: "reason"))
    }
}

extension Markets.RegisterVendorRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__RegisterVendorRequest>) {
        jielu__markets__v1__register_vendor_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__RegisterVendorRequest) {
        message.name = ProtobufC.cString(name)
        message.id_card = ProtobufC.cString(idCard)
        message.phone = ProtobufC.cString(phone)
        message.goods_type = ProtobufC.cString(goodsType)
        message.hardship = ProtobufC.cBool(hardship)
        message.actor = ProtobufC.cString(actor)
    }

    public init(cMessage message: Jielu__Markets__V1__RegisterVendorRequest) throws {
        self.init(
            name: try ProtobufC.string(message.name, field: "name"),
            idCard: try ProtobufC.string(message.id_card, field: "id_card"),
            phone: try ProtobufC.string(message.phone, field: "phone"),
            goodsType: try ProtobufC.string(message.goods_type, field: "goods_type"),
            hardship: message.hardship != 0,
            actor: try ProtobufC.string(message.actor, field: "actor"))
    }
}

extension Markets.ListVendorsRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__ListVendorsRequest>) {
        jielu__markets__v1__list_vendors_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__ListVendorsRequest) {}

    public init(cMessage message: Jielu__Markets__V1__ListVendorsRequest) throws {
        self.init()
    }
}

extension Markets.ListVendorsResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__ListVendorsResponse>) {
        jielu__markets__v1__list_vendors_response__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__ListVendorsResponse) {
        (message.n_vendors, message.vendors) = ProtobufC.cMessageArray(vendors)
    }

    public init(cMessage message: Jielu__Markets__V1__ListVendorsResponse) throws {
        self.init(
            vendors: try ProtobufC.messages(message.n_vendors, message.vendors, field: "vendors"))
    }
}

extension Markets.GetVendorRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__GetVendorRequest>) {
        jielu__markets__v1__get_vendor_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__GetVendorRequest) {
        message.vendor_id = ProtobufC.cString(vendorID)
    }

    public init(cMessage message: Jielu__Markets__V1__GetVendorRequest) throws {
        self.init(
            vendorID: try ProtobufC.string(message.vendor_id, field: "vendor_id"))
    }
}

extension Markets.VendorDetail: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__VendorDetail>) {
        jielu__markets__v1__vendor_detail__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__VendorDetail) {
        message.vendor = ProtobufC.cMessage(vendor)
        message.permit = ProtobufC.cMessage(permit)
        (message.n_past_permits, message.past_permits) = ProtobufC.cMessageArray(pastPermits)
        (message.n_applications, message.applications) = ProtobufC.cMessageArray(applications)
        (message.n_inspections, message.inspections) = ProtobufC.cMessageArray(inspections)
    }

    public init(cMessage message: Jielu__Markets__V1__VendorDetail) throws {
        self.init(
            vendor: try ProtobufC.message(message.vendor, field: "vendor"),
            permit: try ProtobufC.message(message.permit, field: "permit"),
            pastPermits: try ProtobufC.messages(message.n_past_permits, message.past_permits, field: "past_permits"),
            applications: try ProtobufC.messages(message.n_applications, message.applications, field: "applications"),
            inspections: try ProtobufC.messages(message.n_inspections, message.inspections, field: "inspections"))
    }
}

extension Markets.SubmitApplicationRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(
        _ message: UnsafeMutablePointer<Jielu__Markets__V1__SubmitApplicationRequest>
    ) {
        jielu__markets__v1__submit_application_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__SubmitApplicationRequest) {
        message.vendor_id = ProtobufC.cString(vendorID)
        message.market_id = ProtobufC.cString(marketID)
        message.actor = ProtobufC.cString(actor)
    }

    public init(cMessage message: Jielu__Markets__V1__SubmitApplicationRequest) throws {
        self.init(
            vendorID: try ProtobufC.string(message.vendor_id, field: "vendor_id"),
            marketID: try ProtobufC.string(message.market_id, field: "market_id"),
            actor: try ProtobufC.string(message.actor, field: "actor"))
    }
}

extension Markets.GetApplicationRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__GetApplicationRequest>) {
        jielu__markets__v1__get_application_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__GetApplicationRequest) {
        message.number = ProtobufC.cString(number)
    }

    public init(cMessage message: Jielu__Markets__V1__GetApplicationRequest) throws {
        self.init(
            number: try ProtobufC.string(message.number, field: "number"))
    }
}

extension Markets.ListWaitlistRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__ListWaitlistRequest>) {
        jielu__markets__v1__list_waitlist_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__ListWaitlistRequest) {
        message.market_id = ProtobufC.cString(marketID)
        message.stall_type = ProtobufC.cString(stallType)
    }

    public init(cMessage message: Jielu__Markets__V1__ListWaitlistRequest) throws {
        self.init(
            marketID: try ProtobufC.string(message.market_id, field: "market_id"),
            stallType: try ProtobufC.string(message.stall_type, field: "stall_type"))
    }
}

extension Markets.ListWaitlistResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__ListWaitlistResponse>) {
        jielu__markets__v1__list_waitlist_response__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__ListWaitlistResponse) {
        (message.n_applications, message.applications) = ProtobufC.cMessageArray(applications)
    }

    public init(cMessage message: Jielu__Markets__V1__ListWaitlistResponse) throws {
        self.init(
            applications: try ProtobufC.messages(message.n_applications, message.applications, field: "applications"))
    }
}

extension Markets.AllocateStallsRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__AllocateStallsRequest>) {
        jielu__markets__v1__allocate_stalls_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__AllocateStallsRequest) {
        message.market_id = ProtobufC.cString(marketID)
        message.stall_type = ProtobufC.cString(stallType)
        message.start_at_ms = startAtMs
        message.end_at_ms = endAtMs
        message.actor = ProtobufC.cString(actor)
    }

    public init(cMessage message: Jielu__Markets__V1__AllocateStallsRequest) throws {
        self.init(
            marketID: try ProtobufC.string(message.market_id, field: "market_id"),
            stallType: try ProtobufC.string(message.stall_type, field: "stall_type"),
            startAtMs: message.start_at_ms,
            endAtMs: message.end_at_ms,
            actor: try ProtobufC.string(message.actor, field: "actor"))
    }
}

extension Markets.AllocateStallsResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__AllocateStallsResponse>) {
        jielu__markets__v1__allocate_stalls_response__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__AllocateStallsResponse) {
        (message.n_allocations, message.allocations) = ProtobufC.cMessageArray(allocations)
        message.still_waiting = stillWaiting
        message.still_free = stillFree
    }

    public init(cMessage message: Jielu__Markets__V1__AllocateStallsResponse) throws {
        self.init(
            allocations: try ProtobufC.messages(message.n_allocations, message.allocations, field: "allocations"),
            stillWaiting: message.still_waiting,
            stillFree: message.still_free)
    }
}

extension Markets.RenewPermitRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__RenewPermitRequest>) {
        jielu__markets__v1__renew_permit_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__RenewPermitRequest) {
        message.permit_id = ProtobufC.cString(permitID)
        message.end_at_ms = endAtMs
        message.actor = ProtobufC.cString(actor)
        message.reason = ProtobufC.cString(reason)
    }

    public init(cMessage message: Jielu__Markets__V1__RenewPermitRequest) throws {
        self.init(
            permitID: try ProtobufC.string(message.permit_id, field: "permit_id"),
            endAtMs: message.end_at_ms,
            actor: try ProtobufC.string(message.actor, field: "actor"),
            reason: try ProtobufC.string(message.reason, field: "reason"))
    }
}

extension Markets.RevokePermitRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__RevokePermitRequest>) {
        jielu__markets__v1__revoke_permit_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__RevokePermitRequest) {
        message.permit_id = ProtobufC.cString(permitID)
        message.actor = ProtobufC.cString(actor)
        message.reason = ProtobufC.cString(reason)
    }

    public init(cMessage message: Jielu__Markets__V1__RevokePermitRequest) throws {
        self.init(
            permitID: try ProtobufC.string(message.permit_id, field: "permit_id"),
            actor: try ProtobufC.string(message.actor, field: "actor"),
            reason: try ProtobufC.string(message.reason, field: "reason"))
    }
}

extension Markets.ReinstatePermitRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__ReinstatePermitRequest>) {
        jielu__markets__v1__reinstate_permit_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__ReinstatePermitRequest) {
        message.permit_id = ProtobufC.cString(permitID)
        message.actor = ProtobufC.cString(actor)
        message.reason = ProtobufC.cString(reason)
    }

    public init(cMessage message: Jielu__Markets__V1__ReinstatePermitRequest) throws {
        self.init(
            permitID: try ProtobufC.string(message.permit_id, field: "permit_id"),
            actor: try ProtobufC.string(message.actor, field: "actor"),
            reason: try ProtobufC.string(message.reason, field: "reason"))
    }
}

extension Markets.RecordInspectionRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(
        _ message: UnsafeMutablePointer<Jielu__Markets__V1__RecordInspectionRequest>
    ) {
        jielu__markets__v1__record_inspection_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__RecordInspectionRequest) {
        message.market_id = ProtobufC.cString(marketID)
        message.stall_id = ProtobufC.cString(stallID)
        message.vendor_id = ProtobufC.cString(vendorID)
        message.result = ProtobufC.cString(result)
        message.violation_type = ProtobufC.cString(violationType)
        message.notes = ProtobufC.cString(notes)
        message.actor = ProtobufC.cString(actor)
    }

    public init(cMessage message: Jielu__Markets__V1__RecordInspectionRequest) throws {
        self.init(
            marketID: try ProtobufC.string(message.market_id, field: "market_id"),
            stallID: try ProtobufC.string(message.stall_id, field: "stall_id"),
            vendorID: try ProtobufC.string(message.vendor_id, field: "vendor_id"),
            result: try ProtobufC.string(message.result, field: "result"),
            violationType: try ProtobufC.string(message.violation_type, field: "violation_type"),
            notes: try ProtobufC.string(message.notes, field: "notes"),
            actor: try ProtobufC.string(message.actor, field: "actor"))
    }
}

extension Markets.RecordInspectionResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(
        _ message: UnsafeMutablePointer<Jielu__Markets__V1__RecordInspectionResponse>
    ) {
        jielu__markets__v1__record_inspection_response__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__RecordInspectionResponse) {
        message.inspection = ProtobufC.cMessage(inspection)
        message.permit = ProtobufC.cMessage(permit)
        message.violations_in_window = violationsInWindow
        message.violation_threshold = violationThreshold
        message.violation_window_days = violationWindowDays
        message.suspended = ProtobufC.cBool(suspended)
    }

    public init(cMessage message: Jielu__Markets__V1__RecordInspectionResponse) throws {
        self.init(
            inspection: try ProtobufC.message(message.inspection, field: "inspection"),
            permit: try ProtobufC.message(message.permit, field: "permit"),
            violationsInWindow: message.violations_in_window,
            violationThreshold: message.violation_threshold,
            violationWindowDays: message.violation_window_days,
            suspended: message.suspended != 0)
    }
}

extension Markets.ListStationsRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__ListStationsRequest>) {
        jielu__markets__v1__list_stations_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__ListStationsRequest) {
        message.street_id = ProtobufC.cString(streetID)
    }

    public init(cMessage message: Jielu__Markets__V1__ListStationsRequest) throws {
        self.init(
            streetID: try ProtobufC.string(message.street_id, field: "street_id"))
    }
}

extension Markets.ListStationsResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__ListStationsResponse>) {
        jielu__markets__v1__list_stations_response__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__ListStationsResponse) {
        (message.n_stations, message.stations) = ProtobufC.cMessageArray(stations)
    }

    public init(cMessage message: Jielu__Markets__V1__ListStationsResponse) throws {
        self.init(
            stations: try ProtobufC.messages(message.n_stations, message.stations, field: "stations"))
    }
}

extension Markets.GetStationRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__GetStationRequest>) {
        jielu__markets__v1__get_station_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__GetStationRequest) {
        message.station_id = ProtobufC.cString(stationID)
    }

    public init(cMessage message: Jielu__Markets__V1__GetStationRequest) throws {
        self.init(
            stationID: try ProtobufC.string(message.station_id, field: "station_id"))
    }
}

extension Markets.StationDetail: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__StationDetail>) {
        jielu__markets__v1__station_detail__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__StationDetail) {
        message.station = ProtobufC.cMessage(station)
        (message.n_inspections, message.inspections) = ProtobufC.cMessageArray(inspections)
        (message.n_rectifications, message.rectifications) = ProtobufC.cMessageArray(rectifications)
    }

    public init(cMessage message: Jielu__Markets__V1__StationDetail) throws {
        self.init(
            station: try ProtobufC.message(message.station, field: "station"),
            inspections: try ProtobufC.messages(message.n_inspections, message.inspections, field: "inspections"),
            rectifications: try ProtobufC.messages(
                message.n_rectifications, message.rectifications, field: "rectifications"))
    }
}

extension Markets.RecordStationInspectionRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(
        _ message: UnsafeMutablePointer<Jielu__Markets__V1__RecordStationInspectionRequest>
    ) {
        jielu__markets__v1__record_station_inspection_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__RecordStationInspectionRequest) {
        message.station_id = ProtobufC.cString(stationID)
        message.result = ProtobufC.cString(result)
        message.notes = ProtobufC.cString(notes)
        message.actor = ProtobufC.cString(actor)
    }

    public init(cMessage message: Jielu__Markets__V1__RecordStationInspectionRequest) throws {
        self.init(
            stationID: try ProtobufC.string(message.station_id, field: "station_id"),
            result: try ProtobufC.string(message.result, field: "result"),
            notes: try ProtobufC.string(message.notes, field: "notes"),
            actor: try ProtobufC.string(message.actor, field: "actor"))
    }
}

extension Markets.IssueRectificationRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(
        _ message: UnsafeMutablePointer<Jielu__Markets__V1__IssueRectificationRequest>
    ) {
        jielu__markets__v1__issue_rectification_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__IssueRectificationRequest) {
        message.station_id = ProtobufC.cString(stationID)
        message.requirement = ProtobufC.cString(requirement)
        message.deadline_at_ms = deadlineAtMs
        message.actor = ProtobufC.cString(actor)
    }

    public init(cMessage message: Jielu__Markets__V1__IssueRectificationRequest) throws {
        self.init(
            stationID: try ProtobufC.string(message.station_id, field: "station_id"),
            requirement: try ProtobufC.string(message.requirement, field: "requirement"),
            deadlineAtMs: message.deadline_at_ms,
            actor: try ProtobufC.string(message.actor, field: "actor"))
    }
}

extension Markets.CompleteRectificationRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(
        _ message: UnsafeMutablePointer<Jielu__Markets__V1__CompleteRectificationRequest>
    ) {
        jielu__markets__v1__complete_rectification_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__CompleteRectificationRequest) {
        message.rectification_id = ProtobufC.cString(rectificationID)
        message.note = ProtobufC.cString(note)
        message.actor = ProtobufC.cString(actor)
    }

    public init(cMessage message: Jielu__Markets__V1__CompleteRectificationRequest) throws {
        self.init(
            rectificationID: try ProtobufC.string(message.rectification_id, field: "rectification_id"),
            note: try ProtobufC.string(message.note, field: "note"),
            actor: try ProtobufC.string(message.actor, field: "actor"))
    }
}

extension Markets.MatchStationRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__MatchStationRequest>) {
        jielu__markets__v1__match_station_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__MatchStationRequest) {
        message.street_id = ProtobufC.cString(streetID)
        message.text = ProtobufC.cString(text)
    }

    public init(cMessage message: Jielu__Markets__V1__MatchStationRequest) throws {
        self.init(
            streetID: try ProtobufC.string(message.street_id, field: "street_id"),
            text: try ProtobufC.string(message.text, field: "text"))
    }
}

extension Markets.MatchStationResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__MatchStationResponse>) {
        jielu__markets__v1__match_station_response__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__MatchStationResponse) {
        message.matched = ProtobufC.cBool(matched)
        message.station = ProtobufC.cMessage(station)
        message.matched_by = ProtobufC.cString(matchedBy)
    }

    public init(cMessage message: Jielu__Markets__V1__MatchStationResponse) throws {
        self.init(
            matched: message.matched != 0,
            station: try ProtobufC.message(message.station, field: "station"),
            matchedBy: try ProtobufC.string(message.matched_by, field: "matched_by"))
    }
}

extension Markets.ListHaulersRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__ListHaulersRequest>) {
        jielu__markets__v1__list_haulers_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__ListHaulersRequest) {}

    public init(cMessage message: Jielu__Markets__V1__ListHaulersRequest) throws {
        self.init()
    }
}

extension Markets.ListHaulersResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__ListHaulersResponse>) {
        jielu__markets__v1__list_haulers_response__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__ListHaulersResponse) {
        (message.n_haulers, message.haulers) = ProtobufC.cMessageArray(haulers)
        (message.n_disposal_sites, message.disposal_sites) = ProtobufC.cMessageArray(disposalSites)
    }

    public init(cMessage message: Jielu__Markets__V1__ListHaulersResponse) throws {
        self.init(
            haulers: try ProtobufC.messages(message.n_haulers, message.haulers, field: "haulers"),
            disposalSites: try ProtobufC.messages(
                message.n_disposal_sites, message.disposal_sites, field: "disposal_sites"))
    }
}

extension Markets.CreateManifestRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__CreateManifestRequest>) {
        jielu__markets__v1__create_manifest_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__CreateManifestRequest) {
        message.hauler_id = ProtobufC.cString(haulerID)
        message.vehicle_plate = ProtobufC.cString(vehiclePlate)
        message.origin_site = ProtobufC.cString(originSite)
        message.origin_street_id = ProtobufC.cString(originStreetID)
        message.expected_load_tonnes = expectedLoadTonnes
        message.disposal_site_id = ProtobufC.cString(disposalSiteID)
        message.window_start_ms = windowStartMs
        message.window_end_ms = windowEndMs
        message.actor = ProtobufC.cString(actor)
    }

    public init(cMessage message: Jielu__Markets__V1__CreateManifestRequest) throws {
        self.init(
            haulerID: try ProtobufC.string(message.hauler_id, field: "hauler_id"),
            vehiclePlate: try ProtobufC.string(message.vehicle_plate, field: "vehicle_plate"),
            originSite: try ProtobufC.string(message.origin_site, field: "origin_site"),
            originStreetID: try ProtobufC.string(message.origin_street_id, field: "origin_street_id"),
            expectedLoadTonnes: message.expected_load_tonnes,
            disposalSiteID: try ProtobufC.string(message.disposal_site_id, field: "disposal_site_id"),
            windowStartMs: message.window_start_ms,
            windowEndMs: message.window_end_ms,
            actor: try ProtobufC.string(message.actor, field: "actor"))
    }
}

extension Markets.GetManifestRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__GetManifestRequest>) {
        jielu__markets__v1__get_manifest_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__GetManifestRequest) {
        message.manifest_id = ProtobufC.cString(manifestID)
        message.acting_hauler_id = ProtobufC.cString(actingHaulerID)
    }

    public init(cMessage message: Jielu__Markets__V1__GetManifestRequest) throws {
        self.init(
            manifestID: try ProtobufC.string(message.manifest_id, field: "manifest_id"),
            actingHaulerID: try ProtobufC.string(message.acting_hauler_id, field: "acting_hauler_id"))
    }
}

extension Markets.ListManifestsRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__ListManifestsRequest>) {
        jielu__markets__v1__list_manifests_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__ListManifestsRequest) {
        message.hauler_id = ProtobufC.cString(haulerID)
        message.status = ProtobufC.cString(status)
        message.limit = limit
    }

    public init(cMessage message: Jielu__Markets__V1__ListManifestsRequest) throws {
        self.init(
            haulerID: try ProtobufC.string(message.hauler_id, field: "hauler_id"),
            status: try ProtobufC.string(message.status, field: "status"),
            limit: message.limit)
    }
}

extension Markets.ListManifestsResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__ListManifestsResponse>) {
        jielu__markets__v1__list_manifests_response__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__ListManifestsResponse) {
        (message.n_manifests, message.manifests) = ProtobufC.cMessageArray(manifests)
    }

    public init(cMessage message: Jielu__Markets__V1__ListManifestsResponse) throws {
        self.init(
            manifests: try ProtobufC.messages(message.n_manifests, message.manifests, field: "manifests"))
    }
}

extension Markets.RecordDepartureRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__RecordDepartureRequest>) {
        jielu__markets__v1__record_departure_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__RecordDepartureRequest) {
        message.manifest_id = ProtobufC.cString(manifestID)
        message.acting_hauler_id = ProtobufC.cString(actingHaulerID)
    }

    public init(cMessage message: Jielu__Markets__V1__RecordDepartureRequest) throws {
        self.init(
            manifestID: try ProtobufC.string(message.manifest_id, field: "manifest_id"),
            actingHaulerID: try ProtobufC.string(message.acting_hauler_id, field: "acting_hauler_id"))
    }
}

extension Markets.RecordArrivalRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__RecordArrivalRequest>) {
        jielu__markets__v1__record_arrival_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__RecordArrivalRequest) {
        message.manifest_id = ProtobufC.cString(manifestID)
        message.acting_hauler_id = ProtobufC.cString(actingHaulerID)
        message.disposal_site_id = ProtobufC.cString(disposalSiteID)
    }

    public init(cMessage message: Jielu__Markets__V1__RecordArrivalRequest) throws {
        self.init(
            manifestID: try ProtobufC.string(message.manifest_id, field: "manifest_id"),
            actingHaulerID: try ProtobufC.string(message.acting_hauler_id, field: "acting_hauler_id"),
            disposalSiteID: try ProtobufC.string(message.disposal_site_id, field: "disposal_site_id"))
    }
}

extension Markets.GetHistoryRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__GetHistoryRequest>) {
        jielu__markets__v1__get_history_request__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__GetHistoryRequest) {
        message.entity_kind = ProtobufC.cString(entityKind)
        message.entity_id = ProtobufC.cString(entityID)
    }

    public init(cMessage message: Jielu__Markets__V1__GetHistoryRequest) throws {
        self.init(
            entityKind: try ProtobufC.string(message.entity_kind, field: "entity_kind"),
            entityID: try ProtobufC.string(message.entity_id, field: "entity_id"))
    }
}

extension Markets.GetHistoryResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Markets__V1__GetHistoryResponse>) {
        jielu__markets__v1__get_history_response__init(message)
    }

    public func store(in message: inout Jielu__Markets__V1__GetHistoryResponse) {
        (message.n_changes, message.changes) = ProtobufC.cMessageArray(changes)
    }

    public init(cMessage message: Jielu__Markets__V1__GetHistoryResponse) throws {
        self.init(
            changes: try ProtobufC.messages(message.n_changes, message.changes, field: "changes"))
    }
}
