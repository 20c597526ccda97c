import JieluContract
import JieluStore

/// The district tables of the registry database: the whole-dataset
/// replacement and the reads behind `ListStreets`, `ListCategories` and
/// `GetStaff`. Board and routing reads are in their own files.
///
/// Every read runs in one `db.read` snapshot, so it never returns half of a
/// `LoadDistrict`.
struct RegistryStore: Sendable {
    let database: Database

    // MARK: Replacing the dataset

    /// Deletes every district table and inserts `district` in one write
    /// transaction. The tokens table stays as it is. On any failure the
    /// transaction rolls back and the previous dataset stays.
    ///
    /// - Precondition: `district` passed `DistrictValidator.validate`.
    /// - Throws: `StoreError` when SQLite fails.
    func replaceDistrict(_ district: Registry.District) throws {
        try database.write { connection in
            for table in RegistrySchema.districtTables {
                try connection.run("DELETE FROM \(table)")
            }

            try connection.run(
                "INSERT INTO district (id, name, center_lat, center_lon) VALUES (?, ?, ?, ?)",
                district.id, district.name, district.centerLat, district.centerLon)
            for (position, subDistrict) in district.subDistricts.enumerated() {
                try connection.run(
                    "INSERT INTO sub_districts (id, name, position) VALUES (?, ?, ?)",
                    subDistrict.id, subDistrict.name, position)
            }
            for (position, community) in district.communities.enumerated() {
                try connection.run(
                    "INSERT INTO communities (id, name, sub_district_id, leader_id, position) VALUES (?, ?, ?, ?, ?)",
                    community.id, community.name, community.subDistrictID, community.leaderID, position)
            }
            for (position, grid) in district.grids.enumerated() {
                try connection.run(
                    "INSERT INTO grids (id, name, community_id, staff_id, position) VALUES (?, ?, ?, ?, ?)",
                    grid.id, grid.name, grid.communityID, grid.staffID, position)
            }
            for (position, unit) in district.units.enumerated() {
                try connection.run(
                    "INSERT INTO units (id, name, kind, position) VALUES (?, ?, ?, ?)",
                    unit.id, unit.name, unit.kind, position)
                for (index, subDistrictID) in unit.subDistrictIDs.enumerated() {
                    try connection.run(
                        "INSERT INTO unit_sub_districts (unit_id, position, sub_district_id) VALUES (?, ?, ?)",
                        unit.id, index, subDistrictID)
                }
            }
            for (position, person) in district.staff.enumerated() {
                try connection.run(
                    "INSERT INTO staff (id, name, role, unit_id, phone, position) VALUES (?, ?, ?, ?, ?, ?)",
                    person.id, person.name, person.role, person.unitID, person.phone, position)
            }
            try insertStreets(district.streets, connection: connection)
            try insertCategories(district.categories, connection: connection)
            for (position, rule) in district.rules.enumerated() {
                try connection.run(
                    """
                    INSERT INTO responsibility_rules (position, scope, scope_id, category_code, unit_id, staff_id)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                    position, rule.scope, rule.scopeID, rule.categoryCode, rule.unitID, rule.staffID)
            }
        }
    }

    private func insertStreets(_ streets: [Registry.Street], connection: SQLiteConnection) throws {
        for street in streets {
            try connection.run(
                """
                INSERT INTO streets (id, name, grade, sub_district_id, community_id, grid_id, board_code, lat, lon)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                street.id, street.name, street.grade, street.subDistrictID, street.communityID, street.gridID,
                street.boardCode, street.lat, street.lon)
            for (position, cadreID) in street.cadreIDs.enumerated() {
                try connection.run(
                    "INSERT INTO street_cadres (street_id, position, staff_id) VALUES (?, ?, ?)",
                    street.id, position, cadreID)
            }
        }
    }

    private func insertCategories(_ classes: [Registry.CategoryClass], connection: SQLiteConnection) throws {
        for categoryClass in classes {
            try connection.run(
                "INSERT INTO category_classes (code, name) VALUES (?, ?)", categoryClass.code, categoryClass.name)
            for item in categoryClass.items {
                try connection.run(
                    "INSERT INTO category_items (code, class_code, name, time_limit_hours, area) VALUES (?, ?, ?, ?, ?)",
                    item.code, categoryClass.code, item.name, item.timeLimitHours, item.area)
            }
        }
    }

    // MARK: Reads

    /// Lists streets sorted by id, all of them or those of one sub-district, with
    /// their cadre ids and the names of their sub-district and community.
    func streets(subDistrictID: String) throws -> [Registry.Street] {
        try database.read { connection in
            let filter = subDistrictID.isEmpty ? "" : "WHERE s.sub_district_id = ?"
            let bindings: [any SQLBindable] = subDistrictID.isEmpty ? [] : [subDistrictID]
            let rows = try connection.query(
                "\(RegistryStore.streetSelect) \(filter) ORDER BY s.id", bindings: bindings)

            let cadreRows = try connection.query(
                """
                SELECT street_id, staff_id FROM street_cadres
                WHERE ?1 = '' OR street_id IN (SELECT id FROM streets WHERE sub_district_id = ?1)
                ORDER BY street_id, position
                """, subDistrictID)
            var cadresByStreet: [String: [String]] = [:]
            for row in cadreRows {
                cadresByStreet[row.string("street_id"), default: []].append(row.string("staff_id"))
            }

            return rows.map { row in
                var street = RegistryStore.street(from: row)
                street.cadreIDs = cadresByStreet[street.id] ?? []
                return street
            }
        }
    }

    /// Returns whether a sub-district with `id` exists.
    func hasSubDistrict(_ id: String) throws -> Bool {
        try database.read { connection in
            try connection.queryOne("SELECT 1 FROM sub_districts WHERE id = ?", id) != nil
        }
    }

    /// Reads the catalog: classes in code order, each with its items in code order
    /// and `classCode`/`className` filled in.
    func categoryClasses() throws -> [Registry.CategoryClass] {
        try database.read { connection in
            let classRows = try connection.query("SELECT code, name FROM category_classes ORDER BY code")
            let itemRows = try connection.query(
                "SELECT code, class_code, name, time_limit_hours, area FROM category_items ORDER BY code")

            var classes = classRows.map { row in
                Registry.CategoryClass(code: row.string("code"), name: row.string("name"))
            }
            let indexByCode = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1.code, $0) })
            for row in itemRows {
                guard let index = indexByCode[row.string("class_code")] else {
                    continue
                }
                classes[index].items.append(
                    Registry.CategoryItem(
                        code: row.string("code"), name: row.string("name"),
                        timeLimitHours: UInt32(clamping: row.int64("time_limit_hours")), area: row.string("area"),
                        classCode: classes[index].code, className: classes[index].name))
            }
            return classes
        }
    }

    /// Finds the staff member with `id`, or returns nil.
    func staff(id: String) throws -> Registry.Staff? {
        try database.read { connection in
            try RegistryStore.staff(id: id, connection: connection)
        }
    }

    // MARK: Row mapping shared by the read files

    /// Selects a street with its sub-district and community names; alias `s`.
    static let streetSelect = """
        SELECT s.id, s.name, s.grade, s.sub_district_id, s.community_id, s.grid_id, s.board_code, s.lat, s.lon,
               sd.name AS sub_district_name, c.name AS community_name
        FROM streets s
        JOIN sub_districts sd ON sd.id = s.sub_district_id
        JOIN communities c ON c.id = s.community_id
        """

    /// Builds a street from a row of `streetSelect`, without cadre ids.
    static func street(from row: Row) -> Registry.Street {
        Registry.Street(
            id: row.string("id"), name: row.string("name"), grade: row.string("grade"),
            subDistrictID: row.string("sub_district_id"), communityID: row.string("community_id"),
            gridID: row.string("grid_id"), boardCode: row.string("board_code"),
            lat: row.double("lat"), lon: row.double("lon"),
            subDistrictName: row.string("sub_district_name"), communityName: row.string("community_name"))
    }

    static func cadreIDs(streetID: String, connection: SQLiteConnection) throws -> [String] {
        try connection.query(
            "SELECT staff_id FROM street_cadres WHERE street_id = ? ORDER BY position", streetID
        ).map { $0.string("staff_id") }
    }

    static func staff(id: String, connection: SQLiteConnection) throws -> Registry.Staff? {
        try connection.queryOne("SELECT id, name, role, unit_id, phone FROM staff WHERE id = ?", id).map(staff(from:))
    }

    static func staff(from row: Row) -> Registry.Staff {
        Registry.Staff(
            id: row.string("id"), name: row.string("name"), role: row.string("role"),
            unitID: row.string("unit_id"), phone: row.string("phone"))
    }

    static func unit(id: String, connection: SQLiteConnection) throws -> Registry.Unit? {
        guard let row = try connection.queryOne("SELECT id, name, kind FROM units WHERE id = ?", id) else {
            return nil
        }
        let subDistrictIDs = try connection.query(
            "SELECT sub_district_id FROM unit_sub_districts WHERE unit_id = ? ORDER BY position", id
        ).map { $0.string("sub_district_id") }
        return Registry.Unit(
            id: row.string("id"), name: row.string("name"), kind: row.string("kind"), subDistrictIDs: subDistrictIDs)
    }

    /// Finds the first unit in dataset order of `kind` that covers `subDistrictID`, or returns nil.
    static func coveringUnit(kind: String, subDistrictID: String, connection: SQLiteConnection) throws -> Registry.Unit? {
        let row = try connection.queryOne(
            """
            SELECT u.id FROM units u
            JOIN unit_sub_districts us ON us.unit_id = u.id
            WHERE us.sub_district_id = ? AND u.kind = ?
            ORDER BY u.position LIMIT 1
            """, subDistrictID, kind)
        guard let row else {
            return nil
        }
        return try unit(id: row.string("id"), connection: connection)
    }
}
