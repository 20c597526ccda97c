import Foundation
import JieluContract
import JieluCore
import JieluRPC
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

@testable import IntakeService

@Suite("Linking 0603 reports to recycling stations")
struct StationLinkTests {
    static let scrapYard = Registry.CategoryItem(code: "0603", name: "废品站污染", timeLimitHours: 72, area: "residential")

    /// A markets stand-in that answers `MatchStation` for street ST-A with station RS01.
    final class FakeMarkets: Sendable {
        let requests = Mutex<[Markets.MatchStationRequest]>([])
        private let serverBox = Mutex<RPCServer?>(nil)

        var server: RPCServer { serverBox.withLock { $0! } }

        init() throws {
            let router = RPCRouter()
            router.register(Markets.Method.matchStation) { [self] (request: Markets.MatchStationRequest, _) in
                requests.withLock { $0.append(request) }
                guard request.streetID == "ST-A" else {
                    return Markets.MatchStationResponse()
                }
                return Markets.MatchStationResponse(matched: true, station: Markets.Station(id: "RS01"), matchedBy: "street")
            }
            let server = try startServer("jielu-markets", router: router)
            serverBox.withLock { $0 = server }
        }
    }

    func handler(_ fixture: IntakeFixture, markets address: SocketAddressText) -> (IntakeHandler, RPCClient) {
        fixture.registry.addItem(Self.scrapYard)
        let client = RPCClient(address: address, serviceName: "jielu-markets", logger: testLogger)
        var handler = fixture.handler
        handler.stations = StationLinker(markets: MarketsClient(client))
        return (handler, client)
    }

    func request(category: String = "0603", externalRef: String = "") -> Intake.SubmitReportRequest {
        Intake.SubmitReportRequest(
            boardCode: "BOARD-HEPING", categoryCode: category, description: "小区后面的废品站污水横流",
            channel: "qr_board", externalRef: externalRef)
    }

    @Test func reportOnStationStreetIsLinked() throws {
        let fixture = try IntakeFixture()
        let markets = try FakeMarkets()
        defer { markets.server.drain() }
        let (handler, client) = handler(fixture, markets: markets.server.boundAddress)
        defer { client.close() }

        let response = try handler.submitReport(request(), context: testContext())

        #expect(try fixture.report(caseID: response.caseID).externalRef == "station:RS01")
        #expect(try fixture.outbox().first?.report?.externalRef == "station:RS01")
        #expect(markets.requests.withLock { $0.first?.text } == "小区后面的废品站污水横流")
    }

    @Test func otherCategoriesAreNotLookedUp() throws {
        let fixture = try IntakeFixture()
        let markets = try FakeMarkets()
        defer { markets.server.drain() }
        let (handler, client) = handler(fixture, markets: markets.server.boundAddress)
        defer { client.close() }

        let response = try handler.submitReport(request(category: "0401"), context: testContext())

        #expect(try fixture.report(caseID: response.caseID).externalRef == "")
        #expect(markets.requests.withLock { $0.isEmpty })
    }

    @Test func givenReferenceIsKept() throws {
        let fixture = try IntakeFixture()
        let markets = try FakeMarkets()
        defer { markets.server.drain() }
        let (handler, client) = handler(fixture, markets: markets.server.boundAddress)
        defer { client.close() }

        let response = try handler.submitReport(request(externalRef: "station:RS07"), context: testContext())

        #expect(try fixture.report(caseID: response.caseID).externalRef == "station:RS07")
        #expect(markets.requests.withLock { $0.isEmpty })
    }

    @Test func marketsDownLeavesReportUnlinked() throws {
        let fixture = try IntakeFixture()
        let (handler, client) = handler(fixture, markets: try closedAddress())
        defer { client.close() }
        let started = Deadline.now()

        let response = try handler.submitReport(request(), context: testContext())

        #expect(Deadline.now().uptimeNanoseconds - started.uptimeNanoseconds < 2_000_000_000)
        #expect(try fixture.report(caseID: response.caseID).externalRef == "")
    }

    @Test func silentMarketsIsCutOffByTheLinkDeadline() throws {
        let fixture = try IntakeFixture()
        let silent = try SilentListener()
        defer { silent.close() }
        let (handler, client) = handler(fixture, markets: silent.address)
        defer { client.close() }
        let started = Deadline.now()

        let response = try handler.submitReport(request(), context: testContext())

        let elapsed = Deadline.now().uptimeNanoseconds - started.uptimeNanoseconds
        #expect(elapsed < 3_000_000_000, "took \(elapsed / 1_000_000) ms")
        #expect(try fixture.report(caseID: response.caseID).externalRef == "")
    }

    @Test("external references are checked", arguments: [
        ("manifest:HM20261204-0001", true), ("station:RS01", true), ("", true), ("case:1", false), ("station:", false),
        ("manifest:" + String(repeating: "A", count: 65), false), ("station:RS 01", false),
    ])
    func externalReferences(text: String, valid: Bool) {
        let accepted = (try? ReportValidation.externalRef(text)) != nil
        #expect(accepted == valid)
    }
}

/// A TCP listener that accepts connections and never answers.
final class SilentListener: Sendable {
    let fd: Int32
    let address: SocketAddressText

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Int32 in
                guard bind(fd, raw, length) == 0, listen(fd, 16) == 0 else {
                    return -1
                }
                return getsockname(fd, raw, &length)
            }
        }
        guard result == 0 else {
            Glibc.close(fd)
            throw ServiceError.unavailable("silent listener")
        }
        self.fd = fd
        self.address = SocketAddressText(host: "127.0.0.1", port: UInt16(bigEndian: address.sin_port))
    }

    func close() {
        _ = Glibc.close(fd)
    }
}
