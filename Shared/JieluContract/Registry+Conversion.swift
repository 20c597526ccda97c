import CJieluProto
import CProtobufC
import JieluRPC

// Conversions between the Registry value types and the structs that protoc-c
// generated from registry.proto. Each field maps to the C member of the same proto
// name; every message also encodes and decodes on its own through ProtoMessage.

extension Registry.District: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__District>) {
        jielu__registry__v1__district__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__District) {
        message.id = ProtobufC.cString(id)
        message.name = ProtobufC.cString(name)
        message.center_lat = centerLat
        message.center_lon = centerLon
        (message.n_sub_districts, message.sub_districts) = ProtobufC.cMessageArray(subDistricts)
        (message.n_communities, message.communities) = ProtobufC.cMessageArray(communities)
        (message.n_grids, message.grids) = ProtobufC.cMessageArray(grids)
        (message.n_units, message.units) = ProtobufC.cMessageArray(units)
        (message.n_staff, message.staff) = ProtobufC.cMessageArray(staff)
        (message.n_streets, message.streets) = ProtobufC.cMessageArray(streets)
        (message.n_categories, message.categories) = ProtobufC.cMessageArray(categories)
        (message.n_rules, message.rules) = ProtobufC.cMessageArray(rules)
    }

    public init(cMessage message: Jielu__Registry__V1__District) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            name: try ProtobufC.string(message.name, field: "name"),
            centerLat: message.center_lat,
            centerLon: message.center_lon,
            subDistricts: try ProtobufC.messages(
                message.n_sub_districts, message.sub_districts, field: "sub_districts"),
            communities: try ProtobufC.messages(message.n_communities, message.communities, field: "communities"),
            grids: try ProtobufC.messages(message.n_grids, message.grids, field: "grids"),
            units: try ProtobufC.messages(message.n_units, message.units, field: "units"),
            staff: try ProtobufC.messages(message.n_staff, message.staff, field: "staff"),
            streets: try ProtobufC.messages(message.n_streets, message.streets, field: "streets"),
            categories: try ProtobufC.messages(message.n_categories, message.categories, field: "categories"),
            rules: try ProtobufC.messages(message.n_rules, message.rules, field: "rules"))
    }
}

extension Registry.SubDistrict: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__SubDistrict>) {
        jielu__registry__v1__sub_district__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__SubDistrict) {
        message.id = ProtobufC.cString(id)
        message.name = ProtobufC.cString(name)
    }

    public init(cMessage message: Jielu__Registry__V1__SubDistrict) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            name: try ProtobufC.string(message.name, field: "name"))
    }
}

extension Registry.Community: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__Community>) {
        jielu__registry__v1__community__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__Community) {
        message.id = ProtobufC.cString(id)
        message.name = ProtobufC.cString(name)
        message.sub_district_id = ProtobufC.cString(subDistrictID)
        message.leader_id = ProtobufC.cString(leaderID)
    }

    public init(cMessage message: Jielu__Registry__V1__Community) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            name: try ProtobufC.string(message.name, field: "name"),
            subDistrictID: try ProtobufC.string(message.sub_district_id, field: "sub_district_id"),
            leaderID: try ProtobufC.string(message.leader_id, field: "leader_id"))
    }
}

extension Registry.Grid: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__Grid>) {
        jielu__registry__v1__grid__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__Grid) {
        message.id = ProtobufC.cString(id)
        message.name = ProtobufC.cString(name)
        message.community_id = ProtobufC.cString(communityID)
        message.staff_id = ProtobufC.cString(staffID)
    }

    public init(cMessage message: Jielu__Registry__V1__Grid) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            name: try ProtobufC.string(message.name, field: "name"),
            communityID: try ProtobufC.string(message.community_id, field: "community_id"),
            staffID: try ProtobufC.string(message.staff_id, field: "staff_id"))
    }
}

extension Registry.Unit: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__Unit>) {
        jielu__registry__v1__unit__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__Unit) {
        message.id = ProtobufC.cString(id)
        message.name = ProtobufC.cString(name)
        message.kind = ProtobufC.cString(kind)
        (message.n_sub_district_ids, message.sub_district_ids) = ProtobufC.cStringArray(subDistrictIDs)
    }

    public init(cMessage message: Jielu__Registry__V1__Unit) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            name: try ProtobufC.string(message.name, field: "name"),
            kind: try ProtobufC.string(message.kind, field: "kind"),
            subDistrictIDs: try ProtobufC.strings(
                message.n_sub_district_ids, message.sub_district_ids, field: "sub_district_ids"))
    }
}

