import Foundation
import JieluContract
import JieluCore
import Testing

@testable import DispatchService

@Suite("Cases with an external reference")
struct ExternalReferenceTests {
    @Test func referenceIsKeptAcrossReadsListsAndRestarts() throws {
        let fixture = try DispatchFixture()
        var report = makeReport("JL20261204-000001")
        report.externalRef = "station:RS01"
        try fixture.accept(report)

        #expect(try fixture.getCase(report.caseID).externalRef == "station:RS01")
        #expect(try fixture.list(Dispatch.ListCasesRequest()).cases.first?.externalRef == "station:RS01")
        try fixture.reopen()
        #expect(try fixture.getCase(report.caseID).externalRef == "station:RS01")
    }

    @Test func manifestCaseIsFiledBySystem() throws {
        let fixture = try DispatchFixture()
        var report = makeReport("JL20261204-000002")
        report.channel = DispatchHandler.manifestChannel
        report.externalRef = "manifest:HM20261204-0001"
        try fixture.accept(report)

        let received = try #require(try fixture.getCase(report.caseID).timeline.first)
        #expect(received.actor == "system")
        #expect(received.note.contains("联单"))
    }

    @Test func residentReportStaysResident() throws {
        let fixture = try DispatchFixture()
        let report = makeReport("JL20261204-000003")
        try fixture.accept(report)

        let file = try fixture.getCase(report.caseID)
        #expect(file.externalRef == "")
        #expect(file.timeline.first?.actor == "resident")
    }
}
