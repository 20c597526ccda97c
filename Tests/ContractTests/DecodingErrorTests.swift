import JieluContract
import JieluCore
import JieluRPC
import Testing

@Suite("Decoding errors")
struct DecodingErrorTests {
    struct Garbage: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let bytes: [UInt8]
    }

    static let garbage: [Garbage] = [
        Garbage(testDescription: "lone continuation byte", bytes: [0xFF]),
        Garbage(testDescription: "length past the end", bytes: [0x0A, 0x05, 0x41]),
        Garbage(testDescription: "eleven-byte varint", bytes: [0x08] + Array(repeating: 0xFF, count: 10) + [0x01]),
        Garbage(testDescription: "field number 0", bytes: [0x02, 0x00]),
        Garbage(testDescription: "start group wire type", bytes: [0x0B, 0x0C]),
        Garbage(testDescription: "reserved wire type 6", bytes: [0x0E, 0x00]),
        Garbage(testDescription: "string field sent as varint", bytes: [0x08, 0x01]),
        Garbage(testDescription: "truncated fixed64", bytes: [0x09, 0x00, 0x00]),
        Garbage(testDescription: "ASCII text", bytes: Array("{\"boardCode\":\"AB\"}".utf8)),
    ]

    @Test("garbage bytes are malformed", arguments: garbage)
    func garbageBytesAreMalformed(_ garbage: Garbage) {
        let error = #expect(throws: ServiceError.self) {
            try Registry.GetBoardRequest(serializedBytes: garbage.bytes)
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.reason == "malformed_message")
        #expect(error?.message.hasPrefix("消息格式无效：") == true)
        #expect(error?.message.contains("jielu.registry.v1.GetBoardRequest") == true)
    }

    @Test("garbage inside a nested message is malformed")
    func garbageInNestedMessageIsMalformed() {
        // Board.street holding a string field whose length runs past the street.
        let error = #expect(throws: ServiceError.self) {
            try Registry.Board(serializedBytes: [0x0A, 0x02, 0x12, 0x05])
        }
        #expect(error?.reason == "malformed_message")
    }

    @Test("invalid UTF-8 is rejected", arguments: [
        [0xFF, 0xFE],
        [0xC0, 0x80],  // overlong encoding of U+0000
        [0xC3, 0x28],  // lead byte followed by ASCII
        [0xED, 0xA0, 0x80],  // UTF-16 surrogate U+D800
        [0xE8, 0xA1],  // "街" without its last byte
        [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
        [0x41, 0x80],  // stray continuation byte after ASCII
    ] as [[UInt8]])
    func invalidUTF8IsRejected(_ text: [UInt8]) {
        let bytes = [0x0A, UInt8(text.count)] + text

        let error = #expect(throws: ServiceError.self) {
            try Registry.GetBoardRequest(serializedBytes: bytes)
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.reason == "malformed_message")
        #expect(error?.field == "board_code")
        #expect(error?.message.contains("board_code") == true)
    }

    @Test("valid multi-byte UTF-8 is accepted")
    func validMultibyteUTF8IsAccepted() throws {
        // "街" (3 bytes) and U+1F6A7 (4 bytes).
        let bytes: [UInt8] = [0x0A, 0x07, 0xE8, 0xA1, 0x97, 0xF0, 0x9F, 0x9A, 0xA7]

        let request = try Registry.GetBoardRequest(serializedBytes: bytes)

        #expect(request.boardCode == "街🚧")
    }

    struct NestedCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let decode: @Sendable ([UInt8]) throws -> Void
        let bytes: [UInt8]
        let field: String
    }

    static let nestedCases: [NestedCase] = [
        NestedCase(
            testDescription: "message field", decode: { _ = try Registry.Board(serializedBytes: $0) },
            bytes: [0x0A, 0x04, 0x12, 0x02, 0xFF, 0xFE], field: "street.name"),
        NestedCase(
            testDescription: "repeated string", decode: { _ = try Registry.Street(serializedBytes: $0) },
            bytes: [0x42, 0x01, 0x41, 0x42, 0x02, 0xC3, 0x28], field: "cadre_ids[1]"),
        NestedCase(
            testDescription: "repeated message", decode: { _ = try Registry.ListStreetsResponse(serializedBytes: $0) },
            bytes: [0x0A, 0x00, 0x0A, 0x04, 0x12, 0x02, 0xFF, 0xFE], field: "streets[1].name"),
        // District.categories[0] (key 0x5A) holding items[1] (key 0x1A) whose name (key 0x12) is invalid.
        NestedCase(
            testDescription: "three levels", decode: { _ = try Registry.District(serializedBytes: $0) },
            bytes: [0x5A, 0x08, 0x1A, 0x00, 0x1A, 0x04, 0x12, 0x02, 0xED, 0xA0], field: "categories[0].items[1].name"),
        NestedCase(
            testDescription: "message from another proto",
            decode: { _ = try Dispatch.AcceptCaseRequest(serializedBytes: $0) },
            bytes: [0x0A, 0x04, 0x52, 0x02, 0xFF, 0xFE], field: "report.description"),
    ]

    @Test("invalid UTF-8 error names the nested field", arguments: nestedCases)
    func invalidUTF8NamesNestedField(_ nested: NestedCase) {
        let error = #expect(throws: ServiceError.self) {
            try nested.decode(nested.bytes)
        }
        #expect(error?.reason == "malformed_message")
        #expect(error?.field == nested.field)
        #expect(error?.message.contains(nested.field) == true)
    }
}
