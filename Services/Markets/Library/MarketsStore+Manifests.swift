import Foundation
import JieluContract
import JieluCore
import JieluStore

extension MarketsStore {
    /// Manifests the expiry check handles per transaction.
    static let manifestExpiryBatchSize = 50
    /// The category intake files an expired manifest under: 建筑垃圾乱倒.
    static let dumpingCategoryCode = "0301"
    /// The channel intake records for cases the markets service files.
    static let manifestChannel = "markets_manifest"
    static let maxReportDescriptionCharacters = 500

    /// A checked `CreateManifest` request.
    struct ManifestDraft {
        var haulerID: String
        /// Normalized, as in "吉A5K2D8".
        var vehiclePlate: String
        var originSite: String
        var originStreetID: String
        var expectedLoadTonnes: Double
        var disposalSiteID: String
        var windowStartMs: Int64
        var windowEndMs: Int64
        var actor: String
    }

    /// The result of a hauler's departure or arrival record.
    enum TripOutcome {
        case recorded(Markets.Manifest)
        /// The window had ended: the manifest was expired and its case queued
        /// in the same transaction instead.
        case expired(Markets.Manifest)
    }

    // MARK: Creating

    /// Stores a new manifest as registered, with the next id of the day of `nowMs`.
    ///
    /// - Throws: INVALID_ARGUMENT `unknown_hauler`, `unknown_vehicle`,
    ///   `overload`, `unknown_street` or `unknown_disposal_site`;
    ///   FAILED_PRECONDITION `hauler_license_invalid` or
    ///   `disposal_site_license_invalid` when a license does not cover the
    ///   whole window, and `vehicle_busy` when the vehicle has another open
    ///   manifest whose window overlaps. Nothing is stored when it throws.
    func createManifest(_ draft: ManifestDraft, nowMs: Int64) throws -> Markets.Manifest {
        try database.write { connection in
            guard let hauler = try connection.queryOne("SELECT * FROM haulers WHERE id = ?", draft.haulerID) else {
                throw MarketsStore.unknownHauler(draft.haulerID)
            }
            guard hauler.int64("license_valid_from_ms") <= draft.windowStartMs,
                draft.windowEndMs <= hauler.int64("license_valid_until_ms")
            else {
                throw ServiceError(
                    .failedPrecondition, reason: "hauler_license_invalid",
                    message: "\(hauler.string("name"))的运输许可有效期为 \(MarketsText.day(hauler.int64("license_valid_from_ms"))) 至 "
                        + "\(MarketsText.day(hauler.int64("license_valid_until_ms") - 1))，不覆盖本次清运时限；许可过期的单位不能承运。")
            }
            guard
                let vehicle = try connection.queryOne(
                    "SELECT * FROM vehicles WHERE plate = ? AND hauler_id = ?", draft.vehiclePlate, draft.haulerID)
            else {
                throw ServiceError.invalid(
                    "vehicle_plate", reason: "unknown_vehicle",
                    message: "车辆 \(draft.vehiclePlate) 不是\(hauler.string("name"))登记的运输车辆；请填写本单位已登记的车牌。")
            }
            guard draft.expectedLoadTonnes <= vehicle.double("capacity_tonnes") else {
                throw ServiceError.invalid(
                    "expected_load_tonnes", reason: "overload",
                    message: "预计装载 \(MarketsText.tonnes(draft.expectedLoadTonnes)) 吨，超过车辆 \(draft.vehiclePlate) 的核定载重 "
                        + "\(MarketsText.tonnes(vehicle.double("capacity_tonnes"))) 吨；请分车运输。")
            }
            guard try connection.queryOne("SELECT 1 FROM streets WHERE id = ?", draft.originStreetID) != nil else {
                throw ServiceError.invalid(
                    "origin_street_id", reason: "unknown_street", message: "起运街路「\(draft.originStreetID)」不在辖区街路中。")
            }
            guard let site = try connection.queryOne("SELECT * FROM disposal_sites WHERE id = ?", draft.disposalSiteID) else {
                throw ServiceError.invalid(
                    "disposal_site_id", reason: "unknown_disposal_site",
                    message: "消纳场「\(draft.disposalSiteID)」不存在；请选择已核准的建筑垃圾消纳场。")
            }
            guard site.int64("license_valid_from_ms") <= draft.windowStartMs,
                draft.windowEndMs <= site.int64("license_valid_until_ms")
            else {
                throw ServiceError(
                    .failedPrecondition, reason: "disposal_site_license_invalid",
                    message: "\(site.string("name"))的核准有效期至 \(MarketsText.day(site.int64("license_valid_until_ms") - 1))，"
                        + "不覆盖本次清运时限；请选择其他消纳场。")
            }
            if let busy = try connection.queryOne(
                """
                SELECT id FROM manifests
                WHERE vehicle_plate = ? AND status IN ('registered', 'departed')
                    AND window_start_ms < ? AND ? < window_end_ms
                """, draft.vehiclePlate, draft.windowEndMs, draft.windowStartMs)
            {
                throw ServiceError(
                    .failedPrecondition, reason: "vehicle_busy",
                    message: "车辆 \(draft.vehiclePlate) 在这段时间已有未结束的联单 \(busy.string("id"))；一辆车同一时间只能承运一单。")
            }

            let day = ManifestNumbering.day(ofMilliseconds: nowMs)
            let sequence = try MarketsStore.nextValue("HM\(day)", connection: connection)
            let id = "HM\(day)-\(MarketsStore.padded(sequence, 4))"
            try connection.run(
                """
                INSERT INTO manifests (
                    id, hauler_id, vehicle_plate, origin_site, origin_street_id, expected_load_tonnes, disposal_site_id,
                    window_start_ms, window_end_ms, status, created_at_ms
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered', ?)
                """,
                bindings: [
                    id, draft.haulerID, draft.vehiclePlate, draft.originSite, draft.originStreetID,
                    draft.expectedLoadTonnes, draft.disposalSiteID, draft.windowStartMs, draft.windowEndMs, nowMs,
                ])
            try MarketsStore.record(
                kind: "manifest", id: id, from: "", to: ManifestStatus.registered.rawValue, actor: draft.actor,
                reason: "登记联单：\(MarketsText.time(draft.windowStartMs)) 至 \(MarketsText.time(draft.windowEndMs)) 运至\(site.string("name"))",
                atMs: nowMs, connection: connection)
            return try MarketsStore.manifest(id: id, connection: connection)!
        }
    }

