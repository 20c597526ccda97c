import JieluContract
import JieluCore

/// The JSON shapes of the markets endpoints. Times are ISO 8601 with
/// +08:00, or null when unset; fees are yuan; labels are Simplified Chinese.
/// ID-card numbers and phones arrive masked from the markets service.
enum MarketViews {
    // MARK: Markets and stalls

    static func markets(_ markets: [Markets.Market], nowMs: Int64) -> JSONValue {
        .object([("markets", .array(markets.map { market($0, nowMs: nowMs) }))])
    }

    /// Builds a market with its location, opening hours and stall counts.
    static func market(_ market: Markets.Market, nowMs: Int64) -> JSONValue {
        let total = market.stallCounts.reduce(0) { $0 + Int64($1.total) }
        let free = market.stallCounts.reduce(0) { $0 + Int64($1.free) }
        return .object([
            ("id", .string(market.id)),
            ("name", .string(market.name)),
            ("street", .object([("id", .string(market.streetID)), ("name", .string(market.streetName))])),
            ("address", .string(market.address)),
            ("near", .object([
                ("kind", .string(market.nearKind)), ("kind_label", .string(MarketLabels.nearKind(market.nearKind))),
                ("name", .string(market.nearName)),
            ])),
            ("location", .object([("lat", .number(market.lat)), ("lon", .number(market.lon))])),
            ("opening_hours", .object([
                ("opens", .string(market.opensAt)), ("closes", .string(market.closesAt)),
                ("open_now", .bool(isOpen(market, nowMs: nowMs))),
            ])),
            ("stalls", .object([
                ("total", .integer(total)),
                ("free", .integer(free)),
                ("by_type", .array(market.stallCounts.map { count in
                    .object([
                        ("stall_type", .string(count.stallType)),
                        ("label", .string(MarketLabels.stallType(count.stallType))),
                        ("total", .integer(Int64(count.total))),
                        ("free", .integer(Int64(count.free))),
                    ])
                })),
            ])),
        ])
    }

    /// True when the district's time of day at `nowMs` is within the opening hours.
    static func isOpen(_ market: Markets.Market, nowMs: Int64) -> Bool {
        guard let opens = minutes(market.opensAt), let closes = minutes(market.closesAt) else {
            return false
        }
        let local = (nowMs / 60_000 + Int64(WallClock.districtOffsetSeconds / 60)) % (24 * 60)
        return Int64(opens) <= local && local < Int64(closes)
    }

    static func marketDetail(_ detail: Markets.MarketDetail, nowMs: Int64, forStaff: Bool) -> JSONValue {
        guard case .object(var members) = market(detail.market ?? Markets.Market(), nowMs: nowMs) else {
            return .null
        }
        members.append(("stall_list", .array(detail.stalls.map { stall($0, forStaff: forStaff) })))
        return .object(members)
    }

