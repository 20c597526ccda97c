import JieluContract
import Testing

@testable import IntakeService

@Suite("EncodedCaseBatch")
struct EncodedCaseBatchTests {
    static let batches: [[Dispatch.AcceptCaseRequest]] = [
        [],
        [Dispatch.AcceptCaseRequest(report: validReport(description: "短"))],
        // A description of 300 characters makes the element longer than 127 bytes: a two-byte length.
        [
            Dispatch.AcceptCaseRequest(report: validReport(description: String(repeating: "长", count: 300))),
            Dispatch.AcceptCaseRequest(report: nil),
            Dispatch.AcceptCaseRequest(report: validReport(description: String(repeating: "x", count: 20_000))),
        ],
    ]

    static func validReport(description: String) -> Intake.Report {
        Intake.Report(
            caseID: "JL20261204-000001", trackingCode: "ABCDEFGHJK", boardCode: "BOARD-HEPING", streetID: "ST-A",
            categoryCode: "0401", description: description, receivedAtMs: 1)
    }

    @Test("splicing stored encodings gives the bytes of AcceptCasesRequest", arguments: batches)
    func sameBytes(_ cases: [Dispatch.AcceptCaseRequest]) throws {
        let spliced = EncodedCaseBatch(cases.map { $0.serializedBytes() }).serializedBytes()
        #expect(spliced == Dispatch.AcceptCasesRequest(cases: cases).serializedBytes())
        #expect(try Dispatch.AcceptCasesRequest(serializedBytes: spliced).cases == cases)
    }
}
