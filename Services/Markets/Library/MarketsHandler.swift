import Foundation
import JieluContract
import JieluCore
import JieluRPC
import JieluStore

/// The `jielu.markets.v1.Markets` methods for markets, stalls, vendors,
/// applications, permits and inspections. Stations and manifests are in
/// the extensions `MarketsHandler+Stations` and `MarketsHandler+Manifests`.
///
/// Each method validates its request before it reads or writes, so bad input
/// stores nothing.
struct MarketsHandler: MarketsHandling {
    let store: MarketsStore
    let streets: StreetDirectory
    /// The relay that files the cases of expired manifests with intake.
    let relay: OutboxRelay
    /// Source of "now" in Unix milliseconds; tests pin it.
    var clock: @Sendable () -> Int64 = { WallClock.nowMilliseconds() }

    var settings: MarketsSettings { store.settings }

    // MARK: Dataset

    /// Checks the dataset against itself and the registry's streets, then
    /// replaces everything in one transaction.
    ///
    /// - Throws: INVALID_ARGUMENT `invalid_dataset`; FAILED_PRECONDITION
    ///   `district_not_loaded` or `cases_pending`; UNAVAILABLE when the
    ///   registry cannot be reached.
    func loadMarkets(_ request: Markets.LoadMarketsRequest, context: RPCContext) throws -> Markets.LoadMarketsResponse {
        let streetList = try streets.streets(context: context)
        let nowMs = clock()
        try DatasetValidation(request: request, streetIDs: Set(streetList.map(\.id)), nowMs: nowMs).check()
        try context.checkDeadline()

        let counts = try store.load(request, streets: streetList, nowMs: nowMs)
        context.logger.info(
            "markets dataset loaded",
            ["markets": counts.markets, "stalls": counts.stalls, "vendors": counts.vendors, "permits": counts.permits,
             "stations": counts.stations, "haulers": counts.haulers])
        return counts
    }

    // MARK: Markets and stalls

    func listMarkets(_ request: Markets.ListMarketsRequest, context: RPCContext) throws -> Markets.ListMarketsResponse {
        Markets.ListMarketsResponse(markets: try store.markets(nowMs: clock()))
    }

    /// - Throws: NOT_FOUND `unknown_market`.
    func getMarket(_ request: Markets.GetMarketRequest, context: RPCContext) throws -> Markets.MarketDetail {
        let marketID = try FieldValidation.identifier(request.marketID, field: "market_id", label: "市场编号")
        guard let detail = try store.market(id: marketID, nowMs: clock()) else {
            throw MarketsStore.unknownMarket(marketID, asArgument: false)
        }
        return detail
    }

    /// - Throws: see `MarketsStore.setStallStatus`; INVALID_ARGUMENT for a
    ///   missing stall id, actor or reason.
    func setStallStatus(_ request: Markets.SetStallStatusRequest, context: RPCContext) throws -> Markets.Stall {
        let stallID = try FieldValidation.identifier(request.stallID, field: "stall_id", label: "摊位编号")
        let actor = try FieldValidation.actor(request.actor)
        let reason = try FieldValidation.text(
            request.reason, field: "reason", label: "原因", maxCharacters: FieldValidation.maxNoteCharacters)
        let stall = try store.setStallStatus(
            stallID: stallID, status: request.status, actor: actor, reason: reason, nowMs: clock())
        context.logger.info("stall status changed", ["stall_id": stallID, "status": stall.status, "actor": actor])
        return stall
    }

    // MARK: Vendors

