import Foundation
import JieluContract
import JieluCore
import JieluRPC

/// The recycling-station methods of `jielu.markets.v1.Markets`.
extension MarketsHandler {
    /// Maximum time a rectification order may allow: one year.
    static let maxRectificationDays: Int64 = 365

    func listStations(_ request: Markets.ListStationsRequest, context: RPCContext) throws -> Markets.ListStationsResponse {
        let streetID = request.streetID.trimmingWhitespace()
        return Markets.ListStationsResponse(stations: try store.stations(streetID: streetID, nowMs: clock()))
    }

    /// - Throws: NOT_FOUND `unknown_station`.
    func getStation(_ request: Markets.GetStationRequest, context: RPCContext) throws -> Markets.StationDetail {
        let stationID = try FieldValidation.identifier(request.stationID, field: "station_id", label: "回收站编号")
        guard let detail = try store.stationDetail(id: stationID, nowMs: clock()) else {
            throw ServiceError.notFound(
                reason: "unknown_station", message: "再生资源回收站「\(stationID)」不存在；请核对站点编号。", field: "station_id")
        }
        return detail
    }

    /// - Throws: INVALID_ARGUMENT `invalid_result`, `notes_too_long`,
    ///   `missing_actor`; NOT_FOUND `unknown_station`.
    func recordStationInspection(
        _ request: Markets.RecordStationInspectionRequest, context: RPCContext
    ) throws -> Markets.StationInspection {
        let stationID = try FieldValidation.identifier(request.stationID, field: "station_id", label: "回收站编号")
        let result = try FieldValidation.inspectionResult(request.result)
        let notes = try FieldValidation.optionalText(
            request.notes, field: "notes", label: "检查记录", maxCharacters: FieldValidation.maxNoteCharacters)
        let actor = try FieldValidation.actor(request.actor)

        let inspection = try store.recordStationInspection(
            stationID: stationID, result: result, notes: notes, actor: actor, nowMs: clock())
        context.logger.info("station inspected", ["station_id": stationID, "result": result, "actor": actor])
        return inspection
    }

    /// - Throws: INVALID_ARGUMENT `missing_requirement`, `requirement_too_long`,
    ///   `invalid_deadline` (not after now, or more than a year away),
    ///   `missing_actor`; NOT_FOUND `unknown_station`.
    func issueRectification(
        _ request: Markets.IssueRectificationRequest, context: RPCContext
    ) throws -> Markets.Rectification {
        let nowMs = clock()
        let stationID = try FieldValidation.identifier(request.stationID, field: "station_id", label: "回收站编号")
        let requirement = try FieldValidation.text(
            request.requirement, field: "requirement", label: "整改要求", maxCharacters: FieldValidation.maxNoteCharacters,
            allowsLineBreaks: true)
        guard request.deadlineAtMs > nowMs,
            request.deadlineAtMs - nowMs <= MarketsHandler.maxRectificationDays * 86_400_000
        else {
            throw ServiceError.invalid(
                "deadline_at", reason: "invalid_deadline",
                message: "整改期限须晚于现在，且不超过 \(MarketsHandler.maxRectificationDays) 天。")
        }
        let actor = try FieldValidation.actor(request.actor)

        let order = try store.issueRectification(
            stationID: stationID, requirement: requirement, deadlineAtMs: request.deadlineAtMs, actor: actor, nowMs: nowMs)
        context.logger.info("rectification issued", ["rectification_id": order.id, "station_id": stationID, "actor": actor])
        return order
    }

    /// - Throws: INVALID_ARGUMENT `missing_note`; NOT_FOUND
    ///   `unknown_rectification`; FAILED_PRECONDITION `invalid_transition`.
    func completeRectification(
        _ request: Markets.CompleteRectificationRequest, context: RPCContext
    ) throws -> Markets.Rectification {
        let orderID = try FieldValidation.identifier(request.rectificationID, field: "rectification_id", label: "整改通知编号")
        let note = try FieldValidation.text(
            request.note, field: "note", label: "整改情况", maxCharacters: FieldValidation.maxNoteCharacters,
            allowsLineBreaks: true)
        let actor = try FieldValidation.actor(request.actor)

        let order = try store.completeRectification(id: orderID, note: note, actor: actor, nowMs: clock())
        context.logger.info("rectification completed", ["rectification_id": orderID, "overdue": order.overdue])
        return order
    }

    /// Never fails for an unknown street or text without a match: it
    /// returns `matched` false.
    func matchStation(_ request: Markets.MatchStationRequest, context: RPCContext) throws -> Markets.MatchStationResponse {
        let response = try store.matchStation(
            streetID: request.streetID.trimmingWhitespace(), text: request.text, nowMs: clock())
        context.logger.debug(
            "station match", ["street_id": request.streetID, "matched_by": response.matchedBy,
                              "station_id": response.station?.id ?? ""])
        return response
    }
}
