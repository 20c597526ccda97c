import Foundation
import JieluContract
import JieluCore

/// The checks `LoadMarkets` runs on a whole dataset before it writes
/// anything. Each failure is INVALID_ARGUMENT `invalid_dataset` whose field is
/// the path of the bad value, such as `stalls[3].stall_type`, and whose
/// message states in Chinese what is wrong.
struct DatasetValidation {
    static let nearKinds = ["hospital", "school"]
    static let stallStatuses = ["free", "occupied", "suspended"]
    static let maxStallSizeM2 = 100.0
    static let maxVehicleCapacityTonnes = 100.0

    let request: Markets.LoadMarketsRequest
    /// Street ids of the registry's district.
    let streetIDs: Set<String>
    let nowMs: Int64

    /// Runs every check.
    ///
    /// - Throws: `ServiceError` INVALID_ARGUMENT `invalid_dataset` for the first problem found.
    func check() throws(ServiceError) {
        let marketIDs = try checkMarkets()
        let stallTypesByID = try checkStalls(marketIDs: marketIDs)
        let vendorTypes = try checkVendors()
        try checkApplications(marketIDs: marketIDs, vendorTypes: vendorTypes, stallTypesByID: stallTypesByID)
        try checkPermits(vendorTypes: vendorTypes, stallTypesByID: stallTypesByID)
        try checkStations()
        try checkHaulers()
        try checkDisposalSites()
    }

    // MARK: Markets and stalls

    private func checkMarkets() throws(ServiceError) -> Set<String> {
        guard !request.markets.isEmpty else {
            throw fail("markets", "数据中没有任何市场。")
        }
        var ids: Set<String> = []
        for (index, market) in request.markets.enumerated() {
            let path = "markets[\(index)]"
            try checkID(market.id, path: "\(path).id", seen: &ids)
            try checkText(market.name, path: "\(path).name")
            try checkText(market.address, path: "\(path).address")
            try checkText(market.nearName, path: "\(path).near_name")
            try checkStreet(market.streetID, path: "\(path).street_id")
            guard DatasetValidation.nearKinds.contains(market.nearKind) else {
                throw fail("\(path).near_kind", "「\(market.nearKind)」无效，应为 hospital（医院）或 school（学校）。")
            }
            try checkLocation(lat: market.lat, lon: market.lon, path: path)
            guard let opens = DatasetValidation.minutes(market.opensAt) else {
                throw fail("\(path).opens_at", "开市时间「\(market.opensAt)」无效，应为 HH:MM。")
            }
            guard let closes = DatasetValidation.minutes(market.closesAt), closes > opens else {
                throw fail("\(path).closes_at", "闭市时间「\(market.closesAt)」无效，应为 HH:MM 且晚于开市时间。")
            }
        }
        return ids
    }

    /// Returns each stall's type by stall id.
    private func checkStalls(marketIDs: Set<String>) throws(ServiceError) -> [String: (type: String, market: String)] {
        var ids: Set<String> = []
        var numbers: Set<String> = []
        var stalls: [String: (type: String, market: String)] = [:]
        let permitted = Set(request.permits.map(\.stallID))
        for (index, stall) in request.stalls.enumerated() {
            let path = "stalls[\(index)]"
            try checkID(stall.id, path: "\(path).id", seen: &ids)
            guard marketIDs.contains(stall.marketID) else {
                throw fail("\(path).market_id", "市场「\(stall.marketID)」不在数据中。")
            }
            try checkText(stall.number, path: "\(path).number")
            guard numbers.insert("\(stall.marketID)/\(stall.number)").inserted else {
                throw fail("\(path).number", "市场 \(stall.marketID) 中摊位号「\(stall.number)」重复。")
            }
            guard FieldValidation.stallTypes.contains(stall.stallType) else {
                throw fail("\(path).stall_type", "「\(stall.stallType)」无效，应为 food、produce 或 goods。")
            }
            guard stall.sizeM2 > 0, stall.sizeM2 <= DatasetValidation.maxStallSizeM2 else {
                throw fail("\(path).size_m2", "面积 \(stall.sizeM2) 无效，应大于 0、不超过 \(Int(DatasetValidation.maxStallSizeM2)) 平方米。")
            }
            guard stall.monthlyFeeFen >= 0 else {
                throw fail("\(path).monthly_fee_fen", "月租金不能为负数。")
            }
            guard DatasetValidation.stallStatuses.contains(stall.status) else {
                throw fail("\(path).status", "「\(stall.status)」无效，应为 free、occupied 或 suspended。")
            }
            if stall.status == "occupied" && !permitted.contains(stall.id) {
                throw fail("\(path).status", "摊位 \(stall.id) 标为 occupied，但没有对应的摊位许可。")
            }
            if stall.status == "suspended" && permitted.contains(stall.id) {
                throw fail("\(path).status", "摊位 \(stall.id) 标为 suspended（关闭），但有摊位许可。")
            }
            stalls[stall.id] = (stall.stallType, stall.marketID)
        }
        return stalls
    }

