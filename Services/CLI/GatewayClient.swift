import Foundation
import JieluCore
import JieluHTTP

/// JSON calls to the gateway's HTTP API (`/api/v1/…`) over one kept-alive
/// connection. Not thread-safe, like the `HTTPClient` under it.
final class GatewayClient {
    let address: SocketAddressText
    private let http: HTTPClient

    init(address: SocketAddressText, timeoutSeconds: Double = 15) {
        self.address = address
        http = HTTPClient(address: address, timeoutSeconds: timeoutSeconds)
    }

    deinit {
        http.close()
    }

    /// A JSON response: its status and its top-level object.
    struct Response {
        var status: Int
        var object: [String: Any]
    }

    /// Sends a request with an optional JSON body and bearer token.
    ///
    /// - Throws: `CommandFailure` with the gateway's error code and message for
    ///   a 4xx or 5xx response, reason "unavailable" when the gateway cannot be
    ///   reached, and "bad_gateway_response" when a success response is not a
    ///   JSON object.
    func send(
        _ method: String, _ path: String, body: [String: Any]? = nil, token: String? = nil,
        headers extraHeaders: [(String, String)] = []
    ) throws -> Response {
        var headers = extraHeaders
        headers.append(("Accept", "application/json"))
        if let token {
            headers.append(("Authorization", "Bearer \(token)"))
        }
        var bytes: [UInt8] = []
        if let body {
            headers.append(("Content-Type", "application/json"))
            bytes = Array(try JSONSerialization.data(withJSONObject: body))
        }

        let response: HTTPClientResponse
        do {
            response = try http.send(method: method, path: path, headers: headers, body: bytes)
        } catch {
            throw CommandFailure(reason: "unavailable", message: "无法连接网关 \(address)（\(error)），请确认网关已启动、地址正确。")
        }

        let object = response.json() as? [String: Any]
        guard (200..<300).contains(response.status) else {
            let error = object?["error"] as? [String: Any]
            throw CommandFailure(
                reason: error?["code"] as? String ?? "http_\(response.status)",
                message: error?["message"] as? String ?? "网关返回 HTTP \(response.status)（\(method) \(path)）",
                httpStatus: response.status)
        }
        guard let object else {
            throw CommandFailure(
                reason: "bad_gateway_response", message: "网关对 \(method) \(path) 的响应不是 JSON 对象", httpStatus: response.status)
        }
        return Response(status: response.status, object: object)
    }

    /// Percent-encodes `text` for use as one URL path segment or query value.
    static func segment(_ text: String) -> String {
        PercentEncoding.encodeComponent(text)
    }
}

/// Reading loosely typed JSON values as `JSONSerialization` returns them.
enum JSONField {
    static func string(_ value: Any?) -> String? {
        value as? String
    }

    /// Reads a JSON number as `Double`, whichever numeric type the parser chose. Returns nil for null and other types.
    static func number(_ value: Any?) -> Double? {
        switch value {
        case let value as Int: Double(value)
        case let value as Int64: Double(value)
        case let value as Double: value
        case let value as NSNumber: value.doubleValue
        default: nil
        }
    }
}
