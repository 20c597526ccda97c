import Foundation
import Testing
@testable import GatewayService

@Suite("MetricsRoutes", .serialized)
struct MetricsRoutesTests {
    @Test("rates are null on zero denominators and rounded otherwise")
    func summary() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let response = try harness.get("/api/v1/metrics/summary")

        #expect(response.status == 200)
        let body = try response.object()
        #expect(body["as_of"] as? String == "2026-12-04T20:15:03+08:00")
        #expect(body["streets"] == nil)

        let district = try #require(body["district"] as? [String: Any])
        #expect(district["received"] as? Int == 0)
        for rate in ["completion_rate", "closure_rate", "on_time_rate", "mean_handling_hours"] {
            #expect(district[rate] is NSNull, "\(rate)")
        }

        let subDistrict = try #require((body["sub_districts"] as? [[String: Any]])?.first)
        #expect(subDistrict["id"] as? String == "SD01")
        #expect(subDistrict["closed_on_time"] as? Int == 1)
        #expect(subDistrict["completion_rate"] as? Double == 0.6667)
        #expect(subDistrict["closure_rate"] as? Double == 0.6667)
        #expect(subDistrict["on_time_rate"] as? Double == 0.3333)
        #expect(subDistrict["mean_handling_hours"] as? Double == 10.12)
        #expect(response.bodyText.contains("\"completion_rate\":0.6667"))
    }

    @Test("streets on request")
    func streets() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let response = try harness.get("/api/v1/metrics/summary?streets=true")

        let street = try #require((try response.object()["streets"] as? [[String: Any]])?.first)
        #expect(street["id"] as? String == "ST001")
        #expect(street["completion_rate"] as? Double == 0)
        #expect(street["closure_rate"] is NSNull)
        #expect(harness.metrics.requests.withLock { $0.last?.includeStreets } == true)
    }

    @Test("invalid streets flag is 400")
    func invalidFlag() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.get("/api/v1/metrics/summary?streets=maybe")
        #expect(response.status == 400)
        #expect(response.errorField == "streets")
    }
}
