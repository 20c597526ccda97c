import JieluContract
import JieluCore
import JieluStore

extension RegistryStore {
    /// The public board of the street with `boardCode`, or nil when no street has it.
    ///
    /// People, in this order:
    /// - the street's cadres (role `street_cadre`), the lead first;
    /// - the community's sub-district leader;
    /// - the grid's staff member;
    /// - the enforcement squad covering the sub-district, shown as its first
    ///   squad member in dataset order (the member on duty) with the squad's
    ///   name as unit. A squad without members is listed under its own name
    ///   with no staff id or phone.
    ///
    /// Every phone is masked with `maskPhone`.
    func board(code: String) throws -> Registry.Board? {
        try database.read { connection in
            let row = try connection.queryOne(
                """
                SELECT s.id, s.name, s.grade, s.sub_district_id, s.community_id, s.grid_id, s.board_code, s.lat, s.lon,
                       sd.name AS sub_district_name, c.name AS community_name, c.leader_id,
                       g.name AS grid_name, g.staff_id AS grid_staff_id
                FROM streets s
                JOIN sub_districts sd ON sd.id = s.sub_district_id
                JOIN communities c ON c.id = s.community_id
                JOIN grids g ON g.id = s.grid_id
                WHERE s.board_code = ?
                """, code)
            guard let row else {
                return nil
            }

            var street = RegistryStore.street(from: row)
            street.cadreIDs = try RegistryStore.cadreIDs(streetID: street.id, connection: connection)

            var people: [Registry.ResponsiblePerson] = []
            for cadreID in street.cadreIDs {
                if let person = try RegistryStore.responsiblePerson(staffID: cadreID, role: "street_cadre", connection: connection) {
                    people.append(person)
                }
            }
            if let leader = try RegistryStore.responsiblePerson(
                staffID: row.string("leader_id"), role: "sub_district_leader", connection: connection)
            {
                people.append(leader)
            }
            if let gridStaff = try RegistryStore.responsiblePerson(
                staffID: row.string("grid_staff_id"), role: "grid_staff", connection: connection)
            {
                people.append(gridStaff)
            }
            if let squad = try RegistryStore.squadOnDuty(subDistrictID: street.subDistrictID, connection: connection) {
                people.append(squad)
            }

            return Registry.Board(
                street: street, subDistrictName: street.subDistrictName, communityName: street.communityName,
                gridName: row.string("grid_name"), people: people)
        }
    }

    /// Builds the board entry of one staff member, with their unit's name.
    /// Returns nil when the id does not resolve.
    private static func responsiblePerson(
        staffID: String, role: String, connection: SQLiteConnection
    ) throws -> Registry.ResponsiblePerson? {
        let row = try connection.queryOne(
            """
            SELECT st.id, st.name, st.phone, u.name AS unit_name
            FROM staff st LEFT JOIN units u ON u.id = st.unit_id
            WHERE st.id = ?
            """, staffID)
        guard let row else {
            return nil
        }
        return Registry.ResponsiblePerson(
            staffID: row.string("id"), name: row.string("name"), role: role,
            phoneMasked: maskPhone(row.string("phone")), unitName: row.string("unit_name"))
    }

    /// Builds the board entry of the squad covering `subDistrictID`: its first
    /// `squad_member` in dataset order, or the squad alone when it has none.
    private static func squadOnDuty(subDistrictID: String, connection: SQLiteConnection) throws -> Registry.ResponsiblePerson? {
        guard let squad = try coveringUnit(kind: "enforcement_squad", subDistrictID: subDistrictID, connection: connection) else {
            return nil
        }
        let member = try connection.queryOne(
            "SELECT id, name, phone FROM staff WHERE unit_id = ? AND role = 'squad_member' ORDER BY position LIMIT 1",
            squad.id)
        guard let member else {
            return Registry.ResponsiblePerson(name: squad.name, role: "squad_member", unitName: squad.name)
        }
        return Registry.ResponsiblePerson(
            staffID: member.string("id"), name: member.string("name"), role: "squad_member",
            phoneMasked: maskPhone(member.string("phone")), unitName: squad.name)
    }
}
