/// One step of a database schema. A service lists its migrations as versions
/// 1, 2, 3, … and never edits one that has shipped; a schema change is a new
/// migration with the next version.
///
/// `Database` runs each pending migration in its own `BEGIN IMMEDIATE`
/// transaction together with `PRAGMA user_version = version`. So a migration
/// either applies completely or not at all. `PRAGMA foreign_keys` has no effect
/// inside a transaction, so a migration cannot turn foreign key checks off to
/// rebuild a table.
public struct Migration: Sendable {
    public let version: Int
    /// One or more SQL statements, run without bound values.
    public let sql: String

    public init(version: Int, sql: String) {
        self.version = version
        self.sql = sql
    }
}