    // MARK: Vendors, applications, permits

    /// Returns each vendor's goods type by vendor id.
    private func checkVendors() throws(ServiceError) -> [String: String] {
        var ids: Set<String> = []
        var idCards: Set<String> = []
        var types: [String: String] = [:]
        for (index, vendor) in request.vendors.enumerated() {
            let path = "vendors[\(index)]"
            guard DatasetValidation.isSeriesID(vendor.id, prefix: "V", digits: 4...8) else {
                throw fail("\(path).id", "摊贩编号「\(vendor.id)」无效，应为 V 加 4 到 8 位数字。")
            }
            try checkID(vendor.id, path: "\(path).id", seen: &ids)
            try rethrow("\(path).name") { () throws(ServiceError) in _ = try FieldValidation.name(vendor.name) }
            let idCard = try rethrow("\(path).id_card") { () throws(ServiceError) in
                try FieldValidation.idCard(vendor.idCard, nowMs: nowMs)
            }
            guard idCards.insert(idCard).inserted else {
                throw fail("\(path).id_card", "身份证号码「\(IDCardNumber.masked(idCard))」与其他摊贩重复。")
            }
            try rethrow("\(path).phone") { () throws(ServiceError) in _ = try FieldValidation.mobilePhone(vendor.phone) }
            try rethrow("\(path).goods_type") { () throws(ServiceError) in
                _ = try FieldValidation.stallType(vendor.goodsType, field: "goods_type")
            }
            guard vendor.registeredAtMs > 0, vendor.registeredAtMs <= nowMs else {
                throw fail("\(path).registered_at", "登记时间无效或晚于现在。")
            }
            types[vendor.id] = vendor.goodsType
        }
        return types
    }

    private func checkApplications(
        marketIDs: Set<String>, vendorTypes: [String: String],
        stallTypesByID: [String: (type: String, market: String)]
    ) throws(ServiceError) {
        var numbers: Set<String> = []
        var waitingVendors: Set<String> = []
        let permitVendors = Set(request.permits.map(\.vendorID))
        let marketTypes = Set(stallTypesByID.values.map { "\($0.market)/\($0.type)" })
        for (index, application) in request.applications.enumerated() {
            let path = "applications[\(index)]"
            let random = application.number.dropFirst(MarketsStore.applicationNumberPrefix.count)
            guard application.number.hasPrefix(MarketsStore.applicationNumberPrefix),
                RandomCode.isWellFormed(String(random), length: MarketsStore.applicationNumberRandomLength)
            else {
                throw fail("\(path).number", "申请编号「\(application.number)」无效，应为 SQ 加 10 位编码。")
            }
            try checkID(application.number, path: "\(path).number", seen: &numbers)
            guard let goodsType = vendorTypes[application.vendorID] else {
                throw fail("\(path).vendor_id", "摊贩「\(application.vendorID)」不在数据中。")
            }
            guard marketIDs.contains(application.marketID) else {
                throw fail("\(path).market_id", "市场「\(application.marketID)」不在数据中。")
            }
            guard marketTypes.contains("\(application.marketID)/\(goodsType)") else {
                throw fail("\(path).market_id", "市场 \(application.marketID) 没有\(FieldValidation.stallTypeLabel(goodsType))摊位。")
            }
            guard !permitVendors.contains(application.vendorID), waitingVendors.insert(application.vendorID).inserted else {
                throw fail("\(path).vendor_id", "摊贩 \(application.vendorID) 已有摊位或另一份候补申请，每位摊贩只能有一份。")
            }
            guard application.appliedAtMs > 0, application.appliedAtMs <= nowMs else {
                throw fail("\(path).applied_at", "申请时间无效或晚于现在。")
            }
        }
    }