    // MARK: Reads

    /// Returns a manifest with its history.
    ///
    /// - Throws: NOT_FOUND `unknown_manifest`; PERMISSION_DENIED
    ///   `not_own_manifest` when `actingHaulerID` is set and is not the manifest's hauler.
    func manifest(id: String, actingHaulerID: String) throws -> Markets.Manifest {
        try database.read { connection in
            guard let manifest = try MarketsStore.manifest(id: id, connection: connection) else {
                throw MarketsStore.unknownManifest(id)
            }
            try MarketsStore.checkOwner(manifest, actingHaulerID: actingHaulerID)
            return manifest
        }
    }

    /// Returns up to `limit` manifests, newest first, of one hauler or all, in one status or any.
    func manifests(haulerID: String, status: String, limit: Int) throws -> [Markets.Manifest] {
        try database.read { connection in
            try connection.query(
                """
                SELECT id FROM manifests WHERE (?1 = '' OR hauler_id = ?1) AND (?2 = '' OR status = ?2)
                ORDER BY created_at_ms DESC, id DESC LIMIT ?3
                """, haulerID, status, limit
            ).compactMap { row in
                try MarketsStore.manifest(id: row.string("id"), includeHistory: false, connection: connection)
            }
        }
    }

    // MARK: Trips

    /// Records that the load left its origin: registered → departed. When the
    /// window has ended, the manifest expires instead.
    ///
    /// - Throws: NOT_FOUND `unknown_manifest`; PERMISSION_DENIED
    ///   `not_own_manifest`; FAILED_PRECONDITION `invalid_transition`.
    func recordDeparture(id: String, actingHaulerID: String, nowMs: Int64) throws -> TripOutcome {
        try database.write { connection in
            let (manifest, status) = try MarketsStore.loadManifest(id, actingHaulerID: actingHaulerID, connection: connection)
            if nowMs >= manifest.windowEndMs {
                try expire(manifest, status: status, nowMs: nowMs, connection: connection)
                return .expired(try MarketsStore.manifest(id: id, connection: connection)!)
            }
            let next = try status.applying(.depart)
            try connection.run(
                "UPDATE manifests SET status = ?, departed_at_ms = ? WHERE id = ?", next.rawValue, nowMs, id)
            try MarketsStore.record(
                kind: "manifest", id: id, from: status.rawValue, to: next.rawValue, actor: "hauler:\(actingHaulerID)",
                reason: "车辆 \(manifest.vehiclePlate) 自\(manifest.originSite)出场", atMs: nowMs, connection: connection)
            return .recorded(try MarketsStore.manifest(id: id, connection: connection)!)
        }
    }

