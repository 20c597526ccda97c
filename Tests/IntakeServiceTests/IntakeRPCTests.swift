import Foundation
import JieluContract
import JieluCore
import JieluRPC
import Testing

@testable import IntakeService

@Suite("Intake over RPC")
struct IntakeRPCTests {
    @Test("submit and look up through a real server")
    func submitOverRPC() throws {
        let directory = NSTemporaryDirectory() + "jielu-intake-rpc-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let registryRouter = RPCRouter()
        registryRouter.register(registry: FakeRegistry())
        let registryServer = try startServer("jielu-registry", router: registryRouter)
        defer { registryServer.drain() }

        let dispatch = RecordingDispatch()
        let dispatchServer = try startServer("jielu-dispatch", router: dispatch.router())
        defer { dispatchServer.drain() }

        let parts = try IntakeService.makeParts(
            databasePath: directory + "/intake.sqlite",
            registry: RPCClient(address: registryServer.boundAddress, serviceName: "jielu-registry", logger: testLogger),
            dispatch: RPCClient(address: dispatchServer.boundAddress, serviceName: "jielu-dispatch", logger: testLogger),
            logger: testLogger)
        let server = try startServer("jielu-intake", router: parts.router)
        parts.onStart()
        defer {
            server.drain()
            parts.onStop()
        }

        let rpc = RPCClient(address: server.boundAddress, serviceName: "jielu-intake", logger: testLogger)
        defer { rpc.close() }
        let client = IntakeClient(rpc)

        let response = try client.submitReport(validRequest(key: "rpc-key"), options: CallOptions())
        #expect(response.status == "received")
        #expect(try client.submitReport(validRequest(key: "rpc-key"), options: CallOptions()).replayed)

        #expect(eventually {
            (try? client.getReport(Intake.GetReportRequest(caseID: response.caseID), options: CallOptions()))?.delivered
                == true
        })
        #expect(dispatch.received.map(\.caseID) == [response.caseID])

        let error = try #require(throws: ServiceError.self) {
            try client.submitReport(validRequest(phone: "12345"), options: CallOptions())
        }
        #expect(error.code == .invalidArgument)
        #expect(error.reason == "invalid_phone")
        #expect(error.field == "contact_phone")
    }
}
