/// Value types for the messages of markets.proto (package jielu.markets.v1).
public enum Markets {}

extension Markets {
    /// A container market (集装箱市场) next to a hospital or school.
    public struct Market: Sendable, Equatable {
        public var id: String
        public var name: String
        public var streetID: String
        public var address: String
        /// "hospital" or "school".
        public var nearKind: String
        /// The hospital or school the market serves.
        public var nearName: String
        public var lat: Double
        public var lon: Double
        /// Opening and closing time, "HH:MM" in the district's time zone (UTC+8).
        public var opensAt: String
        public var closesAt: String
        /// Filled in on output only.
        public var streetName: String
        /// Filled in on output only: stalls per type, and how many are free now.
        public var stallCounts: [StallCount]

        public init(
            id: String = "",
            name: String = "",
            streetID: String = "",
            address: String = "",
            nearKind: String = "",
            nearName: String = "",
            lat: Double = 0,
            lon: Double = 0,
            opensAt: String = "",
            closesAt: String = "",
            streetName: String = "",
            stallCounts: [StallCount] = []
        ) {
            self.id = id
            self.name = name
            self.streetID = streetID
            self.address = address
            self.nearKind = nearKind
            self.nearName = nearName
            self.lat = lat
            self.lon = lon
            self.opensAt = opensAt
            self.closesAt = closesAt
            self.streetName = streetName
            self.stallCounts = stallCounts
        }
    }
}

extension Markets {
    /// Stalls of one type in one market.
    public struct StallCount: Sendable, Equatable {
        /// "food", "produce" or "goods".
        public var stallType: String
        public var total: UInt32
        public var free: UInt32

        public init(
            stallType: String = "",
            total: UInt32 = 0,
            free: UInt32 = 0
        ) {
            self.stallType = stallType
            self.total = total
            self.free = free
        }
    }
}

extension Markets {
    /// One standardized stall of a market.
    ///
    /// The response of `Markets/SetStallStatus`.
    public struct Stall: Sendable, Equatable {
        public var id: String
        public var marketID: String
        /// The number on the container, e.g. "A-07".
        public var number: String
        /// "food", "produce" or "goods".
        public var stallType: String
        public var sizeM2: Double
        /// Monthly fee in fen (0.01 yuan).
        public var monthlyFeeFen: Int64
        /// "free", "occupied" or "suspended". On input only "free" and "suspended"
        /// (closed by the market manager) are stored; "occupied" must be backed by
        /// a permit.
        public var status: String
        /// Filled in on output only: the permit that holds the stall now.
        public var permitID: String

        public init(
            id: String = "",
            marketID: String = "",
            number: String = "",
            stallType: String = "",
            sizeM2: Double = 0,
            monthlyFeeFen: Int64 = 0,
            status: String = "",
            permitID: String = ""
        ) {
            self.id = id
            self.marketID = marketID
            self.number = number
            self.stallType = stallType
            self.sizeM2 = sizeM2
            self.monthlyFeeFen = monthlyFeeFen
            self.status = status
            self.permitID = permitID
        }
    }
}

extension Markets {
    /// A mobile vendor (摊贩) registered for a market stall.
    ///
    /// The response of `Markets/RegisterVendor`.
    public struct Vendor: Sendable, Equatable {
        public var id: String
        public var name: String
        /// 18 characters on input; masked as 220102********123X on output.
        public var idCard: String
        /// In full on input; masked as 138****5678 on output.
        public var phone: String
        /// "food", "produce" or "goods": the stall type the vendor applies for.
        public var goodsType: String
        /// Certified hardship (困难户), which goes first on the waitlist.
        public var hardship: Bool
        public var registeredAtMs: Int64

        public init(
            id: String = "",
            name: String = "",
            idCard: String = "",
            phone: String = "",
            goodsType: String = "",
            hardship: Bool = false,
            registeredAtMs: Int64 = 0
        ) {
            self.id = id
            self.name = name
            self.idCard = idCard
            self.phone = phone
            self.goodsType = goodsType
            self.hardship = hardship
            self.registeredAtMs = registeredAtMs
        }
    }
}

extension Markets {
    /// A vendor's application for a stall, and its place on the waitlist.
    ///
    /// The response of `Markets/SubmitApplication` and `Markets/GetApplication`.
    public struct Application: Sendable, Equatable {
        /// Public number the vendor uses to look the state up, e.g. "SQ7K3M9P2Q4R".
        public var number: String
        public var vendorID: String
        public var marketID: String
        public var stallType: String
        /// The vendor's hardship flag when the application was made.
        public var hardship: Bool
        public var appliedAtMs: Int64
        /// "waiting" or "allocated".
        public var status: String
        /// Filled in on output only.
        public var vendorName: String
        public var marketName: String
        /// 1-based place on the waitlist while waiting; 0 otherwise.
        public var waitlistRank: UInt32
        public var waitlistSize: UInt32
        public var stallID: String
        public var stallNumber: String
        public var permitID: String
        public var decidedAtMs: Int64
        /// The rule and the rank that gave the stall, in Chinese.
        public var decisionNote: String
        public var history: [StateChange]

