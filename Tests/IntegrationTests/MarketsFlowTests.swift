import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The markets service in the whole mesh, every service a real process,
/// driven over the gateway's HTTP API as market managers, inspectors,
/// haulers and the public use it.
@Suite("Markets flow", .serialized)
struct MarketsFlowTests {
    /// MK02's food stalls are all held in the reference dataset.
    static let fullMarket = "MK02"

    @Test func publicMarketListShowsFreeStalls() throws {
        let mesh = try Mesh.started()
        defer { mesh.stop() }
        let dataset = try MarketsFixture.load()

        let health = try mesh.get("/healthz")
        #expect((health["services"] as? [String: String])?["markets"] == "serving")

        let reply = try mesh.get("/api/v1/markets")
        #expect(reply.status == 200)
        let markets = try #require(reply["markets"] as? [[String: Any]])
        #expect(markets.count == 4)
        var total = 0
        for market in markets {
            let id = try #require(market["id"] as? String)
            let stalls = try #require(market["stalls"] as? [String: Any])
            total += stalls["total"] as? Int ?? 0
            #expect(stalls["free"] as? Int == dataset.freeStalls(market: id), "\(id)")
            #expect((market["near"] as? [String: Any])?["kind"] as? String != nil)
            #expect((market["opening_hours"] as? [String: Any])?["opens"] as? String != nil)
        }
        #expect(total == 112)

        let page = try mesh.http().send(method: "GET", path: "/markets", headers: [], body: [])
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(page.status == 200)
        #expect(html.contains("人民医院集装箱便民市场"))
        #expect(html.contains("空闲"))

        let detail = try mesh.get("/api/v1/markets/MK01")
        let stallList = try #require(detail["stall_list"] as? [[String: Any]])
        #expect(stallList.count == 32)
        #expect(stallList.allSatisfy { $0["permit_id"] == nil })
    }

    @Test func allocationServesHardshipFirstAndOneStallPerVendor() throws {
        let mesh = try Mesh.started()
        defer { mesh.stop() }
        let manager = try mesh.token(role: "market_manager")

        let first = try registerVendor(mesh, token: manager, name: "先来者")
        let needy = try registerVendor(mesh, token: manager, name: "困难户", hardship: true)
        let last = try registerVendor(mesh, token: manager, name: "后到者")
        var numbers: [String: String] = [:]
        for vendor in [first, needy, last] {
            let applied = try mesh.post("/api/v1/vendors/\(vendor)/applications", ["market_id": Self.fullMarket], token: manager)
            #expect(applied.status == 201)
            numbers[vendor] = try #require(applied["number"] as? String)
            usleep(5_000)
        }

        let waitlist = try mesh.get("/api/v1/markets/\(Self.fullMarket)/waitlist?stall_type=food", token: manager)
        let order = (waitlist["applications"] as? [[String: Any]] ?? []).compactMap { $0["number"] as? String }
        #expect(order == [numbers[needy]!, numbers[first]!, numbers[last]!])

        let none = try mesh.post("/api/v1/markets/\(Self.fullMarket)/allocations", ["stall_type": "food"], token: manager)
        #expect(none.status == 200)
        #expect((none["allocations"] as? [Any])?.isEmpty == true)
        #expect(none["still_waiting"] as? Int == 3)

        // Two permits end; each stall goes to the head of the waitlist at that moment.
        let held = try heldFoodStalls(mesh, token: manager)
        try #require(held.count >= 2)
        for (permitID, _) in held.prefix(2) {
            let revoked = try mesh.post("/api/v1/vendors/permits/\(permitID)/revoke", ["reason": "摊主退出经营"], token: manager)
            #expect(revoked.status == 200)
            #expect(revoked["status"] as? String == "revoked")
        }

        let needyState = try mesh.get("/api/v1/vendors/applications/\(numbers[needy]!)")
        #expect(needyState["status"] as? String == "allocated")
        #expect(needyState["stall_number"] as? String == held[0].stallNumber)
        #expect((needyState["decision_note"] as? String)?.contains("困难户优先") == true)
        #expect((needyState["vendor_name"] as? String)?.hasSuffix("**") == true)
        let firstState = try mesh.get("/api/v1/vendors/applications/\(numbers[first]!)")
        #expect(firstState["stall_number"] as? String == held[1].stallNumber)
        let lastState = try mesh.get("/api/v1/vendors/applications/\(numbers[last]!)")
        #expect(lastState["status"] as? String == "waiting")
        #expect((lastState["waitlist"] as? [String: Any])?["rank"] as? Int == 1)

        let page = try mesh.http().send(method: "GET", path: "/v/\(numbers[last]!)", headers: [], body: [])
        #expect(page.status == 200)
        #expect(String(decoding: page.body, as: UTF8.self).contains("候补中"))

        // The vendor who now holds a stall cannot apply for another.
        let again = try mesh.post("/api/v1/vendors/\(needy)/applications", ["market_id": "MK03"], token: manager)
        #expect(again.status == 409)
        #expect(again.errorCode == "vendor_has_stall")
        let vendor = try mesh.get("/api/v1/vendors/\(needy)", token: manager)
        #expect((vendor["permit"] as? [String: Any])?["status"] as? String == "active")
        #expect((vendor["applications"] as? [Any])?.count == 1)
    }

