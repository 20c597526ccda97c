import Foundation
import JieluContract
import JieluCore

/// Checks a whole district dataset before `LoadDistrict` writes any of it.
///
/// Rules:
/// - every id is non-empty and unique within its kind, and every name is non-empty;
/// - every reference resolves: community → sub-district and leader, grid →
///   community and staff, street → sub-district, community, grid and cadres,
///   staff → unit, unit → sub-districts, rule → scope entity, category, unit
///   and optional staff;
/// - a street's grid lies in the street's community, and that community in
///   the street's sub-district;
/// - grades are A, B or C, and board codes are unique 16-character `RandomCode`s;
/// - item codes are unique and differ from class codes, time limits are
///   1…720 hours, and areas are public or residential;
/// - every sub-district has an enforcement squad and a sub-district office,
///   because default routing needs both.
enum DistrictValidator {
    /// Problems listed in the error message; the count of the rest is appended.
    static let maximumReportedProblems = 20

    static let maximumTimeLimitHours: UInt32 = 720
    static let boardCodeLength = 16
    static let grades: Set<String> = ["A", "B", "C"]
    static let areas: Set<String> = ["public", "residential"]
    static let unitKinds: Set<String> = ["enforcement_squad", "sub_district_office", "district_office"]
    static let staffRoles: Set<String> = ["street_cadre", "sub_district_leader", "grid_staff", "squad_member"]
    static let ruleScopes: Set<String> = ["street", "grid", "sub_district"]

