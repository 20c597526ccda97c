import Foundation

/// One resident report of reports.json (deploy/data/generate.py): a street
/// id rather than a board code, because the demo looks the board code up.
struct DemoReport: Decodable, Equatable, Sendable {
    var streetID: String
    var categoryCode: String
    var description: String
    var contactPhone: String?
    var lat: Double?
    var lon: Double?

    enum CodingKeys: String, CodingKey {
        case streetID = "street_id"
        case categoryCode = "category_code"
        case description
        case contactPhone = "contact_phone"
        case lat, lon
    }

    /// Reads the JSON array at `path`.
    ///
    /// - Throws: `CommandFailure` with reason "invalid_reports_file" naming
    ///   the file and, where the decoder reports it, the bad entry.
    static func load(path: String) throws -> [DemoReport] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure(reason: "invalid_reports_file", message: "无法读取上报文件 \(path)（\(error.localizedDescription)）")
        }
        do {
            return try JSONDecoder().decode([DemoReport].self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw CommandFailure(
                reason: "invalid_reports_file",
                message: "上报文件 \(path) 的 \(render(context.codingPath)) 缺少字段 \(key.stringValue)")
        } catch let DecodingError.typeMismatch(_, context) {
            throw CommandFailure(
                reason: "invalid_reports_file", message: "上报文件 \(path) 的 \(render(context.codingPath)) 类型不符")
        } catch {
            throw CommandFailure(
                reason: "invalid_reports_file", message: "上报文件 \(path) 不是上报对象组成的 JSON 数组（\(error)）")
        }
    }

    /// Builds the body of `POST /api/v1/reports`, leaving out missing optional fields.
    func requestBody(boardCode: String) -> [String: Any] {
        var body: [String: Any] = [
            "board_code": boardCode, "category_code": categoryCode, "description": description,
        ]
        if let contactPhone {
            body["contact_phone"] = contactPhone
        }
        if let lat, let lon {
            body["lat"] = lat
            body["lon"] = lon
        }
        return body
    }

    private static func render(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
    }
}
