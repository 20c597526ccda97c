import Foundation
import JieluContract
import JieluCore
import JieluStore

extension MarketsStore {
    /// Tables emptied by `load`, children before parents so that foreign keys hold.
    static let datasetTables = [
        "events", "manifest_cases", "manifests", "vehicles", "haulers", "disposal_sites", "rectifications",
        "station_inspections", "stations", "inspections", "permits", "applications", "vendors", "stalls", "markets",
        "streets", "counters",
    ]

    /// Replaces everything with `request` in one transaction: the registry's
    /// `streets`, the dataset's rows with a "dataset" history entry for each
    /// vendor, application, permit and closed stall, and fresh id counters
    /// that continue after the dataset's ids.
    ///
    /// The request must have passed `DatasetValidation`.
    ///
    /// - Throws: FAILED_PRECONDITION `cases_pending` while expired manifests
    ///   wait for intake, because their cases would lose their manifest;
    ///   `StoreError` when a write fails. Nothing changes when it throws.
    func load(
        _ request: Markets.LoadMarketsRequest, streets: [Registry.Street], nowMs: Int64
    ) throws -> Markets.LoadMarketsResponse {
        try database.write { connection in
            let pending = try connection.queryOne("SELECT COUNT(*) AS n FROM \(MarketsSchema.outboxTable)")!.int("n")
            guard pending == 0 else {
                throw ServiceError(
                    .failedPrecondition, reason: "cases_pending",
                    message: "还有 \(pending) 份超时联单的案件正在报送受理服务；请等报送完成（确认受理服务正常）后再导入市场数据。")
            }
            for table in MarketsStore.datasetTables {
                try connection.run("DELETE FROM \(table)")
            }

            for street in streets {
                try connection.run(
                    "INSERT INTO streets (id, name, board_code, sub_district_id) VALUES (?, ?, ?, ?)",
                    street.id, street.name, street.boardCode, street.subDistrictID)
            }
            try MarketsStore.insertMarkets(request, nowMs: nowMs, connection: connection)
            try MarketsStore.insertVendors(request, nowMs: nowMs, connection: connection)
            try MarketsStore.insertStations(request, connection: connection)
            try MarketsStore.insertHaulage(request, connection: connection)

            try MarketsStore.resetCounter(Series.vendor, ids: request.vendors.map(\.id), connection: connection)
            try MarketsStore.resetCounter(Series.permit, ids: request.permits.map(\.id), connection: connection)
            try connection.run(
                "INSERT INTO counters (name, last_value) VALUES ('application', ?)", Int64(request.applications.count))

            return Markets.LoadMarketsResponse(
                markets: UInt32(request.markets.count), stalls: UInt32(request.stalls.count),
                vendors: UInt32(request.vendors.count), applications: UInt32(request.applications.count),
                permits: UInt32(request.permits.count), stations: UInt32(request.stations.count),
                haulers: UInt32(request.haulers.count),
                vehicles: UInt32(request.haulers.reduce(0) { $0 + $1.vehicles.count }),
                disposalSites: UInt32(request.disposalSites.count))
        }
    }

    private static func insertMarkets(
        _ request: Markets.LoadMarketsRequest, nowMs: Int64, connection: SQLiteConnection
    ) throws {
        for (position, market) in request.markets.enumerated() {
            try connection.run(
                """
                INSERT INTO markets (id, position, name, street_id, address, near_kind, near_name, lat, lon, opens_at, closes_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                bindings: [
                    market.id, position, market.name, market.streetID, market.address, market.nearKind, market.nearName,
                    market.lat, market.lon, market.opensAt, market.closesAt,
                ])
        }
        for stall in request.stalls {
            let closed = stall.status == "suspended"
            try connection.run(
                """
                INSERT INTO stalls (id, market_id, number, stall_type, size_m2, monthly_fee_fen, closed)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                stall.id, stall.marketID, stall.number, stall.stallType, stall.sizeM2, stall.monthlyFeeFen, closed)
            if closed {
                try record(
                    kind: "stall", id: stall.id, from: "free", to: "suspended", actor: "dataset", reason: "数据导入：摊位已关闭",
                    atMs: nowMs, connection: connection)
            }
        }
    }

