import Testing

@testable import IntakeService

@Suite("Case numbering")
struct CaseNumberingTests {
    @Test("district day is taken at UTC+8", arguments: [
        (Int64(0), "19700101"),
        (Int64(-28_800_001), "19691231"),
        (Int64(-28_800_000), "19700101"),
        (Int64(1_796_399_999_999), "20261204"),
        (Int64(1_796_400_000_000), "20261205"),
        (Int64(1_835_366_400_000), "20280229"),
        (Int64(1_835_366_399_999), "20280228"),
        (Int64(4_102_415_999_999), "20991231"),
    ])
    func districtDay(milliseconds: Int64, day: String) {
        #expect(CaseNumbering.day(ofMilliseconds: milliseconds) == day)
    }

    @Test("case id pads the sequence to six digits")
    func caseIDFormat() {
        #expect(CaseNumbering.caseID(day: "20261204", sequence: 1) == "JL20261204-000001")
        #expect(CaseNumbering.caseID(day: "20261204", sequence: 42) == "JL20261204-000042")
        #expect(CaseNumbering.caseID(day: "20261204", sequence: 999_999) == "JL20261204-999999")
    }

    @Test("civil dates match known days", arguments: [
        (Int64(0), 1970, 1, 1),
        (Int64(-1), 1969, 12, 31),
        (Int64(11_016), 2000, 2, 29),
        (Int64(20_788), 2026, 12, 1),
    ])
    func civilDate(days: Int64, year: Int64, month: Int64, day: Int64) {
        let date = CaseNumbering.civilDate(daysSinceEpoch: days)
        #expect(date.year == year)
        #expect(date.month == month)
        #expect(date.day == day)
    }
}