    @Test func concurrentAllocationsNeverShareAStall() throws {
        let mesh = try Mesh.started()
        defer { mesh.stop() }
        let manager = try mesh.token(role: "market_manager")
        for index in 0..<10 {
            let vendor = try registerVendor(mesh, token: manager, name: "并发摊贩\(index)", goodsType: "produce")
            #expect(try mesh.post("/api/v1/vendors/\(vendor)/applications", ["market_id": "MK03"], token: manager).status == 201)
        }

        let granted = Mutex<[(stall: String, vendor: String)]>([])
        let statuses = Mutex<[Int]>([])
        let group = DispatchGroup()
        for _ in 0..<4 {
            group.enter()
            Thread {
                defer { group.leave() }
                guard let reply = try? mesh.post("/api/v1/markets/MK03/allocations", ["stall_type": "produce"], token: manager) else {
                    return
                }
                let pairs = (reply["allocations"] as? [[String: Any]] ?? []).map { allocation in
                    (
                        stall: (allocation["stall"] as? [String: Any])?["id"] as? String ?? "",
                        vendor: (allocation["vendor"] as? [String: Any])?["id"] as? String ?? ""
                    )
                }
                statuses.withLock { $0.append(reply.status) }
                granted.withLock { $0 += pairs }
            }.start()
        }
        #expect(group.wait(timeout: .now() + 60) == .success)

        #expect(statuses.withLock { $0 } == [200, 200, 200, 200])
        let allocations = granted.withLock { $0 }
        let stalls = allocations.map(\.stall)
        let vendors = allocations.map(\.vendor)
        // MK03 has 6 free produce stalls in the reference dataset.
        #expect(stalls.count == 6)
        #expect(Set(stalls).count == stalls.count)
        #expect(Set(vendors).count == vendors.count)
        let market = try mesh.get("/api/v1/markets/MK03")
        let produce = ((market["stalls"] as? [String: Any])?["by_type"] as? [[String: Any]])?.first { $0["stall_type"] as? String == "produce" }
        #expect(produce?["free"] as? Int == 0)
    }

