import Foundation

/// Reads a markets dataset file (deploy/data/markets.json, written by
/// deploy/data/generate_markets.py) into the `Markets.LoadMarketsRequest`
/// that `LoadMarkets` takes.
///
/// The file is one JSON object with the keys `markets` (each with its
/// `stalls`), `vendors`, `applications`, `permits`, `recycling_stations`,
/// `haulers` (each with its `vehicles`) and `disposal_sites`. Fields are
/// named as in markets.proto, except for these conversions:
/// - `monthly_fee_yuan` (a number of yuan) becomes `monthly_fee_fen`;
/// - dates "YYYY-MM-DD" are days in UTC+8. A start or valid-from date means
///   00:00 of that day. An end or valid-until date is the last day included,
///   so it becomes 00:00 of the next day (the proto's exclusive end);
/// - `registered_at` and `applied_at` are ISO 8601 date-times;
/// - a station's `operator` is `operator_name`.
///
/// This only decodes. Whether references resolve and values are valid is
/// checked by the markets service's `LoadMarkets`.
public enum MarketsDataset {
    /// Decodes the dataset at `path`.
    ///
    /// - Throws: `MarketsDatasetError` naming the file and, for a malformed
    ///   document, the JSON path of the bad value (for example
    ///   `markets[1].stalls[3].size_m2`).
    public static func load(path: String) throws -> Markets.LoadMarketsRequest {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw MarketsDatasetError(path: path, jsonPath: "", problem: "无法读取文件（\(error.localizedDescription)）")
        }
        return try decode(data, path: path)
    }

    /// Decodes dataset bytes; `path` only names the source in errors.
    ///
    /// - Throws: `MarketsDatasetError` as `load(path:)`.
    public static func decode(_ data: Data, path: String) throws -> Markets.LoadMarketsRequest {
        do {
            return try JSONDecoder().decode(MarketsFile.self, from: data).makeRequest()
        } catch let error as DecodingError {
            let district = DistrictDatasetError(decodingError: error, path: path)
            throw MarketsDatasetError(path: path, jsonPath: district.jsonPath, problem: district.problem)
        } catch {
            throw MarketsDatasetError(path: path, jsonPath: "", problem: "不是有效的 JSON（\(error)）")
        }
    }
}

/// A markets dataset file that could not be read or decoded. `description`
/// is the Simplified Chinese text shown to staff.
public struct MarketsDatasetError: Error, CustomStringConvertible, Sendable {
    public let path: String
    /// Dotted path of the bad value such as `permits[3].end_date`; empty when
    /// the whole file is at fault.
    public let jsonPath: String
    public let problem: String

    public var description: String {
        if jsonPath.isEmpty {
            return "市场数据文件 \(path)：\(problem)"
        }
        return "市场数据文件 \(path) 的 \(jsonPath)：\(problem)"
    }
}

// MARK: JSON mirror of markets.json

private struct MarketsFile: Decodable {
    var markets: [MarketRecord]
    var vendors: [VendorRecord]
    var applications: [ApplicationRecord]
    var permits: [PermitRecord]
    var recyclingStations: [StationRecord]
    var haulers: [HaulerRecord]
    var disposalSites: [DisposalSiteRecord]

    enum CodingKeys: String, CodingKey {
        case markets, vendors, applications, permits, haulers
        case recyclingStations = "recycling_stations"
        case disposalSites = "disposal_sites"
    }

    func makeRequest() -> Markets.LoadMarketsRequest {
        Markets.LoadMarketsRequest(
            markets: markets.map {
                Markets.Market(
                    id: $0.id, name: $0.name, streetID: $0.streetID, address: $0.address, nearKind: $0.nearKind,
                    nearName: $0.nearName, lat: $0.lat, lon: $0.lon, opensAt: $0.opensAt, closesAt: $0.closesAt)
            },
            stalls: markets.flatMap { market in
                market.stalls.map {
                    Markets.Stall(
                        id: $0.id, marketID: market.id, number: $0.number, stallType: $0.stallType, sizeM2: $0.sizeM2,
                        monthlyFeeFen: $0.monthlyFeeFen, status: $0.status)
                }
            },
            vendors: vendors.map {
                Markets.Vendor(
                    id: $0.id, name: $0.name, idCard: $0.idCard, phone: $0.phone, goodsType: $0.goodsType,
                    hardship: $0.hardship, registeredAtMs: $0.registeredAt.milliseconds)
            },
            applications: applications.map {
                Markets.Application(
                    number: $0.number, vendorID: $0.vendorID, marketID: $0.marketID,
                    appliedAtMs: $0.appliedAt.milliseconds)
            },
            permits: permits.map {
                Markets.Permit(
                    id: $0.id, vendorID: $0.vendorID, stallID: $0.stallID, startAtMs: $0.startDate.start,
                    endAtMs: $0.endDate.end, status: "active")
            },
            stations: recyclingStations.map {
                Markets.Station(
                    id: $0.id, name: $0.name, streetID: $0.streetID, address: $0.address, lat: $0.lat, lon: $0.lon,
                    operatorName: $0.operatorName, licenseNumber: $0.licenseNumber,
                    licenseValidFromMs: $0.validFrom.start, licenseValidUntilMs: $0.validUntil.end)
            },
            haulers: haulers.map {
                Markets.Hauler(
                    id: $0.id, name: $0.name, licenseNumber: $0.licenseNumber, licenseValidFromMs: $0.validFrom.start,
                    licenseValidUntilMs: $0.validUntil.end,
                    vehicles: $0.vehicles.map { Markets.Vehicle(plate: $0.plate, capacityTonnes: $0.capacityTonnes) })
            },
            disposalSites: disposalSites.map {
                Markets.DisposalSite(
                    id: $0.id, name: $0.name, address: $0.address, lat: $0.lat, lon: $0.lon,
                    licenseNumber: $0.licenseNumber, licenseValidFromMs: $0.validFrom.start,
                    licenseValidUntilMs: $0.validUntil.end)
            })
    }
}

