import Foundation
import JieluContract
import Testing

@Suite("DistrictDataset")
struct DistrictDatasetTests {
    @Test func referenceFileDecodes() throws {
        let district = try DistrictDataset.load(path: ReferenceDataset.path)

        #expect(district.id == "D01")
        #expect(district.name == "青岚区")
        #expect(district.centerLat == 43.88)
        #expect(district.streets.count == 84)
        #expect(district.staff.count == 452)
        #expect(district.categories.flatMap(\.items).count == 20)
        // The fourth rule has no staff_id key in the file.
        #expect(district.rules[3].staffID == "")
        #expect(district.rules[3].unitID == "U-SQ4")
        #expect(district.units[0].subDistrictIDs == [])
    }

    @Test func missingFileNamesThePath() {
        let path = "/nonexistent/jielu/district.json"
        #expect {
            _ = try DistrictDataset.load(path: path)
        } throws: { error in
            (error as? DistrictDatasetError)?.description.contains(path) == true
        }
    }

    @Test("malformed document names the JSON path", arguments: [
        (#"{"district": {"id": "D", "name": "x", "center_lat": 1, "center_lon": 2}}"#, "sub_districts"),
        (#"[1, 2]"#, ""),
        ("not json", ""),
    ])
    func malformedDocumentNamesPath(json: String, jsonPath: String) {
        #expect {
            _ = try DistrictDataset.decode(Data(json.utf8), path: "bad.json")
        } throws: { error in
            guard let error = error as? DistrictDatasetError else {
                return false
            }
            return error.jsonPath == jsonPath && error.description.contains("bad.json")
        }
    }

    @Test func wrongTypeDeepInsideNamesIndexedPath() throws {
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ReferenceDataset.path)))
            as! [String: Any]
        var streets = object["streets"] as! [[String: Any]]
        streets[3]["grade"] = 5
        object["streets"] = streets
        let data = try JSONSerialization.data(withJSONObject: object)

        #expect {
            _ = try DistrictDataset.decode(data, path: "district.json")
        } throws: { error in
            (error as? DistrictDatasetError)?.jsonPath == "streets[3].grade"
        }
    }

    @Test func negativeTimeLimitIsRejected() throws {
        let text = try String(contentsOfFile: ReferenceDataset.path, encoding: .utf8)
            .replacingOccurrences(of: "\"time_limit_hours\": 24,", with: "\"time_limit_hours\": -24,")

        #expect {
            _ = try DistrictDataset.decode(Data(text.utf8), path: "district.json")
        } throws: { error in
            (error as? DistrictDatasetError)?.jsonPath == "categories[0].items[0].time_limit_hours"
        }
    }
}
