import Foundation
import Testing

@testable import jielu

@Suite("jielu demo")
struct DemoTests {
    /// Statuses the demo must leave, computed from `DemoDice` alone.
    static func expectedStatus(index: Int) -> String {
        guard DemoDice.fraction(index: index, .resolve) < DemoRun.resolveShare else {
            return "dispatched"
        }
        guard DemoDice.fraction(index: index, .confirm) < DemoRun.confirmShare else {
            return "resolved"
        }
        return DemoDice.fraction(index: index, .satisfied) >= DemoRun.dissatisfiedShare ? "closed" : "reopened"
    }

    static func demoArguments(gateway: FakeGateway, reports: String = RepositoryFiles.reports) -> [String] {
        ["demo", "--reports", reports, "--gateway", gateway.address, "--admin-token", FakeGatewayRoutes.adminToken]
    }

    @Test func replaysEveryReportAndWalksCases() throws {
        let gateway = try FakeGateway()
        let (status, output) = runTool(Self.demoArguments(gateway: gateway))

        #expect(status == .success, "stderr: \(output.standardError)")
        let state = gateway.snapshot
        #expect(state.cases.count == 240)
        #expect(state.idempotencyKeys == (0..<240).map { "demo-\($0)" })
        #expect(state.maxListLimit <= 200)

        let statuses = state.cases.map(\.status)
        #expect(statuses == (0..<240).map(Self.expectedStatus(index:)))
        // Every assignee got one handler token, created on first use.
        #expect(state.handlerTokensCreated.sorted() == FakeGatewayRoutes.assignees)
    }

    @Test func sharesAreNearTheirTargets() {
        let statuses = (0..<240).map(Self.expectedStatus(index:))
        let touched = statuses.filter { $0 != "dispatched" }.count
        let confirmed = statuses.filter { $0 == "closed" || $0 == "reopened" }.count

        #expect((180...228).contains(touched), "resolved \(touched) of 240")
        #expect(Double(confirmed) / Double(touched) > 0.65)
        #expect(Double(confirmed) / Double(touched) < 0.95)
        #expect(statuses.contains("reopened"))
        #expect(statuses.filter { $0 == "reopened" }.count < statuses.filter { $0 == "closed" }.count / 4)
    }

    @Test func printsProgressAndMetricsTable() throws {
        let gateway = try FakeGateway()
        let (_, output) = runTool(Self.demoArguments(gateway: gateway) + ["--limit", "30"])

        let text = output.standardOutput
        #expect(text.contains("已提交 20/30 条上报"))
        #expect(text.contains("已提交 30/30 条上报"))
        #expect(text.contains("等待派遣：已派遣 30/30 件"))
        #expect(text.contains("统计汇总（截至 2026-12-04T20:00:00+08:00）"))
        let header = try #require(text.split(separator: "\n").first { $0.hasPrefix("范围") })
        #expect(header.contains("按期结案率"))
        #expect(text.contains("青岚区"))
        #expect(text.contains("柏溪街道"))
        #expect(text.contains("演示完成：提交 30 条"))
    }

    @Test func secondRunFilesNoNewCases() throws {
        let gateway = try FakeGateway()
        _ = runTool(Self.demoArguments(gateway: gateway) + ["--limit", "40"])
        let (status, output) = runTool(Self.demoArguments(gateway: gateway) + ["--limit", "40"])

        #expect(status == .success, "stderr: \(output.standardError)")
        #expect(gateway.snapshot.cases.count == 40)
        #expect(output.standardOutput.contains("已提交 40/40 条上报（其中重复提交 40 条）"))
    }

