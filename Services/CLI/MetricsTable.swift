import Foundation

/// Renders `GET /api/v1/metrics/summary` as a text table: the district, then
/// each sub-district, with counts and rates.
enum MetricsTable {
    static let headers = ["范围", "受理", "派遣", "处置", "结案", "办结率", "结案率", "按期结案率"]

    /// Renders the table lines, header first. Missing counts print as 0 and null rates as "—".
    static func lines(summary: [String: Any]) -> [String] {
        var rows: [[String]] = [headers]
        if let district = summary["district"] as? [String: Any] {
            rows.append(row(district, fallbackName: "全区"))
        }
        for subDistrict in summary["sub_districts"] as? [[String: Any]] ?? [] {
            rows.append(row(subDistrict, fallbackName: JSONField.string(subDistrict["id"]) ?? "?"))
        }

        let widths = headers.indices.map { column in rows.map { displayWidth($0[column]) }.max() ?? 0 }
        return rows.map { cells in
            cells.enumerated().map { column, cell in
                // The name column is left-aligned, numbers right-aligned.
                pad(cell, to: widths[column], right: column > 0)
            }.joined(separator: "  ")
        }
    }

    static func row(_ stats: [String: Any], fallbackName: String) -> [String] {
        let name = JSONField.string(stats["name"]).flatMap { $0.isEmpty ? nil : $0 } ?? fallbackName
        return [
            name,
            count(stats["received"]), count(stats["dispatched"]), count(stats["resolved"]), count(stats["closed"]),
            rate(stats["completion_rate"]), rate(stats["closure_rate"]), rate(stats["on_time_rate"]),
        ]
    }

    static func count(_ value: Any?) -> String {
        String(Int(JSONField.number(value) ?? 0))
    }

    /// Formats a rate in 0…1 as a percentage with one decimal, or "—" for null.
    static func rate(_ value: Any?) -> String {
        guard let rate = JSONField.number(value) else {
            return "—"
        }
        return String(format: "%.1f%%", rate * 100)
    }

    /// Terminal columns of `text`: 2 for East Asian wide characters, 1 otherwise.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in width + (isWide(scalar) ? 2 : 1) }
    }

    static func pad(_ text: String, to width: Int, right: Bool) -> String {
        let padding = String(repeating: " ", count: max(0, width - displayWidth(text)))
        return right ? padding + text : text + padding
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }
}