        public init(
            number: String = "",
            vendorID: String = "",
            marketID: String = "",
            stallType: String = "",
            hardship: Bool = false,
            appliedAtMs: Int64 = 0,
            status: String = "",
            vendorName: String = "",
            marketName: String = "",
            waitlistRank: UInt32 = 0,
            waitlistSize: UInt32 = 0,
            stallID: String = "",
            stallNumber: String = "",
            permitID: String = "",
            decidedAtMs: Int64 = 0,
            decisionNote: String = "",
            history: [StateChange] = []
        ) {
            self.number = number
            self.vendorID = vendorID
            self.marketID = marketID
            self.stallType = stallType
            self.hardship = hardship
            self.appliedAtMs = appliedAtMs
            self.status = status
            self.vendorName = vendorName
            self.marketName = marketName
            self.waitlistRank = waitlistRank
            self.waitlistSize = waitlistSize
            self.stallID = stallID
            self.stallNumber = stallNumber
            self.permitID = permitID
            self.decidedAtMs = decidedAtMs
            self.decisionNote = decisionNote
            self.history = history
        }
    }
}

extension Markets {
    /// A vendor's right to use one stall for a period.
    ///
    /// The response of `Markets/RenewPermit`, `Markets/RevokePermit` and `Markets/ReinstatePermit`.
    public struct Permit: Sendable, Equatable {
        public var id: String
        public var vendorID: String
        public var stallID: String
        public var marketID: String
        /// Empty for a permit that came with the dataset.
        public var applicationNumber: String
        public var startAtMs: Int64
        /// Exclusive: the permit covers start_at_ms <= t < end_at_ms.
        public var endAtMs: Int64
        /// "active", "suspended", "revoked" or "expired".
        public var status: String
        public var renewals: UInt32
        /// Filled in on output only.
        public var vendorName: String
        public var stallNumber: String
        public var history: [StateChange]

        public init(
            id: String = "",
            vendorID: String = "",
            stallID: String = "",
            marketID: String = "",
            applicationNumber: String = "",
            startAtMs: Int64 = 0,
            endAtMs: Int64 = 0,
            status: String = "",
            renewals: UInt32 = 0,
            vendorName: String = "",
            stallNumber: String = "",
            history: [StateChange] = []
        ) {
            self.id = id
            self.vendorID = vendorID
            self.stallID = stallID
            self.marketID = marketID
            self.applicationNumber = applicationNumber
            self.startAtMs = startAtMs
            self.endAtMs = endAtMs
            self.status = status
            self.renewals = renewals
            self.vendorName = vendorName
            self.stallNumber = stallNumber
            self.history = history
        }
    }
}

extension Markets {
    /// One recorded change of state: what changed, when, by whom and why.
    public struct StateChange: Sendable, Equatable {
        public var atMs: Int64
        /// "stall", "vendor", "application", "permit", "manifest" or "rectification".
        public var entityKind: String
        public var entityID: String
        /// Empty when the entity was created.
        public var fromStatus: String
        public var toStatus: String
        /// "system", "dataset", "staff:<staff id>", "token:<token id>" or
        /// "hauler:<hauler id>".
        public var actor: String
        public var reason: String

        public init(
            atMs: Int64 = 0,
            entityKind: String = "",
            entityID: String = "",
            fromStatus: String = "",
            toStatus: String = "",
            actor: String = "",
            reason: String = ""
        ) {
            self.atMs = atMs
            self.entityKind = entityKind
            self.entityID = entityID
            self.fromStatus = fromStatus
            self.toStatus = toStatus
            self.actor = actor
            self.reason = reason
        }
    }
}

extension Markets {
    /// An inspection of a market stall or vendor.
    public struct Inspection: Sendable, Equatable {
        public var id: String
        public var marketID: String
        public var stallID: String
        public var vendorID: String
        /// The permit the inspection counted against; empty when none.
        public var permitID: String
        public var atMs: Int64
        public var actor: String
        /// "pass" or "violation".
        public var result: String
        /// What was wrong, e.g. "超出摊位经营"; empty for a pass.
        public var violationType: String
        public var notes: String

