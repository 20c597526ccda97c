import JieluContract
import JieluCore
import JieluStore

extension RegistryStore {
    /// Routes `item` on the street with `streetID`, reading everything in one
    /// snapshot; nil when no street has that id.
    ///
    /// See `ResponsibilityRouting` for the rules. A rule without a staff id
    /// keeps the default person of the item's area.
    ///
    /// - Throws: FAILED_PRECONDITION with reason `no_responsible_unit` when
    ///   the stored dataset lacks the unit or person that routing needs. A
    ///   validated dataset always has them. `StoreError` when SQLite fails.
    func responsibility(streetID: String, item: Registry.CategoryItem) throws -> Registry.Responsibility? {
        try database.read { connection in
            guard let row = try connection.queryOne("\(RegistryStore.streetSelect) WHERE s.id = ?", streetID) else {
                return nil
            }
            var street = RegistryStore.street(from: row)
            street.cadreIDs = try RegistryStore.cadreIDs(streetID: street.id, connection: connection)

            let rules = try connection.query(
                """
                SELECT scope, scope_id, category_code, unit_id, staff_id FROM responsibility_rules
                WHERE category_code IN (?, ?)
                  AND ((scope = 'street' AND scope_id = ?) OR (scope = 'grid' AND scope_id = ?)
                       OR (scope = 'sub_district' AND scope_id = ?))
                """,
                item.code, item.classCode, street.id, street.gridID, street.subDistrictID
            ).map { row in
                Registry.ResponsibilityRule(
                    scope: row.string("scope"), scopeID: row.string("scope_id"),
                    categoryCode: row.string("category_code"), unitID: row.string("unit_id"),
                    staffID: row.string("staff_id"))
            }
            let rule = ResponsibilityRouting.overridingRule(among: rules, street: street, item: item)

            let isResidential = item.area == "residential"
            let unit: Registry.Unit?
            if let rule {
                unit = try RegistryStore.unit(id: rule.unitID, connection: connection)
            } else {
                unit = try RegistryStore.coveringUnit(
                    kind: isResidential ? "sub_district_office" : "enforcement_squad",
                    subDistrictID: street.subDistrictID, connection: connection)
            }

            let assigneeID: String
            if let rule, !rule.staffID.isEmpty {
                assigneeID = rule.staffID
            } else if isResidential {
                assigneeID = try connection.queryOne("SELECT staff_id FROM grids WHERE id = ?", street.gridID)?
                    .string("staff_id") ?? ""
            } else {
                assigneeID = street.cadreIDs.first ?? ""
            }
            let assignee = try RegistryStore.staff(id: assigneeID, connection: connection)

            guard let unit, let assignee else {
                throw ServiceError(
                    .failedPrecondition, reason: "no_responsible_unit",
                    message: "街路 \(street.id) 的事项 \(item.code) 找不到负责单位或责任人，请管理员检查并重新导入辖区数据。")
            }
            return Registry.Responsibility(
                street: street, category: item, unit: unit, assignee: assignee,
                decidedBy: ResponsibilityRouting.decidedBy(rule: rule, area: item.area))
        }
    }
}
