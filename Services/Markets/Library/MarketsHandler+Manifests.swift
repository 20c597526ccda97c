import Foundation
import JieluContract
import JieluCore
import JieluRPC

/// The construction-waste haulage methods of `jielu.markets.v1.Markets`.
///
/// A hauler acts through `acting_hauler_id`: when it is set, the service
/// serves and changes only that hauler's manifests, and the hauler must exist.
extension MarketsHandler {
    /// Maximum length of a manifest's time window.
    static let maxWindowHours: Int64 = 72
    /// Latest start of a window, counted from now.
    static let maxWindowLeadDays: Int64 = 30
    static let defaultManifestPageSize = 50
    static let maxManifestPageSize = 200

    func listHaulers(_ request: Markets.ListHaulersRequest, context: RPCContext) throws -> Markets.ListHaulersResponse {
        try store.haulers(nowMs: clock())
    }

    /// - Throws: INVALID_ARGUMENT `missing_hauler_id`, `invalid_plate`,
    ///   `missing_origin_site`, `origin_site_too_long`, `invalid_load`,
    ///   `invalid_window`, `window_in_past`, `window_too_long`,
    ///   `window_too_far`, `missing_actor`; and the errors of
    ///   `MarketsStore.createManifest`.
    func createManifest(_ request: Markets.CreateManifestRequest, context: RPCContext) throws -> Markets.Manifest {
        let nowMs = clock()
        let haulerID = try FieldValidation.identifier(request.haulerID, field: "hauler_id", label: "运输单位编号")
        guard let plate = LicensePlate.normalized(request.vehiclePlate) else {
            throw ServiceError.invalid(
                "vehicle_plate", reason: "invalid_plate",
                message: "车牌「\(request.vehiclePlate)」格式不正确；应为省份简称加字母和 5 到 6 位字母数字，如 吉A5K2D8。")
        }
        let originSite = try FieldValidation.text(
            request.originSite, field: "origin_site", label: "起运工地", maxCharacters: FieldValidation.maxShortTextCharacters)
        let originStreetID = try FieldValidation.identifier(request.originStreetID, field: "origin_street_id", label: "起运街路")
        let load = request.expectedLoadTonnes
        guard load.isFinite, load > 0 else {
            throw ServiceError.invalid(
                "expected_load_tonnes", reason: "invalid_load", message: "预计装载量 \(load) 无效；应为大于 0 的吨数。")
        }
        let siteID = try FieldValidation.identifier(request.disposalSiteID, field: "disposal_site_id", label: "消纳场编号")
        try checkWindow(startMs: request.windowStartMs, endMs: request.windowEndMs, nowMs: nowMs)
        let actor = try FieldValidation.actor(request.actor)

        let draft = MarketsStore.ManifestDraft(
            haulerID: haulerID, vehiclePlate: plate, originSite: originSite, originStreetID: originStreetID,
            expectedLoadTonnes: load, disposalSiteID: siteID, windowStartMs: request.windowStartMs,
            windowEndMs: request.windowEndMs, actor: actor)
        let manifest = try store.createManifest(draft, nowMs: nowMs)
        context.logger.info(
            "manifest registered",
            ["manifest_id": manifest.id, "hauler_id": haulerID, "window_end_ms": manifest.windowEndMs, "actor": actor])
        return manifest
    }

    /// Checks a manifest's window: it ends after it starts and after now,
    /// lasts at most 72 hours and starts within 30 days.
    func checkWindow(startMs: Int64, endMs: Int64, nowMs: Int64) throws(ServiceError) {
        guard startMs > 0, endMs > startMs else {
            throw ServiceError.invalid(
                "window_end", reason: "invalid_window", message: "清运时限无效：结束时间须晚于开始时间。")
        }
        guard endMs > nowMs else {
            throw ServiceError.invalid(
                "window_end", reason: "window_in_past", message: "清运时限的结束时间 \(MarketsText.time(endMs)) 已过；请填写将来的时限。")
        }
        guard endMs - startMs <= MarketsHandler.maxWindowHours * 3_600_000 else {
            throw ServiceError.invalid(
                "window_end", reason: "window_too_long", message: "清运时限最长 \(MarketsHandler.maxWindowHours) 小时；请分单登记。")
        }
        guard startMs <= nowMs + MarketsHandler.maxWindowLeadDays * 86_400_000 else {
            throw ServiceError.invalid(
                "window_start", reason: "window_too_far", message: "清运时限最多提前 \(MarketsHandler.maxWindowLeadDays) 天登记。")
        }
    }

    /// - Throws: NOT_FOUND `unknown_manifest`; PERMISSION_DENIED
    ///   `unknown_hauler` or `not_own_manifest` for a hauler.
    func getManifest(_ request: Markets.GetManifestRequest, context: RPCContext) throws -> Markets.Manifest {
        let manifestID = try FieldValidation.identifier(request.manifestID, field: "manifest_id", label: "联单编号")
        let acting = try actingHauler(request.actingHaulerID, required: false)
        return try store.manifest(id: manifestID, actingHaulerID: acting)
    }