extension Registry.Staff: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__Staff>) {
        jielu__registry__v1__staff__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__Staff) {
        message.id = ProtobufC.cString(id)
        message.name = ProtobufC.cString(name)
        message.role = ProtobufC.cString(role)
        message.unit_id = ProtobufC.cString(unitID)
        message.phone = ProtobufC.cString(phone)
    }

    public init(cMessage message: Jielu__Registry__V1__Staff) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            name: try ProtobufC.string(message.name, field: "name"),
            role: try ProtobufC.string(message.role, field: "role"),
            unitID: try ProtobufC.string(message.unit_id, field: "unit_id"),
            phone: try ProtobufC.string(message.phone, field: "phone"))
    }
}

extension Registry.Street: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__Street>) {
        jielu__registry__v1__street__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__Street) {
        message.id = ProtobufC.cString(id)
        message.name = ProtobufC.cString(name)
        message.grade = ProtobufC.cString(grade)
        message.sub_district_id = ProtobufC.cString(subDistrictID)
        message.community_id = ProtobufC.cString(communityID)
        message.grid_id = ProtobufC.cString(gridID)
        message.board_code = ProtobufC.cString(boardCode)
        (message.n_cadre_ids, message.cadre_ids) = ProtobufC.cStringArray(cadreIDs)
        message.lat = lat
        message.lon = lon
        message.sub_district_name = ProtobufC.cString(subDistrictName)
        message.community_name = ProtobufC.cString(communityName)
    }

    public init(cMessage message: Jielu__Registry__V1__Street) throws {
        self.init(
            id: try ProtobufC.string(message.id, field: "id"),
            name: try ProtobufC.string(message.name, field: "name"),
            grade: try ProtobufC.string(message.grade, field: "grade"),
            subDistrictID: try ProtobufC.string(message.sub_district_id, field: "sub_district_id"),
            communityID: try ProtobufC.string(message.community_id, field: "community_id"),
            gridID: try ProtobufC.string(message.grid_id, field: "grid_id"),
            boardCode: try ProtobufC.string(message.board_code, field: "board_code"),
            cadreIDs: try ProtobufC.strings(message.n_cadre_ids, message.cadre_ids, field: "cadre_ids"),
            lat: message.lat,
            lon: message.lon,
            subDistrictName: try ProtobufC.string(message.sub_district_name, field: "sub_district_name"),
            communityName: try ProtobufC.string(message.community_name, field: "community_name"))
    }
}

extension Registry.CategoryClass: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__CategoryClass>) {
        jielu__registry__v1__category_class__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__CategoryClass) {
        message.code = ProtobufC.cString(code)
        message.name = ProtobufC.cString(name)
        (message.n_items, message.items) = ProtobufC.cMessageArray(items)
    }

    public init(cMessage message: Jielu__Registry__V1__CategoryClass) throws {
        self.init(
            code: try ProtobufC.string(message.code, field: "code"),
            name: try ProtobufC.string(message.name, field: "name"),
            items: try ProtobufC.messages(message.n_items, message.items, field: "items"))
    }
}

extension Registry.CategoryItem: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__CategoryItem>) {
        jielu__registry__v1__category_item__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__CategoryItem) {
        message.code = ProtobufC.cString(code)
        message.name = ProtobufC.cString(name)
        message.time_limit_hours = timeLimitHours
        message.area = ProtobufC.cString(area)
        message.class_code = ProtobufC.cString(classCode)
        message.class_name = ProtobufC.cString(className)
    }

    public init(cMessage message: Jielu__Registry__V1__CategoryItem) throws {
        self.init(
            code: try ProtobufC.string(message.code, field: "code"),
            name: try ProtobufC.string(message.name, field: "name"),
            timeLimitHours: message.time_limit_hours,
            area: try ProtobufC.string(message.area, field: "area"),
            classCode: try ProtobufC.string(message.class_code, field: "class_code"),
            className: try ProtobufC.string(message.class_name, field: "class_name"))
    }
}

extension Registry.ResponsibilityRule: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__ResponsibilityRule>) {
        jielu__registry__v1__responsibility_rule__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__ResponsibilityRule) {
        message.scope = ProtobufC.cString(scope)
        message.scope_id = ProtobufC.cString(scopeID)
        message.category_code = ProtobufC.cString(categoryCode)
        message.unit_id = ProtobufC.cString(unitID)
        message.staff_id = ProtobufC.cString(staffID)
    }

    public init(cMessage message: Jielu__Registry__V1__ResponsibilityRule) throws {
        self.init(
            scope: try ProtobufC.string(message.scope, field: "scope"),
            scopeID: try ProtobufC.string(message.scope_id, field: "scope_id"),
            categoryCode: try ProtobufC.string(message.category_code, field: "category_code"),
            unitID: try ProtobufC.string(message.unit_id, field: "unit_id"),
            staffID: try ProtobufC.string(message.staff_id, field: "staff_id"))
    }
}