    /// Records arrival at the manifest's disposal site: departed → closed.
    /// When the window has ended, the manifest expires instead.
    ///
    /// - Throws: NOT_FOUND `unknown_manifest`; PERMISSION_DENIED
    ///   `not_own_manifest`; INVALID_ARGUMENT `disposal_site_mismatch`;
    ///   FAILED_PRECONDITION `disposal_site_license_invalid` or `invalid_transition`.
    func recordArrival(id: String, actingHaulerID: String, disposalSiteID: String, nowMs: Int64) throws -> TripOutcome {
        try database.write { connection in
            let (manifest, status) = try MarketsStore.loadManifest(id, actingHaulerID: actingHaulerID, connection: connection)
            guard disposalSiteID == manifest.disposalSiteID else {
                throw ServiceError.invalid(
                    "disposal_site_id", reason: "disposal_site_mismatch",
                    message: "联单 \(id) 登记的消纳场是\(manifest.disposalSiteName)（\(manifest.disposalSiteID)），"
                        + "不是「\(disposalSiteID)」；须运至联单登记的消纳场。")
            }
            if nowMs >= manifest.windowEndMs {
                try expire(manifest, status: status, nowMs: nowMs, connection: connection)
                return .expired(try MarketsStore.manifest(id: id, connection: connection)!)
            }
            let next = try status.applying(.arrive)
            let site = try connection.queryOne("SELECT * FROM disposal_sites WHERE id = ?", disposalSiteID)!
            guard site.int64("license_valid_from_ms") <= nowMs, nowMs < site.int64("license_valid_until_ms") else {
                throw ServiceError(
                    .failedPrecondition, reason: "disposal_site_license_invalid",
                    message: "\(site.string("name"))的核准已失效，不能在此登记到场；请联系城管部门。")
            }
            try connection.run(
                "UPDATE manifests SET status = ?, arrived_at_ms = ? WHERE id = ?", next.rawValue, nowMs, id)
            try MarketsStore.record(
                kind: "manifest", id: id, from: status.rawValue, to: next.rawValue, actor: "hauler:\(actingHaulerID)",
                reason: "运抵\(site.string("name"))，联单闭合", atMs: nowMs, connection: connection)
            return .recorded(try MarketsStore.manifest(id: id, connection: connection)!)
        }
    }

    // MARK: Expiry

    /// Expires every registered or departed manifest whose window has ended,
    /// at most `manifestExpiryBatchSize` per transaction. Each one gets its
    /// `manifest_cases` row and its `SubmitReport` outbox row in the same
    /// transaction as the status change. An expired manifest cannot expire
    /// again, so each one queues its case once.
    ///
    /// - Returns: the ids of the expired manifests.
    func expireManifests(nowMs: Int64) throws -> [String] {
        var expired: [String] = []
        while true {
            let batch = try database.write { connection -> [String] in
                let rows = try connection.query(
                    """
                    SELECT id FROM manifests WHERE status IN ('registered', 'departed') AND window_end_ms <= ?
                    ORDER BY window_end_ms, id LIMIT ?
                    """, nowMs, MarketsStore.manifestExpiryBatchSize)
                var ids: [String] = []
                for row in rows {
                    let (manifest, status) = try MarketsStore.loadManifest(
                        row.string("id"), actingHaulerID: "", connection: connection)
                    try expire(manifest, status: status, nowMs: nowMs, connection: connection)
                    ids.append(manifest.id)
                }
                return ids
            }
            expired += batch
            if batch.count < MarketsStore.manifestExpiryBatchSize {
                return expired
            }
        }
    }

    /// Stores the case intake filed for an expired manifest, once.
    ///
    /// - Returns: false when the case was stored already.
    func markCaseFiled(manifestID: String, caseID: String, trackingCode: String, nowMs: Int64) throws -> Bool {
        try database.write { connection in
            let changed = try connection.run(
                """
                UPDATE manifest_cases SET case_id = ?, tracking_code = ?, filed_at_ms = ?
                WHERE manifest_id = ? AND case_id = ''
                """, caseID, trackingCode, nowMs, manifestID)
            guard changed == 1 else {
                return false
            }
            try MarketsStore.record(
                kind: "manifest", id: manifestID, from: ManifestStatus.expired.rawValue,
                to: ManifestStatus.expired.rawValue, actor: "system",
                reason: "受理服务已立案：案件 \(caseID)，查询码 \(trackingCode)", atMs: nowMs, connection: connection)
            return true
        }
    }

