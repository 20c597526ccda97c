import Foundation
import JieluCore
import JieluHTTP
import Synchronization

/// An in-memory stand-in for the gateway's HTTP API on 127.0.0.1 port 0,
/// enough for `jielu demo` and `jielu health`.
final class FakeGateway {
    let routes: FakeGatewayRoutes
    private let server: HTTPServer

    var address: String { server.boundAddress.description }
    var snapshot: FakeGatewayRoutes.State { routes.snapshot }

    init(streets: [[String: String]] = FakeGatewayRoutes.referenceStreets()) throws {
        let routes = FakeGatewayRoutes(streets: streets)
        self.routes = routes
        server = try HTTPServer(
            address: SocketAddressText(host: "127.0.0.1", port: 0), configuration: HTTPServerConfiguration(),
            logger: Logger(service: "fake-gateway", level: .error)
        ) { request in
            routes.handle(request)
        }
        server.start()
    }

    deinit {
        server.shutdown()
    }
}

/// The fake gateway's state and routes: every report becomes a dispatched
/// case at once, assigned to one of seven staff ids in turn.
final class FakeGatewayRoutes: Sendable {
    static let adminToken = "jl_admin_for_tests"
    static let assignees = ["S0001", "S0002", "S0003", "S0004", "S0005", "S0006", "S0007"]

    struct Case: Sendable {
        var caseID: String
        var trackingCode: String
        var status: String
        var assigneeID: String
        var responseBody: [UInt8]
    }

    struct State: Sendable {
        var cases: [Case] = []
        var caseIndexByIdempotencyKey: [String: Int] = [:]
        var idempotencyKeys: [String] = []
        var handlerTokensCreated: [String] = []
        var maxListLimit = 0
        var summaryRequests = 0
    }

    private let state = Mutex(State())
    private let streets: [[String: String]]

    var snapshot: State { state.withLock { $0 } }

    init(streets: [[String: String]]) {
        self.streets = streets
    }

