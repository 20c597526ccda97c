import Foundation
import JieluContract
import JieluCore

/// The market day of `jielu demo --markets FILE`, through the gateway:
///
/// 1. `GET /api/v1/markets` prints the free stalls of every market.
/// 2. The admin token creates market_manager, inspector and hauler tokens.
/// 3. Three new vendors apply for the stall type with the fewest free
///    stalls (the second one a hardship case) and the waitlist is printed:
///    hardship first, then application time.
/// 4. An allocation runs for that market and type; then one permit there is
///    revoked, which offers its stall to the head of the waitlist.
/// 5. An inspector records a violation at an occupied stall.
/// 6. A hauler registers two manifests. One departs and arrives, which
///    closes it. The other has a window of a few seconds and expires, and
///    the demo waits until its case (0301 建筑垃圾乱倒) is in dispatch.
///
/// New vendors get random, well-formed ID-card numbers, so the market day
/// can run again on the same data. A failed step is printed and counted;
/// `run` returns false when anything failed.
final class DemoMarketDay {
    static let applicants: [(name: String, hardship: Bool)] = [("演示摊贩甲", false), ("演示摊贩乙", true), ("演示摊贩丙", false)]
    /// The window of the manifest that is meant to expire.
    static let shortWindowSeconds: Int64 = 4
    static let caseWaitSeconds = 60.0
    static let pollIntervalSeconds = 0.5

    let gateway: GatewayClient
    let adminToken: String
    let dataset: Markets.LoadMarketsRequest
    let console: Console
    private(set) var problemCount = 0

    init(gateway: GatewayClient, adminToken: String, dataset: Markets.LoadMarketsRequest, console: Console) {
        self.gateway = gateway
        self.adminToken = adminToken
        self.dataset = dataset
        self.console = console
    }

    /// Runs every step; true when none failed.
    ///
    /// - Throws: `CommandFailure` when a step the rest depends on fails: the
    ///   market list or the creation of a token.
    func run() throws -> Bool {
        console.print("")
        console.print("市场日演示开始")
        let markets = try printMarkets()
        let manager = try token(role: "market_manager", staffID: nil)
        let inspector = try token(role: "inspector", staffID: nil)

        if let target = scarcestStallType(markets) {
            let numbers = applyForStalls(target: target, token: manager)
            allocate(target: target, numbers: numbers, token: manager)
            inspect(marketID: target.marketID, token: inspector)
        } else {
            fail("市场列表中没有摊位，跳过摊位申请与检查", reason: "no_stalls")
        }
        try haulManifests()

        console.print("市场日演示完成" + (problemCount > 0 ? "，有 \(problemCount) 个步骤失败。" : "。"))
        return problemCount == 0
    }

    // MARK: Markets and stalls

    struct Target {
        var marketID: String
        var marketName: String
        var stallType: String
        var free: Int
    }

    private func printMarkets() throws -> [[String: Any]] {
        let markets = try gateway.send("GET", "/api/v1/markets").object["markets"] as? [[String: Any]] ?? []
        console.print("集装箱市场 \(markets.count) 个：")
        for market in markets {
            let stalls = market["stalls"] as? [String: Any] ?? [:]
            let free = Int(JSONField.number(stalls["free"]) ?? 0)
            let total = Int(JSONField.number(stalls["total"]) ?? 0)
            console.print("  \(JSONField.string(market["name"]) ?? "—")：空闲 \(free) / 共 \(total) 个摊位")
        }
        return markets
    }

    /// Returns the market and stall type with the fewest free stalls, where a waitlist matters most.
    private func scarcestStallType(_ markets: [[String: Any]]) -> Target? {
        var best: Target?
        for market in markets {
            let stalls = market["stalls"] as? [String: Any] ?? [:]
            for count in stalls["by_type"] as? [[String: Any]] ?? [] {
                let free = Int(JSONField.number(count["free"]) ?? 0)
                guard let type = JSONField.string(count["stall_type"]), free < (best?.free ?? .max) else {
                    continue
                }
                best = Target(
                    marketID: JSONField.string(market["id"]) ?? "", marketName: JSONField.string(market["name"]) ?? "",
                    stallType: type, free: free)
            }
        }
        return best
    }

