#if canImport(Glibc)
import Glibc
#endif
import CProtobufC
import JieluCore
import JieluRPC
import Testing

/// The field helpers on their own, including `bytes`, which no Jielu message
/// field uses yet.
@Suite("ProtobufC helpers")
struct ProtobufCSupportTests {
    @Test(
        "binary data copies bytes",
        arguments: [[], [0x00], [0xFF, 0x00, 0x7F], Array(repeating: 0xAB, count: 70_000)] as [[UInt8]])
    func binaryDataCopiesBytes(_ bytes: [UInt8]) {
        let data = ProtobufC.cBinaryData(bytes)
        defer { free(data.data) }

        #expect(data.len == bytes.count)
        #expect(ProtobufC.bytes(data) == bytes)
    }

    @Test("empty binary data has no block")
    func emptyBinaryDataHasNoBlock() {
        let data = ProtobufC.cBinaryData([])

        #expect(data.data == nil)
    }

    @Test("string array keeps order and empty strings")
    func stringArrayKeepsOrder() throws {
        let strings = ["街路", "", "🚧", "a"]

        let (count, elements) = ProtobufC.cStringArray(strings)
        defer {
            for index in 0..<count {
                free(elements?[index])
            }
            free(elements)
        }

        #expect(count == 4)
        #expect(try ProtobufC.strings(count, elements, field: "x") == strings)
    }

    @Test("empty string array has no block")
    func emptyStringArrayHasNoBlock() throws {
        let (count, elements) = ProtobufC.cStringArray([])

        #expect(count == 0)
        #expect(elements == nil)
        #expect(try ProtobufC.strings(0, nil, field: "x") == [])
    }

    @Test("null string pointer reads as empty")
    func nullStringReadsAsEmpty() throws {
        #expect(try ProtobufC.string(nil, field: "x") == "")
    }

    @Test("C string copies UTF-8")
    func cStringCopiesUTF8() throws {
        let pointer = ProtobufC.cString("投诉 🚦")
        defer { free(pointer) }

        #expect(strlen(pointer) == 11)
        #expect(try ProtobufC.string(pointer, field: "x") == "投诉 🚦")
    }

    @Test("boolean is C int")
    func booleanIsCInt() {
        #expect(ProtobufC.cBool(true) == 1)
        #expect(ProtobufC.cBool(false) == 0)
    }
}
