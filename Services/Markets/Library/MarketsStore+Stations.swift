import Foundation
import JieluContract
import JieluCore
import JieluStore

extension MarketsStore {
    /// Most inspections and rectification orders a station view lists.
    static let maxListedStationRecords = 50

    // MARK: Reads

    /// Returns the stations of one street, or all when `streetID` is empty, in dataset order.
    func stations(streetID: String, nowMs: Int64) throws -> [Markets.Station] {
        try database.read { connection in
            try MarketsStore.stations(streetID: streetID, nowMs: nowMs, connection: connection)
        }
    }

    static func stations(streetID: String, nowMs: Int64, connection: SQLiteConnection) throws -> [Markets.Station] {
        try connection.query(
            """
            SELECT r.*, st.name AS street_name,
                (SELECT COUNT(*) FROM rectifications o WHERE o.station_id = r.id AND o.status = 'open') AS open_count
            FROM stations r JOIN streets st ON st.id = r.street_id
            WHERE ?1 = '' OR r.street_id = ?1
            ORDER BY r.position
            """, streetID
        ).map { station(from: $0, nowMs: nowMs) }
    }

    /// Returns a station with its newest inspections and rectification orders, or nil.
    func stationDetail(id: String, nowMs: Int64) throws -> Markets.StationDetail? {
        try database.read { connection in
            guard let station = try MarketsStore.stations(streetID: "", nowMs: nowMs, connection: connection)
                .first(where: { $0.id == id })
            else {
                return nil
            }
            let inspections = try connection.query(
                "SELECT * FROM station_inspections WHERE station_id = ? ORDER BY at_ms DESC, id DESC LIMIT ?", id,
                MarketsStore.maxListedStationRecords
            ).map(MarketsStore.stationInspection(from:))
            let orders = try connection.query(
                "SELECT * FROM rectifications WHERE station_id = ? ORDER BY issued_at_ms DESC, id DESC LIMIT ?", id,
                MarketsStore.maxListedStationRecords
            ).map { MarketsStore.rectification(from: $0, nowMs: nowMs) }
            return Markets.StationDetail(station: station, inspections: inspections, rectifications: orders)
        }
    }

    /// Finds the licensed station a report is about: one whose name or
    /// license number appears in `text`, else the first licensed station on
    /// `streetID`. Stations whose license is not valid at `nowMs` never match.
    func matchStation(streetID: String, text: String, nowMs: Int64) throws -> Markets.MatchStationResponse {
        let licensed = try stations(streetID: "", nowMs: nowMs).filter(\.licensed)
        let normalizedText = text.uppercased()
        if let named = licensed.first(where: { !$0.name.isEmpty && text.contains($0.name) }) {
            return Markets.MatchStationResponse(matched: true, station: named, matchedBy: "name")
        }
        if let byLicense = licensed.first(where: { !$0.licenseNumber.isEmpty && normalizedText.contains($0.licenseNumber.uppercased()) }) {
            return Markets.MatchStationResponse(matched: true, station: byLicense, matchedBy: "license")
        }
        if !streetID.isEmpty, let onStreet = licensed.first(where: { $0.streetID == streetID }) {
            return Markets.MatchStationResponse(matched: true, station: onStreet, matchedBy: "street")
        }
        return Markets.MatchStationResponse(matched: false)
    }

    // MARK: Changes

    /// Records an inspection of a station.
    ///
    /// - Throws: NOT_FOUND `unknown_station`.
    func recordStationInspection(
        stationID: String, result: String, notes: String, actor: String, nowMs: Int64
    ) throws -> Markets.StationInspection {
        try database.write { connection in
            try MarketsStore.requireStation(stationID, connection: connection)
            let id = try MarketsStore.nextID(Series.stationInspection, connection: connection)
            try connection.run(
                "INSERT INTO station_inspections (id, station_id, at_ms, actor, result, notes) VALUES (?, ?, ?, ?, ?, ?)",
                id, stationID, nowMs, actor, result, notes)
            return Markets.StationInspection(
                id: id, stationID: stationID, atMs: nowMs, actor: actor, result: result, notes: notes)
        }
    }