        public init(
            id: String = "",
            marketID: String = "",
            stallID: String = "",
            vendorID: String = "",
            permitID: String = "",
            atMs: Int64 = 0,
            actor: String = "",
            result: String = "",
            violationType: String = "",
            notes: String = ""
        ) {
            self.id = id
            self.marketID = marketID
            self.stallID = stallID
            self.vendorID = vendorID
            self.permitID = permitID
            self.atMs = atMs
            self.actor = actor
            self.result = result
            self.violationType = violationType
            self.notes = notes
        }
    }
}

extension Markets {
    /// A licensed recycling station (再生资源回收站).
    public struct Station: Sendable, Equatable {
        public var id: String
        public var name: String
        public var streetID: String
        public var address: String
        public var lat: Double
        public var lon: Double
        public var operatorName: String
        public var licenseNumber: String
        public var licenseValidFromMs: Int64
        /// Exclusive.
        public var licenseValidUntilMs: Int64
        /// Filled in on output only.
        public var streetName: String
        /// Filled in on output only: true while the license is valid now.
        public var licensed: Bool
        public var openRectifications: UInt32

        public init(
            id: String = "",
            name: String = "",
            streetID: String = "",
            address: String = "",
            lat: Double = 0,
            lon: Double = 0,
            operatorName: String = "",
            licenseNumber: String = "",
            licenseValidFromMs: Int64 = 0,
            licenseValidUntilMs: Int64 = 0,
            streetName: String = "",
            licensed: Bool = false,
            openRectifications: UInt32 = 0
        ) {
            self.id = id
            self.name = name
            self.streetID = streetID
            self.address = address
            self.lat = lat
            self.lon = lon
            self.operatorName = operatorName
            self.licenseNumber = licenseNumber
            self.licenseValidFromMs = licenseValidFromMs
            self.licenseValidUntilMs = licenseValidUntilMs
            self.streetName = streetName
            self.licensed = licensed
            self.openRectifications = openRectifications
        }
    }
}

extension Markets {
    /// An inspection of a recycling station.
    ///
    /// The response of `Markets/RecordStationInspection`.
    public struct StationInspection: Sendable, Equatable {
        public var id: String
        public var stationID: String
        public var atMs: Int64
        public var actor: String
        /// "pass" or "violation".
        public var result: String
        public var notes: String

        public init(
            id: String = "",
            stationID: String = "",
            atMs: Int64 = 0,
            actor: String = "",
            result: String = "",
            notes: String = ""
        ) {
            self.id = id
            self.stationID = stationID
            self.atMs = atMs
            self.actor = actor
            self.result = result
            self.notes = notes
        }
    }
}

extension Markets {
    /// A rectification order (整改通知) with a deadline.
    ///
    /// The response of `Markets/IssueRectification` and `Markets/CompleteRectification`.
    public struct Rectification: Sendable, Equatable {
        public var id: String
        public var stationID: String
        public var requirement: String
        public var issuedAtMs: Int64
        public var deadlineAtMs: Int64
        /// "open" or "completed".
        public var status: String
        public var completedAtMs: Int64
        public var completionNote: String
        public var issuedBy: String
        public var completedBy: String
        /// Filled in on output only: open past its deadline, or completed late.
        public var overdue: Bool

        public init(
            id: String = "",
            stationID: String = "",
            requirement: String = "",
            issuedAtMs: Int64 = 0,
            deadlineAtMs: Int64 = 0,
            status: String = "",
            completedAtMs: Int64 = 0,
            completionNote: String = "",
            issuedBy: String = "",
            completedBy: String = "",
            overdue: Bool = false
        ) {
            self.id = id
            self.stationID = stationID
            self.requirement = requirement
            self.issuedAtMs = issuedAtMs
            self.deadlineAtMs = deadlineAtMs
            self.status = status
            self.completedAtMs = completedAtMs
            self.completionNote = completionNote
            self.issuedBy = issuedBy
            self.completedBy = completedBy
            self.overdue = overdue
        }
    }
}

extension Markets {
    /// A licensed construction-waste hauler (建筑垃圾运输单位).
    public struct Hauler: Sendable, Equatable {
        public var id: String
        public var name: String
        public var licenseNumber: String
        public var licenseValidFromMs: Int64
        /// Exclusive.
        public var licenseValidUntilMs: Int64
        public var vehicles: [Vehicle]
        /// Filled in on output only.
        public var licensed: Bool

        public init(
            id: String = "",
            name: String = "",
            licenseNumber: String = "",
            licenseValidFromMs: Int64 = 0,
            licenseValidUntilMs: Int64 = 0,
            vehicles: [Vehicle] = [],
            licensed: Bool = false
        ) {
            self.id = id
            self.name = name
            self.licenseNumber = licenseNumber
            self.licenseValidFromMs = licenseValidFromMs
            self.licenseValidUntilMs = licenseValidUntilMs
            self.vehicles = vehicles
            self.licensed = licensed
        }
    }
}

