import JieluContract
import JieluCore

/// The JSON shapes of the gateway's API, built from the backends' value
/// types. Times are ISO 8601 with +08:00, or `null` when a time is unset (0);
/// labels are Simplified Chinese.
enum JSONViews {
    /// Whether a staff view shows the resident's contact phone in full.
    enum PhoneVisibility {
        /// Only in a handler's view of a case assigned to them.
        case full
        case masked
    }

    // MARK: Public

    static func streets(_ streets: [Registry.Street]) -> JSONValue {
        .object([("streets", .array(streets.map(street)))])
    }

    static func street(_ street: Registry.Street) -> JSONValue {
        .object([
            ("id", .string(street.id)),
            ("name", .string(street.name)),
            ("grade", .string(street.grade)),
            ("sub_district_id", .string(street.subDistrictID)),
            ("sub_district_name", .string(street.subDistrictName)),
            ("board_code", .string(street.boardCode)),
        ])
    }

    /// Builds a street's board. Phones are the masked ones the registry
    /// sends, because `GetBoard` carries no full numbers.
    static func board(_ board: Registry.Board, classes: [Registry.CategoryClass]) -> JSONValue {
        let street = board.street ?? Registry.Street()
        let people = board.people.map { person -> JSONValue in
            .object([
                ("name", .string(person.name)),
                ("role", .string(person.role)),
                ("role_label", .string(Labels.boardRole(person.role))),
                ("phone", .string(person.phoneMasked)),
                ("unit", .string(person.unitName)),
            ])
        }
        return .object([
            ("street", .object([("id", .string(street.id)), ("name", .string(street.name)), ("grade", .string(street.grade))])),
            ("sub_district", .object([("id", .string(street.subDistrictID)), ("name", .string(board.subDistrictName))])),
            ("community", .object([("id", .string(street.communityID)), ("name", .string(board.communityName))])),
            ("grid", .object([("id", .string(street.gridID)), ("name", .string(board.gridName))])),
            ("people", .array(people)),
            ("categories", categoryClasses(classes)),
        ])
    }

    static func categories(_ classes: [Registry.CategoryClass]) -> JSONValue {
        .object([("classes", categoryClasses(classes))])
    }

    private static func categoryClasses(_ classes: [Registry.CategoryClass]) -> JSONValue {
        .array(classes.map { categoryClass in
            .object([
                ("code", .string(categoryClass.code)),
                ("name", .string(categoryClass.name)),
                ("items", .array(categoryClass.items.map { item in
                    .object([
                        ("code", .string(item.code)),
                        ("name", .string(item.name)),
                        ("time_limit_hours", .integer(Int64(item.timeLimitHours))),
                        ("area", .string(item.area)),
                    ])
                })),
            ])
        })
    }

    static func reportAccepted(_ response: Intake.SubmitReportResponse) -> JSONValue {
        .object([
            ("case_id", .string(response.caseID)),
            ("tracking_code", .string(response.trackingCode)),
            ("status", .string(response.status)),
            ("due_at", time(response.dueAtMs)),
            ("received_at", time(response.receivedAtMs)),
            ("track_url", .string("/t/\(response.trackingCode)")),
        ])
    }