/// A "YYYY-MM-DD" day in UTC+8.
private struct DayValue: Decodable {
    /// 00:00 of the day.
    var start: Int64
    /// 00:00 of the next day, for dates that are the last day included.
    var end: Int64 { start + 86_400_000 }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let start = DistrictTime.dayStart(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "日期「\(text)」无效，应为 YYYY-MM-DD 格式的有效日期")
        }
        self.start = start
    }
}

/// An ISO 8601 date-time such as "2026-11-02T08:16:00+08:00".
private struct InstantValue: Decodable {
    var milliseconds: Int64

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let milliseconds = DistrictTime.instant(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "时间「\(text)」无效，应为 ISO 8601 格式，如 2026-11-02T08:16:00+08:00")
        }
        self.milliseconds = milliseconds
    }
}

private struct MarketRecord: Decodable {
    var id: String
    var name: String
    var streetID: String
    var address: String
    var nearKind: String
    var nearName: String
    var lat: Double
    var lon: Double
    var opensAt: String
    var closesAt: String
    var stalls: [StallRecord]

    enum CodingKeys: String, CodingKey {
        case id, name, address, lat, lon, stalls
        case streetID = "street_id"
        case nearKind = "near_kind"
        case nearName = "near_name"
        case opensAt = "opens_at"
        case closesAt = "closes_at"
    }
}

private struct StallRecord: Decodable {
    var id: String
    var number: String
    var stallType: String
    var sizeM2: Double
    var monthlyFeeFen: Int64
    var status: String

    enum CodingKeys: String, CodingKey {
        case id, number, status
        case stallType = "stall_type"
        case sizeM2 = "size_m2"
        case monthlyFeeYuan = "monthly_fee_yuan"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        number = try container.decode(String.self, forKey: .number)
        stallType = try container.decode(String.self, forKey: .stallType)
        sizeM2 = try container.decode(Double.self, forKey: .sizeM2)
        status = try container.decode(String.self, forKey: .status)

        let yuan = try container.decode(Double.self, forKey: .monthlyFeeYuan)
        guard yuan.isFinite, yuan >= 0, yuan <= 1_000_000 else {
            throw DecodingError.dataCorruptedError(
                forKey: .monthlyFeeYuan, in: container, debugDescription: "月租金应为 0 到 1000000 元，实际为 \(yuan)")
        }
        monthlyFeeFen = Int64((yuan * 100).rounded())
    }
}

private struct VendorRecord: Decodable {
    var id: String
    var name: String
    var idCard: String
    var phone: String
    var goodsType: String
    var hardship: Bool
    var registeredAt: InstantValue

    enum CodingKeys: String, CodingKey {
        case id, name, phone, hardship
        case idCard = "id_card"
        case goodsType = "goods_type"
        case registeredAt = "registered_at"
    }
}

private struct ApplicationRecord: Decodable {
    var number: String
    var vendorID: String
    var marketID: String
    var appliedAt: InstantValue

    enum CodingKeys: String, CodingKey {
        case number
        case vendorID = "vendor_id"
        case marketID = "market_id"
        case appliedAt = "applied_at"
    }
}

private struct PermitRecord: Decodable {
    var id: String
    var vendorID: String
    var stallID: String
    var startDate: DayValue
    var endDate: DayValue

    enum CodingKeys: String, CodingKey {
        case id
        case vendorID = "vendor_id"
        case stallID = "stall_id"
        case startDate = "start_date"
        case endDate = "end_date"
    }
}

private struct StationRecord: Decodable {
    var id: String
    var name: String
    var streetID: String
    var address: String
    var lat: Double
    var lon: Double
    var operatorName: String
    var licenseNumber: String
    var validFrom: DayValue
    var validUntil: DayValue

    enum CodingKeys: String, CodingKey {
        case id, name, address, lat, lon
        case streetID = "street_id"
        case operatorName = "operator"
        case licenseNumber = "license_number"
        case validFrom = "license_valid_from"
        case validUntil = "license_valid_until"
    }
}

private struct HaulerRecord: Decodable {
    var id: String
    var name: String
    var licenseNumber: String
    var validFrom: DayValue
    var validUntil: DayValue
    var vehicles: [VehicleRecord]

    enum CodingKeys: String, CodingKey {
        case id, name, vehicles
        case licenseNumber = "license_number"
        case validFrom = "license_valid_from"
        case validUntil = "license_valid_until"
    }
}

private struct VehicleRecord: Decodable {
    var plate: String
    var capacityTonnes: Double

    enum CodingKeys: String, CodingKey {
        case plate
        case capacityTonnes = "capacity_tonnes"
    }
}

private struct DisposalSiteRecord: Decodable {
    var id: String
    var name: String
    var address: String
    var lat: Double
    var lon: Double
    var licenseNumber: String
    var validFrom: DayValue
    var validUntil: DayValue

    enum CodingKeys: String, CodingKey {
        case id, name, address, lat, lon
        case licenseNumber = "license_number"
        case validFrom = "license_valid_from"
        case validUntil = "license_valid_until"
    }
}
