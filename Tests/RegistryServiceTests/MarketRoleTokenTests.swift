import JieluContract
import JieluCore
import Testing

@testable import RegistryService

@Suite("Tokens for the markets roles")
struct MarketRoleTokenTests {
    @Test("market roles authenticate", arguments: [("market_manager", ""), ("inspector", ""), ("inspector", "S0165")])
    func marketRolesAuthenticate(role: String, staffID: String) throws {
        let fixture = try RegistryFixture.loaded()
        let created = try fixture.handler.createToken(.init(role: role, staffID: staffID), context: testContext())
        let principal = try fixture.handler.authenticate(.init(token: created.token), context: testContext())

        #expect(principal.role == role)
        #expect(principal.staffID == staffID)
    }

    @Test func haulerTokenCarriesTheHaulerID() throws {
        let fixture = try RegistryFixture.loaded()
        let created = try fixture.handler.createToken(.init(role: "hauler", staffID: "HL01"), context: testContext())
        let principal = try fixture.handler.authenticate(.init(token: created.token), context: testContext())

        // Haulers are not staff: the token stays valid without a staff row.
        #expect(principal == Registry.Principal(tokenID: created.tokenID, role: "hauler", staffID: "HL01", staffName: ""))
    }

    @Test("hauler ids of the wrong form are rejected", arguments: ["", "S0165", "hl01", "HL", "HL-01", "HL01234567890123456"])
    func malformedHaulerID(staffID: String) throws {
        let fixture = try RegistryFixture.loaded()
        let error = serviceError {
            _ = try fixture.handler.createToken(.init(role: "hauler", staffID: staffID), context: testContext())
        }

        #expect(error?.code == .invalidArgument)
        #expect(error?.reason == (staffID.isEmpty ? "missing_staff_id" : "invalid_hauler_id"))
        #expect(error?.field == "staff_id")
    }

    @Test func marketManagerWithUnknownStaffIsRejected() throws {
        let fixture = try RegistryFixture.loaded()
        let error = serviceError {
            _ = try fixture.handler.createToken(.init(role: "market_manager", staffID: "S9999"), context: testContext())
        }
        #expect(error?.reason == "unknown_staff")
    }
}
