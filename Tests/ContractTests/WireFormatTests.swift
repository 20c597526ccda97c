import JieluContract
import JieluRPC
import Testing

/// Hand-computed protobuf encodings, so the tests prove that the bytes on the
/// wire are standard protobuf and not merely self-consistent.
@Suite("Wire format")
struct WireFormatTests {
    struct KnownEncoding: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let message: MessageSample
        let bytes: [UInt8]
    }

    static let knownEncodings: [KnownEncoding] = [
        // Field 1, wire type 2 (key 0x0A), length 2, "AB".
        KnownEncoding(
            testDescription: "string field", message: MessageSample(Registry.GetBoardRequest(boardCode: "AB")),
            bytes: [0x0A, 0x02, 0x41, 0x42]),
        // 300 is the varint AC 02; field 2 is key 0x10.
        KnownEncoding(
            testDescription: "uint32 varints",
            message: MessageSample(Metrics.RecordEventsResponse(recorded: 300, duplicates: 1)),
            bytes: [0x08, 0xAC, 0x02, 0x10, 0x01]),
        // A negative int64 is a ten-byte varint in two's complement.
        KnownEncoding(
            testDescription: "negative int64", message: MessageSample(Metrics.GetSummaryRequest(nowMs: -1)),
            bytes: [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
        // "街" is E8 A1 97; bool field 5 is key 0x28; double field 6 is key 0x31
        // followed by 1.0 as little-endian IEEE 754.
        KnownEncoding(
            testDescription: "UTF-8, bool and double",
            message: MessageSample(Intake.SubmitReportRequest(boardCode: "街", hasLocation: true, lat: 1)),
            bytes: [0x0A, 0x03, 0xE8, 0xA1, 0x97, 0x28, 0x01, 0x31, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F]),
        // Board.street (field 1) holding Street.name (field 2) = "A", then
        // Board.people (field 5, key 0x2A) holding staff_id (field 1) = "s".
        KnownEncoding(
            testDescription: "nested and repeated messages",
            message: MessageSample(
                Registry.Board(street: Registry.Street(name: "A"), people: [Registry.ResponsiblePerson(staffID: "s")])),
            bytes: [0x0A, 0x03, 0x12, 0x01, 0x41, 0x2A, 0x03, 0x0A, 0x01, 0x73]),
        // Repeated strings keep their order; field 4 is key 0x22.
        KnownEncoding(
            testDescription: "repeated strings in order",
            message: MessageSample(Registry.Unit(subDistrictIDs: ["b", "", "a"])),
            bytes: [0x22, 0x01, 0x62, 0x22, 0x00, 0x22, 0x01, 0x61]),
    ]

    @Test("encoding matches hand-computed bytes", arguments: knownEncodings)
    func encodingMatchesKnownBytes(_ known: KnownEncoding) {
        #expect(known.message.message.serializedBytes() == known.bytes)
    }

    @Test("hand-computed bytes decode", arguments: knownEncodings)
    func knownBytesDecode(_ known: KnownEncoding) throws {
        try expectDecodes(known.bytes, to: known.message.message)
    }

    @Test("unknown fields are skipped")
    func unknownFieldsAreSkipped() throws {
        // Field 99 as a varint (key 98 06) and field 100 as bytes (key A2 06),
        // around the known field 1.
        let bytes: [UInt8] = [0x98, 0x06, 0x05, 0x0A, 0x02, 0x41, 0x42, 0xA2, 0x06, 0x02, 0xFF, 0xFE]

        let request = try Registry.GetBoardRequest(serializedBytes: bytes)

        #expect(request == Registry.GetBoardRequest(boardCode: "AB"))
    }

    @Test("fields decode in any order")
    func fieldsDecodeInAnyOrder() throws {
        // SubDistrict.name (field 2) before SubDistrict.id (field 1).
        let bytes: [UInt8] = [0x12, 0x01, 0x4E, 0x0A, 0x01, 0x49]

        let subDistrict = try Registry.SubDistrict(serializedBytes: bytes)

        #expect(subDistrict == Registry.SubDistrict(id: "I", name: "N"))
    }

    @Test("last value of a repeated singular field wins")
    func lastValueWins() throws {
        let bytes: [UInt8] = [0x0A, 0x01, 0x41, 0x0A, 0x01, 0x42]

        let request = try Registry.GetBoardRequest(serializedBytes: bytes)

        #expect(request.boardCode == "B")
    }

    // MARK: Helpers

    private func expectDecodes<Message: ProtoMessage & Equatable>(_ bytes: [UInt8], to expected: Message) throws {
        let decoded = try Message(serializedBytes: bytes)
        #expect(decoded == expected)
    }
}