    /// - Throws: INVALID_ARGUMENT `invalid_status` or `invalid_limit`.
    func listManifests(_ request: Markets.ListManifestsRequest, context: RPCContext) throws -> Markets.ListManifestsResponse {
        let haulerID = request.haulerID.trimmingWhitespace()
        if !request.status.isEmpty && ManifestStatus(rawValue: request.status) == nil {
            let known = ManifestStatus.allCases.map(\.rawValue).joined(separator: "、")
            throw ServiceError.invalid(
                "status", reason: "invalid_status", message: "联单状态「\(request.status)」无效；应为 \(known) 之一，或留空表示全部。")
        }
        let limit = request.limit == 0 ? MarketsHandler.defaultManifestPageSize : Int(request.limit)
        guard (1...MarketsHandler.maxManifestPageSize).contains(limit) else {
            throw ServiceError.invalid(
                "limit", reason: "invalid_limit", message: "条数 \(request.limit) 无效；应为 1 到 \(MarketsHandler.maxManifestPageSize)。")
        }
        return Markets.ListManifestsResponse(
            manifests: try store.manifests(haulerID: haulerID, status: request.status, limit: limit))
    }

    /// - Throws: INVALID_ARGUMENT `missing_acting_hauler_id`; PERMISSION_DENIED
    ///   `unknown_hauler` or `not_own_manifest`; NOT_FOUND `unknown_manifest`;
    ///   FAILED_PRECONDITION `invalid_transition`, or `manifest_expired` when
    ///   the window had ended (the manifest is then expired and its case queued).
    func recordDeparture(_ request: Markets.RecordDepartureRequest, context: RPCContext) throws -> Markets.Manifest {
        let manifestID = try FieldValidation.identifier(request.manifestID, field: "manifest_id", label: "联单编号")
        let acting = try actingHauler(request.actingHaulerID, required: true)
        let outcome = try store.recordDeparture(id: manifestID, actingHaulerID: acting, nowMs: clock())
        return try finish(outcome, context: context)
    }

    /// - Throws: as `recordDeparture`, plus INVALID_ARGUMENT
    ///   `disposal_site_mismatch` and FAILED_PRECONDITION `disposal_site_license_invalid`.
    func recordArrival(_ request: Markets.RecordArrivalRequest, context: RPCContext) throws -> Markets.Manifest {
        let manifestID = try FieldValidation.identifier(request.manifestID, field: "manifest_id", label: "联单编号")
        let acting = try actingHauler(request.actingHaulerID, required: true)
        let siteID = try FieldValidation.identifier(request.disposalSiteID, field: "disposal_site_id", label: "消纳场编号")
        let outcome = try store.recordArrival(id: manifestID, actingHaulerID: acting, disposalSiteID: siteID, nowMs: clock())
        return try finish(outcome, context: context)
    }

    /// Returns the manifest of a recorded trip. For an expired one it wakes
    /// the relay that files the case and throws `manifest_expired`.
    private func finish(
        _ outcome: MarketsStore.TripOutcome, context: RPCContext
    ) throws -> Markets.Manifest {
        switch outcome {
        case .recorded(let manifest):
            context.logger.info("manifest trip recorded", ["manifest_id": manifest.id, "status": manifest.status])
            return manifest
        case .expired(let manifest):
            relay.wake()
            context.logger.info("manifest expired when recording a trip", ["manifest_id": manifest.id])
            throw ServiceError(
                .failedPrecondition, reason: "manifest_expired",
                message: "联单 \(manifest.id) 的时限已于 \(MarketsText.time(manifest.windowEndMs)) 结束，"
                    + "不能再登记；系统已按超时未闭合自动报送案件。")
        }
    }

    /// Returns the acting hauler id after checking that the hauler exists.
    ///
    /// - Throws: INVALID_ARGUMENT `missing_acting_hauler_id` when required
    ///   and empty; PERMISSION_DENIED `unknown_hauler` for an id no hauler has.
    func actingHauler(_ text: String, required: Bool) throws -> String {
        let id = text.trimmingWhitespace()
        if id.isEmpty {
            guard !required else {
                throw ServiceError.invalid(
                    "acting_hauler_id", reason: "missing_acting_hauler_id", message: "出场和到场只能由承运的运输单位登记。")
            }
            return ""
        }
        guard try store.haulerExists(id) else {
            throw ServiceError(
                .permissionDenied, reason: "unknown_hauler",
                message: "令牌关联的运输单位「\(id)」不在核准名录中；请向管理员重新申请令牌。")
        }
        return id
    }
}
