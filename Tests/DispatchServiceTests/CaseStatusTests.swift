import JieluCore
import Testing

@testable import DispatchService

@Suite("CaseStatus")
struct CaseStatusTests {
    typealias Action = CaseStatus.Action

    static let allowed: [(CaseStatus, Action, CaseStatus)] = [
        (.received, .dispatch, .dispatched),
        (.dispatched, .resolve, .resolved),
        (.reopened, .resolve, .resolved),
        (.resolved, .confirm(satisfied: true), .closed),
        (.resolved, .confirm(satisfied: false), .reopened),
    ]

    static let actions: [Action] = [.dispatch, .resolve, .confirm(satisfied: true), .confirm(satisfied: false)]

    @Test("allowed moves", arguments: allowed)
    func allowedMoves(from: CaseStatus, action: Action, to: CaseStatus) throws {
        #expect(try from.applying(action) == to)
    }

    @Test("every other move is rejected", arguments: CaseStatus.allCases)
    func otherMovesRejected(from: CaseStatus) throws {
        for action in CaseStatusTests.actions
        where !CaseStatusTests.allowed.contains(where: { $0.0 == from && $0.1 == action }) {
            let error = try #require(throws: ServiceError.self) { try from.applying(action) }
            #expect(error.code == .failedPrecondition)
            #expect(error.reason == "invalid_transition")
            #expect(error.message.hasPrefix("案件当前状态为「\(from.displayName)」"))
        }
    }

    @Test("confirming a dispatched case names the status")
    func confirmDispatchedMessage() throws {
        let error = try #require(throws: ServiceError.self) {
            try CaseStatus.dispatched.applying(.confirm(satisfied: true))
        }
        #expect(error.message == "案件当前状态为「已派遣」，处置完成后才能确认。")
    }

    @Test("closed is terminal")
    func closedIsTerminal() {
        for action in CaseStatusTests.actions {
            #expect(throws: ServiceError.self) { try CaseStatus.closed.applying(action) }
        }
    }
}
