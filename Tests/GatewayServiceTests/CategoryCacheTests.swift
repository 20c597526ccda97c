import Foundation
import Testing
@testable import GatewayService

/// The catalog is fetched once per `CategoryCache.maxAgeSeconds`, and while
/// it is fresh `GET /api/v1/categories` is served on the event loop with
/// the same response a worker would give.
@Suite("Category cache", .serialized)
struct CategoryCacheTests {
    @Test func catalogChangeShowsAfterMaxAge() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let first = try harness.get("/api/v1/categories")
        harness.registry.state.withLock { $0.classes = [Fixtures.categories[0]] }

        let cached = try harness.get("/api/v1/categories")
        usleep(UInt32(CategoryCache.maxAgeSeconds * 1_100_000))
        let refreshed = try harness.get("/api/v1/categories")

        #expect(try (first.object()["classes"] as? [[String: Any]])?.count == 2)
        #expect(try (cached.object()["classes"] as? [[String: Any]])?.count == 2, "a fresh entry is reused")
        #expect(try (refreshed.object()["classes"] as? [[String: Any]])?.count == 1, "an old entry is fetched again")
    }

    @Test func cachedResponseKeepsCommonHeaders() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let fetched = try harness.get("/api/v1/categories")

        let cached = try harness.send("GET", "/api/v1/categories", headers: [("X-Request-Id", "console-7")])
        let head = try harness.send("HEAD", "/api/v1/categories")

        #expect(cached.status == 200)
        #expect(cached.body == fetched.body)
        #expect(cached.headers["X-Request-Id"] == "console-7")
        #expect(cached.headers["Content-Type"] == "application/json; charset=utf-8")
        #expect(cached.headers["X-Content-Type-Options"] == "nosniff")
        #expect(cached.headers["Cache-Control"] == "no-store")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.headers["Content-Length"] == String(fetched.body.count))
    }

    @Test func boardUsesCachedCatalog() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        _ = try harness.get("/api/v1/categories")
        harness.registry.state.withLock { $0.classes = [] }

        let board = try harness.get("/api/v1/boards/\(Fixtures.boardCode)")

        #expect(board.status == 200)
        #expect(try (board.object()["categories"] as? [[String: Any]])?.count == 2)
    }
}
