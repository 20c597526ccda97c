/// Value types for the messages of registry.proto (package jielu.registry.v1).
public enum Registry {}

extension Registry {
    /// The whole district dataset that `LoadDistrict` replaces.
    public struct District: Sendable, Equatable {
        public var id: String
        public var name: String
        public var centerLat: Double
        public var centerLon: Double
        public var subDistricts: [SubDistrict]
        public var communities: [Community]
        public var grids: [Grid]
        public var units: [Unit]
        public var staff: [Staff]
        public var streets: [Street]
        public var categories: [CategoryClass]
        public var rules: [ResponsibilityRule]

        public init(
            id: String = "",
            name: String = "",
            centerLat: Double = 0,
            centerLon: Double = 0,
            subDistricts: [SubDistrict] = [],
            communities: [Community] = [],
            grids: [Grid] = [],
            units: [Unit] = [],
            staff: [Staff] = [],
            streets: [Street] = [],
            categories: [CategoryClass] = [],
            rules: [ResponsibilityRule] = []
        ) {
            self.id = id
            self.name = name
            self.centerLat = centerLat
            self.centerLon = centerLon
            self.subDistricts = subDistricts
            self.communities = communities
            self.grids = grids
            self.units = units
            self.staff = staff
            self.streets = streets
            self.categories = categories
            self.rules = rules
        }
    }
}

extension Registry {
    /// A sub-district (街道) of the district.
    public struct SubDistrict: Sendable, Equatable {
        public var id: String
        public var name: String

        public init(
            id: String = "",
            name: String = ""
        ) {
            self.id = id
            self.name = name
        }
    }
}

extension Registry {
    /// A community (社区) of one sub-district.
    public struct Community: Sendable, Equatable {
        public var id: String
        public var name: String
        public var subDistrictID: String
        /// Staff id of the sub-district leader responsible for this community.
        public var leaderID: String

        public init(
            id: String = "",
            name: String = "",
            subDistrictID: String = "",
            leaderID: String = ""
        ) {
            self.id = id
            self.name = name
            self.subDistrictID = subDistrictID
            self.leaderID = leaderID
        }
    }
}

extension Registry {
    /// A grid (网格) of one community, the smallest area with its own responsible staff member.
    public struct Grid: Sendable, Equatable {
        public var id: String
        public var name: String
        public var communityID: String
        /// Staff id of the sub-district staff member responsible for this grid.
        public var staffID: String

        public init(
            id: String = "",
            name: String = "",
            communityID: String = "",
            staffID: String = ""
        ) {
            self.id = id
            self.name = name
            self.communityID = communityID
            self.staffID = staffID
        }
    }
}

extension Registry {
    /// A unit that handles cases, such as an enforcement squad or an office.
    public struct Unit: Sendable, Equatable {
        public var id: String
        public var name: String
        /// "enforcement_squad", "sub_district_office" or "district_office".
        public var kind: String
        public var subDistrictIDs: [String]

        public init(
            id: String = "",
            name: String = "",
            kind: String = "",
            subDistrictIDs: [String] = []
        ) {
            self.id = id
            self.name = name
            self.kind = kind
            self.subDistrictIDs = subDistrictIDs
        }
    }
}

extension Registry {
    /// A staff member who can be assigned cases.
    ///
    /// The response of `Registry/GetStaff`.
    public struct Staff: Sendable, Equatable {
        public var id: String
        public var name: String
        /// "street_cadre", "sub_district_leader", "grid_staff" or "squad_member".
        public var role: String
        public var unitID: String
        /// Full number; only the registry and a handler's own views hold it.
        public var phone: String

        public init(
            id: String = "",
            name: String = "",
            role: String = "",
            unitID: String = "",
            phone: String = ""
        ) {
            self.id = id
            self.name = name
            self.role = role
            self.unitID = unitID
            self.phone = phone
        }
    }
}

extension Registry {
    /// A street with its public responsibility board.
    public struct Street: Sendable, Equatable {
        public var id: String
        public var name: String
        /// "A", "B" or "C".
        public var grade: String
        public var subDistrictID: String
        public var communityID: String
        public var gridID: String
        /// Unguessable code printed on the board's QR code.
        public var boardCode: String
        /// Responsible district cadres; the first is the lead.
        public var cadreIDs: [String]
        public var lat: Double
        public var lon: Double
        /// Filled in on output only.
        public var subDistrictName: String
        public var communityName: String