extension Markets {
    /// A hauler's registered vehicle.
    public struct Vehicle: Sendable, Equatable {
        /// Normalized plate such as "吉A5K2D8".
        public var plate: String
        public var capacityTonnes: Double

        public init(
            plate: String = "",
            capacityTonnes: Double = 0
        ) {
            self.plate = plate
            self.capacityTonnes = capacityTonnes
        }
    }
}

extension Markets {
    /// A licensed disposal site (建筑垃圾消纳场).
    public struct DisposalSite: Sendable, Equatable {
        public var id: String
        public var name: String
        public var address: String
        public var lat: Double
        public var lon: Double
        public var licenseNumber: String
        public var licenseValidFromMs: Int64
        /// Exclusive.
        public var licenseValidUntilMs: Int64
        /// Filled in on output only.
        public var licensed: Bool

        public init(
            id: String = "",
            name: String = "",
            address: String = "",
            lat: Double = 0,
            lon: Double = 0,
            licenseNumber: String = "",
            licenseValidFromMs: Int64 = 0,
            licenseValidUntilMs: Int64 = 0,
            licensed: Bool = false
        ) {
            self.id = id
            self.name = name
            self.address = address
            self.lat = lat
            self.lon = lon
            self.licenseNumber = licenseNumber
            self.licenseValidFromMs = licenseValidFromMs
            self.licenseValidUntilMs = licenseValidUntilMs
            self.licensed = licensed
        }
    }
}

extension Markets {
    /// A construction-waste haul manifest (建筑垃圾清运联单).
    ///
    /// The response of `Markets/CreateManifest`, `Markets/GetManifest`, `Markets/RecordDeparture` and `Markets/RecordArrival`.
    public struct Manifest: Sendable, Equatable {
        /// e.g. "HM20261204-0001".
        public var id: String
        public var haulerID: String
        public var vehiclePlate: String
        /// The construction site the load leaves from.
        public var originSite: String
        public var originStreetID: String
        public var expectedLoadTonnes: Double
        public var disposalSiteID: String
        public var windowStartMs: Int64
        /// The load must arrive at the disposal site before this time.
        public var windowEndMs: Int64
        /// "registered", "departed", "closed" or "expired".
        public var status: String
        public var createdAtMs: Int64
        public var departedAtMs: Int64
        public var arrivedAtMs: Int64
        /// When the manifest expired and its case was queued for intake; 0 before.
        public var raisedAtMs: Int64
        /// The case intake filed for the expired manifest; empty until intake answers.
        public var caseID: String
        public var trackingCode: String
        /// Filled in on output only.
        public var haulerName: String
        public var originStreetName: String
        public var disposalSiteName: String
        public var history: [StateChange]

        public init(
            id: String = "",
            haulerID: String = "",
            vehiclePlate: String = "",
            originSite: String = "",
            originStreetID: String = "",
            expectedLoadTonnes: Double = 0,
            disposalSiteID: String = "",
            windowStartMs: Int64 = 0,
            windowEndMs: Int64 = 0,
            status: String = "",
            createdAtMs: Int64 = 0,
            departedAtMs: Int64 = 0,
            arrivedAtMs: Int64 = 0,
            raisedAtMs: Int64 = 0,
            caseID: String = "",
            trackingCode: String = "",
            haulerName: String = "",
            originStreetName: String = "",
            disposalSiteName: String = "",
            history: [StateChange] = []
        ) {
            self.id = id
            self.haulerID = haulerID
            self.vehiclePlate = vehiclePlate
            self.originSite = originSite
            self.originStreetID = originStreetID
            self.expectedLoadTonnes = expectedLoadTonnes
            self.disposalSiteID = disposalSiteID
            self.windowStartMs = windowStartMs
            self.windowEndMs = windowEndMs
            self.status = status
            self.createdAtMs = createdAtMs
            self.departedAtMs = departedAtMs
            self.arrivedAtMs = arrivedAtMs
            self.raisedAtMs = raisedAtMs
            self.caseID = caseID
            self.trackingCode = trackingCode
            self.haulerName = haulerName
            self.originStreetName = originStreetName
            self.disposalSiteName = disposalSiteName
            self.history = history
        }
    }
}

extension Markets {
    /// The request of `Markets/LoadMarkets`.
    public struct LoadMarketsRequest: Sendable, Equatable {
        public var markets: [Market]
        public var stalls: [Stall]
        public var vendors: [Vendor]
        public var applications: [Application]
        public var permits: [Permit]
        public var stations: [Station]
        public var haulers: [Hauler]
        public var disposalSites: [DisposalSite]

