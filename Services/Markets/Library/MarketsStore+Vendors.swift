import JieluContract
import JieluCore
import JieluStore

extension MarketsStore {
    /// Most inspections a vendor view lists.
    static let maxListedInspections = 50

    // MARK: Vendors

    /// Stores a new vendor with the next vendor id and returns it with the
    /// ID-card number and phone masked. The arguments must be validated.
    ///
    /// - Throws: ALREADY_EXISTS `duplicate_id_card` (field `id_card`) when a
    ///   vendor has the ID-card number; nothing is stored then.
    func registerVendor(
        name: String, idCard: String, phone: String, goodsType: String, hardship: Bool, actor: String, nowMs: Int64
    ) throws -> Markets.Vendor {
        try database.write { connection in
            if let existing = try connection.queryOne("SELECT id FROM vendors WHERE id_card = ?", idCard) {
                throw ServiceError(
                    .alreadyExists, reason: "duplicate_id_card",
                    message: "身份证号码「\(IDCardNumber.masked(idCard))」已登记为摊贩 \(existing.string("id"))，不能重复登记。",
                    field: "id_card")
            }
            let id = try MarketsStore.nextID(Series.vendor, connection: connection)
            try connection.run(
                """
                INSERT INTO vendors (id, name, id_card, phone, goods_type, hardship, registered_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, id, name, idCard, phone, goodsType, hardship, nowMs)
            try MarketsStore.record(
                kind: "vendor", id: id, from: "", to: "registered", actor: actor,
                reason: hardship ? "登记摊贩（困难户）" : "登记摊贩", atMs: nowMs, connection: connection)
            return try MarketsStore.vendor(id: id, connection: connection)!
        }
    }

    /// Returns every vendor, masked, in id order.
    func vendors() throws -> [Markets.Vendor] {
        try database.read { connection in
            try connection.query("SELECT * FROM vendors ORDER BY id").map(MarketsStore.vendor(from:))
        }
    }

    /// Returns a vendor with permits, applications and recent inspections, or nil.
    func vendorDetail(id: String, nowMs: Int64) throws -> Markets.VendorDetail? {
        try database.read { connection in
            guard let vendor = try MarketsStore.vendor(id: id, connection: connection) else {
                return nil
            }
            let permits = try connection.query(
                "SELECT id, status FROM permits WHERE vendor_id = ? ORDER BY start_at_ms DESC", id
            ).compactMap { row in
                try MarketsStore.permit(id: row.string("id"), connection: connection)
            }
            let numbers = try connection.query(
                "SELECT number FROM applications WHERE vendor_id = ? ORDER BY sequence DESC", id)
            let applications = try numbers.compactMap { row in
                try MarketsStore.application(number: row.string("number"), includeHistory: false, connection: connection)
            }
            let inspections = try connection.query(
                "SELECT * FROM inspections WHERE vendor_id = ? ORDER BY at_ms DESC, id DESC LIMIT ?", id,
                MarketsStore.maxListedInspections
            ).map(MarketsStore.inspection(from:))

            let live = permits.first { PermitStatus(rawValue: $0.status)?.isLive == true }
            return Markets.VendorDetail(
                vendor: vendor, permit: live, pastPermits: permits.filter { $0.id != live?.id },
                applications: applications, inspections: inspections)
        }
    }

    static func vendor(id: String, connection: SQLiteConnection) throws -> Markets.Vendor? {
        try connection.queryOne("SELECT * FROM vendors WHERE id = ?", id).map(vendor(from:))
    }

    /// Maps a `vendors` row with the ID-card number and phone masked.
    static func vendor(from row: Row) -> Markets.Vendor {
        Markets.Vendor(
            id: row.string("id"), name: row.string("name"), idCard: IDCardNumber.masked(row.string("id_card")),
            phone: maskPhone(row.string("phone")), goodsType: row.string("goods_type"), hardship: row.bool("hardship"),
            registeredAtMs: row.int64("registered_at_ms"))
    }

    // MARK: Applications

    /// Puts a vendor on the waitlist of a market for the stall type of the
    /// vendor's goods, with the vendor's current hardship flag.
    ///
    /// - Throws: INVALID_ARGUMENT `unknown_vendor` or `unknown_market`;
    ///   FAILED_PRECONDITION `vendor_has_stall` when the vendor holds an
    ///   active or suspended permit, `application_pending` when the vendor
    ///   already waits, `no_matching_stalls` when the market has no stall
    ///   of the vendor's type. Nothing is stored when it throws.
    func submitApplication(vendorID: String, marketID: String, actor: String, nowMs: Int64) throws -> Markets.Application {
        try database.write { connection in
            guard let vendor = try connection.queryOne("SELECT * FROM vendors WHERE id = ?", vendorID) else {
                throw MarketsStore.unknownVendor(vendorID, asArgument: true)
            }
            guard let market = try MarketsStore.market(id: marketID, connection: connection) else {
                throw MarketsStore.unknownMarket(marketID, asArgument: true)
            }
            if let permit = try connection.queryOne(
                "SELECT id FROM permits WHERE vendor_id = ? AND status IN \(MarketsSchema.livePermitStatuses)", vendorID)
            {
                throw ServiceError(
                    .failedPrecondition, reason: "vendor_has_stall",
                    message: "摊贩 \(vendorID) 已持有摊位许可 \(permit.string("id"))，每位摊贩最多持有一个摊位，不能再申请。")
            }
            if let pending = try connection.queryOne(
                "SELECT number FROM applications WHERE vendor_id = ? AND status = 'waiting'", vendorID)
            {
                throw ServiceError(
                    .failedPrecondition, reason: "application_pending",
                    message: "摊贩 \(vendorID) 已有候补中的申请 \(pending.string("number"))，不能重复申请。")
            }
            let stallType = vendor.string("goods_type")
            let matching = try connection.queryOne(
                "SELECT COUNT(*) AS n FROM stalls WHERE market_id = ? AND stall_type = ?", marketID, stallType)!.int("n")
            guard matching > 0 else {
                throw ServiceError(
                    .failedPrecondition, reason: "no_matching_stalls",
                    message: "\(market.name)没有\(FieldValidation.stallTypeLabel(stallType))摊位；请选择其他市场。")
            }

            let number = try MarketsStore.unusedApplicationNumber(connection: connection)
            let sequence = try MarketsStore.nextValue("application", connection: connection)
            try connection.run(
                """
                INSERT INTO applications (number, sequence, vendor_id, market_id, stall_type, hardship, applied_at_ms, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting')
                """, number, sequence, vendorID, marketID, stallType, vendor.bool("hardship"), nowMs)
            try MarketsStore.record(
                kind: "application", id: number, from: "", to: "waiting", actor: actor,
                reason: "申请\(market.name)\(FieldValidation.stallTypeLabel(stallType))摊位，进入候补队列", atMs: nowMs,
                connection: connection)
            return try MarketsStore.application(number: number, includeHistory: true, connection: connection)!
        }
    }

    /// Returns an application with its waitlist rank (while waiting), names and history, or nil.
    func application(number: String) throws -> Markets.Application? {
        try database.read { connection in
            try MarketsStore.application(number: number, includeHistory: true, connection: connection)
        }
    }

    /// Returns the waiting applications of a market, per stall type in
    /// allocation order, each with its rank.
    func waitlist(marketID: String, stallType: String) throws -> [Markets.Application] {
        try database.read { connection in
            guard try MarketsStore.market(id: marketID, connection: connection) != nil else {
                throw MarketsStore.unknownMarket(marketID, asArgument: false)
            }
            var applications: [Markets.Application] = []
            for type in stallType.isEmpty ? FieldValidation.stallTypes : [stallType] {
                let rows = try MarketsStore.waitlist(marketID: marketID, stallType: type, connection: connection)
                for (index, row) in rows.enumerated() {
                    var application = MarketsStore.application(from: row)
                    application.waitlistRank = UInt32(index + 1)
                    application.waitlistSize = UInt32(rows.count)
                    applications.append(application)
                }
            }
            return applications
        }
    }

    static func application(
        number: String, includeHistory: Bool, connection: SQLiteConnection
    ) throws -> Markets.Application? {
        guard
            let row = try connection.queryOne(
                """
                SELECT a.*, v.name AS vendor_name, m.name AS market_name, COALESCE(s.number, '') AS stall_number
                FROM applications a JOIN vendors v ON v.id = a.vendor_id JOIN markets m ON m.id = a.market_id
                LEFT JOIN stalls s ON s.id = a.stall_id
                WHERE a.number = ?
                """, number)
        else {
            return nil
        }
        var application = application(from: row)
        if application.status == "waiting" {
            let queue = try waitlist(
                marketID: application.marketID, stallType: application.stallType, connection: connection)
            application.waitlistSize = UInt32(queue.count)
            if let index = queue.firstIndex(where: { $0.string("number") == number }) {
                application.waitlistRank = UInt32(index + 1)
            }
        }
        if includeHistory {
            application.history = try history(kind: "application", id: number, connection: connection)
        }
        return application
    }

    /// Maps an `applications` row; the name and number columns are optional.
    static func application(from row: Row) -> Markets.Application {
        Markets.Application(
            number: row.string("number"), vendorID: row.string("vendor_id"), marketID: row.string("market_id"),
            stallType: row.string("stall_type"), hardship: row.bool("hardship"),
            appliedAtMs: row.int64("applied_at_ms"), status: row.string("status"),
            vendorName: row.columnNames.contains("vendor_name") ? row.string("vendor_name") : "",
            marketName: row.columnNames.contains("market_name") ? row.string("market_name") : "",
            stallID: row.string("stall_id"),
            stallNumber: row.columnNames.contains("stall_number") ? row.string("stall_number") : "",
            permitID: row.string("permit_id"), decidedAtMs: row.int64("decided_at_ms"),
            decisionNote: row.string("decision_note"))
    }

    static func unknownVendor(_ vendorID: String, asArgument: Bool) -> ServiceError {
        let message = "摊贩「\(vendorID)」不存在；请核对摊贩编号。"
        if asArgument {
            return ServiceError.invalid("vendor_id", reason: "unknown_vendor", message: message)
        }
        return ServiceError.notFound(reason: "unknown_vendor", message: message, field: "vendor_id")
    }
}
