import JieluContract
import JieluCore
import Testing

@testable import RegistryService

@Suite("Tokens")
struct TokenTests {
    @Test("created token authenticates", arguments: ["admin", "dispatcher"])
    func createdTokenAuthenticates(role: String) throws {
        let fixture = try RegistryFixture.loaded()
        let created = try fixture.handler.createToken(.init(role: role), context: testContext())

        #expect(created.token.hasPrefix("jl_"))
        #expect(RandomCode.isWellFormed(String(created.token.dropFirst(3)), length: 32))
        #expect(created.tokenID.hasPrefix("T"))
        #expect(RandomCode.isWellFormed(String(created.tokenID.dropFirst()), length: 8))

        let principal = try fixture.handler.authenticate(.init(token: created.token), context: testContext())
        #expect(principal == Registry.Principal(tokenID: created.tokenID, role: role, staffID: "", staffName: ""))
    }

    @Test func handlerTokenCarriesStaffName() throws {
        let fixture = try RegistryFixture.loaded()
        let created = try fixture.handler.createToken(.init(role: "handler", staffID: "S0165"), context: testContext())
        let principal = try fixture.handler.authenticate(.init(token: created.token), context: testContext())

        #expect(principal.role == "handler")
        #expect(principal.staffID == "S0165")
        #expect(principal.staffName == "卢静")
    }

    @Test func tokensAreDistinct() throws {
        let fixture = try RegistryFixture.loaded()
        let first = try fixture.handler.createToken(.init(role: "admin"), context: testContext())
        let second = try fixture.handler.createToken(.init(role: "admin"), context: testContext())

        #expect(first.token != second.token)
        #expect(first.tokenID != second.tokenID)
    }

    @Test func handlerWithoutStaffIsRejected() throws {
        let fixture = try RegistryFixture.loaded()
        let error = serviceError { _ = try fixture.handler.createToken(.init(role: "handler"), context: testContext()) }

        #expect(error?.code == .invalidArgument)
        #expect(error?.reason == "missing_staff_id")
        #expect(error?.field == "staff_id")
    }

    @Test("unknown staff id is rejected", arguments: ["handler", "admin"])
    func unknownStaffIsRejected(role: String) throws {
        let fixture = try RegistryFixture.loaded()
        let error = serviceError {
            _ = try fixture.handler.createToken(.init(role: role, staffID: "S9999"), context: testContext())
        }

        #expect(error?.code == .notFound)
        #expect(error?.reason == "unknown_staff")
    }

    @Test("invalid role is rejected", arguments: ["", "root", "Admin", "squad_member"])
    func invalidRoleIsRejected(role: String) throws {
        let fixture = try RegistryFixture.loaded()
        let error = serviceError { _ = try fixture.handler.createToken(.init(role: role), context: testContext()) }

        #expect(error?.code == .invalidArgument)
        #expect(error?.reason == "invalid_role")
        #expect(error?.field == "role")
    }

    @Test("unknown token is rejected", arguments: ["", "jl_22222222222222222222222222222222", "x"])
    func unknownTokenIsRejected(token: String) throws {
        let fixture = try RegistryFixture.loaded()
        _ = try fixture.handler.createToken(.init(role: "admin"), context: testContext())
        let error = serviceError { _ = try fixture.handler.authenticate(.init(token: token), context: testContext()) }

        #expect(error?.code == .unauthenticated)
        #expect(error?.reason == "invalid_token")
    }

    @Test func tokensSurviveReloadAndReopen() throws {
        let fixture = try RegistryFixture.loaded()
        let created = try fixture.handler.createToken(.init(role: "handler", staffID: "S0165"), context: testContext())

        _ = try fixture.handler.loadDistrict(.init(district: ReferenceDataset.district), context: testContext())
        try fixture.reopen()

        let principal = try fixture.handler.authenticate(.init(token: created.token), context: testContext())
        #expect(principal.tokenID == created.tokenID)
        #expect(principal.staffName == "卢静")
    }

    @Test func tokenOfRemovedStaffStopsWorking() throws {
        let fixture = try RegistryFixture.loaded()
        let created = try fixture.handler.createToken(.init(role: "handler", staffID: "S0430"), context: testContext())

        var district = ReferenceDataset.district
        district.staff.removeAll { $0.id == "S0430" }
        _ = try fixture.handler.loadDistrict(.init(district: district), context: testContext())

        let error = serviceError { _ = try fixture.handler.authenticate(.init(token: created.token), context: testContext()) }
        #expect(error?.reason == "invalid_token")
    }

    @Test func storedRowHoldsOnlyTheHash() throws {
        let fixture = try RegistryFixture.loaded()
        let created = try fixture.handler.createToken(.init(role: "admin"), context: testContext())

        let rows = try fixture.database.read { connection in
            try connection.query("SELECT token_id, token_hash, role, staff_id, created_at_ms FROM tokens")
        }
        let row = try #require(rows.first)
        #expect(rows.count == 1)
        #expect(row.string("token_id") == created.tokenID)
        #expect(row.string("token_hash") == SHA256.hexDigest(created.token))
        #expect(row.int64("created_at_ms") > 1_700_000_000_000)
    }
}