        public init(
            markets: [Market] = [],
            stalls: [Stall] = [],
            vendors: [Vendor] = [],
            applications: [Application] = [],
            permits: [Permit] = [],
            stations: [Station] = [],
            haulers: [Hauler] = [],
            disposalSites: [DisposalSite] = []
        ) {
            self.markets = markets
            self.stalls = stalls
            self.vendors = vendors
            self.applications = applications
            self.permits = permits
            self.stations = stations
            self.haulers = haulers
            self.disposalSites = disposalSites
        }
    }
}

extension Markets {
    /// The response of `Markets/LoadMarkets`.
    public struct LoadMarketsResponse: Sendable, Equatable {
        public var markets: UInt32
        public var stalls: UInt32
        public var vendors: UInt32
        public var applications: UInt32
        public var permits: UInt32
        public var stations: UInt32
        public var haulers: UInt32
        public var vehicles: UInt32
        public var disposalSites: UInt32

        public init(
            markets: UInt32 = 0,
            stalls: UInt32 = 0,
            vendors: UInt32 = 0,
            applications: UInt32 = 0,
            permits: UInt32 = 0,
            stations: UInt32 = 0,
            haulers: UInt32 = 0,
            vehicles: UInt32 = 0,
            disposalSites: UInt32 = 0
        ) {
            self.markets = markets
            self.stalls = stalls
            self.vendors = vendors
            self.applications = applications
            self.permits = permits
            self.stations = stations
            self.haulers = haulers
            self.vehicles = vehicles
            self.disposalSites = disposalSites
        }
    }
}

extension Markets {
    /// The request of `Markets/ListMarkets`.
    public struct ListMarketsRequest: Sendable, Equatable {
        public init() {}
    }
}

extension Markets {
    /// The response of `Markets/ListMarkets`.
    public struct ListMarketsResponse: Sendable, Equatable {
        public var markets: [Market]

        public init(
            markets: [Market] = []
        ) {
            self.markets = markets
        }
    }
}

extension Markets {
    /// The request of `Markets/GetMarket`.
    public struct GetMarketRequest: Sendable, Equatable {
        public var marketID: String

        public init(
            marketID: String = ""
        ) {
            self.marketID = marketID
        }
    }
}

extension Markets {
    /// A market with all its stalls.
    ///
    /// The response of `Markets/GetMarket`.
    public struct MarketDetail: Sendable, Equatable {
        public var market: Market?
        public var stalls: [Stall]

        public init(
            market: Market? = nil,
            stalls: [Stall] = []
        ) {
            self.market = market
            self.stalls = stalls
        }
    }
}

extension Markets {
    /// The request of `Markets/SetStallStatus`.
    public struct SetStallStatusRequest: Sendable, Equatable {
        public var stallID: String
        /// "free" or "suspended".
        public var status: String
        public var actor: String
        public var reason: String

        public init(
            stallID: String = "",
            status: String = "",
            actor: String = "",
            reason: String = ""
        ) {
            self.stallID = stallID
            self.status = status
            self.actor = actor
            self.reason = reason
        }
    }
}

extension Markets {
    /// The request of `Markets/RegisterVendor`.
    public struct RegisterVendorRequest: Sendable, Equatable {
        public var name: String
        public var idCard: String
        public var phone: String
        public var goodsType: String
        public var hardship: Bool
        public var actor: String

        public init(
            name: String = "",
            idCard: String = "",
            phone: String = "",
            goodsType: String = "",
            hardship: Bool = false,
            actor: String = ""
        ) {
            self.name = name
            self.idCard = idCard
            self.phone = phone
            self.goodsType = goodsType
            self.hardship = hardship
            self.actor = actor
        }
    }
}

extension Markets {
    /// The request of `Markets/ListVendors`.
    public struct ListVendorsRequest: Sendable, Equatable {
        public init() {}
    }
}

extension Markets {
    /// The response of `Markets/ListVendors`.
    public struct ListVendorsResponse: Sendable, Equatable {
        public var vendors: [Vendor]

        public init(
            vendors: [Vendor] = []
        ) {
            self.vendors = vendors
        }
    }
}

extension Markets {
    /// The request of `Markets/GetVendor`.
    public struct GetVendorRequest: Sendable, Equatable {
        public var vendorID: String

        public init(
            vendorID: String = ""
        ) {
            self.vendorID = vendorID
        }
    }
}

extension Markets {
    /// A vendor with the permit that holds a stall now or later, past permits,
    /// applications and recent inspections.
    ///
    /// The response of `Markets/GetVendor`.
    public struct VendorDetail: Sendable, Equatable {
        public var vendor: Vendor?
        /// Absent when the vendor holds no active or suspended permit.
        public var permit: Permit?
        public var pastPermits: [Permit]
        public var applications: [Application]
        /// Newest first, at most 50.
        public var inspections: [Inspection]

