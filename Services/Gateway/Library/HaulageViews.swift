import JieluContract
import JieluCore

/// The JSON shapes of the recycling-station and haul-manifest endpoints.
/// Times are ISO 8601 with +08:00, or null when unset. A license's
/// `valid_until` is exclusive, as the markets service stores it.
enum HaulageViews {
    // MARK: Stations

    static func stations(_ stations: [Markets.Station]) -> JSONValue {
        .object([("stations", .array(stations.map(station)))])
    }

    static func station(_ station: Markets.Station) -> JSONValue {
        .object([
            ("id", .string(station.id)),
            ("name", .string(station.name)),
            ("street", .object([("id", .string(station.streetID)), ("name", .string(station.streetName))])),
            ("address", .string(station.address)),
            ("location", .object([("lat", .number(station.lat)), ("lon", .number(station.lon))])),
            ("operator", .string(station.operatorName)),
            ("license", license(station.licenseNumber, from: station.licenseValidFromMs, until: station.licenseValidUntilMs, valid: station.licensed)),
            ("open_rectifications", .integer(Int64(station.openRectifications))),
        ])
    }

    static func stationDetail(_ detail: Markets.StationDetail) -> JSONValue {
        guard case .object(var members) = station(detail.station ?? Markets.Station()) else {
            return .null
        }
        members.append(("inspections", .array(detail.inspections.map(stationInspection))))
        members.append(("rectifications", .array(detail.rectifications.map(rectification))))
        return .object(members)
    }

    static func stationInspection(_ inspection: Markets.StationInspection) -> JSONValue {
        .object([
            ("id", .string(inspection.id)),
            ("station_id", .string(inspection.stationID)),
            ("at", JSONViews.time(inspection.atMs)),
            ("actor", .string(inspection.actor)),
            ("result", .string(inspection.result)),
            ("result_label", .string(MarketLabels.inspectionResult(inspection.result))),
            ("notes", .string(inspection.notes)),
        ])
    }

    static func rectification(_ order: Markets.Rectification) -> JSONValue {
        .object([
            ("id", .string(order.id)),
            ("station_id", .string(order.stationID)),
            ("requirement", .string(order.requirement)),
            ("status", .string(order.status)),
            ("status_label", .string(MarketLabels.rectificationStatus(order.status))),
            ("issued_at", JSONViews.time(order.issuedAtMs)),
            ("issued_by", .string(order.issuedBy)),
            ("deadline_at", JSONViews.time(order.deadlineAtMs)),
            ("overdue", .bool(order.overdue)),
            ("completed_at", JSONViews.time(order.completedAtMs)),
            ("completed_by", .stringOrNull(order.completedBy)),
            ("completion_note", .stringOrNull(order.completionNote)),
        ])
    }

    // MARK: Haulers and manifests

    static func haulers(_ response: Markets.ListHaulersResponse) -> JSONValue {
        .object([
            ("haulers", .array(response.haulers.map { hauler in
                .object([
                    ("id", .string(hauler.id)),
                    ("name", .string(hauler.name)),
                    ("license", license(hauler.licenseNumber, from: hauler.licenseValidFromMs, until: hauler.licenseValidUntilMs, valid: hauler.licensed)),
                    ("vehicles", .array(hauler.vehicles.map { vehicle in
                        .object([("plate", .string(vehicle.plate)), ("capacity_tonnes", .number(vehicle.capacityTonnes))])
                    })),
                ])
            })),
            ("disposal_sites", .array(response.disposalSites.map { site in
                .object([
                    ("id", .string(site.id)),
                    ("name", .string(site.name)),
                    ("address", .string(site.address)),
                    ("location", .object([("lat", .number(site.lat)), ("lon", .number(site.lon))])),
                    ("license", license(site.licenseNumber, from: site.licenseValidFromMs, until: site.licenseValidUntilMs, valid: site.licensed)),
                ])
            })),
        ])
    }

    static func manifests(_ manifests: [Markets.Manifest]) -> JSONValue {
        .object([("manifests", .array(manifests.map(manifest)))])
    }

    static func manifest(_ manifest: Markets.Manifest) -> JSONValue {
        let filedCase: JSONValue
        if manifest.caseID.isEmpty {
            filedCase = .null
        } else {
            // No tracking code, because anyone holding it can confirm the case closed,
            // and the hauler is the party the case is about.
            filedCase = .object([("case_id", .string(manifest.caseID))])
        }
        return .object([
            ("id", .string(manifest.id)),
            ("status", .string(manifest.status)),
            ("status_label", .string(MarketLabels.manifestStatus(manifest.status))),
            ("hauler", .object([("id", .string(manifest.haulerID)), ("name", .string(manifest.haulerName))])),
            ("vehicle_plate", .string(manifest.vehiclePlate)),
            ("origin", .object([
                ("site", .string(manifest.originSite)),
                ("street", .object([("id", .string(manifest.originStreetID)), ("name", .string(manifest.originStreetName))])),
            ])),
            ("expected_load_tonnes", .number(manifest.expectedLoadTonnes)),
            ("disposal_site", .object([("id", .string(manifest.disposalSiteID)), ("name", .string(manifest.disposalSiteName))])),
            ("window", .object([("start_at", JSONViews.time(manifest.windowStartMs)), ("end_at", JSONViews.time(manifest.windowEndMs))])),
            ("created_at", JSONViews.time(manifest.createdAtMs)),
            ("departed_at", JSONViews.time(manifest.departedAtMs)),
            ("arrived_at", JSONViews.time(manifest.arrivedAtMs)),
            ("raised_at", JSONViews.time(manifest.raisedAtMs)),
            ("case", filedCase),
            ("history", .array(manifest.history.map { MarketViews.change($0, withActor: true) })),
        ])
    }

    private static func license(_ number: String, from: Int64, until: Int64, valid: Bool) -> JSONValue {
        .object([
            ("number", .string(number)),
            ("valid_from", JSONViews.time(from)),
            ("valid_until", JSONViews.time(until)),
            ("valid", .bool(valid)),
        ])
    }
}
