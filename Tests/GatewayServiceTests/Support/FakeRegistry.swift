#if canImport(Glibc)
import Glibc
#endif
import JieluContract
import JieluCore
import JieluRPC
import Synchronization

/// An in-memory registry with the fixture district and a fixed set of tokens.
final class FakeRegistry: RegistryHandling {
    struct State {
        var streets = Fixtures.streets
        var classes = Fixtures.categories
        var authenticateCalls = 0
        var getBoardCalls = 0
        var requestIDs: [String] = []
        var createdTokens: [Registry.CreateTokenRequest] = []
        /// Thrown by `listStreets` instead of a reply, when set.
        var listStreetsError: ServiceError?
        /// How long `listStreets` sleeps before replying.
        var listStreetsDelayMilliseconds = 0
    }

    let state = Mutex(State())

    static let principals: [String: Registry.Principal] = [
        Fixtures.Token.admin: Registry.Principal(tokenID: "T1", role: "admin", staffID: "S9000", staffName: "管理员"),
        Fixtures.Token.adminWithoutStaff: Registry.Principal(tokenID: "T2", role: "admin"),
        Fixtures.Token.dispatcher: Registry.Principal(tokenID: "T3", role: "dispatcher", staffID: "S9001", staffName: "调度员"),
        Fixtures.Token.handlerA: Registry.Principal(tokenID: "T4", role: "handler", staffID: Fixtures.handlerA.id, staffName: Fixtures.handlerA.name),
        Fixtures.Token.handlerB: Registry.Principal(tokenID: "T5", role: "handler", staffID: Fixtures.handlerB.id, staffName: Fixtures.handlerB.name),
    ]

    func loadDistrict(_ request: Registry.LoadDistrictRequest, context: RPCContext) throws -> Registry.LoadDistrictResponse {
        throw ServiceError(.unimplemented, reason: "unimplemented", message: "fake")
    }

    func listStreets(_ request: Registry.ListStreetsRequest, context: RPCContext) throws -> Registry.ListStreetsResponse {
        let (error, delay, streets) = state.withLock { state in
            state.requestIDs.append(context.requestID)
            return (state.listStreetsError, state.listStreetsDelayMilliseconds, state.streets)
        }
        if delay > 0 {
            usleep(useconds_t(delay * 1000))
        }
        if let error {
            throw error
        }
        return Registry.ListStreetsResponse(streets: streets)
    }

    func getBoard(_ request: Registry.GetBoardRequest, context: RPCContext) throws -> Registry.Board {
        let streets = state.withLock { state in
            state.getBoardCalls += 1
            return state.streets
        }
        guard let street = streets.first(where: { $0.boardCode == request.boardCode }) else {
            throw ServiceError.notFound(reason: "unknown_board", message: "找不到公示牌编码 \(request.boardCode)")
        }
        return Fixtures.board(for: street)
    }

    func listCategories(_ request: Registry.ListCategoriesRequest, context: RPCContext) throws -> Registry.ListCategoriesResponse {
        Registry.ListCategoriesResponse(classes: state.withLock { $0.classes })
    }

    func resolveResponsibility(_ request: Registry.ResolveResponsibilityRequest, context: RPCContext) throws -> Registry.Responsibility {
        throw ServiceError(.unimplemented, reason: "unimplemented", message: "fake")
    }

    func getStaff(_ request: Registry.GetStaffRequest, context: RPCContext) throws -> Registry.Staff {
        throw ServiceError(.unimplemented, reason: "unimplemented", message: "fake")
    }

    func createToken(_ request: Registry.CreateTokenRequest, context: RPCContext) throws -> Registry.CreateTokenResponse {
        if request.role == "handler" && request.staffID.isEmpty {
            throw ServiceError.invalid("staff_id", reason: "missing_staff_id", message: "处置人员令牌必须指定工作人员编号。")
        }
        let count = state.withLock { state in
            state.createdTokens.append(request)
            return state.createdTokens.count
        }
        return Registry.CreateTokenResponse(token: "new-token-\(count)", tokenID: "T\(100 + count)")
    }

    func authenticate(_ request: Registry.AuthenticateRequest, context: RPCContext) throws -> Registry.Principal {
        state.withLock { $0.authenticateCalls += 1 }
        guard let principal = FakeRegistry.principals[request.token] else {
            throw ServiceError(.unauthenticated, reason: "invalid_token", message: "令牌无效")
        }
        return principal
    }
}
