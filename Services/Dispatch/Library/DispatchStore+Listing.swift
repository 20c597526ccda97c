import JieluContract
import JieluStore

extension DispatchStore {
    /// Filter of `listCases`; a nil field matches every case.
    struct CaseFilter {
        var status: CaseStatus?
        var assigneeStaffID: String?
    }

    /// Up to `limit` cases matching `filter`, newest first by
    /// (received_at_ms, case_id), starting after `after`. Timelines are empty.
    ///
    /// Each filter combination has an index that starts with its equality
    /// columns and ends with (received_at_ms, case_id), so a page costs an
    /// index seek and `limit` steps however many cases are stored.
    func listCases(_ filter: CaseFilter, after: PageToken?, limit: Int) throws -> [Dispatch.Case] {
        let (sql, bindings) = DispatchStore.listQuery(filter, after: after, limit: limit)
        return try database.read { connection in
            try connection.query(sql, bindings: bindings).map(DispatchStore.caseRecord(from:))
        }
    }

    /// Builds the SQL and bindings of one page. Filters that are not set are left
    /// out of the SQL instead of bound as "match anything", so SQLite can
    /// pick the index of the exact combination.
    static func listQuery(_ filter: CaseFilter, after: PageToken?, limit: Int) -> (String, [any SQLBindable]) {
        var conditions: [String] = []
        var bindings: [any SQLBindable] = []
        if let assignee = filter.assigneeStaffID {
            conditions.append("assignee_staff_id = ?")
            bindings.append(assignee)
        }
        if let status = filter.status {
            conditions.append("status = ?")
            bindings.append(status.rawValue)
        }
        if let after {
            conditions.append("(received_at_ms, case_id) < (?, ?)")
            bindings.append(after.receivedAtMs)
            bindings.append(after.caseID)
        }

        var sql = "SELECT * FROM cases"
        if !conditions.isEmpty {
            sql += " WHERE " + conditions.joined(separator: " AND ")
        }
        sql += " ORDER BY received_at_ms DESC, case_id DESC LIMIT ?"
        bindings.append(limit)
        return (sql, bindings)
    }
}
