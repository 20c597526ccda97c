import Foundation
import JieluHTTP
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A JSON reply from the gateway.
struct JSONReply {
    let status: Int
    let headers: [(String, String)]
    let object: [String: Any]

    subscript(key: String) -> Any? { object[key] }

    /// `error.code` of an error reply.
    var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
    var errorMessage: String? { (object["error"] as? [String: Any])?["message"] as? String }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

extension Mesh {
    func request(_ method: String, _ path: String, json: Any? = nil, body: [UInt8]? = nil, headers: [(String, String)] = []) throws -> JSONReply {
        var allHeaders = headers
        var bytes: [UInt8] = body ?? []
        if let json {
            bytes = Array(try JSONSerialization.data(withJSONObject: json))
        }
        if !bytes.isEmpty {
            allHeaders.append(("Content-Type", "application/json"))
        }
        let response = try http().send(method: method, path: path, headers: allHeaders, body: bytes)
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        return JSONReply(status: response.status, headers: response.headers.map { ($0.0, $0.1) }, object: object)
    }

    func get(_ path: String, token: String? = nil) throws -> JSONReply {
        try request("GET", path, headers: token.map { [("Authorization", "Bearer \($0)")] } ?? [])
    }

    func post(_ path: String, _ json: Any, token: String? = nil, headers: [(String, String)] = []) throws -> JSONReply {
        var all = headers
        if let token {
            all.append(("Authorization", "Bearer \(token)"))
        }
        return try request("POST", path, json: json, headers: all)
    }

    /// Creates a token through the gateway with the bootstrap admin token.
    func token(role: String, staffID: String? = nil) throws -> String {
        var body: [String: Any] = ["role": role]
        if let staffID {
            body["staff_id"] = staffID
        }
        let reply = try post("/api/v1/tokens", body, token: Mesh.adminToken)
        guard reply.status == 201, let token = reply["token"] as? String else {
            throw MeshError("token creation failed: \(reply.status) \(reply.object)")
        }
        return token
    }

    /// Polls `GET /api/v1/track/{code}` until the status is `status`.
    func waitForStatus(_ trackingCode: String, _ status: String, seconds: Double = 15) throws -> JSONReply {
        let deadline = Date().addingTimeInterval(seconds)
        var last: JSONReply?
        while Date() < deadline {
            let reply = try get("/api/v1/track/\(trackingCode)")
            if reply["status"] as? String == status {
                return reply
            }
            last = reply
            usleep(50_000)
        }
        throw MeshError("case \(trackingCode) did not reach \(status); last reply \(last?.status ?? 0) \(last?.object ?? [:])")
    }
}

/// The reference district as the tests see it.
struct DistrictFixture {
    let streets: [[String: Any]]
    let grids: [String: [String: Any]]

    static func load() throws -> DistrictFixture {
        let data = try Data(contentsOf: Mesh.repositoryRoot.appendingPathComponent("deploy/data/district.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let streets = try #require(root["streets"] as? [[String: Any]])
        let grids = try #require(root["grids"] as? [[String: Any]])
        return DistrictFixture(
            streets: streets,
            grids: Dictionary(uniqueKeysWithValues: grids.map { ($0["id"] as! String, $0) }))
    }

    func street(_ index: Int) -> (id: String, board: String, leadCadre: String, gridStaff: String) {
        let street = streets[index]
        let grid = grids[street["grid_id"] as! String]!
        return (
            street["id"] as! String, street["board_code"] as! String,
            (street["cadre_ids"] as! [String])[0], grid["staff_id"] as! String
        )
    }
}