    static func referenceStreets() -> [[String: String]] {
        let data = try! Data(contentsOf: URL(fileURLWithPath: RepositoryFiles.district))
        let object = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        return (object["streets"] as! [[String: Any]]).map { street in
            ["id": street["id"] as! String, "board_code": street["board_code"] as! String]
        }
    }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let parts = request.path.split(separator: "/").map(String.init)
        let bearer = request.headers["Authorization"]?.replacingOccurrences(of: "Bearer ", with: "")
        switch (request.method, parts) {
        case ("GET", ["healthz"]):
            return json(["status": "serving"])
        case ("GET", ["api", "v1", "streets"]):
            return json(["streets": streets])
        case ("POST", ["api", "v1", "reports"]):
            return submit(request)
        case ("GET", ["api", "v1", "cases"]):
            guard bearer == Self.adminToken else {
                return .error(status: 401, code: "unauthenticated", message: "未登录")
            }
            return listCases(request)
        case ("POST", ["api", "v1", "tokens"]):
            guard bearer == Self.adminToken else {
                return .error(status: 403, code: "forbidden", message: "只有管理员可以生成令牌")
            }
            let body = object(request.body)
            let staffID = body["staff_id"] as? String ?? ""
            state.withLock { $0.handlerTokensCreated.append(staffID) }
            return json(["token": "handler-\(staffID)", "token_id": "T\(staffID)", "role": "handler", "staff_id": staffID], status: 201)
        case ("POST", let path) where path.count == 5 && path[2] == "cases" && path[4] == "resolve":
            return resolve(caseID: path[3], bearer: bearer ?? "")
        case ("POST", let path) where path.count == 5 && path[2] == "track" && path[4] == "confirm":
            return confirm(trackingCode: path[3], satisfied: object(request.body)["satisfied"] as? Bool ?? false)
        case ("GET", ["api", "v1", "metrics", "summary"]):
            return summary()
        default:
            return .error(status: 404, code: "not_found", message: "没有这个接口")
        }
    }

    private func submit(_ request: HTTPRequest) -> HTTPResponse {
        let key = request.headers["Idempotency-Key"] ?? ""
        let body = object(request.body)
        guard streets.contains(where: { $0["board_code"] == body["board_code"] as? String }) else {
            return .error(status: 404, code: "unknown_board", message: "街路牌不存在")
        }
        return state.withLock { state in
            state.idempotencyKeys.append(key)
            if let index = state.caseIndexByIdempotencyKey[key] {
                return .json(status: 200, body: state.cases[index].responseBody)
            }
            let number = state.cases.count
            let caseID = "CASE\(number)"
            let trackingCode = "TRK\(number)"
            let responseBody = encode(["case_id": caseID, "tracking_code": trackingCode, "status": "received"])
            state.cases.append(Case(
                caseID: caseID, trackingCode: trackingCode, status: "dispatched",
                assigneeID: Self.assignees[number % Self.assignees.count], responseBody: responseBody))
            state.caseIndexByIdempotencyKey[key] = number
            return .json(status: 201, body: responseBody)
        }
    }

    private func listCases(_ request: HTTPRequest) -> HTTPResponse {
        let limit = Int(request.query["limit"] ?? "") ?? 50
        let offset = Int(request.query["page_token"] ?? "") ?? 0
        return state.withLock { state in
            state.maxListLimit = max(state.maxListLimit, limit)
            let page = state.cases.dropFirst(offset).prefix(limit)
            let next = offset + page.count < state.cases.count ? String(offset + page.count) : nil
            let items: [[String: Any]] = page.map { item in
                ["case_id": item.caseID, "status": item.status, "tracking_code": item.trackingCode,
                 "assignee": ["staff_id": item.assigneeID, "name": "某某"]]
            }
            return json(["cases": items, "next_page_token": next as Any? ?? NSNull()])
        }
    }

    private func resolve(caseID: String, bearer: String) -> HTTPResponse {
        state.withLock { state in
            guard let index = state.cases.firstIndex(where: { $0.caseID == caseID }) else {
                return .error(status: 404, code: "unknown_case", message: "诉求不存在")
            }
            guard bearer == "handler-\(state.cases[index].assigneeID)" else {
                return .error(status: 403, code: "not_assignee", message: "不是责任人")
            }
            guard ["dispatched", "reopened"].contains(state.cases[index].status) else {
                return .error(status: 409, code: "invalid_transition", message: "当前状态不能处置")
            }
            state.cases[index].status = "resolved"
            return json(["case_id": caseID, "status": "resolved"])
        }
    }

    private func confirm(trackingCode: String, satisfied: Bool) -> HTTPResponse {
        state.withLock { state in
            guard let index = state.cases.firstIndex(where: { $0.trackingCode == trackingCode }) else {
                return .error(status: 404, code: "unknown_tracking_code", message: "查询码不存在")
            }
            guard state.cases[index].status == "resolved" else {
                return .error(status: 409, code: "invalid_transition", message: "尚未处置")
            }
            state.cases[index].status = satisfied ? "closed" : "reopened"
            return json(["tracking_code": trackingCode, "status": state.cases[index].status])
        }
    }

    private func summary() -> HTTPResponse {
        state.withLock { state in
            state.summaryRequests += 1
            let total = state.cases.count
            let resolvedOrLater = state.cases.filter { ["resolved", "closed"].contains($0.status) }.count
            let closed = state.cases.filter { $0.status == "closed" }.count
            let district: [String: Any] = [
                "id": "D01", "name": "青岚区", "received": total, "dispatched": total, "resolved": resolvedOrLater,
                "closed": closed, "completion_rate": total == 0 ? NSNull() : Double(resolvedOrLater) / Double(total),
                "closure_rate": total == 0 ? NSNull() : Double(closed) / Double(total), "on_time_rate": NSNull(),
            ]
            let subDistrict: [String: Any] = [
                "id": "SD01", "name": "柏溪街道", "received": 0, "dispatched": 0, "resolved": 0, "closed": 0,
                "completion_rate": NSNull(), "closure_rate": NSNull(), "on_time_rate": NSNull(),
            ]
            return json(["as_of": "2026-12-04T20:00:00+08:00", "district": district, "sub_districts": [subDistrict]])
        }
    }

    private func object(_ body: [UInt8]) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    private func json(_ object: [String: Any], status: Int = 200) -> HTTPResponse {
        .json(status: status, body: encode(object))
    }

    private func encode(_ object: [String: Any]) -> [UInt8] {
        Array(try! JSONSerialization.data(withJSONObject: object))
    }
}

/// A gateway whose `/healthz` returns 200.
typealias HealthyGateway = FakeGateway
