import Testing
@testable import GatewayService

@Suite("Paths in gateway logs")
struct LogRedactionTests {
    @Test("tracking codes are replaced", arguments: [
        ("/api/v1/track/7EZRMYC3HM", "/api/v1/track/{tracking_code}"),
        ("/api/v1/track/7EZRMYC3HM/confirm", "/api/v1/track/{tracking_code}/confirm"),
        ("/t/7EZRMYC3HM", "/t/{tracking_code}"),
        ("/api/v1/track/", "/api/v1/track/{tracking_code}"),
        ("/api/v1/cases/JL20261204-000001", "/api/v1/cases/JL20261204-000001"),
        ("/r/JV8U7FN7Z52VE9UJ", "/r/JV8U7FN7Z52VE9UJ"),
        ("/tracking", "/tracking"),
    ])
    func redacted(_ path: String, _ logged: String) {
        #expect(GatewayServer.pathForLog(path) == logged)
    }
}