        public init(
            vendor: Vendor? = nil,
            permit: Permit? = nil,
            pastPermits: [Permit] = [],
            applications: [Application] = [],
            inspections: [Inspection] = []
        ) {
            self.vendor = vendor
            self.permit = permit
            self.pastPermits = pastPermits
            self.applications = applications
            self.inspections = inspections
        }
    }
}

extension Markets {
    /// The request of `Markets/SubmitApplication`.
    public struct SubmitApplicationRequest: Sendable, Equatable {
        public var vendorID: String
        public var marketID: String
        public var actor: String

        public init(
            vendorID: String = "",
            marketID: String = "",
            actor: String = ""
        ) {
            self.vendorID = vendorID
            self.marketID = marketID
            self.actor = actor
        }
    }
}

extension Markets {
    /// The request of `Markets/GetApplication`.
    public struct GetApplicationRequest: Sendable, Equatable {
        public var number: String

        public init(
            number: String = ""
        ) {
            self.number = number
        }
    }
}

extension Markets {
    /// The request of `Markets/ListWaitlist`.
    public struct ListWaitlistRequest: Sendable, Equatable {
        public var marketID: String
        /// Empty lists every stall type.
        public var stallType: String

        public init(
            marketID: String = "",
            stallType: String = ""
        ) {
            self.marketID = marketID
            self.stallType = stallType
        }
    }
}

extension Markets {
    /// The response of `Markets/ListWaitlist`.
    public struct ListWaitlistResponse: Sendable, Equatable {
        /// In allocation order within each stall type.
        public var applications: [Application]

        public init(
            applications: [Application] = []
        ) {
            self.applications = applications
        }
    }
}

extension Markets {
    /// The request of `Markets/AllocateStalls`.
    public struct AllocateStallsRequest: Sendable, Equatable {
        public var marketID: String
        /// Empty allocates every stall type.
        public var stallType: String
        /// 0 means now.
        public var startAtMs: Int64
        /// 0 means start plus the permit term.
        public var endAtMs: Int64
        public var actor: String

        public init(
            marketID: String = "",
            stallType: String = "",
            startAtMs: Int64 = 0,
            endAtMs: Int64 = 0,
            actor: String = ""
        ) {
            self.marketID = marketID
            self.stallType = stallType
            self.startAtMs = startAtMs
            self.endAtMs = endAtMs
            self.actor = actor
        }
    }
}

extension Markets {
    /// The response of `Markets/AllocateStalls`.
    public struct AllocateStallsResponse: Sendable, Equatable {
        /// The applications that got a stall, in allocation order, with
        /// stall_id, permit_id and decision_note set.
        public var allocations: [Application]
        public var stillWaiting: UInt32
        public var stillFree: UInt32

        public init(
            allocations: [Application] = [],
            stillWaiting: UInt32 = 0,
            stillFree: UInt32 = 0
        ) {
            self.allocations = allocations
            self.stillWaiting = stillWaiting
            self.stillFree = stillFree
        }
    }
}

extension Markets {
    /// The request of `Markets/RenewPermit`.
    public struct RenewPermitRequest: Sendable, Equatable {
        public var permitID: String
        /// The new exclusive end; must be later than the current one.
        public var endAtMs: Int64
        public var actor: String
        public var reason: String

        public init(
            permitID: String = "",
            endAtMs: Int64 = 0,
            actor: String = "",
            reason: String = ""
        ) {
            self.permitID = permitID
            self.endAtMs = endAtMs
            self.actor = actor
            self.reason = reason
        }
    }
}

extension Markets {
    /// The request of `Markets/RevokePermit`.
    public struct RevokePermitRequest: Sendable, Equatable {
        public var permitID: String
        public var actor: String
        public var reason: String

        public init(
            permitID: String = "",
            actor: String = "",
            reason: String = ""
        ) {
            self.permitID = permitID
            self.actor = actor
            self.reason = reason
        }
    }
}

extension Markets {
    /// The request of `Markets/ReinstatePermit`.
    public struct ReinstatePermitRequest: Sendable, Equatable {
        public var permitID: String
        public var actor: String
        public var reason: String

        public init(
            permitID: String = "",
            actor: String = "",
            reason: String = ""
        ) {
            self.permitID = permitID
            self.actor = actor
            self.reason = reason
        }
    }
}

extension Markets {
    /// The request of `Markets/RecordInspection`.
    public struct RecordInspectionRequest: Sendable, Equatable {
        public var marketID: String
        /// At least one of stall_id and vendor_id is set.
        public var stallID: String
        public var vendorID: String
        /// "pass" or "violation".
        public var result: String
        /// Required for a violation.
        public var violationType: String
        public var notes: String
        public var actor: String