    @Test func inspectionsSuspendThePermitAtTheThreshold() throws {
        let mesh = try Mesh.started()
        defer { mesh.stop() }
        let inspector = try mesh.token(role: "inspector")
        let manager = try mesh.token(role: "market_manager")
        let detail = try mesh.get("/api/v1/markets/MK01", token: manager)
        let stall = try #require((detail["stall_list"] as? [[String: Any]])?.first { $0["status"] as? String == "occupied" })
        let stallID = try #require(stall["id"] as? String)
        let body: [String: Any] = ["market_id": "MK01", "stall_id": stallID, "result": "violation", "violation_type": "占用通道"]

        let forbidden = try mesh.post("/api/v1/markets/inspections", body, token: manager)
        #expect(forbidden.status == 403)
        #expect(forbidden.errorCode == "forbidden")

        var replies: [JSONReply] = []
        for _ in 0..<3 {
            replies.append(try mesh.post("/api/v1/markets/inspections", body, token: inspector))
        }
        #expect(replies.map(\.status) == [201, 201, 201])
        #expect(replies.map { $0["violations_in_window"] as? Int } == [1, 2, 3])
        #expect(replies.map { $0["suspended"] as? Bool } == [false, false, true])
        #expect((replies[2]["permit"] as? [String: Any])?["status"] as? String == "suspended")

        let after = try mesh.get("/api/v1/markets/MK01")
        let shown = (after["stall_list"] as? [[String: Any]])?.first { $0["id"] as? String == stallID }
        #expect(shown?["status"] as? String == "suspended")

        let permitID = try #require(stall["permit_id"] as? String)
        let reinstated = try mesh.post("/api/v1/vendors/permits/\(permitID)/reinstate", ["reason": "已整改到位"], token: manager)
        #expect(reinstated["status"] as? String == "active")
        let history = try #require(reinstated["history"] as? [[String: Any]])
        #expect(history.suffix(2).map { $0["to"] as? String } == ["suspended", "active"])
        #expect(history.allSatisfy { ($0["actor"] as? String)?.isEmpty == false })
        #expect(history.allSatisfy { $0["at"] as? String != nil })
    }

    @Test func haulerTouchesOnlyItsOwnManifests() throws {
        let mesh = try Mesh.started()
        defer { mesh.stop() }
        let dataset = try MarketsFixture.load()
        let one = try mesh.token(role: "hauler", staffID: "HL01")
        let two = try mesh.token(role: "hauler", staffID: "HL02")

        let created = try mesh.post("/api/v1/manifests", manifestBody(dataset, hauler: "HL01", windowSeconds: 3_600), token: one)
        #expect(created.status == 201)
        let id = try #require(created["id"] as? String)

        #expect(try mesh.get("/api/v1/manifests/\(id)", token: two).status == 403)
        let foreignDeparture = try mesh.post("/api/v1/manifests/\(id)/departure", [String: Any](), token: two)
        #expect(foreignDeparture.status == 403)
        #expect(foreignDeparture.errorCode == "not_own_manifest")
        var forged = manifestBody(dataset, hauler: "HL01", vehicle: 1, windowSeconds: 3_600)
        forged["hauler_id"] = "HL01"
        #expect(try mesh.post("/api/v1/manifests", forged, token: two).status == 403)
        let listed = try mesh.get("/api/v1/manifests", token: two)
        #expect((listed["manifests"] as? [Any])?.isEmpty == true)
        let otherList = try mesh.get("/api/v1/manifests?hauler_id=HL01", token: two)
        #expect(otherList.status == 403)

        let departed = try mesh.post("/api/v1/manifests/\(id)/departure", [String: Any](), token: one)
        #expect(departed["status"] as? String == "departed")
        let site = dataset.disposalSites[0]
        let arrived = try mesh.post("/api/v1/manifests/\(id)/arrival", ["disposal_site_id": site], token: one)
        #expect(arrived.status == 200)
        #expect(arrived["status"] as? String == "closed")

        // A hauler token for a hauler the markets service does not know is refused there.
        let stranger = try mesh.token(role: "hauler", staffID: "HL99")
        let refused = try mesh.get("/api/v1/manifests/\(id)", token: stranger)
        #expect(refused.status == 403)
        #expect(refused.errorCode == "unknown_hauler")
        let malformed = try mesh.post("/api/v1/tokens", ["role": "hauler", "staff_id": "truck-1"], token: Mesh.adminToken)
        #expect(malformed.status == 400)
        #expect(malformed.errorCode == "invalid_hauler_id")
        // Market roles do not reach resident cases.
        #expect(try mesh.get("/api/v1/cases", token: one).status == 403)
    }