    private static func insertVendors(
        _ request: Markets.LoadMarketsRequest, nowMs: Int64, connection: SQLiteConnection
    ) throws {
        var vendors: [String: Markets.Vendor] = [:]
        for vendor in request.vendors {
            vendors[vendor.id] = vendor
            try connection.run(
                """
                INSERT INTO vendors (id, name, id_card, phone, goods_type, hardship, registered_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                vendor.id, vendor.name.trimmingWhitespace(), vendor.idCard.uppercased(), vendor.phone,
                vendor.goodsType, vendor.hardship, vendor.registeredAtMs)
            try record(
                kind: "vendor", id: vendor.id, from: "", to: "registered", actor: "dataset", reason: "数据导入",
                atMs: vendor.registeredAtMs, connection: connection)
        }

        for (index, application) in request.applications.enumerated() {
            let vendor = vendors[application.vendorID]!
            try connection.run(
                """
                INSERT INTO applications (number, sequence, vendor_id, market_id, stall_type, hardship, applied_at_ms, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting')
                """,
                application.number, Int64(index + 1), application.vendorID, application.marketID, vendor.goodsType,
                vendor.hardship, application.appliedAtMs)
            try record(
                kind: "application", id: application.number, from: "", to: "waiting", actor: "dataset",
                reason: "数据导入：进入候补队列", atMs: application.appliedAtMs, connection: connection)
        }

        let marketByStall = Dictionary(uniqueKeysWithValues: request.stalls.map { ($0.id, $0.marketID) })
        for permit in request.permits {
            try connection.run(
                """
                INSERT INTO permits (id, vendor_id, stall_id, market_id, application_number, start_at_ms, end_at_ms, status)
                VALUES (?, ?, ?, ?, '', ?, ?, 'active')
                """,
                permit.id, permit.vendorID, permit.stallID, marketByStall[permit.stallID]!, permit.startAtMs,
                permit.endAtMs)
            try record(
                kind: "permit", id: permit.id, from: "", to: "active", actor: "dataset", reason: "数据导入：已有摊位许可",
                atMs: nowMs, connection: connection)
        }
    }

    private static func insertStations(_ request: Markets.LoadMarketsRequest, connection: SQLiteConnection) throws {
        for (position, station) in request.stations.enumerated() {
            try connection.run(
                """
                INSERT INTO stations (
                    id, position, name, street_id, address, lat, lon, operator_name, license_number,
                    license_valid_from_ms, license_valid_until_ms
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                bindings: [
                    station.id, position, station.name, station.streetID, station.address, station.lat, station.lon,
                    station.operatorName, station.licenseNumber, station.licenseValidFromMs,
                    station.licenseValidUntilMs,
                ])
        }
    }

    private static func insertHaulage(_ request: Markets.LoadMarketsRequest, connection: SQLiteConnection) throws {
        for (position, hauler) in request.haulers.enumerated() {
            try connection.run(
                """
                INSERT INTO haulers (id, position, name, license_number, license_valid_from_ms, license_valid_until_ms)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                hauler.id, position, hauler.name, hauler.licenseNumber, hauler.licenseValidFromMs,
                hauler.licenseValidUntilMs)
            for (vehiclePosition, vehicle) in hauler.vehicles.enumerated() {
                try connection.run(
                    "INSERT INTO vehicles (plate, hauler_id, position, capacity_tonnes) VALUES (?, ?, ?, ?)",
                    vehicle.plate, hauler.id, vehiclePosition, vehicle.capacityTonnes)
            }
        }
        for (position, site) in request.disposalSites.enumerated() {
            try connection.run(
                """
                INSERT INTO disposal_sites (
                    id, position, name, address, lat, lon, license_number, license_valid_from_ms, license_valid_until_ms
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                bindings: [
                    site.id, position, site.name, site.address, site.lat, site.lon, site.licenseNumber,
                    site.licenseValidFromMs, site.licenseValidUntilMs,
                ])
        }
    }
}
