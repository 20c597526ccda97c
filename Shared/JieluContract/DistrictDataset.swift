import Foundation

/// Reads a district dataset file (deploy/data/district.json, written by
/// deploy/data/generate.py) into the `Registry.District` that `LoadDistrict`
/// takes.
///
/// The file is one JSON object with the keys `district`, `sub_districts`,
/// `communities`, `grids`, `units`, `staff`, `streets`, `categories` and
/// `rules`, each field named as in registry.proto (snake_case). A missing or
/// null optional field (`staff_id` of a rule, `leader_id` of a community, …)
/// becomes the empty string, as an unset proto3 field would. Keys the mirror
/// does not know are ignored. This only decodes: whether references resolve is
/// checked by the registry's `LoadDistrict`.
public enum DistrictDataset {
    /// Decodes the dataset at `path`.
    ///
    /// - Throws: `DistrictDatasetError` naming the file and, for a malformed
    ///   document, the JSON path of the bad value (for example
    ///   `streets[3].cadre_ids`).
    public static func load(path: String) throws -> Registry.District {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DistrictDatasetError(path: path, jsonPath: "", problem: "无法读取文件（\(error.localizedDescription)）")
        }
        return try decode(data, path: path)
    }

    /// Decodes dataset bytes; `path` only names the source in errors.
    ///
    /// - Throws: `DistrictDatasetError` as `load(path:)`.
    public static func decode(_ data: Data, path: String) throws -> Registry.District {
        do {
            let file = try JSONDecoder().decode(DatasetFile.self, from: data)
            return file.makeDistrict()
        } catch let error as DecodingError {
            throw DistrictDatasetError(decodingError: error, path: path)
        } catch {
            throw DistrictDatasetError(path: path, jsonPath: "", problem: "不是有效的 JSON（\(error)）")
        }
    }
}

/// A dataset file that could not be read or decoded. `description` is the
/// Simplified Chinese text shown to staff.
public struct DistrictDatasetError: Error, CustomStringConvertible, Sendable {
    public let path: String
    /// Dotted path of the bad value such as `streets[3].grade`; empty when the
    /// whole file is at fault.
    public let jsonPath: String
    public let problem: String

    public init(path: String, jsonPath: String, problem: String) {
        self.path = path
        self.jsonPath = jsonPath
        self.problem = problem
    }

    init(decodingError: DecodingError, path: String) {
        switch decodingError {
        case .keyNotFound(let key, let context):
            self.init(
                path: path, jsonPath: DistrictDatasetError.render(context.codingPath + [key]),
                problem: "缺少必填字段")
        case .typeMismatch(let type, let context):
            self.init(
                path: path, jsonPath: DistrictDatasetError.render(context.codingPath),
                problem: "类型不符，应为 \(DistrictDatasetError.typeName(type))")
        case .valueNotFound(let type, let context):
            self.init(
                path: path, jsonPath: DistrictDatasetError.render(context.codingPath),
                problem: "值为 null，应为 \(DistrictDatasetError.typeName(type))")
        case .dataCorrupted(let context):
            self.init(
                path: path, jsonPath: DistrictDatasetError.render(context.codingPath),
                problem: "数据无效（\(context.debugDescription)）")
        @unknown default:
            self.init(path: path, jsonPath: "", problem: "无法解析（\(decodingError)）")
        }
    }

    public var description: String {
        if jsonPath.isEmpty {
            return "辖区数据文件 \(path)：\(problem)"
        }
        return "辖区数据文件 \(path) 的 \(jsonPath)：\(problem)"
    }

    /// Renders a coding path as `streets[3].grade`.
    static func render(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "字符串"
        case is Double.Type: "数字"
        case is UInt32.Type: "非负整数"
        case is [String].Type: "字符串数组"
        default: "\(type)"
        }
    }
}

// MARK: JSON mirror of district.json

/// The top-level object of district.json.
private struct DatasetFile: Decodable {
    var district: DistrictHeader
    var subDistricts: [SubDistrictRecord]
    var communities: [CommunityRecord]
    var grids: [GridRecord]
    var units: [UnitRecord]
    var staff: [StaffRecord]
    var streets: [StreetRecord]
    var categories: [CategoryClassRecord]
    var rules: [RuleRecord]

    enum CodingKeys: String, CodingKey {
        case district
        case subDistricts = "sub_districts"
        case communities, grids, units, staff, streets, categories, rules
    }

