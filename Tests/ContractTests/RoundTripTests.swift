import Foundation
import JieluContract
import JieluRPC
import Testing

@Suite("Message round trips")
struct RoundTripTests {
    static let complete = Fixtures.complete.map(MessageSample.init)
    static let edgeCases = Fixtures.edgeCases.map(MessageSample.init)

    @Test("complete fixture sets every field", arguments: complete)
    func completeFixtureSetsEveryField(_ sample: MessageSample) {
        let problems = MessageAudit.unsetOrDuplicateFields(sample.message, path: sample.testDescription)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("complete message round-trips", arguments: complete)
    func completeMessageRoundTrips(_ sample: MessageSample) throws {
        try expectRoundTrip(sample.message)
    }

    @Test("edge case round-trips", arguments: edgeCases)
    func edgeCaseRoundTrips(_ sample: MessageSample) throws {
        try expectRoundTrip(sample.message)
    }

    @Test("wire fields match properties", arguments: complete + edgeCases)
    func wireFieldsMatchProperties(_ sample: MessageSample) {
        let problems = MessageAudit.wireMismatches(sample.message, path: sample.testDescription)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("every proto message has a complete fixture")
    func everyProtoMessageHasCompleteFixture() throws {
        let protoDirectory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Shared/Proto/jielu")
        var protoMessages: Set<String> = []
        for (file, namespace) in [("registry", "Registry"), ("intake", "Intake"), ("dispatch", "Dispatch"), ("metrics", "Metrics")] {
            let text = try String(contentsOf: protoDirectory.appendingPathComponent("\(file).proto"), encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("message ") {
                let name = line.dropFirst("message ".count).prefix { $0.isLetter || $0.isNumber }
                protoMessages.insert("\(namespace).\(name)")
            }
        }

        let fixtureTypes = Set(Self.complete.map(\.qualifiedTypeName))
        #expect(protoMessages.count == 49)
        #expect(protoMessages.subtracting(fixtureTypes).isEmpty, "no fixture for \(protoMessages.subtracting(fixtureTypes))")
        #expect(fixtureTypes.subtracting(protoMessages).isEmpty, "not in the protos: \(fixtureTypes.subtracting(protoMessages))")
        #expect(Self.complete.count == fixtureTypes.count, "a message type has two complete fixtures")
    }

    @Test("empty bytes decode to defaults")
    func emptyBytesDecodeToDefaults() throws {
        #expect(try Registry.Board(serializedBytes: []) == Registry.Board())
        #expect(try Registry.Board(serializedBytes: []).street == nil)
        #expect(try Dispatch.Case(serializedBytes: []) == Dispatch.Case())
        #expect(try Metrics.Summary(serializedBytes: []) == Metrics.Summary())
        #expect(Registry.ListCategoriesRequest().serializedBytes() == [])
    }

    @Test("empty nested message stays present")
    func emptyNestedMessageStaysPresent() throws {
        let board = Registry.Board(street: Registry.Street())

        let bytes = board.serializedBytes()
        let decoded = try Registry.Board(serializedBytes: bytes)

        #expect(bytes == [0x0A, 0x00])
        #expect(decoded.street == Registry.Street())
    }

    @Test("NaN round-trips")
    func notANumberRoundTrips() throws {
        let stats = Metrics.Stats(completionRate: .nan, closureRate: .signalingNaN)

        let decoded = try Metrics.Stats(serializedBytes: stats.serializedBytes())

        #expect(decoded.completionRate.isNaN)
        #expect(decoded.closureRate.isNaN)
    }

    @Test("string is cut at embedded NUL")
    func stringIsCutAtEmbeddedNUL() throws {
        // A C string cannot hold U+0000; ProtobufC documents the cut.
        let request = Registry.GetBoardRequest(boardCode: "AB\u{0}CD")

        let decoded = try Registry.GetBoardRequest(serializedBytes: request.serializedBytes())

        #expect(decoded.boardCode == "AB")
    }

    @Test("ten thousand round trips")
    func tenThousandRoundTrips() throws {
        var closedCount = 0
        for index in 0..<10_000 {
            var dispatchCase = Fixtures.dispatchCase
            dispatchCase.caseID = "C-\(index)"
            dispatchCase.receivedAtMs = Int64(index) * -1_000

            let decoded = try Dispatch.Case(serializedBytes: dispatchCase.serializedBytes())

            #expect(decoded.caseID == "C-\(index)")
            #expect(decoded.receivedAtMs == Int64(index) * -1_000)
            #expect(decoded.timeline.count == 2)
            if decoded.status == "closed" {
                closedCount += 1
            }
        }
        #expect(closedCount == 10_000)
    }

    // MARK: Helpers

    private func expectRoundTrip<Message: ProtoMessage & Equatable>(
        _ message: Message, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let bytes = message.serializedBytes()

        let decoded = try Message(serializedBytes: bytes)

        #expect(decoded == message, sourceLocation: sourceLocation)
        #expect(decoded.serializedBytes() == bytes, "re-encoding changed the bytes", sourceLocation: sourceLocation)
    }
}