    /// Builds a case as residents see it, without anyone's phone number.
    static func trackedCase(_ tracked: TrackedCase, nowMs: Int64) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("case_id", .string(tracked.caseID)),
            ("tracking_code", .string(tracked.trackingCode)),
            ("status", .string(tracked.status)),
            ("status_label", .string(Labels.status(tracked.status))),
            ("category", .object([("code", .string(tracked.categoryCode)), ("name", .string(tracked.categoryName))])),
            ("street", .object([("id", .string(tracked.streetID)), ("name", .string(tracked.streetName))])),
            ("sub_district", .object([("id", .string(tracked.subDistrictID)), ("name", .string(tracked.subDistrictName))])),
            ("received_at", time(tracked.receivedAtMs)),
            ("due_at", time(tracked.dueAtMs)),
        ]
        if tracked.closedAtMs > 0 {
            members.append(("closed_at", time(tracked.closedAtMs)))
        }
        members.append(("overdue", .bool(tracked.isOverdue(nowMs: nowMs))))
        if tracked.handlerName.isEmpty && tracked.handlerUnit.isEmpty {
            members.append(("handler", .null))
        } else {
            members.append(("handler", .object([("name", .string(tracked.handlerName)), ("unit", .string(tracked.handlerUnit))])))
        }
        members.append(("timeline", .array(tracked.timeline.map(timelineStep))))
        return .object(members)
    }

    private static func timelineStep(_ step: TrackedCase.Step) -> JSONValue {
        .object([
            ("at", time(step.atMs)),
            ("from", .stringOrNull(step.from)),
            ("to", .string(step.to)),
            ("to_label", .string(Labels.status(step.to))),
            ("actor_label", .string(Labels.actor(step.actor))),
            ("note", .string(step.note)),
        ])
    }

    // MARK: Staff

    static func caseList(_ response: Dispatch.ListCasesResponse, phones: PhoneVisibility, nowMs: Int64) -> JSONValue {
        .object([
            ("cases", .array(response.cases.map { staffCase($0, phones: phones, includeTimeline: false, nowMs: nowMs) })),
            ("next_page_token", .stringOrNull(response.nextPageToken)),
        ])
    }

    /// Builds a case file as staff see it. The resident's phone is shown
    /// according to `phones`. The assignee's own phone is left out.
    static func staffCase(_ file: Dispatch.Case, phones: PhoneVisibility, includeTimeline: Bool, nowMs: Int64) -> JSONValue {
        let phone: JSONValue
        if file.contactPhone.isEmpty {
            phone = .null
        } else {
            phone = .string(phones == .full ? file.contactPhone : maskPhone(file.contactPhone))
        }
        let assignee: JSONValue
        if let person = file.assignee, !person.staffID.isEmpty {
            assignee = .object([("staff_id", .string(person.staffID)), ("name", .string(person.name))])
        } else {
            assignee = .null
        }

        var members: [(String, JSONValue)] = [
            // No tracking code: it is the resident's credential for confirming
            // the case, so a handler who saw it could close their own case.
            ("case_id", .string(file.caseID)),
            ("status", .string(file.status)),
            ("status_label", .string(Labels.status(file.status))),
            ("category", .object([("code", .string(file.categoryCode)), ("name", .string(file.categoryName))])),
            ("street", .object([("id", .string(file.streetID)), ("name", .string(file.streetName))])),
            ("sub_district", .object([("id", .string(file.subDistrictID)), ("name", .string(file.subDistrictName))])),
            ("assignee", assignee),
            ("unit", .object([("id", .string(file.unitID)), ("name", .string(file.unitName))])),
            ("received_at", time(file.receivedAtMs)),
            ("due_at", time(file.dueAtMs)),
            ("closed_at", time(file.closedAtMs)),
            ("overdue", .bool(CaseClock.isOverdue(status: file.status, dueAtMs: file.dueAtMs, closedAtMs: file.closedAtMs, nowMs: nowMs))),
            ("description", .string(file.description)),
            ("contact_phone", phone),
            ("external_ref", .stringOrNull(file.externalRef)),
        ]
        if includeTimeline {
            let steps = TrackedCase(case: file).timeline
            members.append(("timeline", .array(steps.map { step in
                .object([
                    ("at", time(step.atMs)),
                    ("from", .stringOrNull(step.from)),
                    ("to", .string(step.to)),
                    ("to_label", .string(Labels.status(step.to))),
                    ("actor", .string(step.actor)),
                    ("actor_label", .string(Labels.actor(step.actor))),
                    ("note", .string(step.note)),
                ])
            })))
        }
        return .object(members)
    }

    static func createdToken(_ response: Registry.CreateTokenResponse, role: String, staffID: String) -> JSONValue {
        .object([
            ("token", .string(response.token)),
            ("token_id", .string(response.tokenID)),
            ("role", .string(role)),
            ("staff_id", .stringOrNull(staffID)),
        ])
    }

    // MARK: Metrics

    static func summary(_ summary: Metrics.Summary, includeStreets: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("as_of", time(summary.asOfMs)),
            ("district", summary.district.map(stats) ?? .null),
            ("sub_districts", .array(summary.subDistricts.map(stats))),
        ]
        if includeStreets {
            members.append(("streets", .array(summary.streets.map(stats))))
        }
        return .object(members)
    }

    /// Builds one scope's indicators. The metrics service sends 0 for a rate
    /// whose denominator is 0. Here such a rate is `null`, because "no cases
    /// due" is not "nothing closed on time".
    static func stats(_ stats: Metrics.Stats) -> JSONValue {
        .object([
            ("id", .string(stats.id)),
            ("name", .string(stats.name)),
            ("received", .integer(Int64(clamping: stats.received))),
            ("dispatched", .integer(Int64(clamping: stats.dispatched))),
            ("resolved", .integer(Int64(clamping: stats.resolved))),
            ("closed", .integer(Int64(clamping: stats.closed))),
            ("reopened", .integer(Int64(clamping: stats.reopened))),
            ("due", .integer(Int64(clamping: stats.due))),
            ("closed_on_time", .integer(Int64(clamping: stats.closedOnTime))),
            ("completion_rate", rate(stats.completionRate, denominator: stats.received)),
            ("closure_rate", rate(stats.closureRate, denominator: stats.due)),
            ("on_time_rate", rate(stats.onTimeRate, denominator: stats.due)),
            ("mean_handling_hours", stats.closed == 0 ? .null : .number(rounded(stats.meanHandlingHours, decimals: 2))),
        ])
    }

    private static func rate(_ value: Double, denominator: UInt64) -> JSONValue {
        denominator == 0 ? .null : .number(rounded(value, decimals: 4))
    }

    static func rounded(_ value: Double, decimals: Int) -> Double {
        guard value.isFinite else {
            return value
        }
        var scale = 1.0
        for _ in 0..<decimals {
            scale *= 10
        }
        return (value * scale).rounded() / scale
    }

    // MARK: Times

    /// ISO 8601 with the district's offset, or `null` for 0 (unset).
    static func time(_ milliseconds: Int64) -> JSONValue {
        milliseconds == 0 ? .null : .string(WallClock.iso8601(milliseconds))
    }
}