    /// Registers the applicants and puts them on the waitlist; returns their application numbers.
    private func applyForStalls(target: Target, token: String) -> [String] {
        console.print("\(target.marketName)的\(Self.typeLabel(target.stallType))摊位空闲 \(target.free) 个，三名摊贩申请：")
        var numbers: [String] = []
        for applicant in Self.applicants {
            do {
                let vendor = try registerVendor(name: applicant.name, stallType: target.stallType, hardship: applicant.hardship, token: token)
                let application = try gateway.send(
                    "POST", "/api/v1/vendors/\(GatewayClient.segment(vendor))/applications",
                    body: ["market_id": target.marketID], token: token
                ).object
                let number = JSONField.string(application["number"]) ?? ""
                numbers.append(number)
                console.print("  \(applicant.name)\(applicant.hardship ? "（困难户）" : "")：申请编号 \(number)，进度页 /v/\(number)")
            } catch {
                fail("\(applicant.name)申请摊位失败", error: error)
            }
        }

        do {
            let waitlist = try gateway.send(
                "GET", "/api/v1/markets/\(GatewayClient.segment(target.marketID))/waitlist?stall_type=\(target.stallType)",
                token: token
            ).object
            console.print("候补队列（\(JSONField.string(waitlist["rule"]) ?? "")）：")
            for entry in waitlist["applications"] as? [[String: Any]] ?? [] {
                let vendor = entry["vendor"] as? [String: Any] ?? [:]
                let place = entry["waitlist"] as? [String: Any] ?? [:]
                let hardship = entry["hardship"] as? Bool == true ? "困难户" : "非困难户"
                console.print(
                    "  第 \(Int(JSONField.number(place["rank"]) ?? 0)) 位：\(JSONField.string(vendor["name"]) ?? "—")"
                        + "（\(hardship)，申请于 \(JSONField.string(entry["applied_at"]) ?? "—")）")
            }
        } catch {
            fail("查看候补队列失败", error: error)
        }
        return numbers
    }

    /// Runs an allocation, revokes one permit of the same type, and prints each application's state.
    private func allocate(target: Target, numbers: [String], token: String) {
        do {
            let result = try gateway.send(
                "POST", "/api/v1/markets/\(GatewayClient.segment(target.marketID))/allocations",
                body: ["stall_type": target.stallType], token: token
            ).object
            let allocations = result["allocations"] as? [[String: Any]] ?? []
            console.print(
                "分配摊位：分出 \(allocations.count) 个，仍有 \(Int(JSONField.number(result["still_waiting"]) ?? 0)) 人候补。")
        } catch {
            fail("分配摊位失败", error: error)
        }

        do {
            let detail = try gateway.send("GET", "/api/v1/markets/\(GatewayClient.segment(target.marketID))", token: token).object
            let stalls = detail["stall_list"] as? [[String: Any]] ?? []
            let held = stalls.first { stall in
                JSONField.string(stall["stall_type"]) == target.stallType && JSONField.string(stall["status"]) == "occupied"
            }
            if let permitID = held.flatMap({ JSONField.string($0["permit_id"]) }) {
                _ = try gateway.send(
                    "POST", "/api/v1/vendors/permits/\(GatewayClient.segment(permitID))/revoke",
                    body: ["reason": "演示：摊主申请退出经营"], token: token)
                console.print("吊销许可 \(permitID)（摊位 \(JSONField.string(held?["number"]) ?? "—")），摊位按候补顺序递补。")
            }
        } catch {
            fail("吊销许可失败", error: error)
        }

        for number in numbers where !number.isEmpty {
            do {
                let state = try gateway.send("GET", "/api/v1/vendors/applications/\(GatewayClient.segment(number))").object
                let note = JSONField.string(state["decision_note"]) ?? ""
                let label = JSONField.string(state["status_label"]) ?? ""
                var place = ""
                if let waitlist = state["waitlist"] as? [String: Any] {
                    place = "（候补第 \(Int(JSONField.number(waitlist["rank"]) ?? 0)) 位）"
                }
                console.print("  申请 \(number)：\(label)\(place)" + (note.isEmpty ? "" : "。\(note)"))
            } catch {
                fail("查询申请 \(number) 失败", error: error)
            }
        }
    }