    /// Issues a rectification order; the deadline must be checked by the caller.
    ///
    /// - Throws: NOT_FOUND `unknown_station`.
    func issueRectification(
        stationID: String, requirement: String, deadlineAtMs: Int64, actor: String, nowMs: Int64
    ) throws -> Markets.Rectification {
        try database.write { connection in
            try MarketsStore.requireStation(stationID, connection: connection)
            let id = try MarketsStore.nextID(Series.rectification, connection: connection)
            try connection.run(
                """
                INSERT INTO rectifications (id, station_id, requirement, issued_at_ms, deadline_at_ms, status, issued_by)
                VALUES (?, ?, ?, ?, ?, 'open', ?)
                """, id, stationID, requirement, nowMs, deadlineAtMs, actor)
            try MarketsStore.record(
                kind: "rectification", id: id, from: "", to: "open", actor: actor,
                reason: "限期 \(MarketsText.time(deadlineAtMs)) 前整改：\(requirement)", atMs: nowMs, connection: connection)
            return try MarketsStore.rectification(id: id, nowMs: nowMs, connection: connection)!
        }
    }

    /// Marks an open rectification order completed; a completion after the
    /// deadline is kept and shows as overdue.
    ///
    /// - Throws: NOT_FOUND `unknown_rectification`; FAILED_PRECONDITION
    ///   `invalid_transition` when it is completed already.
    func completeRectification(id: String, note: String, actor: String, nowMs: Int64) throws -> Markets.Rectification {
        try database.write { connection in
            guard let order = try MarketsStore.rectification(id: id, nowMs: nowMs, connection: connection) else {
                throw ServiceError.notFound(
                    reason: "unknown_rectification", message: "整改通知「\(id)」不存在；请核对编号。", field: "rectification_id")
            }
            guard order.status == "open" else {
                throw ServiceError(
                    .failedPrecondition, reason: "invalid_transition",
                    message: "整改通知 \(id) 已于 \(MarketsText.time(order.completedAtMs)) 完成，不能重复登记。")
            }
            try connection.run(
                """
                UPDATE rectifications SET status = 'completed', completed_at_ms = ?, completion_note = ?, completed_by = ?
                WHERE id = ?
                """, nowMs, note, actor, id)
            let late = nowMs > order.deadlineAtMs ? "（逾期完成）" : ""
            try MarketsStore.record(
                kind: "rectification", id: id, from: "open", to: "completed", actor: actor, reason: note + late, atMs: nowMs,
                connection: connection)
            return try MarketsStore.rectification(id: id, nowMs: nowMs, connection: connection)!
        }
    }

    // MARK: Row mapping

    static func station(from row: Row, nowMs: Int64) -> Markets.Station {
        let from = row.int64("license_valid_from_ms")
        let until = row.int64("license_valid_until_ms")
        return Markets.Station(
            id: row.string("id"), name: row.string("name"), streetID: row.string("street_id"),
            address: row.string("address"), lat: row.double("lat"), lon: row.double("lon"),
            operatorName: row.string("operator_name"), licenseNumber: row.string("license_number"),
            licenseValidFromMs: from, licenseValidUntilMs: until, streetName: row.string("street_name"),
            licensed: from <= nowMs && nowMs < until, openRectifications: UInt32(row.int64("open_count")))
    }

    static func stationInspection(from row: Row) -> Markets.StationInspection {
        Markets.StationInspection(
            id: row.string("id"), stationID: row.string("station_id"), atMs: row.int64("at_ms"),
            actor: row.string("actor"), result: row.string("result"), notes: row.string("notes"))
    }

    static func rectification(id: String, nowMs: Int64, connection: SQLiteConnection) throws -> Markets.Rectification? {
        try connection.queryOne("SELECT * FROM rectifications WHERE id = ?", id).map { rectification(from: $0, nowMs: nowMs) }
    }

    static func rectification(from row: Row, nowMs: Int64) -> Markets.Rectification {
        let status = row.string("status")
        let deadline = row.int64("deadline_at_ms")
        let completed = row.int64("completed_at_ms")
        let overdue = status == "open" ? nowMs > deadline : completed > deadline
        return Markets.Rectification(
            id: row.string("id"), stationID: row.string("station_id"), requirement: row.string("requirement"),
            issuedAtMs: row.int64("issued_at_ms"), deadlineAtMs: deadline, status: status, completedAtMs: completed,
            completionNote: row.string("completion_note"), issuedBy: row.string("issued_by"),
            completedBy: row.string("completed_by"), overdue: overdue)
    }

    private static func requireStation(_ id: String, connection: SQLiteConnection) throws {
        guard try connection.queryOne("SELECT 1 FROM stations WHERE id = ?", id) != nil else {
            throw ServiceError.notFound(
                reason: "unknown_station", message: "再生资源回收站「\(id)」不存在；请核对站点编号。", field: "station_id")
        }
    }
}
