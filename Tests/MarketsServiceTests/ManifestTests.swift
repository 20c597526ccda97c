import Foundation
import JieluContract
import JieluCore
import JieluRPC
import JieluStore
import Testing

@testable import MarketsService

@Suite("Haul manifests")
struct ManifestTests {
    static let hour: Int64 = 3_600_000

    /// HL01 and its first vehicle in the reference dataset.
    static func hauler(_ fixture: MarketsFixture) throws -> (id: String, plate: String, otherPlate: String) {
        let haulers = try fixture.handler.listHaulers(Markets.ListHaulersRequest(), context: testContext()).haulers
        let hauler = try #require(haulers.first { $0.id == "HL01" })
        return (hauler.id, hauler.vehicles[0].plate, hauler.vehicles[1].plate)
    }

    static func request(
        _ fixture: MarketsFixture, plate: String? = nil, hauler: String = "HL01", load: Double = 6,
        site: String = "DS01", startMs: Int64? = nil, endMs: Int64? = nil, street: String = "ST008"
    ) throws -> Markets.CreateManifestRequest {
        let vehicles = try Self.hauler(fixture)
        let start = startMs ?? fixture.clock.now
        return Markets.CreateManifestRequest(
            haulerID: hauler, vehiclePlate: plate ?? vehicles.plate, originSite: "青松小区拆迁工地", originStreetID: street,
            expectedLoadTonnes: load, disposalSiteID: site, windowStartMs: start, windowEndMs: endMs ?? start + 2 * hour,
            actor: "hauler:\(hauler)")
    }

    func create(_ fixture: MarketsFixture, _ request: Markets.CreateManifestRequest) throws -> Markets.Manifest {
        try fixture.handler.createManifest(request, context: testContext())
    }

    @Test func departureAndArrivalCloseTheManifest() throws {
        let fixture = try MarketsFixture()
        let manifest = try create(fixture, try Self.request(fixture))
        #expect(manifest.id == "HM20261204-0001")
        #expect(manifest.status == "registered")

        fixture.clock.advance(milliseconds: 60_000)
        let departed = try fixture.handler.recordDeparture(
            Markets.RecordDepartureRequest(manifestID: manifest.id, actingHaulerID: "HL01"), context: testContext())
        #expect(departed.status == "departed")
        fixture.clock.advance(milliseconds: 60_000)
        let closed = try fixture.handler.recordArrival(
            Markets.RecordArrivalRequest(manifestID: manifest.id, actingHaulerID: "HL01", disposalSiteID: "DS01"),
            context: testContext())

        #expect(closed.status == "closed")
        #expect(closed.arrivedAtMs == fixture.clock.now)
        #expect(closed.history.map(\.toStatus) == ["registered", "departed", "closed"])
        #expect(closed.history.dropFirst().allSatisfy { $0.actor == "hauler:HL01" })
        fixture.clock.advance(milliseconds: 3 * Self.hour)
        #expect(try fixture.store.expireManifests(nowMs: fixture.clock.now).isEmpty)
    }

    @Test func arrivalNeedsDepartureAndTheManifestsSite() throws {
        let fixture = try MarketsFixture()
        let manifest = try create(fixture, try Self.request(fixture))

        let early = serviceError {
            _ = try fixture.handler.recordArrival(
                Markets.RecordArrivalRequest(manifestID: manifest.id, actingHaulerID: "HL01", disposalSiteID: "DS01"),
                context: testContext())
        }
        #expect(early?.reason == "invalid_transition")

        _ = try fixture.handler.recordDeparture(
            Markets.RecordDepartureRequest(manifestID: manifest.id, actingHaulerID: "HL01"), context: testContext())
        let elsewhere = serviceError {
            _ = try fixture.handler.recordArrival(
                Markets.RecordArrivalRequest(manifestID: manifest.id, actingHaulerID: "HL01", disposalSiteID: "DS02"),
                context: testContext())
        }
        #expect(elsewhere?.reason == "disposal_site_mismatch")
        #expect(try fixture.store.manifest(id: manifest.id, actingHaulerID: "").status == "departed")
    }

    @Test func haulerTouchesOnlyItsOwnManifests() throws {
        let fixture = try MarketsFixture()
        let manifest = try create(fixture, try Self.request(fixture))

        let read = serviceError {
            _ = try fixture.handler.getManifest(
                Markets.GetManifestRequest(manifestID: manifest.id, actingHaulerID: "HL02"), context: testContext())
        }
        let depart = serviceError {
            _ = try fixture.handler.recordDeparture(
                Markets.RecordDepartureRequest(manifestID: manifest.id, actingHaulerID: "HL02"), context: testContext())
        }
        let unknown = serviceError {
            _ = try fixture.handler.recordDeparture(
                Markets.RecordDepartureRequest(manifestID: manifest.id, actingHaulerID: "HL99"), context: testContext())
        }
        let anonymous = serviceError {
            _ = try fixture.handler.recordDeparture(
                Markets.RecordDepartureRequest(manifestID: manifest.id), context: testContext())
        }

        #expect(read?.code == .permissionDenied)
        #expect(read?.reason == "not_own_manifest")
        #expect(depart?.reason == "not_own_manifest")
        #expect(unknown?.reason == "unknown_hauler")
        #expect(anonymous?.reason == "missing_acting_hauler_id")
        #expect(try fixture.store.manifest(id: manifest.id, actingHaulerID: "HL01").status == "registered")
        let listed = try fixture.handler.listManifests(Markets.ListManifestsRequest(haulerID: "HL02"), context: testContext())
        #expect(listed.manifests.isEmpty)
    }