    func makeDistrict() -> Registry.District {
        Registry.District(
            id: district.id,
            name: district.name,
            centerLat: district.centerLat,
            centerLon: district.centerLon,
            subDistricts: subDistricts.map { Registry.SubDistrict(id: $0.id, name: $0.name) },
            communities: communities.map {
                Registry.Community(id: $0.id, name: $0.name, subDistrictID: $0.subDistrictID, leaderID: $0.leaderID ?? "")
            },
            grids: grids.map {
                Registry.Grid(id: $0.id, name: $0.name, communityID: $0.communityID, staffID: $0.staffID ?? "")
            },
            units: units.map {
                Registry.Unit(id: $0.id, name: $0.name, kind: $0.kind, subDistrictIDs: $0.subDistrictIDs ?? [])
            },
            staff: staff.map {
                Registry.Staff(id: $0.id, name: $0.name, role: $0.role, unitID: $0.unitID, phone: $0.phone ?? "")
            },
            streets: streets.map {
                Registry.Street(
                    id: $0.id, name: $0.name, grade: $0.grade, subDistrictID: $0.subDistrictID,
                    communityID: $0.communityID, gridID: $0.gridID, boardCode: $0.boardCode,
                    cadreIDs: $0.cadreIDs, lat: $0.lat, lon: $0.lon)
            },
            categories: categories.map { categoryClass in
                Registry.CategoryClass(
                    code: categoryClass.code, name: categoryClass.name,
                    items: categoryClass.items.map {
                        Registry.CategoryItem(
                            code: $0.code, name: $0.name, timeLimitHours: $0.timeLimitHours, area: $0.area)
                    })
            },
            rules: rules.map {
                Registry.ResponsibilityRule(
                    scope: $0.scope, scopeID: $0.scopeID, categoryCode: $0.categoryCode,
                    unitID: $0.unitID, staffID: $0.staffID ?? "")
            })
    }
}

private struct DistrictHeader: Decodable {
    var id: String
    var name: String
    var centerLat: Double
    var centerLon: Double

    enum CodingKeys: String, CodingKey {
        case id, name
        case centerLat = "center_lat"
        case centerLon = "center_lon"
    }
}

private struct SubDistrictRecord: Decodable {
    var id: String
    var name: String
}

private struct CommunityRecord: Decodable {
    var id: String
    var name: String
    var subDistrictID: String
    var leaderID: String?

    enum CodingKeys: String, CodingKey {
        case id, name
        case subDistrictID = "sub_district_id"
        case leaderID = "leader_id"
    }
}

private struct GridRecord: Decodable {
    var id: String
    var name: String
    var communityID: String
    var staffID: String?

    enum CodingKeys: String, CodingKey {
        case id, name
        case communityID = "community_id"
        case staffID = "staff_id"
    }
}

private struct UnitRecord: Decodable {
    var id: String
    var name: String
    var kind: String
    var subDistrictIDs: [String]?

    enum CodingKeys: String, CodingKey {
        case id, name, kind
        case subDistrictIDs = "sub_district_ids"
    }
}

private struct StaffRecord: Decodable {
    var id: String
    var name: String
    var role: String
    var unitID: String
    var phone: String?

    enum CodingKeys: String, CodingKey {
        case id, name, role, phone
        case unitID = "unit_id"
    }
}

private struct StreetRecord: Decodable {
    var id: String
    var name: String
    var grade: String
    var subDistrictID: String
    var communityID: String
    var gridID: String
    var boardCode: String
    var cadreIDs: [String]
    var lat: Double
    var lon: Double

    enum CodingKeys: String, CodingKey {
        case id, name, grade, lat, lon
        case subDistrictID = "sub_district_id"
        case communityID = "community_id"
        case gridID = "grid_id"
        case boardCode = "board_code"
        case cadreIDs = "cadre_ids"
    }
}

private struct CategoryClassRecord: Decodable {
    var code: String
    var name: String
    var items: [CategoryItemRecord]
}

private struct CategoryItemRecord: Decodable {
    var code: String
    var name: String
    var timeLimitHours: UInt32
    var area: String

    enum CodingKeys: String, CodingKey {
        case code, name, area
        case timeLimitHours = "time_limit_hours"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        name = try container.decode(String.self, forKey: .name)
        area = try container.decode(String.self, forKey: .area)

        // Foundation's JSONDecoder on Linux reports an out-of-range integer
        // without its coding path, so the range is checked here.
        let hours = try container.decode(Double.self, forKey: .timeLimitHours)
        guard hours >= 0, hours <= Double(UInt32.max), hours.rounded() == hours else {
            throw DecodingError.dataCorruptedError(
                forKey: .timeLimitHours, in: container, debugDescription: "应为非负整数小时数，实际为 \(hours)")
        }
        timeLimitHours = UInt32(hours)
    }
}

private struct RuleRecord: Decodable {
    var scope: String
    var scopeID: String
    var categoryCode: String
    var unitID: String
    var staffID: String?

    enum CodingKeys: String, CodingKey {
        case scope
        case scopeID = "scope_id"
        case categoryCode = "category_code"
        case unitID = "unit_id"
        case staffID = "staff_id"
    }
}
