import Foundation

/// The steps of `jielu demo` against one gateway.
///
/// 1. `GET /api/v1/streets` maps street ids to board codes.
/// 2. Each report is posted to `POST /api/v1/reports` with the
///    Idempotency-Key `demo-<index>`, so a second run files no new cases.
/// 3. `GET /api/v1/cases` (admin token) is polled until dispatch has every case.
/// 4. About 85% of the cases are resolved by their assignee, each assignee
///    with a handler token from `POST /api/v1/tokens`.
/// 5. About 80% of the resolved cases are confirmed by the resident through
///    `POST /api/v1/track/{code}/confirm`; about 10% of those are not
///    satisfied, which reopens the case.
/// 6. `GET /api/v1/metrics/summary` is printed as a table.
///
/// Every choice comes from `DemoDice` and the report's index. A failed step
/// of one report is printed and counted, and the run goes on; `replay`
/// returns false when anything failed.
final class DemoRun {
    static let resolveShare = 0.85
    static let confirmShare = 0.80
    static let dissatisfiedShare = 0.10
    /// How long to wait for dispatch to receive every case, and for metrics to count them.
    static let dispatchWaitSeconds = 60.0
    static let metricsWaitSeconds = 30.0
    static let pollIntervalSeconds = 0.5
    static let progressEvery = 20
    static let casesPageSize = 200

    /// A report that intake accepted.
    struct SubmittedCase {
        var index: Int
        var caseID: String
        var trackingCode: String
    }

    /// A case as dispatch lists it.
    struct DispatchedCase {
        var status: String
        var assigneeID: String
    }

    let gateway: GatewayClient
    let adminToken: String
    let console: Console
    /// Steps that failed so far.
    private(set) var problemCount = 0
    /// Handler tokens created in this run, by staff id.
    private var handlerTokens: [String: String] = [:]

    init(gateway: GatewayClient, adminToken: String, console: Console) {
        self.gateway = gateway
        self.adminToken = adminToken
        self.console = console
    }

    /// Runs every step; true when none failed.
    ///
    /// - Throws: `CommandFailure` when a step the rest depends on fails: the
    ///   street list, the case list or the metrics summary.
    func replay(_ reports: [DemoReport]) throws -> Bool {
        console.print("开始演示：共 \(reports.count) 条上报，网关 \(gateway.address)")

        let boardCodes = try boardCodesByStreet()
        let submitted = submit(reports, boardCodes: boardCodes)
        let cases = try waitForDispatch(submitted)
        let resolved = resolve(submitted, cases: cases)
        let (closed, reopened) = confirm(resolved)
        try printMetrics(minimumReceived: submitted.count, minimumClosed: closed)

        console.print(
            "演示完成：提交 \(submitted.count) 条，派遣 \(cases.count) 件，处置 \(resolved.count) 件，"
                + "满意结案 \(closed) 件，不满意重新交办 \(reopened) 件。")
        if problemCount > 0 {
            console.printError("有 \(problemCount) 个步骤失败，详见上面的错误信息。")
        }
        return problemCount == 0
    }

    // MARK: Steps

    private func boardCodesByStreet() throws -> [String: String] {
        let response = try gateway.send("GET", "/api/v1/streets")
        var codes: [String: String] = [:]
        for street in response.object["streets"] as? [[String: Any]] ?? [] {
            if let id = JSONField.string(street["id"]), let code = JSONField.string(street["board_code"]) {
                codes[id] = code
            }
        }
        guard !codes.isEmpty else {
            throw CommandFailure(
                reason: "no_streets", message: "网关返回的街路列表为空，请先用 jielu load-district 导入辖区数据。")
        }
        return codes
    }