    private func checkPermits(
        vendorTypes: [String: String], stallTypesByID: [String: (type: String, market: String)]
    ) throws(ServiceError) {
        var ids: Set<String> = []
        var vendors: Set<String> = []
        var periodsByStall: [String: [(start: Int64, end: Int64)]] = [:]
        for (index, permit) in request.permits.enumerated() {
            let path = "permits[\(index)]"
            guard DatasetValidation.isSeriesID(permit.id, prefix: "P", digits: 6...9) else {
                throw fail("\(path).id", "许可编号「\(permit.id)」无效，应为 P 加 6 到 9 位数字。")
            }
            try checkID(permit.id, path: "\(path).id", seen: &ids)
            guard vendorTypes[permit.vendorID] != nil else {
                throw fail("\(path).vendor_id", "摊贩「\(permit.vendorID)」不在数据中。")
            }
            guard vendors.insert(permit.vendorID).inserted else {
                throw fail("\(path).vendor_id", "摊贩 \(permit.vendorID) 有多份摊位许可，每位摊贩最多持有一个摊位。")
            }
            guard stallTypesByID[permit.stallID] != nil else {
                throw fail("\(path).stall_id", "摊位「\(permit.stallID)」不在数据中。")
            }
            guard permit.endAtMs > permit.startAtMs else {
                throw fail("\(path).end_date", "许可截止日期须晚于起始日期。")
            }
            let periods = periodsByStall[permit.stallID, default: []]
            if periods.contains(where: { $0.start < permit.endAtMs && permit.startAtMs < $0.end }) {
                throw fail("\(path).stall_id", "摊位 \(permit.stallID) 的许可期限与另一份许可重叠。")
            }
            periodsByStall[permit.stallID] = periods + [(permit.startAtMs, permit.endAtMs)]
        }
    }

    // MARK: Stations and haulage

    private func checkStations() throws(ServiceError) {
        var ids: Set<String> = []
        var licenses: Set<String> = []
        for (index, station) in request.stations.enumerated() {
            let path = "recycling_stations[\(index)]"
            try checkID(station.id, path: "\(path).id", seen: &ids)
            try checkText(station.name, path: "\(path).name")
            try checkText(station.address, path: "\(path).address")
            try checkText(station.operatorName, path: "\(path).operator")
            try checkStreet(station.streetID, path: "\(path).street_id")
            try checkLocation(lat: station.lat, lon: station.lon, path: path)
            try checkLicense(
                station.licenseNumber, from: station.licenseValidFromMs, until: station.licenseValidUntilMs, path: path,
                seen: &licenses)
        }
    }

    private func checkHaulers() throws(ServiceError) {
        var ids: Set<String> = []
        var licenses: Set<String> = []
        var plates: Set<String> = []
        for (index, hauler) in request.haulers.enumerated() {
            let path = "haulers[\(index)]"
            guard HaulerID.isWellFormed(hauler.id) else {
                throw fail("\(path).id", "运输单位编号「\(hauler.id)」无效，应为 HL 加 1 到 16 位大写字母或数字。")
            }
            try checkID(hauler.id, path: "\(path).id", seen: &ids)
            try checkText(hauler.name, path: "\(path).name")
            try checkLicense(
                hauler.licenseNumber, from: hauler.licenseValidFromMs, until: hauler.licenseValidUntilMs, path: path,
                seen: &licenses)
            guard !hauler.vehicles.isEmpty else {
                throw fail("\(path).vehicles", "运输单位 \(hauler.id) 没有登记车辆。")
            }
            for (vehicleIndex, vehicle) in hauler.vehicles.enumerated() {
                let vehiclePath = "\(path).vehicles[\(vehicleIndex)]"
                guard let plate = LicensePlate.normalized(vehicle.plate), plate == vehicle.plate else {
                    throw fail("\(vehiclePath).plate", "车牌「\(vehicle.plate)」格式不正确，应如 吉A5K2D8（不含分隔符）。")
                }
                guard plates.insert(plate).inserted else {
                    throw fail("\(vehiclePath).plate", "车牌 \(plate) 重复登记。")
                }
                guard vehicle.capacityTonnes > 0, vehicle.capacityTonnes <= DatasetValidation.maxVehicleCapacityTonnes else {
                    throw fail("\(vehiclePath).capacity_tonnes", "核定载重 \(vehicle.capacityTonnes) 吨无效。")
                }
            }
        }
    }