    @Test func unknownStreetIsReportedAndOthersGoOn() throws {
        let directory = NSTemporaryDirectory() + "jielu-demo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/reports.json"
        try Data("""
            [{"street_id": "ST001", "category_code": "0101", "description": "门口垃圾", "contact_phone": null, "lat": null, "lon": null},
             {"street_id": "ST999", "category_code": "0101", "description": "不存在的街路", "contact_phone": null, "lat": null, "lon": null},
             {"street_id": "ST002", "category_code": "0602", "description": "楼道堆物", "contact_phone": "13800000000", "lat": 43.9, "lon": 125.3}]
            """.utf8).write(to: URL(fileURLWithPath: path))

        let gateway = try FakeGateway()
        let (status, output) = runTool(Self.demoArguments(gateway: gateway, reports: path))

        #expect(status == .failure)
        #expect(gateway.snapshot.cases.count == 2)
        #expect(output.standardError.contains("ST999"))
        #expect(output.standardError.contains("（unknown_street）"))
        #expect(output.standardError.contains("有 1 个步骤失败"))
    }

    @Test func wrongAdminTokenFails() throws {
        let gateway = try FakeGateway()
        let (status, output) = runTool([
            "demo", "--reports", RepositoryFiles.reports, "--gateway", gateway.address, "--admin-token", "wrong", "--limit", "2",
        ])

        #expect(status == .failure)
        #expect(output.standardError.contains("（unauthenticated）"))
    }
}

@Suite("Demo helpers")
struct DemoHelperTests {
    @Test func diceIsDeterministicAndInRange() {
        for index in 0..<1000 {
            let value = DemoDice.fraction(index: index, .resolve)
            #expect(value >= 0)
            #expect(value < 1)
            #expect(value == DemoDice.fraction(index: index, .resolve))
        }
        #expect(DemoDice.fraction(index: 7, .resolve) != DemoDice.fraction(index: 7, .confirm))
    }

    @Test func diceIsRoughlyUniform() {
        let below = (0..<10_000).filter { DemoDice.fraction(index: $0, .confirm) < 0.8 }.count
        #expect((7_700...8_300).contains(below))
    }

    @Test func reportsFileDecodes() throws {
        let reports = try DemoReport.load(path: RepositoryFiles.reports)

        #expect(reports.count == 240)
        #expect(reports[0].streetID == "ST008")
        #expect(reports[0].categoryCode == "0401")
    }

    @Test func requestBodyLeavesOutMissingFields() {
        let bare = DemoReport(streetID: "ST001", categoryCode: "0101", description: "垃圾")
        let body = bare.requestBody(boardCode: "JV8U7FN7Z52VE9UJ")
        #expect(body.keys.sorted() == ["board_code", "category_code", "description"])

        let full = DemoReport(
            streetID: "ST001", categoryCode: "0101", description: "垃圾", contactPhone: "13800000000", lat: 43.9, lon: 125.3)
        #expect(full.requestBody(boardCode: "X").keys.sorted() == [
            "board_code", "category_code", "contact_phone", "description", "lat", "lon",
        ])
    }

    @Test func rateFormatting() {
        #expect(MetricsTable.rate(0.85) == "85.0%")
        #expect(MetricsTable.rate(1) == "100.0%")
        #expect(MetricsTable.rate(0.12345) == "12.3%")
        #expect(MetricsTable.rate(NSNull()) == "—")
        #expect(MetricsTable.rate(nil) == "—")
    }

    @Test func tableColumnsLineUpWithChineseNames() {
        let summary: [String: Any] = [
            "district": ["name": "青岚区", "received": 240, "dispatched": 240, "resolved": 204, "closed": 150,
                         "completion_rate": 0.85, "closure_rate": 0.625, "on_time_rate": NSNull()],
            "sub_districts": [["id": "SD01", "name": "柏溪街道", "received": 9, "dispatched": 9, "resolved": 9, "closed": 9,
                               "completion_rate": 1, "closure_rate": 1, "on_time_rate": 1]],
        ]
        let lines = MetricsTable.lines(summary: summary)

        #expect(lines.count == 3)
        #expect(Set(lines.map(MetricsTable.displayWidth)).count == 1)
        #expect(lines[1].hasPrefix("青岚区"))
        #expect(lines[1].hasSuffix("—"))
        #expect(lines[2].hasSuffix("100.0%"))
    }
}