extension Registry.LoadDistrictRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__LoadDistrictRequest>) {
        jielu__registry__v1__load_district_request__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__LoadDistrictRequest) {
        message.district = ProtobufC.cMessage(district)
    }

    public init(cMessage message: Jielu__Registry__V1__LoadDistrictRequest) throws {
        self.init(
            district: try ProtobufC.message(message.district, field: "district"))
    }
}

extension Registry.LoadDistrictResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__LoadDistrictResponse>) {
        jielu__registry__v1__load_district_response__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__LoadDistrictResponse) {
        message.sub_districts = subDistricts
        message.communities = communities
        message.grids = grids
        message.units = units
        message.staff = staff
        message.streets = streets
        message.category_items = categoryItems
        message.rules = rules
    }

    public init(cMessage message: Jielu__Registry__V1__LoadDistrictResponse) throws {
        self.init(
            subDistricts: message.sub_districts,
            communities: message.communities,
            grids: message.grids,
            units: message.units,
            staff: message.staff,
            streets: message.streets,
            categoryItems: message.category_items,
            rules: message.rules)
    }
}

extension Registry.ListStreetsRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__ListStreetsRequest>) {
        jielu__registry__v1__list_streets_request__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__ListStreetsRequest) {
        message.sub_district_id = ProtobufC.cString(subDistrictID)
    }

    public init(cMessage message: Jielu__Registry__V1__ListStreetsRequest) throws {
        self.init(
            subDistrictID: try ProtobufC.string(message.sub_district_id, field: "sub_district_id"))
    }
}

extension Registry.ListStreetsResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__ListStreetsResponse>) {
        jielu__registry__v1__list_streets_response__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__ListStreetsResponse) {
        (message.n_streets, message.streets) = ProtobufC.cMessageArray(streets)
    }

    public init(cMessage message: Jielu__Registry__V1__ListStreetsResponse) throws {
        self.init(
            streets: try ProtobufC.messages(message.n_streets, message.streets, field: "streets"))
    }
}

extension Registry.GetBoardRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__GetBoardRequest>) {
        jielu__registry__v1__get_board_request__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__GetBoardRequest) {
        message.board_code = ProtobufC.cString(boardCode)
    }

    public init(cMessage message: Jielu__Registry__V1__GetBoardRequest) throws {
        self.init(
            boardCode: try ProtobufC.string(message.board_code, field: "board_code"))
    }
}

extension Registry.Board: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__Board>) {
        jielu__registry__v1__board__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__Board) {
        message.street = ProtobufC.cMessage(street)
        message.sub_district_name = ProtobufC.cString(subDistrictName)
        message.community_name = ProtobufC.cString(communityName)
        message.grid_name = ProtobufC.cString(gridName)
        (message.n_people, message.people) = ProtobufC.cMessageArray(people)
    }

    public init(cMessage message: Jielu__Registry__V1__Board) throws {
        self.init(
            street: try ProtobufC.message(message.street, field: "street"),
            subDistrictName: try ProtobufC.string(message.sub_district_name, field: "sub_district_name"),
            communityName: try ProtobufC.string(message.community_name, field: "community_name"),
            gridName: try ProtobufC.string(message.grid_name, field: "grid_name"),
            people: try ProtobufC.messages(message.n_people, message.people, field: "people"))
    }
}

extension Registry.ResponsiblePerson: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__ResponsiblePerson>) {
        jielu__registry__v1__responsible_person__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__ResponsiblePerson) {
        message.staff_id = ProtobufC.cString(staffID)
        message.name = ProtobufC.cString(name)
        message.role = ProtobufC.cString(role)
        message.phone_masked = ProtobufC.cString(phoneMasked)
        message.unit_name = ProtobufC.cString(unitName)
    }

    public init(cMessage message: Jielu__Registry__V1__ResponsiblePerson) throws {
        self.init(
            staffID: try ProtobufC.string(message.staff_id, field: "staff_id"),
            name: try ProtobufC.string(message.name, field: "name"),
            role: try ProtobufC.string(message.role, field: "role"),
            phoneMasked: try ProtobufC.string(message.phone_masked, field: "phone_masked"),
            unitName: try ProtobufC.string(message.unit_name, field: "unit_name"))
    }
}

extension Registry.ListCategoriesRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__ListCategoriesRequest>) {
        jielu__registry__v1__list_categories_request__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__ListCategoriesRequest) {}

    public init(cMessage message: Jielu__Registry__V1__ListCategoriesRequest) throws {
        self.init()
    }
}

