import Foundation
import JieluHTTP

/// `jielu-bench get --address A --path P --output FILE`: saves the body of
/// one `GET` (which must return 200) to FILE, so nginx can serve the same
/// bytes, and prints its size and content type.
enum HTTPGet {
    static let options: Set<String> = ["address", "path", "output"]

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try BenchOptions(arguments, allowed: options)
        let client = HTTPClient(address: try options.address("address"), timeoutSeconds: 10)
        defer { client.close() }
        let path = try options.string("path")
        let response = try client.send(method: "GET", path: path)
        guard response.status == 200 else {
            throw LoadError("GET \(path) returned \(response.status), expected 200")
        }
        try Data(response.body).write(to: URL(fileURLWithPath: try options.string("output")))
        Facts.emit([
            "http.body_bytes=\(response.body.count)",
            "http.content_type=\(response.headers["Content-Type"] ?? "")",
        ])
        return 0
    }
}