    private func submit(_ reports: [DemoReport], boardCodes: [String: String]) -> [SubmittedCase] {
        var submitted: [SubmittedCase] = []
        var replayed = 0
        for (index, report) in reports.enumerated() {
            defer {
                if (index + 1) % Self.progressEvery == 0 || index + 1 == reports.count {
                    console.print("已提交 \(index + 1)/\(reports.count) 条上报（其中重复提交 \(replayed) 条）")
                }
            }
            guard let boardCode = boardCodes[report.streetID] else {
                fail("第 \(index + 1) 条上报的街路 \(report.streetID) 不在网关的街路列表中，已跳过", reason: "unknown_street")
                continue
            }
            do {
                let response = try gateway.send(
                    "POST", "/api/v1/reports", body: report.requestBody(boardCode: boardCode),
                    headers: [("Idempotency-Key", "demo-\(index)")])
                guard let caseID = JSONField.string(response.object["case_id"]),
                    let trackingCode = JSONField.string(response.object["tracking_code"])
                else {
                    fail("第 \(index + 1) 条上报的响应缺少 case_id 或 tracking_code", reason: "bad_gateway_response")
                    continue
                }
                if response.status == 200 {
                    replayed += 1
                }
                submitted.append(SubmittedCase(index: index, caseID: caseID, trackingCode: trackingCode))
            } catch {
                fail("第 \(index + 1) 条上报提交失败", error: error)
            }
        }
        return submitted
    }

    /// Polls the case list until dispatch has every submitted case or the wait ends.
    private func waitForDispatch(_ submitted: [SubmittedCase]) throws -> [String: DispatchedCase] {
        let deadline = Date().addingTimeInterval(Self.dispatchWaitSeconds)
        let submittedIDs = Set(submitted.map(\.caseID))
        var lastCount = -1
        while true {
            let ours = try listCases().filter { caseID, _ in submittedIDs.contains(caseID) }
            if ours.count != lastCount {
                console.print("等待派遣：已派遣 \(ours.count)/\(submitted.count) 件")
                lastCount = ours.count
            }
            if ours.count == submitted.count {
                return ours
            }
            if Date() >= deadline {
                fail(
                    "等待 \(Int(Self.dispatchWaitSeconds)) 秒后仍有 \(submitted.count - ours.count) 件未派遣，请检查受理和派遣服务的日志",
                    reason: "dispatch_timeout")
                return ours
            }
            Thread.sleep(forTimeInterval: Self.pollIntervalSeconds)
        }
    }

    /// Lists every case dispatch has, page by page.
    private func listCases() throws -> [String: DispatchedCase] {
        var cases: [String: DispatchedCase] = [:]
        var pageToken = ""
        repeat {
            var path = "/api/v1/cases?limit=\(Self.casesPageSize)"
            if !pageToken.isEmpty {
                path += "&page_token=\(GatewayClient.segment(pageToken))"
            }
            let page = try gateway.send("GET", path, token: adminToken).object
            for item in page["cases"] as? [[String: Any]] ?? [] {
                guard let caseID = JSONField.string(item["case_id"]) else {
                    continue
                }
                let assignee = item["assignee"] as? [String: Any]
                cases[caseID] = DispatchedCase(
                    status: JSONField.string(item["status"]) ?? "",
                    assigneeID: JSONField.string(assignee?["staff_id"]) ?? "")
            }
            pageToken = JSONField.string(page["next_page_token"]) ?? ""
        } while !pageToken.isEmpty
        return cases
    }

    /// Resolves the chosen cases; returns those that are resolved afterwards.
    private func resolve(_ submitted: [SubmittedCase], cases: [String: DispatchedCase]) -> [SubmittedCase] {
        var resolved: [SubmittedCase] = []
        var attempted = 0
        for submittedCase in submitted where DemoDice.fraction(index: submittedCase.index, .resolve) < Self.resolveShare {
            guard let dispatched = cases[submittedCase.caseID] else {
                continue
            }
            // A case resolved by an earlier run goes straight to confirmation.
            if dispatched.status == "resolved" {
                resolved.append(submittedCase)
                continue
            }
            guard dispatched.status == "dispatched" || dispatched.status == "reopened" else {
                continue
            }
            attempted += 1
            do {
                let token = try handlerToken(for: dispatched.assigneeID, caseID: submittedCase.caseID)
                _ = try gateway.send(
                    "POST", "/api/v1/cases/\(GatewayClient.segment(submittedCase.caseID))/resolve",
                    body: ["note": "已到现场处置完毕（演示数据）"], token: token)
                resolved.append(submittedCase)
            } catch {
                fail("诉求 \(submittedCase.caseID) 处置失败", error: error)
            }
            if attempted % Self.progressEvery == 0 {
                console.print("已处置 \(resolved.count) 件")
            }
        }
        console.print("处置完成：共 \(resolved.count) 件已处置，生成处置人员令牌 \(handlerTokens.count) 个")
        return resolved
    }