    /// Returns every problem found, in dataset order; empty when the dataset is valid.
    static func problems(in district: Registry.District) -> [String] {
        var check = Checker()
        check.header(district)

        let subDistrictIDs = check.uniqueIDs(district.subDistricts.map(\.id), kind: "街道")
        let communityIDs = check.uniqueIDs(district.communities.map(\.id), kind: "社区")
        let gridIDs = check.uniqueIDs(district.grids.map(\.id), kind: "网格")
        let unitIDs = check.uniqueIDs(district.units.map(\.id), kind: "单位")
        let staffIDs = check.uniqueIDs(district.staff.map(\.id), kind: "人员")
        _ = check.uniqueIDs(district.streets.map(\.id), kind: "街路")

        for subDistrict in district.subDistricts {
            check.name(subDistrict.name, of: "街道 \(subDistrict.id)")
        }

        let communityByID = Dictionary(district.communities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for community in district.communities {
            let label = "社区 \(community.id)"
            check.name(community.name, of: label)
            check.reference(community.subDistrictID, in: subDistrictIDs, from: label, field: "sub_district_id", kind: "街道")
            check.reference(community.leaderID, in: staffIDs, from: label, field: "leader_id", kind: "人员")
        }

        let gridByID = Dictionary(district.grids.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for grid in district.grids {
            let label = "网格 \(grid.id)"
            check.name(grid.name, of: label)
            check.reference(grid.communityID, in: communityIDs, from: label, field: "community_id", kind: "社区")
            check.reference(grid.staffID, in: staffIDs, from: label, field: "staff_id", kind: "人员")
        }

        check.units(district.units, subDistrictIDs: subDistrictIDs)

        for person in district.staff {
            let label = "人员 \(person.id)"
            check.name(person.name, of: label)
            if !staffRoles.contains(person.role) {
                check.add("\(label) 的 role「\(person.role)」无效，应为 street_cadre、sub_district_leader、grid_staff 或 squad_member")
            }
            check.reference(person.unitID, in: unitIDs, from: label, field: "unit_id", kind: "单位")
        }

        check.streets(
            district.streets, subDistrictIDs: subDistrictIDs, communityByID: communityByID, gridByID: gridByID,
            staffIDs: staffIDs)

        let (classCodes, itemCodes) = check.categories(district.categories)

        check.rules(
            district.rules,
            scopeIDs: ["street": Set(district.streets.map(\.id)), "grid": gridIDs, "sub_district": subDistrictIDs],
            categoryCodes: classCodes.union(itemCodes), unitIDs: unitIDs, staffIDs: staffIDs)

        check.coverage(subDistricts: district.subDistricts, units: district.units)
        return check.problems
    }

    /// Throws INVALID_ARGUMENT with reason `invalid_dataset` and field
    /// `district` when `problems(in:)` finds anything; the message lists the
    /// first `maximumReportedProblems`.
    static func validate(_ district: Registry.District) throws {
        let found = problems(in: district)
        guard !found.isEmpty else {
            return
        }
        var message = "辖区数据未通过校验，共 \(found.count) 处问题，未写入任何数据："
        message += found.prefix(maximumReportedProblems).joined(separator: "；")
        if found.count > maximumReportedProblems {
            message += "；另有 \(found.count - maximumReportedProblems) 处问题未列出"
        }
        message += "。请修正数据文件后重新导入。"
        throw ServiceError.invalid("district", reason: "invalid_dataset", message: message)
    }
}

/// Collects problems; each `check…` method adds Chinese sentences naming the
/// entity id and the fault.
private struct Checker {
    var problems: [String] = []

    mutating func add(_ problem: String) {
        problems.append(problem)
    }

    mutating func header(_ district: Registry.District) {
        if district.id.isEmpty {
            add("辖区 id 为空")
        }
        if district.name.isEmpty {
            add("辖区 \(district.id) 的名称为空")
        }
    }

    /// Reports empty and repeated ids and returns the set of distinct non-empty ids.
    mutating func uniqueIDs(_ ids: [String], kind: String) -> Set<String> {
        var seen: Set<String> = []
        var reported: Set<String> = []
        for (index, id) in ids.enumerated() {
            if id.isEmpty {
                add("第 \(index + 1) 个\(kind)的 id 为空")
                continue
            }
            if !seen.insert(id).inserted && reported.insert(id).inserted {
                add("\(kind) id「\(id)」重复")
            }
        }
        return seen
    }

    mutating func name(_ name: String, of label: String) {
        if name.trimmingWhitespace().isEmpty {
            add("\(label) 的名称为空")
        }
    }

    mutating func reference(_ id: String, in known: Set<String>, from label: String, field: String, kind: String) {
        if id.isEmpty {
            add("\(label) 缺少 \(field)")
        } else if !known.contains(id) {
            add("\(label) 的 \(field)「\(id)」不是已有的\(kind)")
        }
    }

    mutating func units(_ units: [Registry.Unit], subDistrictIDs: Set<String>) {
        for unit in units {
            let label = "单位 \(unit.id)"
            name(unit.name, of: label)
            if !DistrictValidator.unitKinds.contains(unit.kind) {
                add("\(label) 的 kind「\(unit.kind)」无效，应为 enforcement_squad、sub_district_office 或 district_office")
            }
            for subDistrictID in unit.subDistrictIDs {
                reference(subDistrictID, in: subDistrictIDs, from: label, field: "sub_district_ids", kind: "街道")
            }
        }
    }

    mutating func streets(
        _ streets: [Registry.Street], subDistrictIDs: Set<String>, communityByID: [String: Registry.Community],
        gridByID: [String: Registry.Grid], staffIDs: Set<String>
    ) {
        var boardCodeOwner: [String: String] = [:]
        for street in streets {
            let label = "街路 \(street.id)"
            name(street.name, of: label)
            if !DistrictValidator.grades.contains(street.grade) {
                add("\(label) 的等级「\(street.grade)」无效，应为 A、B 或 C")
            }
            reference(street.subDistrictID, in: subDistrictIDs, from: label, field: "sub_district_id", kind: "街道")
            reference(street.communityID, in: Set(communityByID.keys), from: label, field: "community_id", kind: "社区")
            reference(street.gridID, in: Set(gridByID.keys), from: label, field: "grid_id", kind: "网格")

            if let community = communityByID[street.communityID], !street.subDistrictID.isEmpty,
                community.subDistrictID != street.subDistrictID
            {
                add("\(label) 的社区 \(community.id) 属于街道 \(community.subDistrictID)，不是街路所在的街道 \(street.subDistrictID)")
            }
            if let grid = gridByID[street.gridID], !street.communityID.isEmpty, grid.communityID != street.communityID {
                add("\(label) 的网格 \(grid.id) 属于社区 \(grid.communityID)，不是街路所在的社区 \(street.communityID)")
            }

            if !RandomCode.isWellFormed(street.boardCode, length: DistrictValidator.boardCodeLength) {
                add("\(label) 的街路牌编码「\(street.boardCode)」格式无效，应为 \(DistrictValidator.boardCodeLength) 位且只含 \(String(RandomCode.alphabet)) 中的字符")
            } else if let owner = boardCodeOwner[street.boardCode] {
                add("\(label) 的街路牌编码「\(street.boardCode)」与街路 \(owner) 重复")
            } else {
                boardCodeOwner[street.boardCode] = street.id
            }

            if street.cadreIDs.isEmpty {
                add("\(label) 没有包保干部（cadre_ids 为空），第一位是街路长")
            }
            for cadreID in street.cadreIDs {
                reference(cadreID, in: staffIDs, from: label, field: "cadre_ids", kind: "人员")
            }
            if !(-90.0...90.0).contains(street.lat) || !(-180.0...180.0).contains(street.lon) {
                add("\(label) 的坐标（\(street.lat), \(street.lon)）超出经纬度范围")
            }
        }
    }

    /// Checks the catalog and returns its class codes and item codes.
    mutating func categories(_ classes: [Registry.CategoryClass]) -> (classCodes: Set<String>, itemCodes: Set<String>) {
        let classCodes = uniqueIDs(classes.map(\.code), kind: "事项大类")
        var itemCodes: Set<String> = []
        for categoryClass in classes {
            let classLabel = "事项大类 \(categoryClass.code)"
            name(categoryClass.name, of: classLabel)
            for item in categoryClass.items {
                let label = "事项 \(item.code)"
                if item.code.isEmpty {
                    add("\(classLabel) 下有事项的编码为空")
                    continue
                }
                if !itemCodes.insert(item.code).inserted {
                    add("事项编码「\(item.code)」重复")
                } else if classCodes.contains(item.code) {
                    add("事项编码「\(item.code)」与事项大类编码相同")
                }
                name(item.name, of: label)
                if !(1...DistrictValidator.maximumTimeLimitHours).contains(item.timeLimitHours) {
                    add("\(label) 的处置时限 \(item.timeLimitHours) 小时无效，应为 1 到 \(DistrictValidator.maximumTimeLimitHours) 小时")
                }
                if !DistrictValidator.areas.contains(item.area) {
                    add("\(label) 的区域「\(item.area)」无效，应为 public 或 residential")
                }
            }
        }
        return (classCodes, itemCodes)
    }

    mutating func rules(
        _ rules: [Registry.ResponsibilityRule], scopeIDs: [String: Set<String>], categoryCodes: Set<String>,
        unitIDs: Set<String>, staffIDs: Set<String>
    ) {
        var seenKeys: Set<String> = []
        for (index, rule) in rules.enumerated() {
            let label = "第 \(index + 1) 条责任规则（\(rule.scope):\(rule.scopeID):\(rule.categoryCode)）"
            if let known = scopeIDs[rule.scope] {
                reference(rule.scopeID, in: known, from: label, field: "scope_id", kind: DistrictValidator.scopeKindName(rule.scope))
            } else {
                add("\(label) 的 scope「\(rule.scope)」无效，应为 street、grid 或 sub_district")
            }
            if rule.categoryCode.isEmpty {
                add("\(label) 缺少 category_code")
            } else if !categoryCodes.contains(rule.categoryCode) {
                add("\(label) 的 category_code「\(rule.categoryCode)」不是已有的事项或事项大类")
            }
            reference(rule.unitID, in: unitIDs, from: label, field: "unit_id", kind: "单位")
            if !rule.staffID.isEmpty {
                reference(rule.staffID, in: staffIDs, from: label, field: "staff_id", kind: "人员")
            }
            if !seenKeys.insert("\(rule.scope)\u{0}\(rule.scopeID)\u{0}\(rule.categoryCode)").inserted {
                add("\(label) 与前面的规则作用范围和事项相同，无法确定以哪条为准")
            }
        }
    }

    /// Checks that each sub-district has an enforcement squad (public items)
    /// and a sub-district office (residential items) for default routing.
    mutating func coverage(subDistricts: [Registry.SubDistrict], units: [Registry.Unit]) {
        for subDistrict in subDistricts where !subDistrict.id.isEmpty {
            let covering = units.filter { $0.subDistrictIDs.contains(subDistrict.id) }
            if !covering.contains(where: { $0.kind == "enforcement_squad" }) {
                add("街道 \(subDistrict.id) 没有负责的城管中队（kind 为 enforcement_squad 且 sub_district_ids 含该街道的单位）")
            }
            if !covering.contains(where: { $0.kind == "sub_district_office" }) {
                add("街道 \(subDistrict.id) 没有街道办事处（kind 为 sub_district_office 且 sub_district_ids 含该街道的单位）")
            }
        }
    }
}

extension DistrictValidator {
    static func scopeKindName(_ scope: String) -> String {
        switch scope {
        case "street": "街路"
        case "grid": "网格"
        default: "街道"
        }
    }
}
