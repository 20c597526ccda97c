import JieluStore

/// The registry's SQLite schema.
///
/// District tables are replaced as a whole by `LoadDistrict`, so they carry
/// no foreign keys: `DistrictValidator` checks every reference before the
/// write. `position` columns keep the dataset's order (the first squad member
/// of a unit, the lead cadre of a street). `tokens` is never touched by
/// `LoadDistrict`; it stores only the SHA-256 hex digest of each token.
enum RegistrySchema {
    /// Tables that `LoadDistrict` empties and refills, in deletion order.
    static let districtTables = [
        "district", "sub_districts", "communities", "grids", "units", "unit_sub_districts", "staff",
        "streets", "street_cadres", "category_classes", "category_items", "responsibility_rules",
    ]

    static let migrations = [
        Migration(
            version: 1,
            sql: """
                CREATE TABLE district (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    center_lat REAL NOT NULL,
                    center_lon REAL NOT NULL
                );
                CREATE TABLE sub_districts (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    position INTEGER NOT NULL
                );
                CREATE TABLE communities (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    sub_district_id TEXT NOT NULL,
                    leader_id TEXT NOT NULL,
                    position INTEGER NOT NULL
                );
                CREATE TABLE grids (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    community_id TEXT NOT NULL,
                    staff_id TEXT NOT NULL,
                    position INTEGER NOT NULL
                );
                CREATE TABLE units (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    position INTEGER NOT NULL
                );
                CREATE TABLE unit_sub_districts (
                    unit_id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    sub_district_id TEXT NOT NULL,
                    PRIMARY KEY (unit_id, position)
                );
                CREATE INDEX unit_sub_districts_by_sub_district ON unit_sub_districts (sub_district_id);
                CREATE TABLE staff (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    unit_id TEXT NOT NULL,
                    phone TEXT NOT NULL,
                    position INTEGER NOT NULL
                );
                CREATE INDEX staff_by_unit ON staff (unit_id, role, position);
                CREATE TABLE streets (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    grade TEXT NOT NULL,
                    sub_district_id TEXT NOT NULL,
                    community_id TEXT NOT NULL,
                    grid_id TEXT NOT NULL,
                    board_code TEXT NOT NULL UNIQUE,
                    lat REAL NOT NULL,
                    lon REAL NOT NULL
                );
                CREATE INDEX streets_by_sub_district ON streets (sub_district_id, id);
                CREATE TABLE street_cadres (
                    street_id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    staff_id TEXT NOT NULL,
                    PRIMARY KEY (street_id, position)
                );
                CREATE TABLE category_classes (
                    code TEXT PRIMARY KEY,
                    name TEXT NOT NULL
                );
                CREATE TABLE category_items (
                    code TEXT PRIMARY KEY,
                    class_code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    time_limit_hours INTEGER NOT NULL,
                    area TEXT NOT NULL
                );
                CREATE TABLE responsibility_rules (
                    position INTEGER PRIMARY KEY,
                    scope TEXT NOT NULL,
                    scope_id TEXT NOT NULL,
                    category_code TEXT NOT NULL,
                    unit_id TEXT NOT NULL,
                    staff_id TEXT NOT NULL,
                    UNIQUE (scope, scope_id, category_code)
                );
                CREATE TABLE tokens (
                    token_id TEXT PRIMARY KEY,
                    token_hash TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL,
                    staff_id TEXT NOT NULL,
                    created_at_ms INTEGER NOT NULL
                );
                """),
    ]
}
