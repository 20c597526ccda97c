import JieluContract

/// The choice of the explicit rule, if any, that overrides the default
/// routing of one item on one street.
///
/// The caller applies the default routing when this returns nil. A `public`
/// item goes to the enforcement squad covering the street's sub-district,
/// with the street's lead cadre as assignee. A `residential` item goes to the
/// sub-district office, with the grid's staff member as assignee.
///
/// A rule applies when its scope is the street itself, the street's grid or
/// its sub-district, and its category code is the item's code or the item's
/// class code. Among applicable rules the most specific scope wins (street,
/// then grid, then sub_district); within one scope an item code beats a class
/// code.
enum ResponsibilityRouting {
    static func overridingRule(
        among rules: [Registry.ResponsibilityRule], street: Registry.Street, item: Registry.CategoryItem
    ) -> Registry.ResponsibilityRule? {
        let applicable = rules.filter { rule in
            scopeRank(rule, street: street) != nil
                && (rule.categoryCode == item.code || rule.categoryCode == item.classCode)
        }
        return applicable.min { left, right in
            let leftKey = (scopeRank(left, street: street)!, left.categoryCode == item.code ? 0 : 1)
            let rightKey = (scopeRank(right, street: street)!, right.categoryCode == item.code ? 0 : 1)
            return leftKey < rightKey
        }
    }

    /// Ranks a rule's scope: 0 for the street itself, 1 for its grid, 2 for its
    /// sub-district. Returns nil when the scope does not contain the street.
    static func scopeRank(_ rule: Registry.ResponsibilityRule, street: Registry.Street) -> Int? {
        switch rule.scope {
        case "street" where rule.scopeID == street.id: 0
        case "grid" where rule.scopeID == street.gridID: 1
        case "sub_district" where rule.scopeID == street.subDistrictID: 2
        default: nil
        }
    }

    /// Builds the `decided_by` text of a response.
    static func decidedBy(rule: Registry.ResponsibilityRule?, area: String) -> String {
        if let rule {
            return "override:\(rule.scope):\(rule.scopeID):\(rule.categoryCode)"
        }
        return area == "residential" ? "default_residential" : "default_public"
    }
}