    /// - Throws: INVALID_ARGUMENT `missing_name`, `name_too_long`,
    ///   `invalid_id_card`, `invalid_phone`, `invalid_stall_type` (field
    ///   `goods_type`), `missing_actor`; ALREADY_EXISTS `duplicate_id_card`.
    func registerVendor(_ request: Markets.RegisterVendorRequest, context: RPCContext) throws -> Markets.Vendor {
        let nowMs = clock()
        let name = try FieldValidation.name(request.name)
        let idCard = try FieldValidation.idCard(request.idCard, nowMs: nowMs)
        let phone = try FieldValidation.mobilePhone(request.phone)
        let goodsType = try FieldValidation.stallType(request.goodsType, field: "goods_type")
        let actor = try FieldValidation.actor(request.actor)

        let vendor = try store.registerVendor(
            name: name, idCard: idCard, phone: phone, goodsType: goodsType, hardship: request.hardship, actor: actor,
            nowMs: nowMs)
        context.logger.info("vendor registered", ["vendor_id": vendor.id, "hardship": vendor.hardship, "actor": actor])
        return vendor
    }

    func listVendors(_ request: Markets.ListVendorsRequest, context: RPCContext) throws -> Markets.ListVendorsResponse {
        Markets.ListVendorsResponse(vendors: try store.vendors())
    }

    /// - Throws: NOT_FOUND `unknown_vendor`.
    func getVendor(_ request: Markets.GetVendorRequest, context: RPCContext) throws -> Markets.VendorDetail {
        let vendorID = try FieldValidation.identifier(request.vendorID, field: "vendor_id", label: "摊贩编号")
        guard let detail = try store.vendorDetail(id: vendorID, nowMs: clock()) else {
            throw MarketsStore.unknownVendor(vendorID, asArgument: false)
        }
        return detail
    }

    // MARK: Applications and allocation

    /// - Throws: see `MarketsStore.submitApplication`.
    func submitApplication(
        _ request: Markets.SubmitApplicationRequest, context: RPCContext
    ) throws -> Markets.Application {
        let vendorID = try FieldValidation.identifier(request.vendorID, field: "vendor_id", label: "摊贩编号")
        let marketID = try FieldValidation.identifier(request.marketID, field: "market_id", label: "市场编号")
        let actor = try FieldValidation.actor(request.actor)

        let application = try store.submitApplication(vendorID: vendorID, marketID: marketID, actor: actor, nowMs: clock())
        context.logger.info(
            "application submitted",
            ["application_number": application.number, "vendor_id": vendorID, "market_id": marketID,
             "rank": application.waitlistRank])
        return application
    }

    /// - Throws: NOT_FOUND `unknown_application`, also for a malformed number.
    func getApplication(_ request: Markets.GetApplicationRequest, context: RPCContext) throws -> Markets.Application {
        let number = request.number.trimmingWhitespace().uppercased()
        let random = number.dropFirst(MarketsStore.applicationNumberPrefix.count)
        guard number.hasPrefix(MarketsStore.applicationNumberPrefix),
            RandomCode.isWellFormed(String(random), length: MarketsStore.applicationNumberRandomLength),
            let application = try store.application(number: number)
        else {
            throw ServiceError.notFound(
                reason: "unknown_application", message: "申请编号「\(request.number)」不存在；请核对回执上的申请编号。",
                field: "number")
        }
        return application
    }

    /// - Throws: NOT_FOUND `unknown_market`; INVALID_ARGUMENT `invalid_stall_type`.
    func listWaitlist(_ request: Markets.ListWaitlistRequest, context: RPCContext) throws -> Markets.ListWaitlistResponse {
        let marketID = try FieldValidation.identifier(request.marketID, field: "market_id", label: "市场编号")
        if !request.stallType.isEmpty {
            _ = try FieldValidation.stallType(request.stallType, field: "stall_type")
        }
        return Markets.ListWaitlistResponse(
            applications: try store.waitlist(marketID: marketID, stallType: request.stallType))
    }

