import Testing
@testable import GatewayService

@Suite("ReportRoutes", .serialized)
struct ReportRoutesTests {
    static let validReport = #"{"board_code":"\#(Fixtures.boardCode)","category_code":"0101","description":"超市后门垃圾堆放","contact_phone":"\#(Fixtures.residentPhone)","lat":43.88,"lon":125.32}"#

    @Test("report is accepted with 201")
    func accepted() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let response = try harness.post("/api/v1/reports", json: Self.validReport)

        #expect(response.status == 201)
        let body = try response.object()
        let code = try #require(body["tracking_code"] as? String)
        #expect(code.count == 10)
        #expect(body["case_id"] as? String == "C100001")
        #expect(body["status"] as? String == "received")
        #expect(body["track_url"] as? String == "/t/\(code)")
        #expect((body["received_at"] as? String)?.hasSuffix("+08:00") == true)
        #expect((body["due_at"] as? String)?.hasSuffix("+08:00") == true)
        #expect(response.headers["Location"] == "/t/\(code)")
        #expect(response.headers["Idempotent-Replayed"] == nil)

        let sent = try #require(harness.intake.state.withLock { $0.submitted.first })
        #expect(sent.boardCode == Fixtures.boardCode)
        #expect(sent.contactPhone == Fixtures.residentPhone)
        #expect(sent.hasLocation)
        #expect(sent.lat == 43.88)
        #expect(sent.lon == 125.32)
        #expect(sent.channel == "qr_board")
    }

    @Test("replay with the same Idempotency-Key is 200 with the same body")
    func replay() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let key = [("Idempotency-Key", "8c1f0e4e-4a53-4bd1-9a43-0f5c1f7d2a10")]

        let first = try harness.post("/api/v1/reports", json: Self.validReport, headers: key)
        let second = try harness.post("/api/v1/reports", json: Self.validReport, headers: key)

        #expect(first.status == 201)
        #expect(second.status == 200)
        #expect(second.headers["Idempotent-Replayed"] == "true")
        #expect(second.body == first.body)
        #expect(harness.intake.state.withLock { $0.submitted.map(\.idempotencyKey) } == [key[0].1, key[0].1])
    }

    @Test("invalid Idempotency-Key is 400", arguments: ["has space", String(repeating: "k", count: 129), "键"])
    func invalidKey(key: String) throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.post("/api/v1/reports", json: Self.validReport, headers: [("Idempotency-Key", key)])
        #expect(response.status == 400)
        #expect(response.errorCode == "invalid_idempotency_key")
        #expect(harness.intake.state.withLock { $0.submitted.isEmpty })
    }

    @Test("location needs both lat and lon in range", arguments: [
        (#","lat":43.88"#, "lon"), (#","lon":125.3"#, "lat"), (#","lat":91,"lon":125"#, "lat"), (#","lat":43,"lon":-180.5"#, "lon"),
    ])
    func invalidLocation(extra: String, field: String) throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let json = #"{"board_code":"\#(Fixtures.boardCode)","category_code":"0101","description":"积水"\#(extra)}"#
        let response = try harness.post("/api/v1/reports", json: json)
        #expect(response.status == 400)
        #expect(response.errorCode == "invalid_location")
        #expect(response.errorField == field)
    }

    @Test("body errors are 400 with the field", arguments: [
        ("not json", "malformed_json", nil),
        ("[]", "malformed_json", nil),
        (#"{"board_code":16,"category_code":"0101","description":"x"}"#, "invalid_field", "board_code"),
        (#"{"board_code":"\#(Fixtures.boardCode)","category_code":101,"description":"x"}"#, "invalid_field", "category_code"),
        (#"{"board_code":"\#(Fixtures.boardCode)","category_code":"0101","description":["x"]}"#, "invalid_field", "description"),
        (#"{"board_code":"\#(Fixtures.boardCode)","category_code":"0101","description":"x","lat":"43","lon":"125"}"#, "invalid_field", "lat"),
        (#"{"board_code":"\#(Fixtures.boardCode)","category_code":"0101","description":"x","contact_phone":13912345678}"#, "invalid_field", "contact_phone"),
        (#"{"board_code":"\#(Fixtures.boardCode)","category_code":"0101"}"#, "missing_field", "description"),
    ] as [(String, String, String?)])
    func bodyErrors(json: String, code: String, field: String?) throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.post("/api/v1/reports", json: json)
        #expect(response.status == 400)
        #expect(response.errorCode == code)
        #expect(response.errorField == field)
        #expect(harness.intake.state.withLock { $0.submitted.isEmpty })
    }

    @Test("duplicate board_code is 400 before intake")
    func duplicateBoardCode() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        // Both board codes are valid, so a parser that kept either one would file a report.
        let json = #"{"board_code":"\#(Fixtures.boardCode)","category_code":"0101","description":"积水","board_code":"\#(Fixtures.hostileBoardCode)"}"#

        let response = try harness.post("/api/v1/reports", json: json)

        #expect(response.status == 400)
        #expect(response.errorCode == "malformed_json")
        #expect(response.errorMessage == "JSON 对象中字段「board_code」重复出现，请只保留一个。")
        #expect(response.errorField == nil)
        #expect(harness.intake.state.withLock { $0.submitted.isEmpty })
    }

    @Test("non-standard JSON is 400 before intake", arguments: [
        (#"{"board_code":"\#(Fixtures.boardCode)","category_code":"0101","description":"积水",}"#, "多余的逗号"),
        (#"{"board_code":"\#(Fixtures.boardCode)","category_code":"0101","description":"积水","tags":[1,]}"#, "多余的逗号"),
        (#"{"board_code":"\#(Fixtures.boardCode)","category_code":"0101","description":"积水","lat":043.8,"lon":125.3}"#, "前导零"),
        (#"{"board_code":"\#(Fixtures.boardCode)","category_code":"0101","description":"积\ud800水"}"#, "代理项"),
        (#"{"board_code":"\#(Fixtures.boardCode)","category_code":"0101","description":"积水"} {}"#, "多余的内容"),
    ])
    func nonStandardJSON(json: String, problem: String) throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.post("/api/v1/reports", json: json)
        #expect(response.status == 400)
        #expect(response.errorCode == "malformed_json")
        #expect(response.errorMessage?.contains(problem) == true, "\(response.errorMessage ?? "no message")")
        #expect(harness.intake.state.withLock { $0.submitted.isEmpty })
    }

    @Test("report with a UTF-8 byte order mark is accepted")
    func byteOrderMark() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let body: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(Self.validReport.utf8)
        let response = try harness.send("POST", "/api/v1/reports", headers: [("Content-Type", "application/json")], body: body)
        #expect(response.status == 201)
        #expect(harness.intake.state.withLock { $0.submitted.first?.boardCode } == Fixtures.boardCode)
    }

    @Test("repeated singleton headers are 400 before intake", arguments: [
        [("Idempotency-Key", "key-1"), ("Idempotency-Key", "key-2")],
        [("Idempotency-Key", "key-1"), ("idempotency-key", "key-1")],
        [("Content-Type", "text/plain")],
        [("X-Request-Id", "a"), ("X-Request-Id", "b")],
    ])
    func repeatedHeaders(headers: [(String, String)]) throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.post("/api/v1/reports", json: Self.validReport, headers: headers)
        #expect(response.status == 400)
        #expect(response.errorCode == "duplicate_header")
        #expect(harness.intake.state.withLock { $0.submitted.isEmpty })
    }

    @Test("malformed board code is 400 before intake", arguments: ["short", "JV8U7FN7Z52VE9U0", "jv8u7fn7z52ve9uj", "JV8U7FN7Z52VE9UJX"])
    func malformedBoard(code: String) throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.post("/api/v1/reports", json: #"{"board_code":"\#(code)","category_code":"0101","description":"x"}"#)
        #expect(response.status == 400)
        #expect(response.errorCode == "unknown_board")
        #expect(response.errorField == "board_code")
        #expect(harness.intake.state.withLock { $0.submitted.isEmpty })
    }

    @Test("unknown board from intake is 400")
    func unknownBoard() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.post("/api/v1/reports", json: #"{"board_code":"\#(Fixtures.unknownBoardCode)","category_code":"0101","description":"x"}"#)
        #expect(response.status == 400)
        #expect(response.errorCode == "unknown_board")
    }
}
