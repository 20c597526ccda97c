import JieluContract
import JieluHTTP

/// Read-only public endpoints: streets, one street's board, the category catalog.
enum PublicRoutes {
    static func register(in router: inout Router<RouteHandler>) {
        router.add("GET", "/api/v1/streets", listStreets)
        router.add("GET", "/api/v1/boards/{board_code}", getBoard)
        router.add("GET", "/api/v1/categories", listCategories)
    }

    /// `GET /api/v1/streets`: every street with its sub-district and board code.
    static func listStreets(_ context: RouteContext) throws -> HTTPResponse {
        let response = try context.backends.registry.listStreets(Registry.ListStreetsRequest(), options: context.callOptions())
        return .json(JSONViews.streets(response.streets))
    }

    /// `GET /api/v1/boards/{board_code}`: the board with masked phones and
    /// the category catalog. A malformed code is 404 `unknown_board` without
    /// asking the registry.
    static func getBoard(_ context: RouteContext) throws -> HTTPResponse {
        let code = context.parameter("board_code")
        try PublicCodes.checkBoardCode(code)
        let board = try context.backends.registry.getBoard(Registry.GetBoardRequest(boardCode: code), options: context.callOptions())
        let catalog = try CategoryCache.shared.catalog(context)
        return .json(JSONViews.board(board, classes: catalog.classes))
    }

    /// `GET /api/v1/categories`: classes with their items and time limits,
    /// at most `CategoryCache.maxAgeSeconds` old.
    static func listCategories(_ context: RouteContext) throws -> HTTPResponse {
        .json(body: try CategoryCache.shared.catalog(context).json)
    }
}