    @Test func expiredManifestRaisesExactlyOneCaseAcrossRestarts() throws {
        let mesh = try Mesh.started()
        defer { mesh.stop() }
        let dataset = try MarketsFixture.load()
        let hauler = try mesh.token(role: "hauler", staffID: "HL01")

        // Markets is down when the first window ends; it raises the case after its restart.
        let first = try createManifest(mesh, dataset, token: hauler, vehicle: 0, windowSeconds: 2)
        #expect(try mesh.post("/api/v1/manifests/\(first)/departure", [String: Any](), token: hauler).status == 200)
        #expect(mesh.stop("markets") == 0)
        usleep(3_500_000)
        try mesh.start("markets")
        let firstCase = try waitForCase(mesh, manifest: first, token: hauler)

        // Intake and dispatch are down when the second window ends, and
        // markets restarts with the case still queued; the case is filed once
        // intake is back and dispatched once dispatch is back.
        mesh.stop("dispatch")
        mesh.stop("intake")
        let second = try createManifest(mesh, dataset, token: hauler, vehicle: 1, windowSeconds: 1)
        usleep(2_800_000)
        mesh.stop("markets")
        try mesh.start("markets")
        usleep(500_000)
        #expect((try mesh.get("/api/v1/manifests/\(second)", token: hauler))["status"] as? String == "expired")
        try mesh.start("intake")
        let secondCase = try waitForCase(mesh, manifest: second, token: hauler)
        try mesh.start("dispatch")

        for (manifest, caseID) in [(first, firstCase), (second, secondCase)] {
            let file = try waitForDispatch(mesh, caseID: caseID)
            #expect((file["category"] as? [String: Any])?["code"] as? String == "0301")
            #expect(file["external_ref"] as? String == "manifest:\(manifest)")
            #expect((file["description"] as? String)?.contains(manifest) == true)
            let timeline = try #require(file["timeline"] as? [[String: Any]])
            #expect(timeline.first?["actor"] as? String == "system")
        }

        // One more restart raises nothing new.
        mesh.stop("markets")
        try mesh.start("markets")
        usleep(800_000)
        let all = try mesh.get("/api/v1/cases?limit=200", token: Mesh.adminToken)
        let references = (all["cases"] as? [[String: Any]] ?? []).compactMap { $0["external_ref"] as? String }
        #expect(references.filter { $0 == "manifest:\(first)" }.count == 1)
        #expect(references.filter { $0 == "manifest:\(second)" }.count == 1)
        #expect(references.count == 2)
    }

    @Test func expiredPermitOffersTheStallToTheWaitlist() throws {
        let mesh = try Mesh.started()
        defer { mesh.stop() }
        let manager = try mesh.token(role: "market_manager")
        let holder = try registerVendor(mesh, token: manager, name: "短期摊主", goodsType: "goods")
        _ = try mesh.post("/api/v1/vendors/\(holder)/applications", ["market_id": "MK04"], token: manager)
        let end = Self.iso(Date().addingTimeInterval(2))
        let allocated = try mesh.post("/api/v1/markets/MK04/allocations", ["stall_type": "goods", "end_at": end], token: manager)
        let stall = try #require((allocated["allocations"] as? [[String: Any]])?.first?["stall"] as? [String: Any])
        let waiting = try registerVendor(mesh, token: manager, name: "候补摊主", goodsType: "goods")
        let applied = try mesh.post("/api/v1/vendors/\(waiting)/applications", ["market_id": "MK04"], token: manager)
        let number = try #require(applied["number"] as? String)

        let deadline = Date().addingTimeInterval(15)
        var state = try mesh.get("/api/v1/vendors/applications/\(number)")
        while state["status"] as? String != "allocated" && Date() < deadline {
            usleep(100_000)
            state = try mesh.get("/api/v1/vendors/applications/\(number)")
        }
        #expect(state["status"] as? String == "allocated")
        #expect(state["stall_number"] as? String == stall["number"] as? String)
        #expect((state["decision_note"] as? String)?.contains("期满") == true)
        let first = try mesh.get("/api/v1/vendors/\(holder)", token: manager)
        #expect(((first["past_permits"] as? [[String: Any]])?.first)?["status"] as? String == "expired")
    }