    /// Records one violation at the first occupied stall of the market.
    private func inspect(marketID: String, token: String) {
        do {
            let detail = try gateway.send("GET", "/api/v1/markets/\(GatewayClient.segment(marketID))", token: token).object
            let stalls = detail["stall_list"] as? [[String: Any]] ?? []
            guard let stall = stalls.first(where: { JSONField.string($0["status"]) == "occupied" }),
                let stallID = JSONField.string(stall["id"])
            else {
                fail("没有已占用的摊位，跳过检查", reason: "no_occupied_stall")
                return
            }
            let result = try gateway.send(
                "POST", "/api/v1/markets/inspections",
                body: [
                    "market_id": marketID, "stall_id": stallID, "result": "violation", "violation_type": "超出摊位范围经营",
                    "notes": "演示：货品摆到摊位外通道上",
                ],
                token: token
            ).object
            let count = Int(JSONField.number(result["violations_in_window"]) ?? 0)
            let threshold = Int(JSONField.number(result["violation_threshold"]) ?? 0)
            let days = Int(JSONField.number(result["violation_window_days"]) ?? 0)
            let suspended = result["suspended"] as? Bool == true
            console.print(
                "检查摊位 \(JSONField.string(stall["number"]) ?? stallID)：违规（超出摊位范围经营），\(days) 天内第 \(count) 次，"
                    + (suspended ? "已达到 \(threshold) 次，许可被暂停。" : "达到 \(threshold) 次将暂停许可。"))
        } catch {
            fail("记录检查失败", error: error)
        }
    }

    // MARK: Manifests

    private func haulManifests() throws {
        guard let hauler = dataset.haulers.first(where: { $0.vehicles.count >= 2 }),
            let site = dataset.disposalSites.first, let market = dataset.markets.first
        else {
            fail("市场数据中没有至少两辆车的运输单位或消纳场，跳过联单演示", reason: "no_haulers")
            return
        }
        let token = try self.token(role: "hauler", staffID: hauler.id)
        let nowMs = WallClock.nowMilliseconds()
        console.print("清运联单（\(hauler.name)）：")

        do {
            let closed = try createManifest(
                vehicle: hauler.vehicles[0], site: site, streetID: market.streetID, endMs: nowMs + 2 * 3_600_000, token: token)
            _ = try gateway.send("POST", "/api/v1/manifests/\(GatewayClient.segment(closed))/departure", token: token)
            let arrived = try gateway.send(
                "POST", "/api/v1/manifests/\(GatewayClient.segment(closed))/arrival", body: ["disposal_site_id": site.id],
                token: token
            ).object
            console.print("  联单 \(closed)：出场、运抵\(site.name)，状态「\(JSONField.string(arrived["status_label"]) ?? "—")」")
        } catch {
            fail("按时闭合的联单演示失败", error: error)
        }

        do {
            let expiring = try createManifest(
                vehicle: hauler.vehicles[1], site: site, streetID: market.streetID,
                endMs: nowMs + Self.shortWindowSeconds * 1000, token: token)
            _ = try gateway.send("POST", "/api/v1/manifests/\(GatewayClient.segment(expiring))/departure", token: token)
            console.print("  联单 \(expiring)：已出场，时限 \(Self.shortWindowSeconds) 秒，等待超时……")
            try waitForCase(manifestID: expiring, token: token)
        } catch {
            fail("超时联单的演示失败", error: error)
        }
    }

    private func createManifest(
        vehicle: Markets.Vehicle, site: Markets.DisposalSite, streetID: String, endMs: Int64, token: String
    ) throws -> String {
        let body: [String: Any] = [
            "vehicle_plate": vehicle.plate, "origin_site": "演示工地（旧楼拆除）", "origin_street_id": streetID,
            "expected_load_tonnes": min(vehicle.capacityTonnes, 6), "disposal_site_id": site.id,
            "window_end_at": WallClock.iso8601(endMs),
        ]
        let manifest = try gateway.send("POST", "/api/v1/manifests", body: body, token: token).object
        guard let id = JSONField.string(manifest["id"]) else {
            throw CommandFailure(reason: "bad_gateway_response", message: "登记联单的响应缺少 id")
        }
        return id
    }

