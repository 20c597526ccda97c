import JieluContract
import JieluCore
import JieluRPC

/// Finds the street behind a board code through the registry, and caches
/// each board for `maxAgeSeconds`.
///
/// Every report names a board, and boards change only when an administrator
/// loads a district, so without the cache a storm of reports costs one
/// registry call each (about a fifth of the CPU of an acknowledged report in
/// bench/ANALYSIS.md). A board moved to another street is seen within
/// `maxAgeSeconds`. Unknown codes and failed calls are not cached, so a board
/// added by a district load works on its first report.
struct BoardLookup: Sendable {
    static let defaultMaxAgeSeconds = 10.0
    /// More boards than a city-wide deployment has; memory stays near a few MiB.
    static let capacity = 50_000

    let registry: RegistryClient
    /// Keyed by the code's UTF-8 bytes, because the registry matches codes byte
    /// for byte. A `String` key would also match a canonically equivalent code
    /// that the registry rejects, such as one with U+212A KELVIN SIGN for K.
    private let cache: ExpiringCache<[UInt8], Registry.Board>

    init(registry: RegistryClient, maxAgeSeconds: Double = BoardLookup.defaultMaxAgeSeconds) {
        self.registry = registry
        cache = ExpiringCache(maxAgeSeconds: maxAgeSeconds, capacity: BoardLookup.capacity)
    }

    /// Returns the board of `code` when it is cached and fresh, without
    /// calling the registry; otherwise nil.
    func cachedBoard(code: String) -> Registry.Board? {
        cache.value(for: Array(code.utf8))
    }

    /// Returns the board of `code` with its street.
    ///
    /// - Throws: INVALID_ARGUMENT `unknown_board` (field `board_code`) when the
    ///   registry has no such board; otherwise the errors of
    ///   `RegistryFailure.map`.
    func board(code: String, context: RPCContext) throws -> Registry.Board {
        let key = Array(code.utf8)
        if let board = cache.value(for: key) {
            return board
        }

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
        cache.store(board, for: key)
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
