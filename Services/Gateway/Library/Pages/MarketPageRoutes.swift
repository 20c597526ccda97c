import JieluContract
import JieluCore
import JieluHTTP

/// The markets pages: the public market list and a vendor's application
/// state. Their errors are Chinese error pages, as for the other pages.
enum MarketPageRoutes {
    static func register(in router: inout Router<RouteHandler>) {
        router.add("GET", "/markets", PageRoutes.page(markets))
        router.add("GET", "/v/{application_number}", PageRoutes.page(application))
    }

    static func markets(_ context: RouteContext) throws -> HTTPResponse {
        let response = try context.backends.markets.listMarkets(Markets.ListMarketsRequest(), options: context.callOptions())
        return MarketListPage.render(response.markets, nowMs: WallClock.nowMilliseconds())
    }

    static func application(_ context: RouteContext) throws -> HTTPResponse {
        let application = try VendorRoutes.findApplication(context.parameter("application_number"), context: context)
        return ApplicationPage.render(application)
    }
}