    /// Builds a stall. Only staff views include the permit that holds it.
    static func stall(_ stall: Markets.Stall, forStaff: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(stall.id)),
            ("number", .string(stall.number)),
            ("stall_type", .string(stall.stallType)),
            ("stall_type_label", .string(MarketLabels.stallType(stall.stallType))),
            ("size_m2", .number(stall.sizeM2)),
            ("monthly_fee_yuan", .number(Double(stall.monthlyFeeFen) / 100)),
            ("status", .string(stall.status)),
            ("status_label", .string(MarketLabels.stallStatus(stall.status))),
        ]
        if forStaff {
            members.append(("permit_id", .stringOrNull(stall.permitID)))
        }
        return .object(members)
    }

    // MARK: Vendors and applications

    static func vendor(_ vendor: Markets.Vendor) -> JSONValue {
        .object([
            ("id", .string(vendor.id)),
            ("name", .string(vendor.name)),
            ("id_card", .string(vendor.idCard)),
            ("phone", .string(vendor.phone)),
            ("goods_type", .string(vendor.goodsType)),
            ("goods_type_label", .string(MarketLabels.stallType(vendor.goodsType))),
            ("hardship", .bool(vendor.hardship)),
            ("registered_at", JSONViews.time(vendor.registeredAtMs)),
        ])
    }

    static func vendorDetail(_ detail: Markets.VendorDetail) -> JSONValue {
        guard case .object(var members) = vendor(detail.vendor ?? Markets.Vendor()) else {
            return .null
        }
        members.append(("permit", detail.permit.map(permit) ?? .null))
        members.append(("past_permits", .array(detail.pastPermits.map(permit))))
        members.append(("applications", .array(detail.applications.map(application))))
        members.append(("inspections", .array(detail.inspections.map(inspection))))
        return .object(members)
    }

    /// Builds an application as staff see it.
    static func application(_ application: Markets.Application) -> JSONValue {
        .object([
            ("number", .string(application.number)),
            ("status", .string(application.status)),
            ("status_label", .string(MarketLabels.applicationStatus(application.status))),
            ("vendor", .object([("id", .string(application.vendorID)), ("name", .string(application.vendorName))])),
            ("market", .object([("id", .string(application.marketID)), ("name", .string(application.marketName))])),
            ("stall_type", .string(application.stallType)),
            ("stall_type_label", .string(MarketLabels.stallType(application.stallType))),
            ("hardship", .bool(application.hardship)),
            ("applied_at", JSONViews.time(application.appliedAtMs)),
            ("waitlist", waitlistPlace(application)),
            ("stall", application.stallID.isEmpty
                ? .null : .object([("id", .string(application.stallID)), ("number", .string(application.stallNumber))])),
            ("permit_id", .stringOrNull(application.permitID)),
            ("decided_at", JSONViews.time(application.decidedAtMs)),
            ("decision_note", .stringOrNull(application.decisionNote)),
            ("history", .array(application.history.map { change($0, withActor: true) })),
            ("status_url", .string("/v/\(application.number)")),
        ])
    }

    /// Builds an application for the vendor who looks it up by its number,
    /// with the vendor's name masked and without ids of people or actors.
    static func publicApplication(_ application: Markets.Application) -> JSONValue {
        .object([
            ("number", .string(application.number)),
            ("status", .string(application.status)),
            ("status_label", .string(MarketLabels.applicationStatus(application.status))),
            ("vendor_name", .string(maskName(application.vendorName))),
            ("market", .object([("id", .string(application.marketID)), ("name", .string(application.marketName))])),
            ("stall_type", .string(application.stallType)),
            ("stall_type_label", .string(MarketLabels.stallType(application.stallType))),
            ("hardship", .bool(application.hardship)),
            ("applied_at", JSONViews.time(application.appliedAtMs)),
            ("waitlist", waitlistPlace(application)),
            ("stall_number", .stringOrNull(application.stallNumber)),
            ("decided_at", JSONViews.time(application.decidedAtMs)),
            ("decision_note", .stringOrNull(application.decisionNote)),
            ("history", .array(application.history.map { change($0, withActor: false) })),
        ])
    }

    private static func waitlistPlace(_ application: Markets.Application) -> JSONValue {
        guard application.status == "waiting", application.waitlistRank > 0 else {
            return .null
        }
        return .object([
            ("rank", .integer(Int64(application.waitlistRank))), ("size", .integer(Int64(application.waitlistSize))),
        ])
    }

    static func allocation(_ response: Markets.AllocateStallsResponse) -> JSONValue {
        .object([
            ("rule", .string(allocationRule)),
            ("allocations", .array(response.allocations.map(application))),
            ("still_waiting", .integer(Int64(response.stillWaiting))),
            ("still_free", .integer(Int64(response.stillFree))),
        ])
    }

    /// The allocation rule in one sentence, as the docs state it.
    static let allocationRule = "同一市场、同一摊位类型内，困难户优先；同等条件按申请时间先后；摊位按编号顺序分配。"

    // MARK: Permits and inspections

    static func permit(_ permit: Markets.Permit) -> JSONValue {
        .object([
            ("id", .string(permit.id)),
            ("status", .string(permit.status)),
            ("status_label", .string(MarketLabels.permitStatus(permit.status))),
            ("vendor", .object([("id", .string(permit.vendorID)), ("name", .string(permit.vendorName))])),
            ("stall", .object([("id", .string(permit.stallID)), ("number", .string(permit.stallNumber))])),
            ("market_id", .string(permit.marketID)),
            ("application_number", .stringOrNull(permit.applicationNumber)),
            ("start_at", JSONViews.time(permit.startAtMs)),
            ("end_at", JSONViews.time(permit.endAtMs)),
            ("renewals", .integer(Int64(permit.renewals))),
            ("history", .array(permit.history.map { change($0, withActor: true) })),
        ])
    }

    static func inspection(_ inspection: Markets.Inspection) -> JSONValue {
        .object([
            ("id", .string(inspection.id)),
            ("market_id", .string(inspection.marketID)),
            ("stall_id", .stringOrNull(inspection.stallID)),
            ("vendor_id", .stringOrNull(inspection.vendorID)),
            ("permit_id", .stringOrNull(inspection.permitID)),
            ("at", JSONViews.time(inspection.atMs)),
            ("actor", .string(inspection.actor)),
            ("result", .string(inspection.result)),
            ("result_label", .string(MarketLabels.inspectionResult(inspection.result))),
            ("violation_type", .stringOrNull(inspection.violationType)),
            ("notes", .string(inspection.notes)),
        ])
    }

    static func inspectionRecorded(_ response: Markets.RecordInspectionResponse) -> JSONValue {
        .object([
            ("inspection", response.inspection.map(inspection) ?? .null),
            ("permit", response.permit.map(permit) ?? .null),
            ("violations_in_window", .integer(Int64(response.violationsInWindow))),
            ("violation_threshold", .integer(Int64(response.violationThreshold))),
            ("violation_window_days", .integer(Int64(response.violationWindowDays))),
            ("suspended", .bool(response.suspended)),
        ])
    }

    // MARK: History

    /// Builds one recorded change. Vendors' public views leave out who made it.
    static func change(_ change: Markets.StateChange, withActor: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("at", JSONViews.time(change.atMs)),
            ("from", .stringOrNull(change.fromStatus)),
            ("to", .string(change.toStatus)),
        ]
        if withActor {
            members.append(("actor", .string(change.actor)))
        }
        members.append(("actor_label", .string(MarketLabels.actor(change.actor))))
        members.append(("reason", .string(change.reason)))
        return .object(members)
    }

    static func history(_ response: Markets.GetHistoryResponse) -> JSONValue {
        .object([("changes", .array(response.changes.map { change($0, withActor: true) }))])
    }

    // MARK: Helpers

    /// Keeps the first character of a name and stars the rest: 王建国 → 王**.
    static func maskName(_ name: String) -> String {
        guard let first = name.first else {
            return ""
        }
        return String(first) + String(repeating: "*", count: max(name.count - 1, 1))
    }

    /// Minutes after midnight of "HH:MM", or nil.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]) else {
            return nil
        }
        return hour * 60 + minute
    }
}
