import JieluContract
import JieluCore
import Synchronization

/// The category catalog held in memory, because every report reads it.
///
/// Filled from the database on first use and dropped by `invalidate()` after
/// each `LoadDistrict`. A generation counter keeps a load that read the old
/// dataset from storing it after an invalidation: the result is stored only
/// when no invalidation happened since the load began.
final class CategoryCatalog: Sendable {
    /// The cached catalog with an index of its items by code.
    struct Snapshot: Sendable {
        let classes: [Registry.CategoryClass]
        let itemsByCode: [String: Registry.CategoryItem]

        init(classes: [Registry.CategoryClass]) {
            self.classes = classes
            var itemsByCode: [String: Registry.CategoryItem] = [:]
            for categoryClass in classes {
                for item in categoryClass.items {
                    itemsByCode[item.code] = item
                }
            }
            self.itemsByCode = itemsByCode
        }
    }

    private struct State {
        var snapshot: Snapshot?
        var generation: UInt64 = 0
    }

    /// Guards the cached snapshot and the generation.
    private let state = LockedValue(State())
    private let load: @Sendable () throws -> [Registry.CategoryClass]

    /// `load` reads the catalog from storage; it runs outside the lock.
    init(load: @escaping @Sendable () throws -> [Registry.CategoryClass]) {
        self.load = load
    }

    /// Returns the cached catalog, loading it first when there is none.
    ///
    /// - Throws: the error of `load`; nothing is cached then.
    func snapshot() throws -> Snapshot {
        let (cached, generation) = state.withLock { ($0.snapshot, $0.generation) }
        if let cached {
            return cached
        }

        let fresh = Snapshot(classes: try load())
        state.withLock { state in
            if state.generation == generation {
                state.snapshot = fresh
            }
        }
        return fresh
    }

    /// Drops the cached catalog. Call after the stored catalog changed.
    func invalidate() {
        state.withLock { state in
            state.snapshot = nil
            state.generation &+= 1
        }
    }
}
