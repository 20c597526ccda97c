import JieluContract
import JieluCore
import JieluHTTP

/// `/api/v1/vendors`: vendor registration, applications for a stall, the
/// public application state, and permit renewal, revocation and reinstatement.
///
/// Roles: registering vendors, applying and changing permits need
/// market_manager or admin; reading vendors also inspector. The state of an
/// application by its number is public, like a tracking code.
enum VendorRoutes {
    static func register(in router: inout Router<RouteHandler>) {
        router.add("POST", "/api/v1/vendors", registerVendor)
        router.add("GET", "/api/v1/vendors", listVendors)
        router.add("GET", "/api/v1/vendors/applications/{number}", publicApplication)
        router.add("POST", "/api/v1/vendors/permits/{permit_id}/renew", renewPermit)
        router.add("POST", "/api/v1/vendors/permits/{permit_id}/revoke", revokePermit)
        router.add("POST", "/api/v1/vendors/permits/{permit_id}/reinstate", reinstatePermit)
        router.add("GET", "/api/v1/vendors/{vendor_id}", getVendor)
        router.add("POST", "/api/v1/vendors/{vendor_id}/applications", submitApplication)
    }

    /// `POST /api/v1/vendors` with `{"name", "id_card", "phone",
    /// "goods_type": "food"|"produce"|"goods", "hardship"?}`: responds 201
    /// with the vendor, ID-card number and phone masked.
    static func registerVendor(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try MarketAccess.principal(context, in: MarketAccess.marketManagement, action: "登记摊贩")
        let body = try JSONBody(context.request.body)
        let request = Markets.RegisterVendorRequest(
            name: try body.string("name"), idCard: try body.string("id_card"), phone: try body.string("phone"),
            goodsType: try body.string("goods_type"), hardship: try body.optionalBool("hardship") ?? false,
            actor: MarketAccess.actor(principal))
        let vendor = try context.backends.markets.registerVendor(request, options: context.callOptions())
        return .json(status: 201, MarketViews.vendor(vendor))
    }

    /// `GET /api/v1/vendors`: every vendor, masked.
    static func listVendors(_ context: RouteContext) throws -> HTTPResponse {
        _ = try MarketAccess.principal(context, in: MarketAccess.marketReading, action: "查看摊贩名录")
        let response = try context.backends.markets.listVendors(Markets.ListVendorsRequest(), options: context.callOptions())
        return .json(.object([("vendors", .array(response.vendors.map(MarketViews.vendor)))]))
    }

    /// `GET /api/v1/vendors/{vendor_id}`: a vendor with permits, applications and inspections.
    static func getVendor(_ context: RouteContext) throws -> HTTPResponse {
        _ = try MarketAccess.principal(context, in: MarketAccess.marketReading, action: "查看摊贩")
        let vendorID = try MarketAccess.checkedID(context.parameter("vendor_id"), reason: "unknown_vendor", label: "摊贩")
        let detail = try context.backends.markets.getVendor(
            Markets.GetVendorRequest(vendorID: vendorID), options: context.callOptions())
        return .json(MarketViews.vendorDetail(detail))
    }

    /// `POST /api/v1/vendors/{vendor_id}/applications` with `{"market_id"}`
    /// puts the vendor on the market's waitlist for the stall type of the
    /// vendor's goods. It responds 201 with the application number and rank.
    static func submitApplication(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try MarketAccess.principal(context, in: MarketAccess.marketManagement, action: "提交摊位申请")
        let vendorID = try MarketAccess.checkedID(context.parameter("vendor_id"), reason: "unknown_vendor", label: "摊贩")
        let body = try JSONBody(context.request.body)
        let request = Markets.SubmitApplicationRequest(
            vendorID: vendorID, marketID: try body.string("market_id"), actor: MarketAccess.actor(principal))
        let application = try context.backends.markets.submitApplication(request, options: context.callOptions())
        return .json(
            status: 201, MarketViews.application(application), headers: ["Location": "/v/\(application.number)"])
    }

    /// `GET /api/v1/vendors/applications/{number}`: the state of one
    /// application for the vendor, without ids of people. Public.
    static func publicApplication(_ context: RouteContext) throws -> HTTPResponse {
        let application = try findApplication(context.parameter("number"), context: context)
        return .json(MarketViews.publicApplication(application))
    }

    /// Loads an application by its number; used by the page too.
    ///
    /// Throws NOT_FOUND `unknown_application` for a malformed or unknown number.
    static func findApplication(_ number: String, context: RouteContext) throws -> Markets.Application {
        let checked = try MarketAccess.checkedID(number, reason: "unknown_application", label: "摊位申请")
        return try context.backends.markets.getApplication(
            Markets.GetApplicationRequest(number: checked), options: context.callOptions())
    }

    /// `POST /api/v1/vendors/permits/{permit_id}/renew` with `{"end_at", "reason"}`.
    static func renewPermit(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try MarketAccess.principal(context, in: MarketAccess.marketManagement, action: "续期摊位许可")
        let permitID = try MarketAccess.checkedID(context.parameter("permit_id"), reason: "unknown_permit", label: "摊位许可")
        let body = try JSONBody(context.request.body)
        let request = Markets.RenewPermitRequest(
            permitID: permitID, endAtMs: try body.time("end_at"), actor: MarketAccess.actor(principal),
            reason: try body.string("reason"))
        let permit = try context.backends.markets.renewPermit(request, options: context.callOptions())
        return .json(MarketViews.permit(permit))
    }

    /// `POST /api/v1/vendors/permits/{permit_id}/revoke` with `{"reason"}`:
    /// revokes the permit and offers the stall to the waitlist.
    static func revokePermit(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try MarketAccess.principal(context, in: MarketAccess.marketManagement, action: "吊销摊位许可")
        let permitID = try MarketAccess.checkedID(context.parameter("permit_id"), reason: "unknown_permit", label: "摊位许可")
        let body = try JSONBody(context.request.body)
        let request = Markets.RevokePermitRequest(
            permitID: permitID, actor: MarketAccess.actor(principal), reason: try body.string("reason"))
        let permit = try context.backends.markets.revokePermit(request, options: context.callOptions())
        return .json(MarketViews.permit(permit))
    }

    /// `POST /api/v1/vendors/permits/{permit_id}/reinstate` with `{"reason"}`:
    /// lifts a suspension.
    static func reinstatePermit(_ context: RouteContext) throws -> HTTPResponse {
        let principal = try MarketAccess.principal(context, in: MarketAccess.marketManagement, action: "恢复摊位许可")
        let permitID = try MarketAccess.checkedID(context.parameter("permit_id"), reason: "unknown_permit", label: "摊位许可")
        let body = try JSONBody(context.request.body)
        let request = Markets.ReinstatePermitRequest(
            permitID: permitID, actor: MarketAccess.actor(principal), reason: try body.string("reason"))
        let permit = try context.backends.markets.reinstatePermit(request, options: context.callOptions())
        return .json(MarketViews.permit(permit))
    }
}
