import Foundation
import JieluContract
import JieluCore
import JieluRPC
import Testing

@testable import MetricsService

@Suite("Metrics over RPC")
struct MetricsRPCTests {
    @Test("events and summary through a real server")
    func recordAndSummarize() throws {
        let directory = NSTemporaryDirectory() + "jielu-metrics-rpc-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let logger = Logger(service: "metrics-tests", level: .error)

        let parts = try MetricsService.makeParts(databasePath: directory + "/metrics.sqlite", logger: logger)
        let server = try RPCServer(
            serviceName: "jielu-metrics",
            configuration: RPCServerConfiguration(address: SocketAddressText(host: "127.0.0.1", port: 0)),
            router: parts.router, logger: logger)
        server.start()
        parts.onStart()
        defer {
            server.drain()
            parts.onStop()
        }

        let rpc = RPCClient(address: server.boundAddress, serviceName: "jielu-metrics", logger: logger)
        defer { rpc.close() }
        let client = MetricsClient(rpc)

        let recorded = try client.recordEvents(
            Metrics.RecordEventsRequest(events: ClosureFixture.events), options: CallOptions())
        #expect(recorded.recorded == UInt32(ClosureFixture.events.count))

        let summary = try client.getSummary(
            Metrics.GetSummaryRequest(nowMs: ClosureFixture.now, includeStreets: true), options: CallOptions())
        #expect(summary.district?.received == 6)
        #expect(summary.district?.closureRate == 0.5)
        #expect(summary.streets.count == 3)

        let error = try #require(throws: ServiceError.self) {
            try client.recordEvents(
                Metrics.RecordEventsRequest(events: [Metrics.CaseEvent(eventID: "x", caseID: "x", kind: "bogus", atMs: 1)]),
                options: CallOptions())
        }
        #expect(error.reason == "invalid_event")
    }
}
