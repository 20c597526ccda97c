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
        #"{"a":1,}"#, #"{"a":[1,]}"#, #"{"a":1,"a":2}"#, #"{"a":01}"#, #"{"a":NaN}"#, " ",
        "{\"a\":\"x\ny\"}", "{\"a\":\"\u{0}\"}",
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

    @Test("UTF-16 body is malformed_json")
    func utf16() {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array(#"{"a":1}"#.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let error = Self.error { _ = try JSONBody(bytes) }
        #expect(error?.reason == "malformed_json")
    }

    @Test("UTF-8 byte order mark is skipped")
    func byteOrderMark() throws {
        let body = try JSONBody([0xEF, 0xBB, 0xBF] + Array(#"{"board_code":"ABC"}"#.utf8))
        #expect(try body.string("board_code") == "ABC")
    }

    @Test("integers and large numbers read as numbers")
    func numbers() throws {
        let body = try Self.body(#"{"whole":9007199254740993,"big":123456789012345678901234567890,"tiny":1e-400,"exp":4.388E1}"#)
        #expect(try body.optionalNumber("whole") == 9_007_199_254_740_992)
        #expect(try body.optionalNumber("big") == 1.2345678901234568e29)
        #expect(try body.optionalNumber("tiny") == 0)
        #expect(try body.optionalNumber("exp") == 43.88)
        #expect(try body.optionalNumber("absent") == nil)
    }

    @Test("escaped NUL in an unread member is ignored")
    func nulInUnreadMember() throws {
        let body = try Self.body(#"{"board_code":"ABC","extra":"a\u0000b","nested":{"x":"\u0000"}}"#)
        #expect(try body.string("board_code") == "ABC")
    }

    @Test("NUL inside a string is rejected")
    func nulCharacter() throws {
        let body = try Self.body(#"{"description":"a\u0000b"}"#)
        let error = Self.error { _ = try body.string("description") }
        #expect(error?.reason == "invalid_field")
        #expect(error?.field == "description")
    }

    // MARK: Messages

    @Test("empty and non-object bodies keep their messages", arguments: [
        ("", "请求体为空，请发送一个 JSON 对象。"),
        (" \r\n", "请求体为空，请发送一个 JSON 对象。"),
        ("[1,2]", "请求体必须是 JSON 对象（以 { 开头）。"),
        ("42", "请求体必须是 JSON 对象（以 { 开头）。"),
    ])
    func fixedMessages(text: String, message: String) {
        let error = Self.error { _ = try Self.body(text) }
        #expect(error?.reason == "malformed_json")
        #expect(error?.message == message)
    }

    @Test("duplicate name message quotes the name")
    func duplicateMessage() {
        let error = Self.error { _ = try Self.body(#"{"board_code":"A","category_code":"0101","board_code":"B"}"#) }
        #expect(error?.reason == "malformed_json")
        #expect(error?.code == .invalidArgument)
        #expect(error?.message == "JSON 对象中字段「board_code」重复出现，请只保留一个。")
        #expect(error?.field == nil)
    }

    @Test("message names each problem", arguments: [
        (#"{"a":1,}"#, "多余的逗号（第 7 个字节处）"),
        (#"{"a":[1,]}"#, "多余的逗号（第 8 个字节处）"),
        (#"{"a":01}"#, "前导零"),
        (#"{"a":+1}"#, "数字格式错误"),
        (#"{"a":1.}"#, "数字格式错误"),
        (#"{"a":NaN}"#, "NaN 和 Infinity"),
        (#"{"a":1e999}"#, "超出可表示的范围"),
        (#"{"a":"\q"}"#, "转义无效"),
        (#"{"a":"\udc00"}"#, "代理项"),
        ("{\"a\":\"x\ty\"}", "控制字符"),
        (#"{"a":1} {}"#, "多余的内容（第 9 个字节处）"),
        (#"{"a":1"#, "不完整"),
        (#"{'a':1}"#, "第 2 个字节处有意外的字符「'」"),
        (#"{"a":1，"b":2}"#, "意外的字符「，」"),
        ("{\"a\":1,\u{0B}\"b\":2}", "意外的字符「U+000B」"),
        (String(repeating: "[", count: 65), "嵌套超过 64 层"),
    ])
    func problemMessages(text: String, fragment: String) {
        let error = Self.error { _ = try Self.body(text) }
        #expect(error?.reason == "malformed_json")
        #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "no error")")
    }

    @Test("invalid UTF-8 message gives the position")
    func invalidUTF8Message() {
        let bytes: [UInt8] = Array(#"{"a":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8)
        let error = Self.error { _ = try JSONBody(bytes) }
        #expect(error?.message.contains("第 7 个字节处不是有效的 UTF-8") == true)
    }

    @Test("quoted names are cut at 64 characters")
    func quotedNameLength() {
        #expect(JSONBody.quotedName(String(repeating: "n", count: 64)) == String(repeating: "n", count: 64))
        #expect(JSONBody.quotedName(String(repeating: "n", count: 65)) == String(repeating: "n", count: 64) + "…")
        #expect(JSONBody.quotedName(String(repeating: "街", count: 100)) == String(repeating: "街", count: 64) + "…")
        #expect(JSONBody.quotedName("") == "")
    }

    @Test("quoted names are cut between characters")
    func quotedNameCharacters() {
        // 64 flags: each is one character of two scalars and 8 bytes, so the
        // 256-byte bound cuts after 32 whole flags.
        let flags = String(repeating: "🇨🇳", count: 64)
        #expect(JSONBody.quotedName(flags) == String(repeating: "🇨🇳", count: 32) + "…")
        // One character of 1 + 300 scalars is longer than the byte bound.
        let stacked = "e" + String(repeating: "\u{301}", count: 300)
        #expect(JSONBody.quotedName(stacked) == "…")
        #expect(JSONBody.quotedName("a" + stacked) == "a…")
    }

    @Test("quoted names hide characters that break a message", arguments: [
        ("a\nb", "a\u{FFFD}b"), ("a\u{0}b", "a\u{FFFD}b"), ("\u{202E}evil", "\u{FFFD}evil"), ("x\u{2028}y", "x\u{FFFD}y"),
        ("\u{7F}", "\u{FFFD}"), ("\u{85}", "\u{FFFD}"), ("\u{2066}a\u{2069}", "\u{FFFD}a\u{FFFD}"), ("board_code", "board_code"),
        ("街路 🚧", "街路 🚧"),
    ])
    func quotedNameHidden(name: String, quoted: String) {
        #expect(JSONBody.quotedName(name) == quoted)
    }

    @Test("duplicate long name is quoted short")
    func duplicateLongName() throws {
        // 1,000 letters and an escaped line feed.
        let name = String(repeating: "x", count: 1_000) + #"\n"#
        let text = #"{""# + name + #"":1,""# + name + #"":2}"#
        let error = try #require(Self.error { _ = try Self.body(text) })
        #expect(error.message == "JSON 对象中字段「\(String(repeating: "x", count: 64))…」重复出现，请只保留一个。")
    }
}
