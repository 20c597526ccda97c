import Testing

@testable import MetricsService

@Suite("Metrics fact contribution")
struct FactContributionTests {
    static let t0 = ClosureFixture.t0

    static func fact(
        status: String = "received", dueAtMs: Int64 = 0, dispatchedAtMs: Int64 = 0, closedAtMs: Int64 = 0,
        reopenedCount: Int = 0
    ) -> CaseFact {
        var fact = CaseFact(caseID: "C")
        fact.streetID = "ST-001"
        fact.streetName = "和平路"
        fact.subDistrictID = "SD-01"
        fact.subDistrictName = "东风街道"
        fact.receivedAtMs = t0
        fact.status = status
        fact.dueAtMs = dueAtMs
        fact.dispatchedAtMs = dispatchedAtMs
        fact.closedAtMs = closedAtMs
        fact.reopenedCount = reopenedCount
        return fact
    }

    @Test("counts follow the recount's predicates", arguments: [
        ("open without due time", fact(), PlaceCounts(received: 1)),
        ("open with due time", fact(dueAtMs: t0 + 1), PlaceCounts(received: 1, openWithDue: 1)),
        ("dispatched", fact(status: "dispatched", dispatchedAtMs: t0 + 1), PlaceCounts(received: 1, dispatched: 1)),
        ("resolved", fact(status: "resolved"), PlaceCounts(received: 1, resolved: 1)),
        ("reopened twice", fact(status: "reopened", reopenedCount: 2), PlaceCounts(received: 1, reopened: 1)),
        (
            "closed on time", fact(status: "closed", dueAtMs: t0 + 10, closedAtMs: t0 + 10),
            PlaceCounts(received: 1, resolved: 1, closed: 1, closedOnTime: 1, handlingMs: 10)
        ),
        (
            "closed late", fact(status: "closed", dueAtMs: t0 + 10, closedAtMs: t0 + 11),
            PlaceCounts(received: 1, resolved: 1, closed: 1, handlingMs: 11)
        ),
        (
            "closed without due time", fact(status: "closed", closedAtMs: t0 + 5),
            PlaceCounts(received: 1, resolved: 1, closed: 1, handlingMs: 5)
        ),
        (
            "closed before received", fact(status: "closed", dueAtMs: t0, closedAtMs: t0 - 7),
            PlaceCounts(received: 1, resolved: 1, closed: 1, closedOnTime: 1, handlingMs: -7)
        ),
    ])
    func counts(label: String, fact: CaseFact, expected: PlaceCounts) {
        #expect(FactContribution(fact).counts == expected, "\(label)")
    }

    @Test("place carries ids and names")
    func place() {
        let place = FactContribution(Self.fact()).place
        #expect(place == PlaceKey(subDistrictID: "SD-01", streetID: "ST-001", subDistrictName: "东风街道", streetName: "和平路"))
    }

    @Test("new case adds its contribution")
    func newCase() {
        var changes = PlaceCountChanges()
        let new = FactContribution(Self.fact(dueAtMs: Self.t0))
        changes.replace(nil, with: new)
        #expect(changes.nonZero.count == 1)
        #expect(changes.nonZero.first?.place == new.place)
        #expect(changes.nonZero.first?.change == new.counts)
    }

    @Test("unchanged contribution changes nothing")
    func unchanged() {
        var changes = PlaceCountChanges()
        let same = FactContribution(Self.fact(status: "dispatched", dispatchedAtMs: Self.t0))
        changes.replace(same, with: same)
        #expect(changes.nonZero.isEmpty)
    }

    @Test("closing moves a case from open to closed")
    func closing() {
        var changes = PlaceCountChanges()
        let open = FactContribution(Self.fact(status: "resolved", dueAtMs: Self.t0 + 100))
        let closed = FactContribution(Self.fact(status: "closed", dueAtMs: Self.t0 + 100, closedAtMs: Self.t0 + 50))
        changes.replace(open, with: closed)
        #expect(changes.nonZero.first?.change == PlaceCounts(closed: 1, closedOnTime: 1, handlingMs: 50, openWithDue: -1))
    }

    @Test("moving a case changes two places")
    func moving() {
        var changes = PlaceCountChanges()
        let before = FactContribution(Self.fact(dueAtMs: Self.t0))
        var movedFact = Self.fact(dueAtMs: Self.t0)
        movedFact.streetName = "和平大路"
        let after = FactContribution(movedFact)
        changes.replace(before, with: after)

        #expect(changes.byPlace.count == 2)
        #expect(changes.byPlace[before.place] == PlaceCounts(received: -1, openWithDue: -1))
        #expect(changes.byPlace[after.place] == PlaceCounts(received: 1, openWithDue: 1))
    }

    @Test("changes of one batch accumulate")
    func accumulate() {
        var changes = PlaceCountChanges()
        let first = FactContribution(Self.fact())
        let second = FactContribution(Self.fact(status: "dispatched", dispatchedAtMs: Self.t0))
        let third = FactContribution(Self.fact(status: "closed", dispatchedAtMs: Self.t0, closedAtMs: Self.t0 + 3))
        changes.replace(nil, with: first)
        changes.replace(first, with: second)
        changes.replace(second, with: third)
        #expect(changes.nonZero.count == 1)
        #expect(changes.nonZero.first?.change == third.counts)
    }
}
