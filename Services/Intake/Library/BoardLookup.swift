import JieluContract
import JieluCore
import JieluRPC

/// Finds the street behind a board code through the registry.
struct BoardLookup: Sendable {
    let registry: RegistryClient

    /// Returns the board of `code` with its street.
    ///
    /// - Throws: INVALID_ARGUMENT `unknown_board` (field `board_code`) when the
    ///   registry has no such board; otherwise the errors of
    ///   `RegistryFailure.map`.
    func board(code: String, context: RPCContext) throws -> Registry.Board {
        let board: Registry.Board
        do {
            board = try registry.getBoard(Registry.GetBoardRequest(boardCode: code), options: context.callOptions)
        } catch let error as ServiceError where error.code == .notFound {
            throw unknownBoard(code)
        } catch {
            throw RegistryFailure.map(error, call: "GetBoard", context: context)
        }
        guard let streetID = board.street?.id, !streetID.isEmpty else {
            throw unknownBoard(code)
        }
        context.logger.debug("board found", ["street_id": streetID])
        return board
    }

    private func unknownBoard(_ code: String) -> ServiceError {
        ServiceError.invalid(
            "board_code", reason: "unknown_board",
            message: "公示牌编码「\(code)」不存在；请重新扫描街路公示牌上的二维码。")
    }
}

/// The error intake returns when a registry call fails for a reason other
/// than "not found".
enum RegistryFailure {
    /// Keeps DEADLINE_EXCEEDED when the caller's own deadline has passed.
    /// Everything else becomes UNAVAILABLE, so the resident retries, and is
    /// logged as a warning with the registry's code.
    static func map(_ error: any Error, call: String, context: RPCContext) -> ServiceError {
        if let error = error as? ServiceError, error.code == .deadlineExceeded, context.deadline.hasPassed {
            return error
        }
        let code = (error as? ServiceError)?.code.name ?? "INTERNAL"
        context.logger.warning("registry call failed", ["call": call, "code": code, "error": error])
        return ServiceError.unavailable("jielu-registry")
    }
}
