import JieluContract
import JieluCore
import JieluRPC

/// Links a resident's report of 废品站污染 (item 0603) to the licensed
/// recycling station it is about, by asking the markets service, which
/// matches the station's name or license number in the description, else
/// the licensed station on the report's street.
///
/// The lookup must never hold up or fail a report: it has a short deadline
/// of its own, and on any failure the report stays unlinked and a warning
/// is logged.
struct StationLinker: Sendable {
    static let categoryCode = "0603"
    /// Maximum wait for the markets service, within the caller's deadline.
    static let timeoutMilliseconds = 800

    let markets: MarketsClient

    /// Returns "station:<station id>" for a matched station, or "" when no
    /// station matches or the markets service does not respond in time.
    func reference(streetID: String, description: String, context: RPCContext) -> String {
        let deadline = Deadline.after(milliseconds: StationLinker.timeoutMilliseconds).capped(at: context.deadline)
        let request = Markets.MatchStationRequest(streetID: streetID, text: description)
        do {
            let response = try markets.matchStation(
                request, options: CallOptions(deadline: deadline, requestID: context.requestID))
            guard response.matched, let station = response.station, !station.id.isEmpty else {
                return ""
            }
            context.logger.debug(
                "report linked to recycling station", ["station_id": station.id, "matched_by": response.matchedBy])
            return "station:\(station.id)"
        } catch {
            let code = (error as? ServiceError)?.code.name ?? "INTERNAL"
            context.logger.warning(
                "recycling station lookup failed, report stays unlinked", ["street_id": streetID, "code": code])
            return ""
        }
    }
}