    /// The handler token of `staffID`, created on first use.
    private func handlerToken(for staffID: String, caseID: String) throws -> String {
        guard !staffID.isEmpty else {
            throw CommandFailure(reason: "no_assignee", message: "诉求 \(caseID) 没有责任人，无法处置")
        }
        if let token = handlerTokens[staffID] {
            return token
        }
        let response = try gateway.send(
            "POST", "/api/v1/tokens", body: ["role": "handler", "staff_id": staffID], token: adminToken)
        guard let token = JSONField.string(response.object["token"]) else {
            throw CommandFailure(reason: "bad_gateway_response", message: "生成令牌的响应缺少 token")
        }
        handlerTokens[staffID] = token
        return token
    }

    /// Residents confirm the chosen resolved cases; returns how many were closed and reopened.
    private func confirm(_ resolved: [SubmittedCase]) -> (closed: Int, reopened: Int) {
        var closed = 0
        var reopened = 0
        for submittedCase in resolved where DemoDice.fraction(index: submittedCase.index, .confirm) < Self.confirmShare {
            let satisfied = DemoDice.fraction(index: submittedCase.index, .satisfied) >= Self.dissatisfiedShare
            let comment = satisfied ? "处理及时，满意" : "问题还在，请重新处理"
            do {
                _ = try gateway.send(
                    "POST", "/api/v1/track/\(GatewayClient.segment(submittedCase.trackingCode))/confirm",
                    body: ["satisfied": satisfied, "comment": comment])
                if satisfied {
                    closed += 1
                } else {
                    reopened += 1
                }
            } catch {
                fail("查询码 \(submittedCase.trackingCode) 的市民确认失败", error: error)
            }
        }
        console.print("市民确认完成：满意结案 \(closed) 件，不满意重新交办 \(reopened) 件")
        return (closed, reopened)
    }

    /// Waits until metrics count the run's cases, then prints the summary table.
    private func printMetrics(minimumReceived: Int, minimumClosed: Int) throws {
        let deadline = Date().addingTimeInterval(Self.metricsWaitSeconds)
        var summary = try gateway.send("GET", "/api/v1/metrics/summary").object
        while !Self.counts(summary, received: minimumReceived, closed: minimumClosed) && Date() < deadline {
            Thread.sleep(forTimeInterval: Self.pollIntervalSeconds)
            summary = try gateway.send("GET", "/api/v1/metrics/summary").object
        }
        if !Self.counts(summary, received: minimumReceived, closed: minimumClosed) {
            console.printError("注意：统计服务尚未计入本次演示的全部诉求，下表可能偏小。")
        }

        console.print("")
        console.print("统计汇总（截至 \(JSONField.string(summary["as_of"]) ?? "—")）：")
        for line in MetricsTable.lines(summary: summary) {
            console.print(line)
        }
    }

    /// Returns whether the summary's district totals reach the expected counts.
    private static func counts(_ summary: [String: Any], received: Int, closed: Int) -> Bool {
        let district = summary["district"] as? [String: Any] ?? [:]
        return Int(JSONField.number(district["received"]) ?? 0) >= received
            && Int(JSONField.number(district["closed"]) ?? 0) >= closed
    }

    // MARK: Failures

    private func fail(_ context: String, error: any Error) {
        problemCount += 1
        console.printError("失败：\(context)：\(FailureReport.detail(for: error))")
    }

    private func fail(_ message: String, reason: String) {
        problemCount += 1
        console.printError("失败：\(message)（\(reason)）")
    }
}