    /// Allocates free stalls for the requested period: from `start_at_ms`
    /// (0: now, else not before today 00:00) to `end_at_ms` (0: start plus
    /// the permit term).
    ///
    /// - Throws: INVALID_ARGUMENT `unknown_market`, `invalid_stall_type`,
    ///   `invalid_permit_dates` (fields `start_at`, `end_at`), `permit_too_long`.
    func allocateStalls(
        _ request: Markets.AllocateStallsRequest, context: RPCContext
    ) throws -> Markets.AllocateStallsResponse {
        let nowMs = clock()
        let marketID = try FieldValidation.identifier(request.marketID, field: "market_id", label: "市场编号")
        if !request.stallType.isEmpty {
            _ = try FieldValidation.stallType(request.stallType, field: "stall_type")
        }
        let actor = try FieldValidation.actor(request.actor)
        let period = try permitPeriod(startAtMs: request.startAtMs, endAtMs: request.endAtMs, nowMs: nowMs)

        let response = try store.allocate(
            marketID: marketID, stallType: request.stallType, period: period, actor: actor, nowMs: nowMs)
        context.logger.info(
            "stalls allocated",
            ["market_id": marketID, "allocated": response.allocations.count, "still_waiting": response.stillWaiting,
             "still_free": response.stillFree, "actor": actor])
        return response
    }

    /// Checks a requested permit period and fills in its defaults.
    func permitPeriod(startAtMs: Int64, endAtMs: Int64, nowMs: Int64) throws(ServiceError) -> MarketsStore.PermitPeriod {
        let start = startAtMs == 0 ? nowMs : startAtMs
        guard start >= DistrictTime.startOfDay(containing: nowMs) else {
            throw ServiceError.invalid(
                "start_at", reason: "invalid_permit_dates",
                message: "许可起始时间 \(MarketsText.time(start)) 早于今天；许可只能从今天或以后开始。")
        }
        let end = endAtMs == 0 ? start + settings.permitTermMilliseconds : endAtMs
        guard end > start else {
            throw ServiceError.invalid(
                "end_at", reason: "invalid_permit_dates",
                message: "许可截止时间 \(MarketsText.time(end)) 须晚于起始时间 \(MarketsText.time(start))。")
        }
        guard end - start <= Int64(MarketsSettings.maxPermitDays) * 86_400_000 else {
            throw ServiceError.invalid(
                "end_at", reason: "permit_too_long", message: "许可期限最长 \(MarketsSettings.maxPermitDays) 天；请缩短期限。")
        }
        return MarketsStore.PermitPeriod(start: start, end: end)
    }

    // MARK: Permits

    /// - Throws: see `MarketsStore.renewPermit`; INVALID_ARGUMENT for a
    ///   missing permit id, actor or reason.
    func renewPermit(_ request: Markets.RenewPermitRequest, context: RPCContext) throws -> Markets.Permit {
        let permitID = try FieldValidation.identifier(request.permitID, field: "permit_id", label: "许可编号")
        let actor = try FieldValidation.actor(request.actor)
        let reason = try FieldValidation.text(
            request.reason, field: "reason", label: "续期说明", maxCharacters: FieldValidation.maxNoteCharacters)
        guard request.endAtMs > 0 else {
            throw ServiceError.invalid("end_at", reason: "invalid_permit_dates", message: "请提供续期后的截止时间（end_at）。")
        }
        let permit = try store.renewPermit(id: permitID, endAtMs: request.endAtMs, actor: actor, reason: reason, nowMs: clock())
        context.logger.info("permit renewed", ["permit_id": permitID, "end_at_ms": permit.endAtMs, "actor": actor])
        return permit
    }

    /// - Throws: see `MarketsStore.revokePermit`; INVALID_ARGUMENT for a
    ///   missing permit id, actor or reason.
    func revokePermit(_ request: Markets.RevokePermitRequest, context: RPCContext) throws -> Markets.Permit {
        let permitID = try FieldValidation.identifier(request.permitID, field: "permit_id", label: "许可编号")
        let actor = try FieldValidation.actor(request.actor)
        let reason = try FieldValidation.text(
            request.reason, field: "reason", label: "吊销原因", maxCharacters: FieldValidation.maxNoteCharacters)
        let permit = try store.revokePermit(id: permitID, actor: actor, reason: reason, nowMs: clock())
        context.logger.info("permit revoked", ["permit_id": permitID, "stall_id": permit.stallID, "actor": actor])
        return permit
    }

