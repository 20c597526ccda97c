import JieluContract
import JieluCore
import JieluHTTP

/// The HTML pages. Their errors are pages too: a Chinese page with the status
/// `ErrorMapping` would give the same error as JSON.
enum PageRoutes {
    static func register(in router: inout Router<RouteHandler>) {
        router.add("GET", "/", page(landing))
        router.add("GET", "/r/{board_code}", page(board))
        router.add("GET", "/t/{tracking_code}", page(track))
    }

    static func landing(_ context: RouteContext) throws -> HTTPResponse {
        let response = try context.backends.registry.listStreets(Registry.ListStreetsRequest(), options: context.callOptions())
        return LandingPage.render(streets: response.streets)
    }

    static func board(_ context: RouteContext) throws -> HTTPResponse {
        let code = context.parameter("board_code")
        try PublicCodes.checkBoardCode(code)
        let board = try context.backends.registry.getBoard(Registry.GetBoardRequest(boardCode: code), options: context.callOptions())
        let catalog = try context.backends.registry.listCategories(Registry.ListCategoriesRequest(), options: context.callOptions())
        return BoardPage.render(boardCode: code, board: board, classes: catalog.classes)
    }

    static func track(_ context: RouteContext) throws -> HTTPResponse {
        let tracked = try CaseTracking.find(trackingCode: context.parameter("tracking_code"), context: context)
        return TrackPage.render(tracked, nowMs: WallClock.nowMilliseconds())
    }

    /// Wraps a page handler so that its errors render as error pages.
    static func page(_ handler: @escaping @Sendable (RouteContext) throws -> HTTPResponse) -> RouteHandler {
        { context in
            do {
                return try handler(context)
            } catch let error as ServiceError {
                return errorPage(for: error)
            } catch {
                context.logger.error("page failed with an unexpected error", ["error": error, "request_id": context.requestID])
                return errorPage(for: ServiceError.internal)
            }
        }
    }

    static func errorPage(for error: ServiceError) -> HTTPResponse {
        let status = ErrorMapping.httpStatus(for: error)
        let title: String
        switch status {
        case 404: title = "页面不存在"
        case 503, 504, 429: title = "服务繁忙"
        case 500...: title = "服务出错"
        default: title = "无法显示"
        }
        var response = PageLayout.errorPage(status: status, title: title, message: error.message)
        for field in ErrorMapping.headers(for: error, status: status) {
            response.headers.add(name: field.name, value: field.value)
        }
        return response
    }
}
