import JieluContract
import JieluCore
import JieluRPC

/// The cases the seeder writes, as a pure function of their index, so the
/// latency runs can name seeded tracking codes without reading them back.
///
/// Case `i` is received `1 + i / casesPerDay` days ago, so a larger seed adds
/// older history behind the same newest cases. Streets and category items
/// rotate, and each (street, item) pair has the assignment the registry
/// computes for it. By `i % 20`: 12 of 20 cases are closed, 3 resolved and
/// 5 dispatched.
struct SeedPlan: Sendable {
    /// One street and category item with its assignment from the registry.
    struct Route: Sendable {
        var street: Registry.Street
        var item: Registry.CategoryItem
        var unitID: String
        var unitName: String
        var staffID: String
        var staffName: String
        var staffPhone: String
        var decidedBy: String
    }

    /// One seeded case with every value the three databases store.
    struct SeededCase {
        var caseID: String
        var trackingCode: String
        var day: String
        var sequence: Int64
        var route: Route
        var status: String
        var receivedAtMs: Int64
        var dispatchedAtMs: Int64
        var resolvedAtMs: Int64
        var closedAtMs: Int64
        var dueAtMs: Int64
        var phone: String
        var description: String
        /// (from, to, actor, note, at) of each timeline row, in order.
        var timeline: [(from: String, to: String, actor: String, note: String, atMs: Int64)]
    }

    static let casesPerDay = 2_500
    static let trackingCodeLength = 10

    let routes: [Route]
    let streetCount: Int
    /// The district day (UTC+8) of "today", in days since 1970-01-01.
    let today: Int64

    /// Reads streets, items and one assignment per (street, item) pair from the registry.
    static func load(registry address: SocketAddressText) throws -> SeedPlan {
        let rpc = RPCClient(address: address, serviceName: "jielu-registry", logger: Logger(service: "jielu-bench", level: .error))
        defer { rpc.close() }
        let registry = RegistryClient(rpc)
        let options = CallOptions(deadline: .after(seconds: 60))
        let streets = try registry.listStreets(Registry.ListStreetsRequest(), options: options).streets
        let items = try registry.listCategories(Registry.ListCategoriesRequest(), options: options).classes.flatMap(\.items)
        guard !streets.isEmpty, !items.isEmpty else {
            throw LoadError("the registry has no streets or no category items; load the district first")
        }

        var routes: [Route] = []
        for item in items {
            for street in streets {
                let responsibility = try registry.resolveResponsibility(
                    Registry.ResolveResponsibilityRequest(streetID: street.id, categoryCode: item.code), options: options)
                routes.append(Route(
                    street: street, item: item, unitID: responsibility.unit?.id ?? "", unitName: responsibility.unit?.name ?? "",
                    staffID: responsibility.assignee?.id ?? "", staffName: responsibility.assignee?.name ?? "",
                    staffPhone: responsibility.assignee?.phone ?? "", decidedBy: responsibility.decidedBy))
            }
        }
        let localSeconds = WallClock.nowMilliseconds() / 1000 + Int64(WallClock.districtOffsetSeconds)
        return SeedPlan(routes: routes, streetCount: streets.count, today: localSeconds / 86_400)
    }

    /// The staff member with the most dispatched cases among the first
    /// `count` cases, for the filtered staff list.
    func busiestAssignee(count: Int) -> String {
        var tally: [String: Int] = [:]
        for index in 0..<min(count, routes.count * 20) where SeedPlan.status(of: index) == "dispatched" {
            tally[route(of: index).staffID, default: 0] += 1
        }
        return tally.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? ""
    }

    func route(of index: Int) -> Route {
        routes[index % routes.count]
    }

    static func status(of index: Int) -> String {
        switch index % 20 {
        case 0..<12: "closed"
        case 12..<15: "resolved"
        default: "dispatched"
        }
    }

    /// The tracking code of case `index`: the index scrambled by a
    /// multiplication that is a bijection modulo 31^10, written in the
    /// tracking-code alphabet, so codes spread over the index like random ones.
    static func trackingCode(of index: Int) -> String {
        let alphabet = RandomCode.alphabet
        var modulus: UInt64 = 1
        for _ in 0..<trackingCodeLength {
            modulus *= UInt64(alphabet.count)
        }
        // 31 does not divide the multiplier, so the map is a bijection.
        let multiplier: UInt64 = 0x9E37_79B9
        let product = UInt64(index).multipliedFullWidth(by: multiplier)
        var scrambled = modulus.dividingFullWidth((product.high, product.low)).remainder
        var characters: [Character] = []
        for _ in 0..<trackingCodeLength {
            characters.append(alphabet[Int(scrambled % UInt64(alphabet.count))])
            scrambled /= UInt64(alphabet.count)
        }
        return String(characters)
    }

    func seededCase(_ index: Int) -> SeededCase {
        let route = route(of: index)
        let daysBack = Int64(1 + index / SeedPlan.casesPerDay)
        let sequence = Int64(index % SeedPlan.casesPerDay + 1)
        let dayStartMs = ((today - daysBack) * 86_400 - Int64(WallClock.districtOffsetSeconds)) * 1000
        let day = String(WallClock.iso8601(dayStartMs).prefix(10).filter { $0 != "-" })

        let receivedAtMs = dayStartMs + sequence * 30_000
        let dispatchedAtMs = receivedAtMs + 60_000
        let status = SeedPlan.status(of: index)
        let resolvedAtMs = status == "dispatched" ? 0 : receivedAtMs + 3 * 3_600_000
        let closedAtMs = status == "closed" ? receivedAtMs + 5 * 3_600_000 : 0

        var timeline: [(from: String, to: String, actor: String, note: String, atMs: Int64)] = [
            ("", "received", "resident", "居民提交诉求", receivedAtMs),
            ("received", "dispatched", "system", "派遣至\(route.unitName)，承办人\(route.staffName)", dispatchedAtMs),
        ]
        if resolvedAtMs > 0 {
            timeline.append(("dispatched", "resolved", route.staffID, "已到现场处置完毕", resolvedAtMs))
        }
        if closedAtMs > 0 {
            timeline.append(("resolved", "closed", "resident", "居民满意", closedAtMs))
        }

        let phoneNumber = 13_800_000_000 + Int64(index % 100_000_000)
        return SeededCase(
            caseID: "JL\(day)-" + String(repeating: "0", count: 6 - String(sequence).count) + String(sequence),
            trackingCode: SeedPlan.trackingCode(of: index), day: day, sequence: sequence, route: route, status: status,
            receivedAtMs: receivedAtMs, dispatchedAtMs: dispatchedAtMs, resolvedAtMs: resolvedAtMs, closedAtMs: closedAtMs,
            dueAtMs: receivedAtMs + Int64(route.item.timeLimitHours) * 3_600_000, phone: String(phoneNumber),
            description: "\(route.street.name)\(route.item.name)问题，种子数据 #\(index)", timeline: timeline)
    }
}
