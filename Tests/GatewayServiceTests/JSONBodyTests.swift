import JieluCore
import Testing
@testable import GatewayService

@Suite("JSONBody")
struct JSONBodyTests {
    static func body(_ text: String) throws -> JSONBody {
        try JSONBody(Array(text.utf8))
    }

    static func error(_ work: () throws -> Void) -> ServiceError? {
        do {
            try work()
            return nil
        } catch let error as ServiceError {
            return error
        } catch {
            return nil
        }
    }

    @Test("not an object is malformed_json", arguments: [
        "", "{", "[1,2]", "\"text\"", "42", "{\"a\":1} trailing", "{'a':1}", "{\"a\":\"\\ud800\"}",
        String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
    ])
    func malformed(text: String) {
        let error = Self.error { _ = try Self.body(text) }
        #expect(error?.reason == "malformed_json")
        #expect(error?.code == .invalidArgument)
    }

    @Test("invalid UTF-8 is malformed_json")
    func invalidUTF8() {
        let bytes: [UInt8] = Array("{\"description\":\"".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        let error = Self.error { _ = try JSONBody(bytes) }
        #expect(error?.reason == "malformed_json")
    }

    @Test("strings read, unknown members ignored")
    func strings() throws {
        let body = try Self.body(#"{"board_code":"ABC","extra":{"nested":[1,2]},"phone":null,"name":"街路\n"}"#)
        #expect(try body.string("board_code") == "ABC")
        #expect(try body.string("name") == "街路\n")
        #expect(try body.optionalString("phone") == nil)
        #expect(try body.optionalString("absent") == nil)
    }

    @Test("wrong types name the field", arguments: [
        (#"{"f":1}"#, "string"), (#"{"f":true}"#, "string"), (#"{"f":["a"]}"#, "string"), (#"{"f":{}}"#, "string"),
        (#"{"f":"true"}"#, "bool"), (#"{"f":1}"#, "bool"), (#"{"f":0}"#, "bool"),
        (#"{"f":"1.5"}"#, "number"), (#"{"f":true}"#, "number"), (#"{"f":false}"#, "number"), (#"{"f":[1]}"#, "number"),
    ])
    func wrongType(text: String, kind: String) throws {
        let body = try Self.body(text)
        let error = Self.error {
            switch kind {
            case "string": _ = try body.string("f")
            case "bool": _ = try body.bool("f")
            default: _ = try body.optionalNumber("f")
            }
        }
        #expect(error?.reason == "invalid_field")
        #expect(error?.field == "f")
    }

    @Test("missing required members are missing_field")
    func missing() throws {
        let body = try Self.body(#"{"other":1,"nothing":null}"#)
        #expect(Self.error { _ = try body.string("board_code") }?.reason == "missing_field")
        #expect(Self.error { _ = try body.string("nothing") }?.field == "nothing")
        #expect(Self.error { _ = try body.bool("satisfied") }?.reason == "missing_field")
    }

    @Test("booleans and numbers keep their types")
    func booleansAndNumbers() throws {
        let body = try Self.body(#"{"yes":true,"no":false,"lat":43.88,"whole":125,"negative":-0.5}"#)
        #expect(try body.bool("yes") == true)
        #expect(try body.bool("no") == false)
        #expect(try body.optionalNumber("lat") == 43.88)
        #expect(try body.optionalNumber("whole") == 125)
        #expect(try body.optionalNumber("negative") == -0.5)
    }

    @Test("NUL inside a string is rejected")
    func nulCharacter() throws {
        let body = try Self.body(#"{"description":"a\u0000b"}"#)
        let error = Self.error { _ = try body.string("description") }
        #expect(error?.reason == "invalid_field")
        #expect(error?.field == "description")
    }
}
