import JieluContract
import JieluCore
import JieluHTTP

/// `POST /api/v1/reports`: a resident's report from a street board.
enum ReportRoutes {
    /// Maximum `Idempotency-Key` length, in bytes.
    static let maxIdempotencyKeyBytes = 128
    /// The channel intake records for reports that come through the gateway.
    static let channel = "qr_board"

    static func register(in router: inout Router<RouteHandler>) {
        router.add("POST", "/api/v1/reports", submitReport)
    }

    /// Validates the body's shape and hands the report to intake, which
    /// checks the values themselves (category, description length, phone).
    ///
    /// Responds 201 with the tracking code, or 200 with
    /// `Idempotent-Replayed: true` when intake returns the earlier response
    /// for the same `Idempotency-Key`.
    static func submitReport(_ context: RouteContext) throws -> HTTPResponse {
        let request = try readReport(context)
        return accepted(try context.backends.intake.submitReport(request, options: context.callOptions()))
    }

    /// The outcome of a report sent with `startSubmitReport`.
    enum StartedOutcome: Sendable {
        /// The response, or the error to map into one.
        case finished(Result<HTTPResponse, any Error>)
        /// The connection to intake dropped after the request was sent, and
        /// the report has an `Idempotency-Key`, so the blocking
        /// `submitReport` may send it again as its retry rule allows.
        case retryOnWorker
    }

    /// `submitReport` without blocking: checks the body on the calling
    /// thread and sends the report to intake, and `completion` runs with the
    /// outcome on the thread that reads intake's reply. A body that fails
    /// its checks completes at once.
    ///
    /// - Returns: false, without calling `completion`, when no connection to
    ///   intake is up; the caller then runs `submitReport` on a worker.
    static func startSubmitReport(
        _ context: RouteContext, completion: @escaping @Sendable (StartedOutcome) -> Void
    ) -> Bool {
        let request: Intake.SubmitReportRequest
        do {
            request = try readReport(context)
        } catch {
            completion(.finished(.failure(error)))
            return true
        }
        return context.backends.intake.startSubmitReport(request, options: context.callOptions()) { outcome in
            switch outcome {
            case .replied(let response):
                completion(.finished(.success(accepted(response))))
            case .failed(let error):
                completion(.finished(.failure(error)))
            case .lost(let error):
                // Without a key a second attempt could file the report twice, as in `submitReport`.
                completion(request.idempotencyKey.isEmpty ? .finished(.failure(error)) : .retryOnWorker)
            }
        }
    }

    /// Reads and checks the body and headers of a report request.
    private static func readReport(_ context: RouteContext) throws -> Intake.SubmitReportRequest {
        let body = try JSONBody(context.request.body)
        let boardCode = try body.string("board_code")
        try PublicCodes.checkBoardCode(boardCode, field: "board_code")
        let categoryCode = try body.string("category_code")
        let description = try body.string("description")
        let contactPhone = try body.optionalString("contact_phone") ?? ""
        let location = try readLocation(body)
        let idempotencyKey = try readIdempotencyKey(context.request.headers)

        return Intake.SubmitReportRequest(
            boardCode: boardCode, categoryCode: categoryCode, description: description, contactPhone: contactPhone,
            hasLocation: location != nil, lat: location?.lat ?? 0, lon: location?.lon ?? 0,
            idempotencyKey: idempotencyKey, channel: channel)
    }

    /// Builds the response to intake's reply: 201 with the tracking code, or
    /// 200 with `Idempotent-Replayed: true` for a replayed submission.
    private static func accepted(_ response: Intake.SubmitReportResponse) -> HTTPResponse {
        if response.replayed {
            return .json(status: 200, JSONViews.reportAccepted(response), headers: ["Idempotent-Replayed": "true"])
        }
        return .json(status: 201, JSONViews.reportAccepted(response), headers: ["Location": "/t/\(response.trackingCode)"])
    }

    /// Reads `lat` and `lon`, which must come together or not at all.
    ///
    /// Throws INVALID_ARGUMENT `invalid_location` when only one is given or
    /// either is outside its range, and `invalid_field` when either is not a number.
    static func readLocation(_ body: JSONBody) throws(ServiceError) -> (lat: Double, lon: Double)? {
        let lat = try body.optionalNumber("lat")
        let lon = try body.optionalNumber("lon")
        switch (lat, lon) {
        case (nil, nil):
            return nil
        case (let lat?, let lon?):
            guard (-90...90).contains(lat) else {
                throw ServiceError.invalid("lat", reason: "invalid_location", message: "纬度 lat=\(lat) 超出范围，应在 -90 到 90 之间。")
            }
            guard (-180...180).contains(lon) else {
                throw ServiceError.invalid("lon", reason: "invalid_location", message: "经度 lon=\(lon) 超出范围，应在 -180 到 180 之间。")
            }
            return (lat, lon)
        case (nil, _):
            throw ServiceError.invalid("lat", reason: "invalid_location", message: "位置须同时提供纬度 lat 和经度 lon，或都不提供；缺少 lat。")
        case (_, nil):
            throw ServiceError.invalid("lon", reason: "invalid_location", message: "位置须同时提供纬度 lat 和经度 lon，或都不提供；缺少 lon。")
        }
    }

    /// Returns the `Idempotency-Key` header, or "" when absent.
    ///
    /// Throws INVALID_ARGUMENT `invalid_idempotency_key` for an empty key, one
    /// longer than `maxIdempotencyKeyBytes`, or one with characters outside
    /// visible ASCII.
    static func readIdempotencyKey(_ headers: HTTPHeaders) throws(ServiceError) -> String {
        guard let key = headers["Idempotency-Key"] else {
            return ""
        }
        let isVisibleASCII = key.utf8.allSatisfy { $0 >= 0x21 && $0 <= 0x7E }
        guard !key.isEmpty, key.utf8.count <= maxIdempotencyKeyBytes, isVisibleASCII else {
            throw ServiceError.invalid(
                "Idempotency-Key", reason: "invalid_idempotency_key",
                message: "Idempotency-Key 须为 1 到 \(maxIdempotencyKeyBytes) 个可见 ASCII 字符（不含空格），建议使用 UUID。")
        }
        return key
    }
}