    /// - Throws: see `MarketsStore.reinstatePermit`; INVALID_ARGUMENT for a
    ///   missing permit id, actor or reason.
    func reinstatePermit(_ request: Markets.ReinstatePermitRequest, context: RPCContext) throws -> Markets.Permit {
        let permitID = try FieldValidation.identifier(request.permitID, field: "permit_id", label: "许可编号")
        let actor = try FieldValidation.actor(request.actor)
        let reason = try FieldValidation.text(
            request.reason, field: "reason", label: "恢复说明", maxCharacters: FieldValidation.maxNoteCharacters)
        let permit = try store.reinstatePermit(id: permitID, actor: actor, reason: reason, nowMs: clock())
        context.logger.info("permit reinstated", ["permit_id": permitID, "actor": actor])
        return permit
    }

    // MARK: Inspections

    /// - Throws: INVALID_ARGUMENT `missing_target` when neither a stall nor
    ///   a vendor is named, `invalid_result`, `missing_violation_type`, and
    ///   the errors of `MarketsStore.recordInspection`.
    func recordInspection(
        _ request: Markets.RecordInspectionRequest, context: RPCContext
    ) throws -> Markets.RecordInspectionResponse {
        let marketID = try FieldValidation.identifier(request.marketID, field: "market_id", label: "市场编号")
        let stallID = request.stallID.trimmingWhitespace()
        let vendorID = request.vendorID.trimmingWhitespace()
        guard !stallID.isEmpty || !vendorID.isEmpty else {
            throw ServiceError.invalid(
                "stall_id", reason: "missing_target", message: "请指明检查的摊位（stall_id）或摊贩（vendor_id）。")
        }
        if !stallID.isEmpty {
            _ = try FieldValidation.identifier(stallID, field: "stall_id", label: "摊位编号")
        }
        if !vendorID.isEmpty {
            _ = try FieldValidation.identifier(vendorID, field: "vendor_id", label: "摊贩编号")
        }
        let result = try FieldValidation.inspectionResult(request.result)
        var violationType = ""
        if result == "violation" {
            violationType = try FieldValidation.text(
                request.violationType, field: "violation_type", label: "违规类型",
                maxCharacters: FieldValidation.maxNameCharacters)
        }
        let notes = try FieldValidation.optionalText(
            request.notes, field: "notes", label: "检查记录", maxCharacters: FieldValidation.maxNoteCharacters)
        let actor = try FieldValidation.actor(request.actor)

        let draft = MarketsStore.InspectionDraft(
            marketID: marketID, stallID: stallID, vendorID: vendorID, result: result, violationType: violationType,
            notes: notes, actor: actor)
        let response = try store.recordInspection(draft, nowMs: clock())
        let inspection = response.inspection ?? Markets.Inspection()
        context.logger.info(
            "inspection recorded",
            ["inspection_id": inspection.id, "result": result, "permit_id": inspection.permitID,
             "violations_in_window": response.violationsInWindow, "suspended": response.suspended])
        return response
    }

    // MARK: History

    /// - Throws: INVALID_ARGUMENT `invalid_entity_kind`.
    func getHistory(_ request: Markets.GetHistoryRequest, context: RPCContext) throws -> Markets.GetHistoryResponse {
        let kinds = ["stall", "vendor", "application", "permit", "manifest", "rectification"]
        guard kinds.contains(request.entityKind) else {
            throw ServiceError.invalid(
                "entity_kind", reason: "invalid_entity_kind",
                message: "记录类型「\(request.entityKind)」无效；应为 \(kinds.joined(separator: "、")) 之一。")
        }
        let entityID = try FieldValidation.identifier(request.entityID, field: "entity_id", label: "编号")
        return Markets.GetHistoryResponse(changes: try store.history(kind: request.entityKind, id: entityID))
    }
}