    private func checkDisposalSites() throws(ServiceError) {
        var ids: Set<String> = []
        var licenses: Set<String> = []
        for (index, site) in request.disposalSites.enumerated() {
            let path = "disposal_sites[\(index)]"
            try checkID(site.id, path: "\(path).id", seen: &ids)
            try checkText(site.name, path: "\(path).name")
            try checkText(site.address, path: "\(path).address")
            try checkLocation(lat: site.lat, lon: site.lon, path: path)
            try checkLicense(
                site.licenseNumber, from: site.licenseValidFromMs, until: site.licenseValidUntilMs, path: path,
                seen: &licenses)
        }
    }

    // MARK: Helpers

    private func checkID(_ id: String, path: String, seen: inout Set<String>) throws(ServiceError) {
        let isWellFormed = id.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
        }
        guard !id.isEmpty, id.utf8.count <= 32, isWellFormed else {
            throw fail(path, "编号「\(id)」无效，应为 1 到 32 位字母、数字或连字符。")
        }
        guard seen.insert(id).inserted else {
            throw fail(path, "编号「\(id)」重复。")
        }
    }

    private func checkText(_ text: String, path: String) throws(ServiceError) {
        try rethrow(path) { () throws(ServiceError) in
            _ = try FieldValidation.text(
                text, field: "text", label: "该字段", maxCharacters: FieldValidation.maxShortTextCharacters)
        }
    }

    private func checkStreet(_ streetID: String, path: String) throws(ServiceError) {
        guard streetIDs.contains(streetID) else {
            throw fail(path, "街路「\(streetID)」不在登记服务的辖区数据中。")
        }
    }

    private func checkLocation(lat: Double, lon: Double, path: String) throws(ServiceError) {
        guard lat.isFinite, (-90...90).contains(lat), lon.isFinite, (-180...180).contains(lon), lat != 0 || lon != 0 else {
            throw fail("\(path).lat", "坐标 \(lat), \(lon) 无效。")
        }
    }

    private func checkLicense(
        _ number: String, from: Int64, until: Int64, path: String, seen: inout Set<String>
    ) throws(ServiceError) {
        try checkText(number, path: "\(path).license_number")
        guard seen.insert(number).inserted else {
            throw fail("\(path).license_number", "许可证号「\(number)」重复。")
        }
        guard from > 0, until > from else {
            throw fail("\(path).license_valid_until", "许可有效期无效：截止日期须晚于起始日期。")
        }
    }

    /// Runs `body` and moves its error onto the dataset path `path`.
    @discardableResult
    private func rethrow<T>(_ path: String, _ body: () throws(ServiceError) -> T) throws(ServiceError) -> T {
        do {
            return try body()
        } catch {
            throw fail(path, error.message)
        }
    }

    private func fail(_ path: String, _ message: String) -> ServiceError {
        ServiceError.invalid(path, reason: "invalid_dataset", message: "市场数据 \(path)：\(message)")
    }

    /// True for `prefix` followed by a count of ASCII digits within `digits`.
    static func isSeriesID(_ id: String, prefix: String, digits: ClosedRange<Int>) -> Bool {
        guard id.hasPrefix(prefix) else {
            return false
        }
        let rest = id.utf8.dropFirst(prefix.utf8.count)
        return digits.contains(rest.count) && rest.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// Minutes after midnight of "HH:MM", or nil.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hour = Int(parts[0]),
            let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else {
            return nil
        }
        return hour * 60 + minute
    }
}

/// Hauler ids, which hauler tokens carry as their staff id: "HL" and 1 to
/// 16 upper-case letters or digits. The registry checks the same form.
enum HaulerID {
    static func isWellFormed(_ id: String) -> Bool {
        guard id.hasPrefix("HL") else {
            return false
        }
        let rest = id.utf8.dropFirst(2)
        return (1...16).contains(rest.count)
            && rest.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
