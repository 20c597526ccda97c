import JieluCore
import JieluRPC
import Testing

@Suite("Health messages")
struct HealthMessagesTests {
    @Test(
        "response round-trips",
        arguments: [HealthCheckResponse.ServingStatus.unknown, .serving, .notServing])
    func responseRoundTrips(_ status: HealthCheckResponse.ServingStatus) throws {
        let response = HealthCheckResponse(status: status, service: "jielu-intake", version: "1.2.0+街路🚦")

        let decoded = try HealthCheckResponse(serializedBytes: response.serializedBytes())

        #expect(decoded == response)
    }

    @Test("request round-trips")
    func requestRoundTrips() throws {
        let request = HealthCheckRequest(service: "jielu-dispatch")

        let bytes = request.serializedBytes()

        #expect(bytes == [0x0A, 0x0E] + Array("jielu-dispatch".utf8))
        #expect(try HealthCheckRequest(serializedBytes: bytes) == request)
    }

    @Test("status encodes as enum number", arguments: [
        (HealthCheckResponse.ServingStatus.unknown, [UInt8]()),
        (.serving, [0x08, 0x01]),
        (.notServing, [0x08, 0x02]),
    ])
    func statusEncodesAsEnumNumber(_ status: HealthCheckResponse.ServingStatus, bytes: [UInt8]) {
        #expect(HealthCheckResponse(status: status).serializedBytes() == bytes)
    }

    @Test("unknown status number decodes as unknown")
    func unknownStatusNumberDecodesAsUnknown() throws {
        let response = try HealthCheckResponse(serializedBytes: [0x08, 0x07, 0x12, 0x01, 0x78])

        #expect(response.status == .unknown)
        #expect(response.service == "x")
    }

    @Test("invalid UTF-8 in version is rejected")
    func invalidVersionIsRejected() {
        let error = #expect(throws: ServiceError.self) {
            try HealthCheckResponse(serializedBytes: [0x1A, 0x02, 0xC3, 0x28])
        }
        #expect(error?.reason == "malformed_message")
        #expect(error?.field == "version")
    }

    @Test("check method name")
    func checkMethodName() {
        #expect(HealthMethods.check == "/jielu.health.v1.Health/Check")
    }
}
