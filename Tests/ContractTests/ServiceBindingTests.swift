import Foundation
import JieluContract
import JieluCore
import JieluRPC
import Testing

@Suite("Service bindings")
struct ServiceBindingTests {
    static let methodTables: [(file: String, service: String, methods: [String])] = [
        ("registry", "jielu.registry.v1.Registry", Registry.Method.all),
        ("intake", "jielu.intake.v1.Intake", Intake.Method.all),
        ("dispatch", "jielu.dispatch.v1.Dispatch", Dispatch.Method.all),
        ("metrics", "jielu.metrics.v1.Metrics", Metrics.Method.all),
    ]

    @Test("method constants match the protos", arguments: methodTables)
    func methodConstantsMatchProtos(file: String, service: String, methods: [String]) throws {
        let protoPath = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Shared/Proto/jielu/\(file).proto")
        let text = try String(contentsOf: protoPath, encoding: .utf8)
        let rpcNames = text.split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("rpc ") }
            .map { $0.dropFirst("rpc ".count).prefix { $0.isLetter } }

        #expect(!rpcNames.isEmpty)
        #expect(methods == rpcNames.map { "/\(service)/\($0)" })
    }

    @Test("method constant spelling")
    func methodConstantSpelling() {
        #expect(Registry.Method.getBoard == "/jielu.registry.v1.Registry/GetBoard")
        #expect(Intake.Method.submitReport == "/jielu.intake.v1.Intake/SubmitReport")
        #expect(Dispatch.Method.confirmCase == "/jielu.dispatch.v1.Dispatch/ConfirmCase")
        #expect(Metrics.Method.getSummary == "/jielu.metrics.v1.Metrics/GetSummary")
    }

    @Test("router registers every method")
    func routerRegistersEveryMethod() {
        let log = MethodLog()
        let router = RPCRouter()

        router.register(registry: RegistryStub(log: log))
        router.register(intake: IntakeStub(log: log))
        router.register(dispatch: DispatchStub(log: log))
        router.register(metrics: MetricsStub(log: log))

        let expected = Self.methodTables.flatMap(\.methods).sorted()
        #expect(router.methods == expected)
    }

    @Test("registered handler serves its method")
    func registeredHandlerServesItsMethod() throws {
        let log = MethodLog()
        let router = RPCRouter()
        router.register(registry: RegistryStub(log: log))
        let handler = try #require(router.handler(for: Registry.Method.getStaff))
        let context = RPCContext(
            method: Registry.Method.getStaff, deadline: .after(seconds: 5), requestID: "r-1",
            logger: Logger(service: "contract-tests", level: .error), peer: "test")

        let reply = try handler(Registry.GetStaffRequest(staffID: "st-7").serializedBytes(), context)

        #expect(try Registry.Staff(serializedBytes: reply) == Registry.Staff(id: "st-7"))
        #expect(log.last == Registry.Method.getStaff)
    }

    @Test("clients reach every method over loopback")
    func clientsReachEveryMethod() throws {
        let log = MethodLog()
        let logger = Logger(service: "contract-tests", level: .error)
        let router = RPCRouter()
        router.register(registry: RegistryStub(log: log))
        router.register(intake: IntakeStub(log: log))
        router.register(dispatch: DispatchStub(log: log))
        router.register(metrics: MetricsStub(log: log))
        let server = try RPCServer(
            serviceName: "contract-tests",
            configuration: RPCServerConfiguration(address: SocketAddressText(host: "127.0.0.1", port: 0), loopCount: 1, workerThreads: 2),
            router: router, logger: logger)
        server.start()
        let rpc = RPCClient(address: server.boundAddress, serviceName: "contract-tests", logger: logger)
        defer {
            rpc.close()
            server.drain()
        }
        let options = CallOptions(requestID: "contract-test")

        let registry = RegistryClient(rpc)
        #expect(try registry.loadDistrict(Registry.LoadDistrictRequest(district: Fixtures.district), options: options)
            == Registry.LoadDistrictResponse(subDistricts: 2, rules: 1))
        #expect(log.last == Registry.Method.loadDistrict)
        #expect(try registry.listStreets(Registry.ListStreetsRequest(subDistrictID: "sd-9"), options: options)
            == Registry.ListStreetsResponse(streets: [Registry.Street(subDistrictID: "sd-9")]))
        #expect(log.last == Registry.Method.listStreets)
        #expect(try registry.getBoard(Registry.GetBoardRequest(boardCode: "Kx9"), options: options).street?.boardCode == "Kx9")
        #expect(log.last == Registry.Method.getBoard)
        #expect(try registry.listCategories(Registry.ListCategoriesRequest(), options: options).classes == [Fixtures.categoryClass])
        #expect(log.last == Registry.Method.listCategories)
        #expect(try registry.resolveResponsibility(
            Registry.ResolveResponsibilityRequest(streetID: "str-1", categoryCode: "0401"), options: options).decidedBy
            == "str-1/0401")
        #expect(log.last == Registry.Method.resolveResponsibility)
        #expect(try registry.getStaff(Registry.GetStaffRequest(staffID: "st-3"), options: options) == Registry.Staff(id: "st-3"))
        #expect(log.last == Registry.Method.getStaff)
        #expect(try registry.createToken(Registry.CreateTokenRequest(role: "handler", staffID: "st-3"), options: options)
            == Registry.CreateTokenResponse(token: "token-for-st-3", tokenID: "handler"))
        #expect(log.last == Registry.Method.createToken)
        #expect(try registry.authenticate(Registry.AuthenticateRequest(token: "t-1"), options: options).tokenID == "t-1")
        #expect(log.last == Registry.Method.authenticate)

        let intake = IntakeClient(rpc)
        #expect(try intake.submitReport(
            Intake.SubmitReportRequest(description: "井盖缺失", idempotencyKey: "k-1"), options: options)
            == Intake.SubmitReportResponse(caseID: "井盖缺失", replayed: true))
        #expect(log.last == Intake.Method.submitReport)
        #expect(try intake.getReport(Intake.GetReportRequest(trackingCode: "TRK-1"), options: options).trackingCode == "TRK-1")
        #expect(log.last == Intake.Method.getReport)

        let dispatch = DispatchClient(rpc)
        #expect(try dispatch.acceptCase(Dispatch.AcceptCaseRequest(report: Fixtures.report), options: options)
            == Dispatch.AcceptCaseResponse(caseID: Fixtures.report.caseID, duplicate: true))
        #expect(log.last == Dispatch.Method.acceptCase)
        #expect(try dispatch.getCase(Dispatch.GetCaseRequest(caseID: "C-1", trackingCode: "TRK-1"), options: options)
            == Dispatch.Case(caseID: "C-1", trackingCode: "TRK-1"))
        #expect(log.last == Dispatch.Method.getCase)
        #expect(try dispatch.listCases(Dispatch.ListCasesRequest(limit: 20, pageToken: "p"), options: options).nextPageToken
            == "p+20")
        #expect(log.last == Dispatch.Method.listCases)
        #expect(try dispatch.resolveCase(Dispatch.ResolveCaseRequest(caseID: "C-2"), options: options)
            == Dispatch.Case(caseID: "C-2", status: "resolved"))
        #expect(log.last == Dispatch.Method.resolveCase)
        #expect(try dispatch.confirmCase(Dispatch.ConfirmCaseRequest(trackingCode: "TRK-2", satisfied: false), options: options)
            == Dispatch.Case(trackingCode: "TRK-2", status: "reopened"))
        #expect(log.last == Dispatch.Method.confirmCase)

        let metrics = MetricsClient(rpc)
        #expect(try metrics.recordEvents(
            Metrics.RecordEventsRequest(events: [Fixtures.caseEvent, Fixtures.otherCaseEvent]), options: options)
            == Metrics.RecordEventsResponse(recorded: 2))
        #expect(log.last == Metrics.Method.recordEvents)
        #expect(try metrics.getSummary(Metrics.GetSummaryRequest(nowMs: -42), options: options).asOfMs == -42)
        #expect(log.last == Metrics.Method.getSummary)
    }

    @Test("client rethrows the handler's error")
    func clientRethrowsHandlerError() throws {
        let logger = Logger(service: "contract-tests", level: .error)
        let router = RPCRouter()
        router.register(registry: RegistryStub(log: MethodLog()))
        let server = try RPCServer(
            serviceName: "contract-tests",
            configuration: RPCServerConfiguration(address: SocketAddressText(host: "127.0.0.1", port: 0), loopCount: 1, workerThreads: 1),
            router: router, logger: logger)
        server.start()
        let rpc = RPCClient(address: server.boundAddress, serviceName: "contract-tests", logger: logger)
        defer {
            rpc.close()
            server.drain()
        }

        let error = #expect(throws: ServiceError.self) {
            try RegistryClient(rpc).getBoard(Registry.GetBoardRequest(boardCode: "missing"), options: CallOptions())
        }
        #expect(error?.code == .notFound)
        #expect(error?.reason == "unknown_board")
        #expect(error?.field == "board_code")
    }
}