    /// Expires one manifest inside the caller's transaction: the status, the
    /// history entry, the `manifest_cases` row and the outbox row that
    /// carries the `SubmitReport` request for intake.
    private func expire(
        _ manifest: Markets.Manifest, status: ManifestStatus, nowMs: Int64, connection: SQLiteConnection
    ) throws {
        let next = try status.applying(.expire)
        try connection.run("UPDATE manifests SET status = ? WHERE id = ?", next.rawValue, manifest.id)
        try MarketsStore.record(
            kind: "manifest", id: manifest.id, from: status.rawValue, to: next.rawValue, actor: "system",
            reason: "时限 \(MarketsText.time(manifest.windowEndMs)) 前未在消纳场登记到场，自动报送建筑垃圾乱倒案件",
            atMs: nowMs, connection: connection)

        let key = MarketsStore.idempotencyKey(manifestID: manifest.id)
        try connection.run(
            "INSERT INTO manifest_cases (manifest_id, raised_at_ms, idempotency_key) VALUES (?, ?, ?)",
            manifest.id, nowMs, key)
        // NOTE: board codes are copied from the registry at LoadMarkets. After a
        // district reload that changes them, run load-markets again, or intake
        // rejects the case with unknown_board and the relay keeps retrying it.
        let boardCode = try connection.queryOne(
            "SELECT board_code FROM streets WHERE id = ?", manifest.originStreetID)!.string("board_code")
        let request = Intake.SubmitReportRequest(
            boardCode: boardCode, categoryCode: MarketsStore.dumpingCategoryCode,
            description: MarketsStore.caseDescription(manifest, statusAtExpiry: status), idempotencyKey: key,
            channel: MarketsStore.manifestChannel, externalRef: "manifest:\(manifest.id)")
        try OutboxRelay.enqueue(request.serializedBytes(), table: MarketsSchema.outboxTable, connection: connection)
    }

    /// The idempotency key of the case of an expired manifest. Intake returns
    /// the first case for a repeated key, so retries never file a second one.
    static func idempotencyKey(manifestID: String) -> String {
        "manifest-expired:\(manifestID)"
    }

    /// The case description: what was expected and what is missing.
    static func caseDescription(_ manifest: Markets.Manifest, statusAtExpiry: ManifestStatus) -> String {
        let state = statusAtExpiry == .departed ? "车辆已于 \(MarketsText.time(manifest.departedAtMs)) 出场，" : "未登记出场，"
        let text = "建筑垃圾清运联单 \(manifest.id) 超时未闭合：运输单位\(manifest.haulerName)，车辆 \(manifest.vehiclePlate)，"
            + "自\(manifest.originSite)（\(manifest.originStreetName)）运往\(manifest.disposalSiteName)，"
            + "预计 \(MarketsText.tonnes(manifest.expectedLoadTonnes)) 吨，时限 \(MarketsText.time(manifest.windowStartMs)) 至 "
            + "\(MarketsText.time(manifest.windowEndMs))。\(state)时限内未在消纳场登记到场。请核查车辆去向，排查沿途乱倒。"
        return String(text.prefix(maxReportDescriptionCharacters))
    }

    // MARK: Row mapping

    static func manifest(id: String, includeHistory: Bool = true, connection: SQLiteConnection) throws -> Markets.Manifest? {
        guard
            let row = try connection.queryOne(
                """
                SELECT m.*, h.name AS hauler_name, st.name AS origin_street_name, d.name AS disposal_site_name,
                    COALESCE(c.raised_at_ms, 0) AS raised_at_ms, COALESCE(c.case_id, '') AS case_id,
                    COALESCE(c.tracking_code, '') AS tracking_code
                FROM manifests m
                JOIN haulers h ON h.id = m.hauler_id
                JOIN streets st ON st.id = m.origin_street_id
                JOIN disposal_sites d ON d.id = m.disposal_site_id
                LEFT JOIN manifest_cases c ON c.manifest_id = m.id
                WHERE m.id = ?
                """, id)
        else {
            return nil
        }
        return Markets.Manifest(
            id: row.string("id"), haulerID: row.string("hauler_id"), vehiclePlate: row.string("vehicle_plate"),
            originSite: row.string("origin_site"), originStreetID: row.string("origin_street_id"),
            expectedLoadTonnes: row.double("expected_load_tonnes"), disposalSiteID: row.string("disposal_site_id"),
            windowStartMs: row.int64("window_start_ms"), windowEndMs: row.int64("window_end_ms"),
            status: row.string("status"), createdAtMs: row.int64("created_at_ms"),
            departedAtMs: row.int64("departed_at_ms"), arrivedAtMs: row.int64("arrived_at_ms"),
            raisedAtMs: row.int64("raised_at_ms"), caseID: row.string("case_id"),
            trackingCode: row.string("tracking_code"), haulerName: row.string("hauler_name"),
            originStreetName: row.string("origin_street_name"), disposalSiteName: row.string("disposal_site_name"),
            history: includeHistory ? try history(kind: "manifest", id: id, connection: connection) : [])
    }