extension Registry.ListCategoriesResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(
        _ message: UnsafeMutablePointer<Jielu__Registry__V1__ListCategoriesResponse>
    ) {
        jielu__registry__v1__list_categories_response__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__ListCategoriesResponse) {
        (message.n_classes, message.classes) = ProtobufC.cMessageArray(classes)
    }

    public init(cMessage message: Jielu__Registry__V1__ListCategoriesResponse) throws {
        self.init(
            classes: try ProtobufC.messages(message.n_classes, message.classes, field: "classes"))
    }
}

extension Registry.ResolveResponsibilityRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(
        _ message: UnsafeMutablePointer<Jielu__Registry__V1__ResolveResponsibilityRequest>
    ) {
        jielu__registry__v1__resolve_responsibility_request__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__ResolveResponsibilityRequest) {
        message.street_id = ProtobufC.cString(streetID)
        message.category_code = ProtobufC.cString(categoryCode)
    }

    public init(cMessage message: Jielu__Registry__V1__ResolveResponsibilityRequest) throws {
        self.init(
            streetID: try ProtobufC.string(message.street_id, field: "street_id"),
            categoryCode: try ProtobufC.string(message.category_code, field: "category_code"))
    }
}

extension Registry.Responsibility: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__Responsibility>) {
        jielu__registry__v1__responsibility__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__Responsibility) {
        message.street = ProtobufC.cMessage(street)
        message.category = ProtobufC.cMessage(category)
        message.unit = ProtobufC.cMessage(unit)
        message.assignee = ProtobufC.cMessage(assignee)
        message.decided_by = ProtobufC.cString(decidedBy)
    }

    public init(cMessage message: Jielu__Registry__V1__Responsibility) throws {
        self.init(
            street: try ProtobufC.message(message.street, field: "street"),
            category: try ProtobufC.message(message.category, field: "category"),
            unit: try ProtobufC.message(message.unit, field: "unit"),
            assignee: try ProtobufC.message(message.assignee, field: "assignee"),
            decidedBy: try ProtobufC.string(message.decided_by, field: "decided_by"))
    }
}

extension Registry.GetStaffRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__GetStaffRequest>) {
        jielu__registry__v1__get_staff_request__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__GetStaffRequest) {
        message.staff_id = ProtobufC.cString(staffID)
    }

    public init(cMessage message: Jielu__Registry__V1__GetStaffRequest) throws {
        self.init(
            staffID: try ProtobufC.string(message.staff_id, field: "staff_id"))
    }
}

extension Registry.CreateTokenRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__CreateTokenRequest>) {
        jielu__registry__v1__create_token_request__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__CreateTokenRequest) {
        message.role = ProtobufC.cString(role)
        message.staff_id = ProtobufC.cString(staffID)
    }

    public init(cMessage message: Jielu__Registry__V1__CreateTokenRequest) throws {
        self.init(
            role: try ProtobufC.string(message.role, field: "role"),
            staffID: try ProtobufC.string(message.staff_id, field: "staff_id"))
    }
}

extension Registry.CreateTokenResponse: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__CreateTokenResponse>) {
        jielu__registry__v1__create_token_response__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__CreateTokenResponse) {
        message.token = ProtobufC.cString(token)
        message.token_id = ProtobufC.cString(tokenID)
    }

    public init(cMessage message: Jielu__Registry__V1__CreateTokenResponse) throws {
        self.init(
            token: try ProtobufC.string(message.token, field: "token"),
            tokenID: try ProtobufC.string(message.token_id, field: "token_id"))
    }
}

extension Registry.AuthenticateRequest: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__AuthenticateRequest>) {
        jielu__registry__v1__authenticate_request__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__AuthenticateRequest) {
        message.token = ProtobufC.cString(token)
    }

    public init(cMessage message: Jielu__Registry__V1__AuthenticateRequest) throws {
        self.init(
            token: try ProtobufC.string(message.token, field: "token"))
    }
}

extension Registry.Principal: ProtobufCConvertible, ProtoMessage {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Registry__V1__Principal>) {
        jielu__registry__v1__principal__init(message)
    }

    public func store(in message: inout Jielu__Registry__V1__Principal) {
        message.token_id = ProtobufC.cString(tokenID)
        message.role = ProtobufC.cString(role)
        message.staff_id = ProtobufC.cString(staffID)
        message.staff_name = ProtobufC.cString(staffName)
    }

    public init(cMessage message: Jielu__Registry__V1__Principal) throws {
        self.init(
            tokenID: try ProtobufC.string(message.token_id, field: "token_id"),
            role: try ProtobufC.string(message.role, field: "role"),
            staffID: try ProtobufC.string(message.staff_id, field: "staff_id"),
            staffName: try ProtobufC.string(message.staff_name, field: "staff_name"))
    }
}
