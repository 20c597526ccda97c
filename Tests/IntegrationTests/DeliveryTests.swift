import Foundation
import JieluContract
import JieluNet
import JieluRPC
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Delivery between services")
struct DeliveryTests {
    @Test func reportAcceptedWhileDispatchDownIsDeliveredLater() throws {
        let mesh = try Mesh.started(without: ["dispatch"])
        defer { mesh.stop() }
        let street = try DistrictFixture.load().street(3)

        let created = try mesh.post("/api/v1/reports", [
            "board_code": street.board, "category_code": "0401", "description": "暴雨后路口积水没过脚踝 💧",
        ])
        try #require(created.status == 201)
        let trackingCode = try #require(created["tracking_code"] as? String)
        let waiting = try mesh.get("/api/v1/track/\(trackingCode)")
        #expect(waiting.status == 200)
        #expect(waiting["status"] as? String == "received")

        try mesh.start("dispatch")

        let dispatched = try mesh.waitForStatus(trackingCode, "dispatched", seconds: 20)
        #expect(dispatched["case_id"] as? String == created["case_id"] as? String)
    }

    @Test func duplicateIdempotencyKeyCreatesOneCase() throws {
        let mesh = try Mesh.started()
        defer { mesh.stop() }
        let street = try DistrictFixture.load().street(7)
        let body: [String: Any] = ["board_code": street.board, "category_code": "0203", "description": "饭店把桌椅摆到人行道上"]
        let key = [("Idempotency-Key", "phone-42-attempt")]

        let first = try mesh.post("/api/v1/reports", body, headers: key)
        let second = try mesh.post("/api/v1/reports", body, headers: key)

        #expect(first.status == 201)
        #expect(second.status == 200)
        #expect(second.header("Idempotent-Replayed") == "true")
        #expect(second["case_id"] as? String == first["case_id"] as? String)
        #expect(second["tracking_code"] as? String == first["tracking_code"] as? String)

        var other = body
        other["description"] = "另一位居民的不同诉求"
        let reused = try mesh.post("/api/v1/reports", other, headers: key)
        #expect(reused.status == 409)
        #expect(reused.errorCode == "idempotency_key_reused")
        #expect(reused["tracking_code"] == nil)

        _ = try mesh.waitForStatus(try #require(first["tracking_code"] as? String), "dispatched")
        let all = try mesh.get("/api/v1/cases?limit=200", token: Mesh.adminToken)
        let cases = try #require(all["cases"] as? [[String: Any]])
        #expect(cases.count == 1)
    }

    @Test func acknowledgedReportSurvivesIntakeCrash() throws {
        let mesh = try Mesh.started(without: ["dispatch"])
        defer { mesh.stop() }
        let street = try DistrictFixture.load().street(12)
        let created = try mesh.post("/api/v1/reports", [
            "board_code": street.board, "category_code": "0403", "description": "路灯一整排都不亮",
        ])
        try #require(created.status == 201)
        let trackingCode = try #require(created["tracking_code"] as? String)

        mesh.crash("intake")
        try mesh.start("intake")
        try mesh.start("dispatch")

        _ = try mesh.waitForStatus(trackingCode, "dispatched", seconds: 20)
    }
}

@Suite("Bad input")
struct BadInputTests {
    @Test func rejectedReportsStoreNothing() throws {
        let mesh = try Mesh.started()
        defer { mesh.stop() }
        let street = try DistrictFixture.load().street(1)
        let valid: [String: Any] = ["board_code": street.board, "category_code": "0101", "description": "垃圾"]
        func with(_ key: String, _ value: Any) -> [String: Any] {
            var body = valid
            body[key] = value
            return body
        }
        let cases: [(String, [String: Any]?, [UInt8]?, Int, String)] = [
            ("unknown board", with("board_code", "ZZZZZZZZZZZZZZZZ"), nil, 400, "unknown_board"),
            ("unknown category", with("category_code", "9999"), nil, 400, "unknown_category"),
            ("class code is not an item", with("category_code", "01"), nil, 400, "unknown_category"),
            ("empty description", with("description", "   "), nil, 400, "empty_description"),
            ("over-long description", with("description", String(repeating: "脏", count: 501)), nil, 400, "description_too_long"),
            ("combining marks past the byte cap", with("description", "a" + String(repeating: "\u{0301}", count: 2500)), nil, 400, "description_too_long"),
            ("only invisible characters", with("description", "\u{FEFF}\u{200B}"), nil, 400, "empty_description"),
            ("bad phone", with("contact_phone", "12345"), nil, 400, "invalid_phone"),
            ("latitude without longitude", with("lat", 43.8), nil, 400, "invalid_location"),
            ("description of wrong type", with("description", 42), nil, 400, "invalid_field"),
            ("malformed JSON", nil, Array("{\"board_code\": ".utf8), 400, "malformed_json"),
            ("JSON array", nil, Array("[1,2]".utf8), 400, "malformed_json"),
        ]

        for (name, json, raw, status, code) in cases {
            let reply = try mesh.request("POST", "/api/v1/reports", json: json, body: raw)
            #expect(reply.status == status, "\(name)")
            #expect(reply.errorCode == code, "\(name): \(reply.object)")
            #expect(reply.errorMessage?.isEmpty == false, "\(name) has a Chinese message")
        }

        let oversized = try mesh.request("POST", "/api/v1/reports", body: [UInt8](repeating: UInt8(ascii: "a"), count: 70_000))
        #expect(oversized.status == 413)

        // Nothing reached dispatch or metrics.
        usleep(300_000)
        let listed = try mesh.get("/api/v1/cases", token: Mesh.adminToken)
        #expect((listed["cases"] as? [Any])?.count == 0)
        let summary = try mesh.get("/api/v1/metrics/summary")
        #expect((summary["district"] as? [String: Any])?["received"] as? Int ?? 0 == 0)
    }

    @Test func hostileFramesDoNotCrashServices() throws {
        let mesh = try Mesh.started(loadDistrict: false)
        defer { mesh.stop() }
        let hostile: [[UInt8]] = [
            [0xff, 0xff, 0xff, 0xff],
            [0, 0, 0, 6, 0xde, 0xad, 0xbe, 0xef, 0xff, 0xff],
            [0, 0, 0, 2, 0x1a, 0x05],
            Array("GET / HTTP/1.1\r\n\r\n".utf8),
        ]

        for service in ["registry", "intake", "dispatch", "metrics"] {
            for bytes in hostile {
                let socket = try BlockingSocket.connect(to: mesh.address(service), timeoutSeconds: 2)
                try? socket.writeAll(bytes)
                socket.setReadTimeout(seconds: 1)
                _ = try? socket.read(maxBytes: 4096)
                socket.close()
            }
            #expect(mesh.isRunning(service), "jielu-\(service) survived hostile frames")
            let client = mesh.rpc(service)
            defer { client.close() }
            let health = try client.call(HealthMethods.check, HealthCheckRequest(), as: HealthCheckResponse.self, options: CallOptions(), idempotent: true)
            #expect(health.status == .serving)
        }
    }

    @Test func unauthenticatedStaffCallsAreRejected() throws {
        let mesh = try Mesh.started(loadDistrict: false)
        defer { mesh.stop() }

        #expect(try mesh.get("/api/v1/cases").status == 401)
        #expect(try mesh.get("/api/v1/cases", token: "jl_wrong").status == 401)
        let handler = try mesh.post("/api/v1/tokens", ["role": "admin"], token: "jl_wrong")
        #expect(handler.status == 401)
    }
}
