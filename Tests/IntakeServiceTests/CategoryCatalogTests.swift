import Foundation
import JieluContract
import JieluCore
import Testing

@testable import IntakeService

@Suite("Intake category catalog")
struct CategoryCatalogTests {
    @Test("the catalog loads once for known codes")
    func loadsOnce() throws {
        let fixture = try IntakeFixture()
        for _ in 0..<5 {
            _ = try fixture.submit(validRequest(category: "0401"))
            _ = try fixture.submit(validRequest(category: "0702"))
        }
        #expect(fixture.registry.listCategoriesCalls.load(ordering: .relaxed) == 1)
    }

    @Test("misses reload at most once per interval")
    func missesAreRateLimited() throws {
        let fixture = try IntakeFixture(catalogRefreshSeconds: 1)
        _ = try fixture.submit(validRequest())
        #expect(fixture.registry.listCategoriesCalls.load(ordering: .relaxed) == 1)

        // A new item appears in the registry. Within the interval the miss stays a miss.
        fixture.registry.addItem(Registry.CategoryItem(code: "9901", name: "其他问题", timeLimitHours: 48, area: "public"))
        for _ in 0..<5 {
            #expect(throws: ServiceError.self) { try fixture.submit(validRequest(category: "9901")) }
        }
        #expect(fixture.registry.listCategoriesCalls.load(ordering: .relaxed) == 1)

        // After the interval, one miss reloads and finds it.
        usleep(1_050_000)
        let response = try fixture.submit(validRequest(category: "9901"))
        #expect(response.dueAtMs == response.receivedAtMs + 48 * 3_600_000)
        #expect(fixture.registry.listCategoriesCalls.load(ordering: .relaxed) == 2)
    }

    @Test("default interval is 10 seconds")
    func defaultInterval() {
        #expect(CategoryCatalog.defaultRefreshIntervalSeconds == 10)
    }
}