        public init(
            id: String = "",
            name: String = "",
            grade: String = "",
            subDistrictID: String = "",
            communityID: String = "",
            gridID: String = "",
            boardCode: String = "",
            cadreIDs: [String] = [],
            lat: Double = 0,
            lon: Double = 0,
            subDistrictName: String = "",
            communityName: String = ""
        ) {
            self.id = id
            self.name = name
            self.grade = grade
            self.subDistrictID = subDistrictID
            self.communityID = communityID
            self.gridID = gridID
            self.boardCode = boardCode
            self.cadreIDs = cadreIDs
            self.lat = lat
            self.lon = lon
            self.subDistrictName = subDistrictName
            self.communityName = communityName
        }
    }
}

extension Registry {
    /// A class of the category catalog with its items.
    public struct CategoryClass: Sendable, Equatable {
        public var code: String
        public var name: String
        public var items: [CategoryItem]

        public init(
            code: String = "",
            name: String = "",
            items: [CategoryItem] = []
        ) {
            self.code = code
            self.name = name
            self.items = items
        }
    }
}

extension Registry {
    /// One item of the category catalog, with its time limit.
    public struct CategoryItem: Sendable, Equatable {
        public var code: String
        public var name: String
        public var timeLimitHours: UInt32
        /// "public" (handled by the enforcement squad and the street cadre) or
        /// "residential" (handled by the grid's sub-district staff).
        public var area: String
        /// Filled in on output only.
        public var classCode: String
        public var className: String

        public init(
            code: String = "",
            name: String = "",
            timeLimitHours: UInt32 = 0,
            area: String = "",
            classCode: String = "",
            className: String = ""
        ) {
            self.code = code
            self.name = name
            self.timeLimitHours = timeLimitHours
            self.area = area
            self.classCode = classCode
            self.className = className
        }
    }
}

extension Registry {
    /// An explicit override of the default routing. The most specific scope
    /// wins: street, then grid, then sub_district; an item code beats its class
    /// code within one scope.
    public struct ResponsibilityRule: Sendable, Equatable {
        /// "street", "grid" or "sub_district".
        public var scope: String
        public var scopeID: String
        /// Item code ("0401") or class code ("04").
        public var categoryCode: String
        public var unitID: String
        /// Empty keeps the default person for the area.
        public var staffID: String

        public init(
            scope: String = "",
            scopeID: String = "",
            categoryCode: String = "",
            unitID: String = "",
            staffID: String = ""
        ) {
            self.scope = scope
            self.scopeID = scopeID
            self.categoryCode = categoryCode
            self.unitID = unitID
            self.staffID = staffID
        }
    }
}

extension Registry {
    /// The request of `Registry/LoadDistrict`.
    public struct LoadDistrictRequest: Sendable, Equatable {
        public var district: District?

        public init(
            district: District? = nil
        ) {
            self.district = district
        }
    }
}

extension Registry {
    /// The response of `Registry/LoadDistrict`.
    public struct LoadDistrictResponse: Sendable, Equatable {
        public var subDistricts: UInt32
        public var communities: UInt32
        public var grids: UInt32
        public var units: UInt32
        public var staff: UInt32
        public var streets: UInt32
        public var categoryItems: UInt32
        public var rules: UInt32

        public init(
            subDistricts: UInt32 = 0,
            communities: UInt32 = 0,
            grids: UInt32 = 0,
            units: UInt32 = 0,
            staff: UInt32 = 0,
            streets: UInt32 = 0,
            categoryItems: UInt32 = 0,
            rules: UInt32 = 0
        ) {
            self.subDistricts = subDistricts
            self.communities = communities
            self.grids = grids
            self.units = units
            self.staff = staff
            self.streets = streets
            self.categoryItems = categoryItems
            self.rules = rules
        }
    }
}

extension Registry {
    /// The request of `Registry/ListStreets`.
    public struct ListStreetsRequest: Sendable, Equatable {
        /// Empty lists every street.
        public var subDistrictID: String

        public init(
            subDistrictID: String = ""
        ) {
            self.subDistrictID = subDistrictID
        }
    }
}

extension Registry {
    /// The response of `Registry/ListStreets`.
    public struct ListStreetsResponse: Sendable, Equatable {
        public var streets: [Street]

        public init(
            streets: [Street] = []
        ) {
            self.streets = streets
        }
    }
}

extension Registry {
    /// The request of `Registry/GetBoard`.
    public struct GetBoardRequest: Sendable, Equatable {
        public var boardCode: String

        public init(
            boardCode: String = ""
        ) {
            self.boardCode = boardCode
        }
    }
}