    @Test func permitDatesAreValidatedAndNeverOverlap() throws {
        let mesh = try Mesh.started()
        defer { mesh.stop() }
        let manager = try mesh.token(role: "market_manager")
        let holder = try registerVendor(mesh, token: manager, name: "续期摊主", goodsType: "goods")
        _ = try mesh.post("/api/v1/vendors/\(holder)/applications", ["market_id": "MK03"], token: manager)

        let backwards = try mesh.post(
            "/api/v1/markets/MK03/allocations",
            ["stall_type": "goods", "start_at": Self.day(offset: 10), "end_at": Self.day(offset: 5)], token: manager)
        #expect(backwards.status == 400)
        #expect(backwards.errorCode == "invalid_permit_dates")
        let malformedTime = try mesh.post("/api/v1/markets/MK03/allocations", ["end_at": "next week"], token: manager)
        #expect(malformedTime.status == 400)
        #expect(malformedTime.errorCode == "invalid_time")

        let granted = try mesh.post(
            "/api/v1/markets/MK03/allocations", ["stall_type": "goods", "end_at": Self.day(offset: 30)], token: manager)
        let permit = try #require((granted["allocations"] as? [[String: Any]])?.first {
            ($0["vendor"] as? [String: Any])?["id"] as? String == holder
        })
        let permitID = try #require(permit["permit_id"] as? String)

        let earlier = try mesh.post(
            "/api/v1/vendors/permits/\(permitID)/renew", ["end_at": Self.day(offset: 20), "reason": "续期"], token: manager)
        #expect(earlier.status == 400)
        #expect(earlier.errorCode == "invalid_permit_dates")
        let renewed = try mesh.post(
            "/api/v1/vendors/permits/\(permitID)/renew", ["end_at": Self.day(offset: 60), "reason": "续期一个月"], token: manager)
        #expect(renewed.status == 200)
        #expect(renewed["renewals"] as? Int == 1)
        #expect(renewed["end_at"] as? String == Self.day(offset: 60) + "T00:00:00+08:00")
    }

    @Test func badInputIsRejectedWithCodeAndStoresNothing() throws {
        let mesh = try Mesh.started()
        defer { mesh.stop() }
        let dataset = try MarketsFixture.load()
        let manager = try mesh.token(role: "market_manager")
        let hauler = try mesh.token(role: "hauler", staffID: "HL01")
        let vendor = try registerVendor(mesh, token: manager, name: "校验摊贩")
        let vendorsBefore = try mesh.get("/api/v1/vendors", token: manager)

        var cases: [(JSONReply, Int, String)] = []
        cases.append((try mesh.post("/api/v1/vendors/\(vendor)/applications", ["market_id": "MK99"], token: manager), 400, "unknown_market"))
        cases.append((try mesh.get("/api/v1/markets/MK99"), 404, "unknown_market"))
        let duplicate: [String: Any] = [
            "name": "重复", "id_card": dataset.firstIDCard, "phone": "13911112222", "goods_type": "food",
        ]
        cases.append((try mesh.post("/api/v1/vendors", duplicate, token: manager), 409, "duplicate_id_card"))
        var badCheckDigit = duplicate
        badCheckDigit["id_card"] = String(dataset.firstIDCard.dropLast()) + (dataset.firstIDCard.last == "1" ? "2" : "1")
        cases.append((try mesh.post("/api/v1/vendors", badCheckDigit, token: manager), 400, "invalid_id_card"))
        cases.append((try mesh.request("POST", "/api/v1/vendors", body: Array("{\"name\":".utf8), headers: [("Authorization", "Bearer \(manager)")]), 400, "malformed_json"))

        var badPlate = manifestBody(dataset, hauler: "HL01", windowSeconds: 3_600)
        badPlate["vehicle_plate"] = "ABC-123"
        cases.append((try mesh.post("/api/v1/manifests", badPlate, token: hauler), 400, "invalid_plate"))
        var backwards = manifestBody(dataset, hauler: "HL01", windowSeconds: 3_600)
        backwards["window_start_at"] = Self.iso(Date().addingTimeInterval(7_200))
        cases.append((try mesh.post("/api/v1/manifests", backwards, token: hauler), 400, "invalid_window"))
        var overload = manifestBody(dataset, hauler: "HL01", windowSeconds: 3_600)
        overload["expected_load_tonnes"] = 999
        cases.append((try mesh.post("/api/v1/manifests", overload, token: hauler), 400, "overload"))

        for (reply, status, code) in cases {
            #expect(reply.status == status, "\(code): \(reply.object)")
            #expect(reply.errorCode == code)
            #expect(reply.errorMessage?.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } == true, "\(code)")
        }

        let vendorsAfter = try mesh.get("/api/v1/vendors", token: manager)
        #expect((vendorsAfter["vendors"] as? [Any])?.count == (vendorsBefore["vendors"] as? [Any])?.count)
        let vendorDetail = try mesh.get("/api/v1/vendors/\(vendor)", token: manager)
        #expect((vendorDetail["applications"] as? [Any])?.isEmpty == true)
        let manifests = try mesh.get("/api/v1/manifests", token: hauler)
        #expect((manifests["manifests"] as? [Any])?.isEmpty == true)
    }

    @Test func scrapYardReportLinksToLicensedStation() throws {
        let mesh = try Mesh.started()
        defer { mesh.stop() }
        let district = try DistrictFixture.load()
        let dataset = try MarketsFixture.load()
        let station = dataset.licensedStations[0]
        let board = try #require(district.streets.first { $0["id"] as? String == station.streetID }?["board_code"] as? String)

        let linked = try mesh.post("/api/v1/reports", [
            "board_code": board, "category_code": "0603", "description": "小区后面的废品站污水横流，味道很大",
        ])
        #expect(linked.status == 201)
        let linkedCase = try waitForDispatch(mesh, caseID: try #require(linked["case_id"] as? String))
        #expect(linkedCase["external_ref"] as? String == "station:\(station.id)")

        // With markets down, the report is still taken, unlinked.
        mesh.stop("markets")
        let started = Date()
        let unlinked = try mesh.post("/api/v1/reports", [
            "board_code": board, "category_code": "0603", "description": "废品站又在路边堆纸壳子",
        ])
        #expect(unlinked.status == 201)
        #expect(Date().timeIntervalSince(started) < 3)
        let unlinkedCase = try waitForDispatch(mesh, caseID: try #require(unlinked["case_id"] as? String))
        #expect(unlinkedCase["external_ref"] is NSNull)
        #expect(mesh.log("intake").contains("recycling station lookup failed"))
    }

    // MARK: Helpers

    private func registerVendor(
        _ mesh: Mesh, token: String, name: String, goodsType: String = "food", hardship: Bool = false
    ) throws -> String {
        let reply = try mesh.post("/api/v1/vendors", [
            "name": name, "id_card": MarketsFixture.nextIDCard(), "phone": "13800001234", "goods_type": goodsType,
            "hardship": hardship,
        ], token: token)
        guard reply.status == 201, let id = reply["id"] as? String else {
            throw MeshError("vendor registration failed: \(reply.status) \(reply.object)")
        }
        return id
    }

    /// Permit ids and stall numbers of MK02's held food stalls, in stall order.
    private func heldFoodStalls(_ mesh: Mesh, token: String) throws -> [(permitID: String, stallNumber: String)] {
        let detail = try mesh.get("/api/v1/markets/\(Self.fullMarket)", token: token)
        return (detail["stall_list"] as? [[String: Any]] ?? []).compactMap { stall in
            guard stall["stall_type"] as? String == "food", let permit = stall["permit_id"] as? String,
                let number = stall["number"] as? String
            else {
                return nil
            }
            return (permit, number)
        }
    }

    private func manifestBody(
        _ dataset: MarketsFixture, hauler: String, vehicle: Int = 0, windowSeconds: Double
    ) -> [String: Any] {
        [
            "vehicle_plate": dataset.plates[hauler]![vehicle], "origin_site": "测试工地", "origin_street_id": "ST008",
            "expected_load_tonnes": 2, "disposal_site_id": dataset.disposalSites[0],
            "window_end_at": Self.iso(Date().addingTimeInterval(windowSeconds)),
        ]
    }

    private func createManifest(
        _ mesh: Mesh, _ dataset: MarketsFixture, token: String, vehicle: Int, windowSeconds: Double
    ) throws -> String {
        let reply = try mesh.post("/api/v1/manifests", manifestBody(dataset, hauler: "HL01", vehicle: vehicle, windowSeconds: windowSeconds), token: token)
        guard reply.status == 201, let id = reply["id"] as? String else {
            throw MeshError("manifest registration failed: \(reply.status) \(reply.object)")
        }
        return id
    }

    /// Polls the manifest until it carries its case; returns the case id.
    private func waitForCase(_ mesh: Mesh, manifest: String, token: String) throws -> String {
        let deadline = Date().addingTimeInterval(20)
        var last: JSONReply?
        while Date() < deadline {
            let reply = try mesh.get("/api/v1/manifests/\(manifest)", token: token)
            if let filed = reply["case"] as? [String: Any], let caseID = filed["case_id"] as? String {
                return caseID
            }
            last = reply
            usleep(100_000)
        }
        throw MeshError("manifest \(manifest) got no case; last reply \(last?.object ?? [:])")
    }

    /// Polls dispatch through the gateway until it has the case.
    private func waitForDispatch(_ mesh: Mesh, caseID: String) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let reply = try mesh.get("/api/v1/cases/\(caseID)", token: Mesh.adminToken)
            if reply.status == 200 {
                return reply.object
            }
            usleep(100_000)
        }
        throw MeshError("case \(caseID) never reached dispatch")
    }

    /// `date` as ISO 8601 with +08:00 and seconds, rounded up to the next second.
    static func iso(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxx"
        return formatter.string(from: date.addingTimeInterval(1 - date.timeIntervalSince1970.truncatingRemainder(dividingBy: 1)))
    }

    /// Returns the district date `offset` days from today, as "YYYY-MM-DD".
    static func day(offset: Int) -> String {
        String(iso(Date().addingTimeInterval(Double(offset) * 86_400)).prefix(10))
    }
}

