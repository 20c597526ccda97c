import JieluContract
import JieluCore
import JieluStore

/// The intake database: reports, idempotency keys, daily case counters and
/// the dispatch outbox.
struct IntakeStore: Sendable {
    /// Tries to draw a tracking code that no report has, before giving up.
    /// With 31^10 codes a single collision is already improbable.
    static let trackingCodeAttempts = 8
    static let trackingCodeLength = 10

    let database: Database

    enum CreateOutcome: Equatable {
        case created(Intake.SubmitReportResponse, Intake.Report)
        /// The idempotency key was used before: the first response, with
        /// `replayed` set. Nothing was created.
        case replayed(Intake.SubmitReportResponse)
    }

    /// The parts of a submission that must match for a repeated idempotency
    /// key to count as a retry of the same report.
    struct Submission: Equatable {
        var boardCode: String
        var categoryCode: String
        var description: String
        var contactPhone: String
    }

    /// Returns the stored first response for `idempotencyKey` with `replayed` set, or nil.
    ///
    /// - Throws: FAILED_PRECONDITION `idempotency_key_reused` when the key
    ///   belongs to a report with other content than `submission`.
    func replay(idempotencyKey: String, submission: Submission) throws -> Intake.SubmitReportResponse? {
        try database.read { connection in
            try IntakeStore.storedResponse(idempotencyKey: idempotencyKey, submission: submission, connection: connection)
        }
    }

    /// Stores a new report in one transaction: its case id from the daily
    /// counter, a fresh tracking code, the report row, the idempotency key
    /// and the outbox row with the `AcceptCase` request for dispatch.
    ///
    /// The key is checked inside the transaction, and write transactions run
    /// one at a time, so concurrent submissions with one key create one report.
    ///
    /// - Parameter draft: the report without case id, tracking code and times.
    /// - Throws: RESOURCE_EXHAUSTED `daily_sequence_exhausted` after 999,999
    ///   reports in one district day; `StoreError` when the write fails.
    ///   Nothing is kept when it throws.
    func create(
        _ draft: Intake.Report, timeLimitHours: UInt32, idempotencyKey: String?, nowMs: Int64
    ) throws -> CreateOutcome {
        try database.write(
            IntakeStore.creation(draft, timeLimitHours: timeLimitHours, idempotencyKey: idempotencyKey, nowMs: nowMs))
    }

    /// `create` without blocking the caller: `completion` runs with the same
    /// outcome once the transaction is committed, on the thread that led it
    /// (see `Database.writeAsync`).
    func startCreate(
        _ draft: Intake.Report, timeLimitHours: UInt32, idempotencyKey: String?, nowMs: Int64,
        completion: @escaping @Sendable (Result<CreateOutcome, any Error>) -> Void
    ) {
        database.writeAsync(
            IntakeStore.creation(draft, timeLimitHours: timeLimitHours, idempotencyKey: idempotencyKey, nowMs: nowMs),
            completion: completion)
    }

    /// Returns the write body of `create`.
    private static func creation(
        _ draft: Intake.Report, timeLimitHours: UInt32, idempotencyKey: String?, nowMs: Int64
    ) -> @Sendable (SQLiteConnection) throws -> CreateOutcome {
        let submission = Submission(
            boardCode: draft.boardCode, categoryCode: draft.categoryCode, description: draft.description,
            contactPhone: draft.contactPhone)
        return { connection in
            if let idempotencyKey,
                let response = try IntakeStore.storedResponse(
                    idempotencyKey: idempotencyKey, submission: submission, connection: connection)
            {
                return .replayed(response)
            }

            var report = draft
            report.caseID = try IntakeStore.nextCaseID(nowMs: nowMs, connection: connection)
            report.trackingCode = try IntakeStore.unusedTrackingCode(connection: connection)
            report.receivedAtMs = nowMs
            report.dueAtMs = nowMs + Int64(timeLimitHours) * 3_600_000
            report.delivered = false

            let outboxID = try OutboxRelay.enqueue(
                Dispatch.AcceptCaseRequest(report: report).serializedBytes(), table: IntakeSchema.outboxTable,
                connection: connection)
            try IntakeStore.insert(report, outboxID: outboxID, connection: connection)

            let response = Intake.SubmitReportResponse(
                caseID: report.caseID, trackingCode: report.trackingCode, status: "received",
                receivedAtMs: report.receivedAtMs, dueAtMs: report.dueAtMs, replayed: false)
            if let idempotencyKey {
                try connection.run(
                    """
                    INSERT INTO idempotency_keys (idempotency_key, case_id, response, created_at_ms)
                    VALUES (?, ?, ?, ?)
                    """,
                    idempotencyKey, report.caseID, response.serializedBytes(), nowMs)
            }
            return .created(response, report)
        }
    }

    /// Returns the report with a case id or a tracking code, or nil when none matches.
    func report(caseID: String) throws -> Intake.Report? {
        try database.read { connection in
            try connection.queryOne("SELECT * FROM reports WHERE case_id = ?", caseID).map(IntakeStore.report(from:))
        }
    }