        public init(
            marketID: String = "",
            stallID: String = "",
            vendorID: String = "",
            result: String = "",
            violationType: String = "",
            notes: String = "",
            actor: String = ""
        ) {
            self.marketID = marketID
            self.stallID = stallID
            self.vendorID = vendorID
            self.result = result
            self.violationType = violationType
            self.notes = notes
            self.actor = actor
        }
    }
}

extension Markets {
    /// The response of `Markets/RecordInspection`.
    public struct RecordInspectionResponse: Sendable, Equatable {
        public var inspection: Inspection?
        /// The permit the inspection counted against, after any suspension.
        public var permit: Permit?
        /// Violations counted against the permit within the window, this one included.
        public var violationsInWindow: UInt32
        public var violationThreshold: UInt32
        public var violationWindowDays: UInt32
        /// True when this inspection suspended the permit.
        public var suspended: Bool

        public init(
            inspection: Inspection? = nil,
            permit: Permit? = nil,
            violationsInWindow: UInt32 = 0,
            violationThreshold: UInt32 = 0,
            violationWindowDays: UInt32 = 0,
            suspended: Bool = false
        ) {
            self.inspection = inspection
            self.permit = permit
            self.violationsInWindow = violationsInWindow
            self.violationThreshold = violationThreshold
            self.violationWindowDays = violationWindowDays
            self.suspended = suspended
        }
    }
}

extension Markets {
    /// The request of `Markets/ListStations`.
    public struct ListStationsRequest: Sendable, Equatable {
        /// Empty lists every station.
        public var streetID: String

        public init(
            streetID: String = ""
        ) {
            self.streetID = streetID
        }
    }
}

extension Markets {
    /// The response of `Markets/ListStations`.
    public struct ListStationsResponse: Sendable, Equatable {
        public var stations: [Station]

        public init(
            stations: [Station] = []
        ) {
            self.stations = stations
        }
    }
}

extension Markets {
    /// The request of `Markets/GetStation`.
    public struct GetStationRequest: Sendable, Equatable {
        public var stationID: String

        public init(
            stationID: String = ""
        ) {
            self.stationID = stationID
        }
    }
}

extension Markets {
    /// A station with its inspections and rectification orders, newest first.
    ///
    /// The response of `Markets/GetStation`.
    public struct StationDetail: Sendable, Equatable {
        public var station: Station?
        public var inspections: [StationInspection]
        public var rectifications: [Rectification]

        public init(
            station: Station? = nil,
            inspections: [StationInspection] = [],
            rectifications: [Rectification] = []
        ) {
            self.station = station
            self.inspections = inspections
            self.rectifications = rectifications
        }
    }
}

extension Markets {
    /// The request of `Markets/RecordStationInspection`.
    public struct RecordStationInspectionRequest: Sendable, Equatable {
        public var stationID: String
        public var result: String
        public var notes: String
        public var actor: String

        public init(
            stationID: String = "",
            result: String = "",
            notes: String = "",
            actor: String = ""
        ) {
            self.stationID = stationID
            self.result = result
            self.notes = notes
            self.actor = actor
        }
    }
}

extension Markets {
    /// The request of `Markets/IssueRectification`.
    public struct IssueRectificationRequest: Sendable, Equatable {
        public var stationID: String
        public var requirement: String
        public var deadlineAtMs: Int64
        public var actor: String

        public init(
            stationID: String = "",
            requirement: String = "",
            deadlineAtMs: Int64 = 0,
            actor: String = ""
        ) {
            self.stationID = stationID
            self.requirement = requirement
            self.deadlineAtMs = deadlineAtMs
            self.actor = actor
        }
    }
}

extension Markets {
    /// The request of `Markets/CompleteRectification`.
    public struct CompleteRectificationRequest: Sendable, Equatable {
        public var rectificationID: String
        public var note: String
        public var actor: String

        public init(
            rectificationID: String = "",
            note: String = "",
            actor: String = ""
        ) {
            self.rectificationID = rectificationID
            self.note = note
            self.actor = actor
        }
    }
}

extension Markets {
    /// The request of `Markets/MatchStation`.
    public struct MatchStationRequest: Sendable, Equatable {
        /// The street of the report's board.
        public var streetID: String
        /// The report's description, searched for a station name or license number.
        public var text: String

        public init(
            streetID: String = "",
            text: String = ""
        ) {
            self.streetID = streetID
            self.text = text
        }
    }
}

extension Markets {
    /// The response of `Markets/MatchStation`.
    public struct MatchStationResponse: Sendable, Equatable {
        public var matched: Bool
        public var station: Station?
        /// "name", "license" or "street".
        public var matchedBy: String