/// What the tests need from deploy/data/markets.json.
struct MarketsFixture {
    let stalls: [[String: Any]]
    let plates: [String: [String]]
    let disposalSites: [String]
    let firstIDCard: String
    let licensedStations: [(id: String, streetID: String)]

    static func load() throws -> MarketsFixture {
        let data = try Data(contentsOf: Mesh.repositoryRoot.appendingPathComponent("deploy/data/markets.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let markets = try #require(root["markets"] as? [[String: Any]])
        var stalls: [[String: Any]] = []
        for market in markets {
            for var stall in market["stalls"] as? [[String: Any]] ?? [] {
                stall["market_id"] = market["id"]
                stalls.append(stall)
            }
        }
        let haulers = try #require(root["haulers"] as? [[String: Any]])
        var plates: [String: [String]] = [:]
        for hauler in haulers {
            plates[hauler["id"] as! String] = (hauler["vehicles"] as! [[String: Any]]).map { $0["plate"] as! String }
        }
        let sites = try #require(root["disposal_sites"] as? [[String: Any]]).map { $0["id"] as! String }
        let vendors = try #require(root["vendors"] as? [[String: Any]])
        let today = String(MarketsFlowTests.iso(Date()).prefix(10))
        let stations = try #require(root["recycling_stations"] as? [[String: Any]]).filter {
            ($0["license_valid_from"] as! String) <= today && today <= ($0["license_valid_until"] as! String)
        }.map { ($0["id"] as! String, $0["street_id"] as! String) }
        return MarketsFixture(
            stalls: stalls, plates: plates, disposalSites: sites, firstIDCard: vendors[0]["id_card"] as! String,
            licensedStations: stations)
    }

    func freeStalls(market: String) -> Int {
        stalls.filter { $0["market_id"] as? String == market && $0["status"] as? String == "free" }.count
    }

    private static let sequence = Mutex(0)

    /// Returns a fresh well-formed ID-card number. Its birth year 1958 is outside the dataset's range.
    static func nextIDCard() -> String {
        let value = sequence.withLock { value -> Int in
            value += 1
            return value
        }
        let body = "220102" + String(format: "1958%02d%02d%03d", 1 + value / 28 % 12, 1 + value % 28, value % 1000)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body.utf8, weights).reduce(0) { $0 + Int($1.0 - UInt8(ascii: "0")) * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }
}