    static let badRequests: [(String, @Sendable (inout Markets.CreateManifestRequest) -> Void, String)] = [
        ("plate", { $0.vehiclePlate = "AB-1234" }, "invalid_plate"),
        ("plate of another hauler", { $0.vehiclePlate = "京A00000" }, "unknown_vehicle"),
        ("unknown hauler", { $0.haulerID = "HL77" }, "unknown_hauler"),
        ("window ending before start", { $0.windowEndMs = $0.windowStartMs - 1 }, "invalid_window"),
        ("window in the past", { $0.windowStartMs -= 10 * ManifestTests.hour; $0.windowEndMs = $0.windowStartMs + ManifestTests.hour }, "window_in_past"),
        ("window too long", { $0.windowEndMs = $0.windowStartMs + 73 * ManifestTests.hour }, "window_too_long"),
        ("no load", { $0.expectedLoadTonnes = 0 }, "invalid_load"),
        ("overload", { $0.expectedLoadTonnes = 500 }, "overload"),
        ("unknown site", { $0.disposalSiteID = "DS99" }, "unknown_disposal_site"),
        ("unknown street", { $0.originStreetID = "ST999" }, "unknown_street"),
        ("empty origin", { $0.originSite = "  " }, "missing_origin_site"),
    ]

    @Test("bad manifest is rejected and nothing is stored", arguments: badRequests.indices)
    func badManifestStoresNothing(index: Int) throws {
        let (name, breakIt, reason) = Self.badRequests[index]
        let fixture = try MarketsFixture()
        var request = try Self.request(fixture)
        breakIt(&request)

        let error = serviceError { _ = try create(fixture, request) }

        #expect(error?.code == .invalidArgument, "\(name)")
        #expect(error?.reason == reason, "\(name)")
        #expect(error?.field != nil, "\(name)")
        #expect(try fixture.handler.listManifests(Markets.ListManifestsRequest(), context: testContext()).manifests.isEmpty)
    }

    @Test func licenseMustCoverTheWindow() throws {
        let fixture = try MarketsFixture()
        // DS03's approval ends on 2027-06-30 (last day included).
        let start = try #require(DistrictTime.instant("2027-06-30T20:00:00+08:00"))
        fixture.clock.advance(milliseconds: start - fixture.clock.now - Self.hour)

        let error = serviceError { _ = try create(fixture, try Self.request(fixture, site: "DS03", startMs: start, endMs: start + 8 * Self.hour)) }

        #expect(error?.code == .failedPrecondition)
        #expect(error?.reason == "disposal_site_license_invalid")
    }

    @Test func vehicleCarriesOneLoadAtATime() throws {
        let fixture = try MarketsFixture()
        _ = try create(fixture, try Self.request(fixture))
        let error = serviceError { _ = try create(fixture, try Self.request(fixture)) }
        #expect(error?.reason == "vehicle_busy")
        _ = try create(fixture, try Self.request(fixture, plate: try Self.hauler(fixture).otherPlate))
    }

    @Test func expiryQueuesExactlyOneCase() throws {
        let fixture = try MarketsFixture()
        let manifest = try create(fixture, try Self.request(fixture, endMs: fixture.clock.now + Self.hour))
        _ = try fixture.handler.recordDeparture(
            Markets.RecordDepartureRequest(manifestID: manifest.id, actingHaulerID: "HL01"), context: testContext())

        #expect(try fixture.store.expireManifests(nowMs: fixture.clock.now).isEmpty)
        fixture.clock.advance(milliseconds: Self.hour)
        #expect(try fixture.store.expireManifests(nowMs: fixture.clock.now) == [manifest.id])
        #expect(try fixture.store.expireManifests(nowMs: fixture.clock.now).isEmpty)
        try fixture.restart()
        #expect(try fixture.store.expireManifests(nowMs: fixture.clock.now + Self.hour).isEmpty)

        let outbox = try fixture.outbox()
        #expect(outbox.count == 1)
        let request = try #require(outbox.first)
        #expect(request.categoryCode == "0301")
        #expect(request.idempotencyKey == "manifest-expired:\(manifest.id)")
        #expect(request.externalRef == "manifest:\(manifest.id)")
        #expect(request.channel == "markets_manifest")
        #expect(request.description.contains(manifest.id))
        #expect(request.description.contains("车辆已于"))
        let street = try #require(fixture.registry.streets.withLock { $0 }.first { $0.id == "ST008" })
        #expect(request.boardCode == street.boardCode)

        let expired = try fixture.store.manifest(id: manifest.id, actingHaulerID: "")
        #expect(expired.status == "expired")
        #expect(expired.raisedAtMs == fixture.clock.now)
        #expect(expired.history.last?.actor == "system")
    }

