import JieluContract
import JieluCore
import JieluRPC
import Synchronization

/// A cached copy of the registry's category catalog, keyed by item code.
///
/// The first lookup loads the catalog, and every lookup tries again until a
/// load succeeds. After that, a code missing from the cache makes it reload,
/// but at most once every `refreshIntervalSeconds` (10 s by default), so a
/// stream of bad codes cannot flood the registry. Within that interval a
/// missing code is reported unknown.
final class CategoryCatalog: Sendable {
    static let defaultRefreshIntervalSeconds = 10.0

    private let registry: RegistryClient
    private let refreshIntervalNanoseconds: UInt64
    private let state = LockedValue(State())

    private struct State {
        var items: [String: Registry.CategoryItem] = [:]
        var isLoaded = false
        /// When the last reload started, successful or not.
        var lastRefresh: Deadline?
    }

    init(registry: RegistryClient, refreshIntervalSeconds: Double = CategoryCatalog.defaultRefreshIntervalSeconds) {
        self.registry = registry
        refreshIntervalNanoseconds = UInt64(max(refreshIntervalSeconds, 0) * 1e9)
    }

    /// Returns the item with code `code` when the catalog is loaded and has
    /// it, without calling the registry; otherwise nil.
    func cachedItem(code: String) -> Registry.CategoryItem? {
        state.withLock { $0.items[code] }
    }

    /// Returns the catalog item with item code `code`, or nil when the registry has none.
    ///
    /// - Throws: the errors of `RegistryFailure.map` (UNAVAILABLE) when the
    ///   catalog has to be loaded and the registry cannot be reached.
    func item(code: String, context: RPCContext) throws -> Registry.CategoryItem? {
        let lookup = state.withLock { state -> (item: Registry.CategoryItem?, mustLoad: Bool) in
            if let item = state.items[code] {
                return (item, false)
            }
            if state.isLoaded, let last = state.lastRefresh,
                Deadline.now().uptimeNanoseconds &- last.uptimeNanoseconds < refreshIntervalNanoseconds
            {
                return (nil, false)
            }
            state.lastRefresh = .now()
            return (nil, true)
        }
        if let item = lookup.item {
            return item
        }
        guard lookup.mustLoad else {
            return nil
        }

        let items = try load(context: context)
        state.withLock { state in
            state.items = items
            state.isLoaded = true
        }
        context.logger.debug("category catalog loaded", ["items": items.count])
        return items[code]
    }

    private func load(context: RPCContext) throws -> [String: Registry.CategoryItem] {
        let response: Registry.ListCategoriesResponse
        do {
            response = try registry.listCategories(Registry.ListCategoriesRequest(), options: context.callOptions)
        } catch {
            throw RegistryFailure.map(error, call: "ListCategories", context: context)
        }

        var items: [String: Registry.CategoryItem] = [:]
        for categoryClass in response.classes {
            for var item in categoryClass.items {
                if item.classCode.isEmpty {
                    item.classCode = categoryClass.code
                    item.className = categoryClass.name
                }
                items[item.code] = item
            }
        }
        return items
    }
}