    /// Returns the licensed haulers with their vehicles, and the disposal sites, in dataset order.
    func haulers(nowMs: Int64) throws -> Markets.ListHaulersResponse {
        try database.read { connection in
            let vehicles = try connection.query("SELECT * FROM vehicles ORDER BY hauler_id, position")
            let haulers = try connection.query("SELECT * FROM haulers ORDER BY position").map { row in
                let from = row.int64("license_valid_from_ms")
                let until = row.int64("license_valid_until_ms")
                return Markets.Hauler(
                    id: row.string("id"), name: row.string("name"), licenseNumber: row.string("license_number"),
                    licenseValidFromMs: from, licenseValidUntilMs: until,
                    vehicles: vehicles.filter { $0.string("hauler_id") == row.string("id") }.map {
                        Markets.Vehicle(plate: $0.string("plate"), capacityTonnes: $0.double("capacity_tonnes"))
                    },
                    licensed: from <= nowMs && nowMs < until)
            }
            let sites = try connection.query("SELECT * FROM disposal_sites ORDER BY position").map { row in
                let from = row.int64("license_valid_from_ms")
                let until = row.int64("license_valid_until_ms")
                return Markets.DisposalSite(
                    id: row.string("id"), name: row.string("name"), address: row.string("address"),
                    lat: row.double("lat"), lon: row.double("lon"), licenseNumber: row.string("license_number"),
                    licenseValidFromMs: from, licenseValidUntilMs: until, licensed: from <= nowMs && nowMs < until)
            }
            return Markets.ListHaulersResponse(haulers: haulers, disposalSites: sites)
        }
    }

    /// Returns whether a hauler with `id` exists.
    func haulerExists(_ id: String) throws -> Bool {
        try database.read { connection in
            try connection.queryOne("SELECT 1 FROM haulers WHERE id = ?", id) != nil
        }
    }

    // MARK: Helpers

    private static func loadManifest(
        _ id: String, actingHaulerID: String, connection: SQLiteConnection
    ) throws -> (Markets.Manifest, ManifestStatus) {
        guard let manifest = try manifest(id: id, includeHistory: false, connection: connection) else {
            throw unknownManifest(id)
        }
        try checkOwner(manifest, actingHaulerID: actingHaulerID)
        guard let status = ManifestStatus(rawValue: manifest.status) else {
            // Code 1 is SQLITE_ERROR: the stored row is not one this binary wrote.
            throw StoreError(code: 1, message: "manifest \(id) has unknown status \(manifest.status)")
        }
        return (manifest, status)
    }

    private static func checkOwner(_ manifest: Markets.Manifest, actingHaulerID: String) throws {
        if !actingHaulerID.isEmpty && manifest.haulerID != actingHaulerID {
            throw ServiceError(
                .permissionDenied, reason: "not_own_manifest",
                message: "联单 \(manifest.id) 不属于运输单位 \(actingHaulerID)；运输单位只能查看和登记自己的联单。")
        }
    }

    static func unknownManifest(_ id: String) -> ServiceError {
        ServiceError.notFound(reason: "unknown_manifest", message: "联单「\(id)」不存在；请核对联单编号。", field: "manifest_id")
    }

    static func unknownHauler(_ id: String) -> ServiceError {
        ServiceError.invalid("hauler_id", reason: "unknown_hauler", message: "运输单位「\(id)」不存在或未取得运输许可。")
    }
}

/// Manifest ids: "HM", the district day (UTC+8) of registration as
/// yyyyMMdd, "-" and a 4-digit sequence number of that day, e.g.
/// "HM20261204-0001".
enum ManifestNumbering {
    /// Returns the district day of `milliseconds` as yyyyMMdd.
    static func day(ofMilliseconds milliseconds: Int64) -> String {
        let iso = WallClock.iso8601(milliseconds)
        return iso.prefix(10).replacingOccurrences(of: "-", with: "")
    }
}