    @Test func lateArrivalExpiresInstead() throws {
        let fixture = try MarketsFixture()
        let manifest = try create(fixture, try Self.request(fixture, endMs: fixture.clock.now + Self.hour))
        _ = try fixture.handler.recordDeparture(
            Markets.RecordDepartureRequest(manifestID: manifest.id, actingHaulerID: "HL01"), context: testContext())
        fixture.clock.advance(milliseconds: Self.hour + 1)

        let error = serviceError {
            _ = try fixture.handler.recordArrival(
                Markets.RecordArrivalRequest(manifestID: manifest.id, actingHaulerID: "HL01", disposalSiteID: "DS01"),
                context: testContext())
        }

        #expect(error?.code == .failedPrecondition)
        #expect(error?.reason == "manifest_expired")
        #expect(try fixture.store.manifest(id: manifest.id, actingHaulerID: "").status == "expired")
        #expect(try fixture.outbox().count == 1)
        #expect(try fixture.store.expireManifests(nowMs: fixture.clock.now).isEmpty)
    }

    @Test func filingStoresTheCaseOnceAcrossRedelivery() throws {
        let fixture = try MarketsFixture()
        let intake = FakeIntake()
        let router = RPCRouter()
        intake.register(in: router)
        let server = try startServer("jielu-intake", router: router)
        defer { server.drain() }
        let client = RPCClient(address: server.boundAddress, serviceName: "jielu-intake", logger: testLogger)
        defer { client.close() }

        let manifest = try create(fixture, try Self.request(fixture, endMs: fixture.clock.now + Self.hour))
        fixture.clock.advance(milliseconds: Self.hour)
        _ = try fixture.store.expireManifests(nowMs: fixture.clock.now)
        let records = try fixture.store.database.read { connection in
            try connection.query("SELECT * FROM \(MarketsSchema.outboxTable)").map { row in
                OutboxRecord(id: row.int64("id"), payload: row.blob("payload"), createdAtMs: row.int64("created_at_ms"), attempts: 0)
            }
        }
        let clock = fixture.clock
        let filing = CaseFiling(intake: IntakeClient(client), store: fixture.store, logger: testLogger, clock: { clock.now })

        // A crash between intake's reply and the outbox delete delivers the same record again.
        try filing.deliver(records)
        try filing.deliver(records)

        #expect(intake.caseCount == 1)
        #expect(intake.requests.withLock { $0.count } == 2)
        let filed = try fixture.store.manifest(id: manifest.id, actingHaulerID: "")
        #expect(filed.caseID == "JL20261204-000001")
        #expect(filed.trackingCode == "TRACK00001")
        #expect(filed.history.filter { $0.reason.contains("已立案") }.count == 1)
    }

    @Test func unreachableIntakeFailsTheBatch() throws {
        let fixture = try MarketsFixture()
        let client = RPCClient(address: try closedAddress(), serviceName: "jielu-intake", logger: testLogger)
        defer { client.close() }
        _ = try create(fixture, try Self.request(fixture, endMs: fixture.clock.now + Self.hour))
        fixture.clock.advance(milliseconds: Self.hour)
        _ = try fixture.store.expireManifests(nowMs: fixture.clock.now)
        let record = OutboxRecord(id: 1, payload: try fixture.outbox()[0].serializedBytes(), createdAtMs: 0, attempts: 0)
        let clock = fixture.clock
        let filing = CaseFiling(intake: IntakeClient(client), store: fixture.store, logger: testLogger, clock: { clock.now })

        #expect(throws: OutboxRelay.PartialDelivery.self) { try filing.deliver([record]) }
    }

    @Test("plates normalize", arguments: [
        ("吉A5K2D8", "吉A5K2D8"), ("吉a·5k2d8", "吉A5K2D8"), ("吉A 12345", "吉A12345"), ("吉AD12345", "吉AD12345"),
    ])
    func platesNormalize(text: String, plate: String) {
        #expect(LicensePlate.normalized(text) == plate)
    }

    @Test("malformed plates", arguments: ["", "吉A1234", "吉A1234567", "XA12345", "吉I12345", "吉A1234O", "吉112345"])
    func malformedPlates(text: String) {
        #expect(LicensePlate.normalized(text) == nil)
    }
}
