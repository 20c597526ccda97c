import Foundation
import JieluContract
import JieluCore
import JieluRPC
import Testing

@testable import MarketsService

@Suite("LoadMarkets")
struct DatasetLoadTests {
    static func reference() throws -> Markets.LoadMarketsRequest {
        try MarketsDataset.load(path: RepositoryFiles.markets)
    }

    @Test func referenceDatasetLoadsWithItsCounts() throws {
        let fixture = try MarketsFixture(load: false)
        let counts = try fixture.handler.loadMarkets(try Self.reference(), context: testContext())

        #expect(counts.markets == 4)
        #expect(counts.stalls == 112)
        #expect(counts.vendors == 60)
        #expect(counts.applications == 6)
        #expect(counts.permits == 48)
        #expect(counts.stations == 7)
        #expect(counts.haulers == 4)
        #expect(counts.vehicles == 10)
        #expect(counts.disposalSites == 3)
    }

    @Test func marketListCountsFreeStallsPerType() throws {
        let fixture = try MarketsFixture()
        let dataset = try Self.reference()
        let markets = try fixture.handler.listMarkets(Markets.ListMarketsRequest(), context: testContext()).markets

        #expect(markets.map(\.id) == ["MK01", "MK02", "MK03", "MK04"])
        #expect(markets.allSatisfy { !$0.streetName.isEmpty })
        for market in markets {
            for count in market.stallCounts {
                let stalls = dataset.stalls.filter { $0.marketID == market.id && $0.stallType == count.stallType }
                #expect(Int(count.total) == stalls.count, "\(market.id) \(count.stallType)")
                #expect(Int(count.free) == stalls.filter { $0.status == "free" }.count, "\(market.id) \(count.stallType)")
            }
        }
        #expect(markets.flatMap(\.stallCounts).reduce(0) { $0 + Int($1.total) } == 112)
    }

    @Test func marketsSitNextToHospitalsAndSchools() throws {
        let markets = try Self.reference().markets
        #expect(Set(markets.map(\.nearKind)) == ["hospital", "school"])
        #expect(markets.allSatisfy { DatasetValidation.minutes($0.opensAt)! < DatasetValidation.minutes($0.closesAt)! })
    }

    @Test func datasetIDCardsAreWellFormed() throws {
        let vendors = try Self.reference().vendors
        #expect(vendors.allSatisfy { IDCardNumber.isValid($0.idCard, nowMs: MarketsFixture.noonMs) })
        #expect(Set(vendors.map(\.idCard)).count == vendors.count)
    }

    /// One broken copy of the reference dataset per row, with the field path
    /// the error must name.
    static let brokenDatasets: [(String, @Sendable (inout Markets.LoadMarketsRequest) -> Void, String)] = [
        ("unknown street", { $0.markets[0].streetID = "ST999" }, "markets[0].street_id"),
        ("duplicate stall id", { $0.stalls[1].id = $0.stalls[0].id }, "stalls[1].id"),
        ("occupied stall without permit", { dataset in
            let index = dataset.stalls.firstIndex { $0.status == "free" }!
            dataset.stalls[index].status = "occupied"
        }, "stalls[*].status"),
        ("bad ID-card check digit", { dataset in
            let card = dataset.vendors[0].idCard
            let last = card.last == "0" ? "1" : "0"
            dataset.vendors[0].idCard = String(card.dropLast()) + last
        }, "vendors[0].id_card"),
        ("duplicate ID-card number", { $0.vendors[1].idCard = $0.vendors[0].idCard }, "vendors[1].id_card"),
        ("permit ending before it starts", { $0.permits[0].endAtMs = $0.permits[0].startAtMs }, "permits[0].end_date"),
        ("second permit for a vendor", { $0.permits[1].vendorID = $0.permits[0].vendorID }, "permits[1].vendor_id"),
        ("malformed plate", { $0.haulers[0].vehicles[0].plate = "AB12345" }, "haulers[0].vehicles[0].plate"),
        ("malformed hauler id", { $0.haulers[0].id = "TRUCK1" }, "haulers[0].id"),
        ("application of a permit holder", { dataset in
            dataset.applications[0].vendorID = dataset.permits[0].vendorID
        }, "applications[0].vendor_id"),
    ]

    @Test("broken dataset is rejected and nothing changes", arguments: brokenDatasets.indices)
    func brokenDatasetIsRejected(index: Int) throws {
        let (name, breakIt, path) = Self.brokenDatasets[index]
        let fixture = try MarketsFixture()
        let vendor = try fixture.registerVendor()
        var dataset = try Self.reference()
        breakIt(&dataset)

        let error = serviceError { _ = try fixture.handler.loadMarkets(dataset, context: testContext()) }

        #expect(error?.code == .invalidArgument, "\(name)")
        #expect(error?.reason == "invalid_dataset", "\(name)")
        if path.contains("*") {
            #expect(error?.field?.hasSuffix(".status") == true, "\(name): \(error?.field ?? "")")
        } else {
            #expect(error?.field == path, "\(name)")
        }
        #expect(error?.message.contains("市场数据") == true)
        // The earlier data, including the vendor registered after the first load, is untouched.
        let detail = try fixture.handler.getVendor(Markets.GetVendorRequest(vendorID: vendor.id), context: testContext())
        #expect(detail.vendor?.id == vendor.id)
        #expect(try fixture.handler.listMarkets(Markets.ListMarketsRequest(), context: testContext()).markets.count == 4)
    }

    @Test func reloadReplacesRuntimeRecords() throws {
        let fixture = try MarketsFixture()
        let vendor = try fixture.registerVendor()
        _ = try fixture.handler.loadMarkets(try Self.reference(), context: testContext())

        let error = serviceError { _ = try fixture.handler.getVendor(Markets.GetVendorRequest(vendorID: vendor.id), context: testContext()) }
        #expect(error?.reason == "unknown_vendor")
        // New ids continue after the dataset's.
        #expect(try fixture.registerVendor().id == "V0061")
    }

    @Test func registryWithoutStreetsRefusesTheLoad() throws {
        let fixture = try MarketsFixture(load: false)
        fixture.registry.streets.withLock { $0 = [] }

        let error = serviceError { _ = try fixture.handler.loadMarkets(try Self.reference(), context: testContext()) }

        #expect(error?.code == .failedPrecondition)
        #expect(error?.reason == "district_not_loaded")
    }

    @Test func unreachableRegistryIsUnavailable() throws {
        let fixture = try MarketsFixture(load: false)
        fixture.registryServer.drain()

        let error = serviceError { _ = try fixture.handler.loadMarkets(try Self.reference(), context: testContext()) }

        #expect(error?.code == .unavailable)
    }

    @Test func datasetFileErrorsNameThePath() throws {
        let text = try String(contentsOfFile: RepositoryFiles.markets, encoding: .utf8)
            .replacingOccurrences(of: "\"start_date\": \"2026-01-01\"", with: "\"start_date\": \"2026-02-30\"")
        #expect(throws: MarketsDatasetError.self) { try MarketsDataset.decode(Data(text.utf8), path: "markets.json") }
        do {
            _ = try MarketsDataset.decode(Data(text.utf8), path: "markets.json")
        } catch let error as MarketsDatasetError {
            #expect(error.jsonPath.hasPrefix("permits["))
            #expect(error.jsonPath.hasSuffix(".start_date"))
        }
    }
}