extension Registry {
    /// The public responsibility board of one street.
    ///
    /// The response of `Registry/GetBoard`.
    public struct Board: Sendable, Equatable {
        public var street: Street?
        public var subDistrictName: String
        public var communityName: String
        public var gridName: String
        public var people: [ResponsiblePerson]

        public init(
            street: Street? = nil,
            subDistrictName: String = "",
            communityName: String = "",
            gridName: String = "",
            people: [ResponsiblePerson] = []
        ) {
            self.street = street
            self.subDistrictName = subDistrictName
            self.communityName = communityName
            self.gridName = gridName
            self.people = people
        }
    }
}

extension Registry {
    /// One person on a street's public board.
    public struct ResponsiblePerson: Sendable, Equatable {
        public var staffID: String
        public var name: String
        public var role: String
        /// Masked like 138****5678.
        public var phoneMasked: String
        public var unitName: String

        public init(
            staffID: String = "",
            name: String = "",
            role: String = "",
            phoneMasked: String = "",
            unitName: String = ""
        ) {
            self.staffID = staffID
            self.name = name
            self.role = role
            self.phoneMasked = phoneMasked
            self.unitName = unitName
        }
    }
}

extension Registry {
    /// The request of `Registry/ListCategories`.
    public struct ListCategoriesRequest: Sendable, Equatable {
        public init() {}
    }
}

extension Registry {
    /// The response of `Registry/ListCategories`.
    public struct ListCategoriesResponse: Sendable, Equatable {
        public var classes: [CategoryClass]

        public init(
            classes: [CategoryClass] = []
        ) {
            self.classes = classes
        }
    }
}

extension Registry {
    /// The request of `Registry/ResolveResponsibility`.
    public struct ResolveResponsibilityRequest: Sendable, Equatable {
        public var streetID: String
        /// An item code such as "0401".
        public var categoryCode: String

        public init(
            streetID: String = "",
            categoryCode: String = ""
        ) {
            self.streetID = streetID
            self.categoryCode = categoryCode
        }
    }
}

extension Registry {
    /// The unit and person responsible for a matter of one category item on one street, and the rule that chose them.
    ///
    /// The response of `Registry/ResolveResponsibility`.
    public struct Responsibility: Sendable, Equatable {
        public var street: Street?
        public var category: CategoryItem?
        public var unit: Unit?
        public var assignee: Staff?
        /// The rule that decided: "default_public", "default_residential" or
        /// "override:<scope>:<scope_id>:<category_code>".
        public var decidedBy: String

        public init(
            street: Street? = nil,
            category: CategoryItem? = nil,
            unit: Unit? = nil,
            assignee: Staff? = nil,
            decidedBy: String = ""
        ) {
            self.street = street
            self.category = category
            self.unit = unit
            self.assignee = assignee
            self.decidedBy = decidedBy
        }
    }
}

extension Registry {
    /// The request of `Registry/GetStaff`.
    public struct GetStaffRequest: Sendable, Equatable {
        public var staffID: String

        public init(
            staffID: String = ""
        ) {
            self.staffID = staffID
        }
    }
}

extension Registry {
    /// The request of `Registry/CreateToken`.
    public struct CreateTokenRequest: Sendable, Equatable {
        /// "admin", "dispatcher" or "handler".
        public var role: String
        /// Required for "handler"; optional otherwise.
        public var staffID: String

        public init(
            role: String = "",
            staffID: String = ""
        ) {
            self.role = role
            self.staffID = staffID
        }
    }
}

extension Registry {
    /// The response of `Registry/CreateToken`.
    public struct CreateTokenResponse: Sendable, Equatable {
        /// Shown once; the registry keeps only its SHA-256 hash.
        public var token: String
        public var tokenID: String

        public init(
            token: String = "",
            tokenID: String = ""
        ) {
            self.token = token
            self.tokenID = tokenID
        }
    }
}

extension Registry {
    /// The request of `Registry/Authenticate`.
    public struct AuthenticateRequest: Sendable, Equatable {
        public var token: String

        public init(
            token: String = ""
        ) {
            self.token = token
        }
    }
}

extension Registry {
    /// The caller that an access token identifies.
    ///
    /// The response of `Registry/Authenticate`.
    public struct Principal: Sendable, Equatable {
        public var tokenID: String
        public var role: String
        public var staffID: String
        public var staffName: String

        public init(
            tokenID: String = "",
            role: String = "",
            staffID: String = "",
            staffName: String = ""
        ) {
            self.tokenID = tokenID
            self.role = role
            self.staffID = staffID
            self.staffName = staffName
        }
    }
}