    func report(trackingCode: String) throws -> Intake.Report? {
        try database.read { connection in
            try connection.queryOne("SELECT * FROM reports WHERE tracking_code = ?", trackingCode)
                .map(IntakeStore.report(from:))
        }
    }

    /// Marks the reports carried by `records` as delivered. Runs inside the
    /// relay's transaction that deletes those outbox rows, so the mark and the
    /// delete commit together.
    static func markDelivered(_ records: [OutboxRecord], connection: SQLiteConnection) throws {
        // One statement per relay batch (at most a few hundred ids, far below SQLite's 32,766 parameters).
        guard !records.isEmpty else {
            return
        }
        let placeholders = Array(repeating: "?", count: records.count).joined(separator: ", ")
        try connection.run(
            "UPDATE reports SET delivered = 1 WHERE outbox_id IN (\(placeholders))", bindings: records.map(\.id))
    }

    // MARK: Steps of create

    private static func storedResponse(
        idempotencyKey: String, submission: Submission, connection: SQLiteConnection
    ) throws -> Intake.SubmitReportResponse? {
        guard
            let row = try connection.queryOne(
                """
                SELECT k.response, r.board_code, r.category_code, r.description, r.contact_phone
                FROM idempotency_keys k JOIN reports r ON r.case_id = k.case_id
                WHERE k.idempotency_key = ?
                """, idempotencyKey)
        else {
            return nil
        }
        let stored = Submission(
            boardCode: row.string("board_code"), categoryCode: row.string("category_code"),
            description: row.string("description"), contactPhone: row.string("contact_phone"))
        // Replaying another report's response would drop this report and hand
        // its sender someone else's tracking code.
        guard stored == submission else {
            throw ServiceError(
                .failedPrecondition, reason: "idempotency_key_reused",
                message: "幂等键 \(idempotencyKey.prefix(32)) 已用于另一条内容不同的上报；提交新的上报请使用新的 Idempotency-Key。",
                field: "idempotency_key")
        }
        var response = try Intake.SubmitReportResponse(serializedBytes: row.blob("response"))
        response.replayed = true
        return response
    }

    /// Increments the counter of the district day of `nowMs` and returns the case id.
    private static func nextCaseID(nowMs: Int64, connection: SQLiteConnection) throws -> String {
        let day = CaseNumbering.day(ofMilliseconds: nowMs)
        let sequence = try connection.queryOne(
            """
            INSERT INTO daily_case_counters (day, last_sequence) VALUES (?, 1)
            ON CONFLICT (day) DO UPDATE SET last_sequence = last_sequence + 1
            RETURNING last_sequence
            """, day
        )!.int64("last_sequence")
        guard sequence <= CaseNumbering.maxDailySequence else {
            throw ServiceError(
                .resourceExhausted, reason: "daily_sequence_exhausted",
                message: "今日受理编号已用完（\(CaseNumbering.maxDailySequence) 件）；请明天再提交或联系运维人员。")
        }
        return CaseNumbering.caseID(day: day, sequence: sequence)
    }

    private static func unusedTrackingCode(connection: SQLiteConnection) throws -> String {
        for _ in 0..<trackingCodeAttempts {
            let code = RandomCode.make(length: trackingCodeLength)
            if try connection.queryOne("SELECT 1 FROM reports WHERE tracking_code = ?", code) == nil {
                return code
            }
        }
        // Eight collisions in a row mean the random source is broken, not bad luck.
        throw ServiceError.internal
    }

    private static func insert(_ report: Intake.Report, outboxID: Int64, connection: SQLiteConnection) throws {
        try connection.run(
            """
            INSERT INTO reports (
                case_id, tracking_code, board_code, street_id, street_name, sub_district_id, sub_district_name,
                category_code, category_name, description, contact_phone, has_location, lat, lon, channel,
                received_at_ms, due_at_ms, outbox_id, delivered, external_ref
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
            """,
            bindings: [
                report.caseID, report.trackingCode, report.boardCode, report.streetID, report.streetName,
                report.subDistrictID, report.subDistrictName, report.categoryCode, report.categoryName,
                report.description, report.contactPhone, report.hasLocation, report.lat, report.lon, report.channel,
                report.receivedAtMs, report.dueAtMs, outboxID, report.externalRef,
            ])
    }

    private static func report(from row: Row) -> Intake.Report {
        Intake.Report(
            caseID: row.string("case_id"), trackingCode: row.string("tracking_code"),
            boardCode: row.string("board_code"), streetID: row.string("street_id"),
            streetName: row.string("street_name"), subDistrictID: row.string("sub_district_id"),
            subDistrictName: row.string("sub_district_name"), categoryCode: row.string("category_code"),
            categoryName: row.string("category_name"), description: row.string("description"),
            contactPhone: row.string("contact_phone"), hasLocation: row.bool("has_location"),
            lat: row.double("lat"), lon: row.double("lon"), channel: row.string("channel"),
            receivedAtMs: row.int64("received_at_ms"), dueAtMs: row.int64("due_at_ms"),
            delivered: row.bool("delivered"), externalRef: row.string("external_ref"))
    }
}