    /// Polls the manifest until intake has filed its case, then reads the case from dispatch.
    private func waitForCase(manifestID: String, token: String) throws {
        let deadline = Date().addingTimeInterval(Self.caseWaitSeconds)
        while Date() < deadline {
            let manifest = try gateway.send("GET", "/api/v1/manifests/\(GatewayClient.segment(manifestID))", token: token).object
            if let filed = manifest["case"] as? [String: Any], let caseID = JSONField.string(filed["case_id"]) {
                console.print("  联单 \(manifestID) 已超时，系统自动立案：案件 \(caseID)")
                try printCase(caseID)
                return
            }
            Thread.sleep(forTimeInterval: Self.pollIntervalSeconds)
        }
        fail("等待 \(Int(Self.caseWaitSeconds)) 秒后联单 \(manifestID) 仍未立案，请检查市场服务和受理服务的日志", reason: "case_timeout")
    }

    /// Prints the case once dispatch has it.
    private func printCase(_ caseID: String) throws {
        let deadline = Date().addingTimeInterval(Self.caseWaitSeconds)
        while Date() < deadline {
            do {
                let file = try gateway.send("GET", "/api/v1/cases/\(GatewayClient.segment(caseID))", token: adminToken).object
                let category = file["category"] as? [String: Any] ?? [:]
                let unit = file["unit"] as? [String: Any] ?? [:]
                console.print(
                    "  派遣：\(JSONField.string(category["name"]) ?? "—")，关联 \(JSONField.string(file["external_ref"]) ?? "—")，"
                        + "承办单位 \(JSONField.string(unit["name"]) ?? "—")")
                return
            } catch let failure as CommandFailure where failure.httpStatus == 404 {
                Thread.sleep(forTimeInterval: Self.pollIntervalSeconds)
            }
        }
        fail("案件 \(caseID) 迟迟未到派遣服务", reason: "dispatch_timeout")
    }

    // MARK: Helpers

    private func token(role: String, staffID: String?) throws -> String {
        var body: [String: Any] = ["role": role]
        if let staffID {
            body["staff_id"] = staffID
        }
        let response = try gateway.send("POST", "/api/v1/tokens", body: body, token: adminToken)
        guard let token = JSONField.string(response.object["token"]) else {
            throw CommandFailure(reason: "bad_gateway_response", message: "生成令牌的响应缺少 token")
        }
        return token
    }

    /// Registers a vendor with a random ID-card number, drawing again when it is taken.
    private func registerVendor(name: String, stallType: String, hardship: Bool, token: String) throws -> String {
        var lastError: (any Error)?
        for _ in 0..<5 {
            let body: [String: Any] = [
                "name": name, "id_card": Self.randomIDCard(), "phone": Self.randomPhone(), "goods_type": stallType,
                "hardship": hardship,
            ]
            do {
                let vendor = try gateway.send("POST", "/api/v1/vendors", body: body, token: token).object
                return JSONField.string(vendor["id"]) ?? ""
            } catch let failure as CommandFailure where failure.reason == "duplicate_id_card" {
                lastError = failure
            }
        }
        throw lastError!
    }

    /// Returns a fictional 18-character ID-card number with a valid check character.
    static func randomIDCard() -> String {
        var generator = SystemRandomNumberGenerator()
        let year = 1965 + Int(generator.next(upperBound: UInt32(35)))
        let month = 1 + Int(generator.next(upperBound: UInt32(12)))
        let day = 1 + Int(generator.next(upperBound: UInt32(28)))
        let sequence = Int(generator.next(upperBound: UInt32(1000)))
        let body = "220102" + String(format: "%04d%02d%02d%03d", year, month, day, sequence)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body.utf8, weights).reduce(0) { $0 + Int($1.0 - UInt8(ascii: "0")) * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }

    static func randomPhone() -> String {
        var generator = SystemRandomNumberGenerator()
        return "139" + String(format: "%08d", Int(generator.next(upperBound: UInt32(100_000_000))))
    }

    static func typeLabel(_ type: String) -> String {
        switch type {
        case "food": "食品类"
        case "produce": "果蔬类"
        default: "百货类"
        }
    }

    private func fail(_ context: String, error: any Error) {
        problemCount += 1
        console.printError("失败：\(context)：\(FailureReport.detail(for: error))")
    }

    private func fail(_ message: String, reason: String) {
        problemCount += 1
        console.printError("失败：\(message)（\(reason)）")
    }
}
