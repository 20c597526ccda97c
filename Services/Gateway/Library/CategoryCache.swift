import JieluContract
import JieluCore
import JieluRPC

/// The registry's category catalog as the gateway last fetched it, with its
/// `GET /api/v1/categories` JSON already encoded, reused for
/// `maxAgeSeconds`.
///
/// Every board page and the catalog endpoint need the catalog, and it
/// changes only when an administrator loads a district, so a burst of such
/// requests costs one registry call per second instead of one each. A
/// catalog change shows within `maxAgeSeconds`. While one request refreshes
/// an expired entry, the others keep using it; a failed refresh is not
/// cached, so the next request tries again.
///
/// Entries are keyed by the registry's address, so gateways in one process
/// (as in tests) that use different registries never share an entry.
final class CategoryCache: Sendable {
    static let maxAgeSeconds = 1.0
    static let shared = CategoryCache()

    /// One fetched catalog.
    struct Catalog: Sendable {
        let classes: [Registry.CategoryClass]
        /// The body of `GET /api/v1/categories`.
        let json: [UInt8]
    }

    private struct Entry {
        var catalog: Catalog?
        var fetchedAt = Deadline(uptimeNanoseconds: 0)
        var refreshing = false

        var isFresh: Bool {
            Deadline.monotonicNanoseconds() &- fetchedAt.uptimeNanoseconds < UInt64(CategoryCache.maxAgeSeconds * 1e9)
        }
    }

    private let entries = LockedValue<[SocketAddressText: Entry]>([:])

    /// Returns the catalog of the registry at `registry` when one is cached
    /// and younger than `maxAgeSeconds`, without fetching; otherwise nil.
    func freshCatalog(registry: SocketAddressText) -> Catalog? {
        guard let entry = entries.withLock({ $0[registry] }), entry.isFresh else {
            return nil
        }
        return entry.catalog
    }

    /// Returns the cached catalog of `context`'s registry, fetching it when
    /// there is none or it is older than `maxAgeSeconds`.
    ///
    /// Throws the registry client's error when a fetch is needed and fails.
    func catalog(_ context: RouteContext) throws -> Catalog {
        let key = context.backends.registry.rpc.address
        // The common case takes the lock only for a lookup, so the many
        // workers that serve the catalog at once barely contend for it.
        if let entry = entries.withLock({ $0[key] }), let catalog = entry.catalog, entry.isFresh || entry.refreshing {
            return catalog
        }
        let cached = entries.withLock { entries -> Catalog? in
            var entry = entries[key] ?? Entry()
            if let catalog = entry.catalog, entry.isFresh || entry.refreshing {
                return catalog
            }
            entry.refreshing = true
            entries[key] = entry
            return nil
        }
        if let cached {
            return cached
        }

        let catalog: Catalog
        do {
            let response = try context.backends.registry.listCategories(
                Registry.ListCategoriesRequest(), options: context.callOptions())
            catalog = Catalog(classes: response.classes, json: JSONViews.categories(response.classes).serializedBytes())
        } catch {
            entries.withLock { $0[key]?.refreshing = false }
            throw error
        }
        entries.withLock { entries in
            entries[key] = Entry(catalog: catalog, fetchedAt: .now(), refreshing: false)
        }
        return catalog
    }
}