        public init(
            matched: Bool = false,
            station: Station? = nil,
            matchedBy: String = ""
        ) {
            self.matched = matched
            self.station = station
            self.matchedBy = matchedBy
        }
    }
}

extension Markets {
    /// The request of `Markets/ListHaulers`.
    public struct ListHaulersRequest: Sendable, Equatable {
        public init() {}
    }
}

extension Markets {
    /// The response of `Markets/ListHaulers`.
    public struct ListHaulersResponse: Sendable, Equatable {
        public var haulers: [Hauler]
        public var disposalSites: [DisposalSite]

        public init(
            haulers: [Hauler] = [],
            disposalSites: [DisposalSite] = []
        ) {
            self.haulers = haulers
            self.disposalSites = disposalSites
        }
    }
}

extension Markets {
    /// The request of `Markets/CreateManifest`.
    public struct CreateManifestRequest: Sendable, Equatable {
        public var haulerID: String
        public var vehiclePlate: String
        public var originSite: String
        public var originStreetID: String
        public var expectedLoadTonnes: Double
        public var disposalSiteID: String
        public var windowStartMs: Int64
        public var windowEndMs: Int64
        public var actor: String

        public init(
            haulerID: String = "",
            vehiclePlate: String = "",
            originSite: String = "",
            originStreetID: String = "",
            expectedLoadTonnes: Double = 0,
            disposalSiteID: String = "",
            windowStartMs: Int64 = 0,
            windowEndMs: Int64 = 0,
            actor: String = ""
        ) {
            self.haulerID = haulerID
            self.vehiclePlate = vehiclePlate
            self.originSite = originSite
            self.originStreetID = originStreetID
            self.expectedLoadTonnes = expectedLoadTonnes
            self.disposalSiteID = disposalSiteID
            self.windowStartMs = windowStartMs
            self.windowEndMs = windowEndMs
            self.actor = actor
        }
    }
}

extension Markets {
    /// The request of `Markets/GetManifest`.
    public struct GetManifestRequest: Sendable, Equatable {
        public var manifestID: String
        /// When set, only this hauler's manifest is returned.
        public var actingHaulerID: String

        public init(
            manifestID: String = "",
            actingHaulerID: String = ""
        ) {
            self.manifestID = manifestID
            self.actingHaulerID = actingHaulerID
        }
    }
}

extension Markets {
    /// The request of `Markets/ListManifests`.
    public struct ListManifestsRequest: Sendable, Equatable {
        /// Empty lists every hauler's manifests.
        public var haulerID: String
        /// Empty means any status.
        public var status: String
        /// 1 to 200; 0 means 50. Newest first.
        public var limit: UInt32

        public init(
            haulerID: String = "",
            status: String = "",
            limit: UInt32 = 0
        ) {
            self.haulerID = haulerID
            self.status = status
            self.limit = limit
        }
    }
}

extension Markets {
    /// The response of `Markets/ListManifests`.
    public struct ListManifestsResponse: Sendable, Equatable {
        public var manifests: [Manifest]

        public init(
            manifests: [Manifest] = []
        ) {
            self.manifests = manifests
        }
    }
}

extension Markets {
    /// The request of `Markets/RecordDeparture`.
    public struct RecordDepartureRequest: Sendable, Equatable {
        public var manifestID: String
        /// The hauler recording it; must own the manifest.
        public var actingHaulerID: String

        public init(
            manifestID: String = "",
            actingHaulerID: String = ""
        ) {
            self.manifestID = manifestID
            self.actingHaulerID = actingHaulerID
        }
    }
}

extension Markets {
    /// The request of `Markets/RecordArrival`.
    public struct RecordArrivalRequest: Sendable, Equatable {
        public var manifestID: String
        public var actingHaulerID: String
        /// Must be the manifest's disposal site.
        public var disposalSiteID: String

        public init(
            manifestID: String = "",
            actingHaulerID: String = "",
            disposalSiteID: String = ""
        ) {
            self.manifestID = manifestID
            self.actingHaulerID = actingHaulerID
            self.disposalSiteID = disposalSiteID
        }
    }
}

extension Markets {
    /// The request of `Markets/GetHistory`.
    public struct GetHistoryRequest: Sendable, Equatable {
        public var entityKind: String
        public var entityID: String

        public init(
            entityKind: String = "",
            entityID: String = ""
        ) {
            self.entityKind = entityKind
            self.entityID = entityID
        }
    }
}

extension Markets {
    /// The response of `Markets/GetHistory`.
    public struct GetHistoryResponse: Sendable, Equatable {
        /// Oldest first.
        public var changes: [StateChange]

        public init(
            changes: [StateChange] = []
        ) {
            self.changes = changes
        }
    }
}
