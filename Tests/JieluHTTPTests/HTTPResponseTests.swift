import Foundation
import JieluCore
import JieluHTTP
import Testing

@Suite("HTTPResponse")
struct HTTPResponseTests {
    static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Serialization

    @Test func keepAliveResponseSerialized() {
        let response = HTTPResponse(status: 404, headers: ["X-A": "1"], body: bytes("gone"))
        let output = Self.text(response.serialize(keepAlive: true))
        #expect(output == "HTTP/1.1 404 Not Found\r\nX-A: 1\r\nContent-Length: 4\r\n\r\ngone")
    }

    @Test func closingResponseSaysClose() {
        let output = Self.text(HTTPResponse(status: 200).serialize(keepAlive: false))
        #expect(output == "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    }

    @Test func http10KeepAliveAnnounced() {
        let output = Self.text(HTTPResponse(status: 200).serialize(keepAlive: true, announceKeepAlive: true))
        #expect(output.contains("\r\nConnection: keep-alive\r\n"))
    }

    @Test func dateWrittenWhenGiven() {
        let response = HTTPResponse(status: 200, headers: ["Date": "stale"])
        let output = Self.text(response.serialize(keepAlive: true, date: "Sun, 06 Nov 1994 08:49:37 GMT"))
        #expect(output.contains("\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"))
        #expect(!output.contains("stale"))
    }

    @Test func headResponseKeepsLengthWithoutBody() {
        let response = HTTPResponse(status: 200, body: bytes("twelve bytes"))
        let output = Self.text(response.serialize(keepAlive: true, includeBody: false))
        #expect(output == "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n")
    }

    @Test("no body and no length", arguments: [204, 304])
    func noBodyStatuses(status: Int) {
        let output = Self.text(HTTPResponse(status: status, body: bytes("ignored")).serialize(keepAlive: true))
        #expect(!output.contains("Content-Length"))
        #expect(output.hasSuffix("\r\n\r\n"))
    }

    @Test func framingHeadersFromHandlerIgnored() {
        let response = HTTPResponse(
            status: 200, headers: ["Content-Length": "999", "transfer-encoding": "chunked", "Connection": "upgrade"],
            body: bytes("ok"))
        let output = Self.text(response.serialize(keepAlive: true))
        #expect(output == "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
    }

    @Test func injectedFieldsLeftOut() {
        let response = HTTPResponse(
            status: 200, headers: ["X-Echo": "a\r\nSet-Cookie: stolen=1", "Bad Name": "v", "X-Tab": "a\tb"])
        let output = Self.text(response.serialize(keepAlive: true))
        #expect(!output.contains("Set-Cookie"))
        #expect(!output.contains("Bad Name"))
        #expect(output.contains("X-Tab: a\tb\r\n"))
    }

    @Test("invalid status becomes 500", arguments: [0, 99, 101, 199, 600, -1])
    func invalidStatusBecomes500(status: Int) {
        let output = Self.text(HTTPResponse(status: status, body: bytes("x")).serialize(keepAlive: true))
        #expect(output.hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"))
        #expect(output.contains("Content-Length: 0\r\n"))
    }

    @Test func unknownStatusHasEmptyReason() {
        let output = Self.text(HTTPResponse(status: 299).serialize(keepAlive: true))
        #expect(output.hasPrefix("HTTP/1.1 299 \r\n"))
    }

    // MARK: Constructors

    struct Street: Encodable {
        var name: String
        var url: String
        var id: Int
    }

    @Test func jsonKeepsChineseAndSlashes() {
        let response = HTTPResponse.json(status: 201, Street(name: "和平路", url: "/s/1", id: 7))
        #expect(response.status == 201)
        #expect(response.headers["Content-Type"] == "application/json; charset=utf-8")
        #expect(response.bodyText == #"{"id":7,"name":"和平路","url":"/s/1"}"#)
    }

    @Test func jsonFromRawBytes() {
        let response = HTTPResponse.json(body: bytes("[1,2]"))
        #expect(response.status == 200)
        #expect(response.bodyText == "[1,2]")
        #expect(response.headers["content-type"] == "application/json; charset=utf-8")
    }

    @Test func unencodableJSONBecomesInternalError() {
        let response = HTTPResponse.json(["value": Double.nan])
        #expect(response.status == 500)
        #expect(response.bodyText.contains(#""code":"internal""#))
    }

    @Test func errorBodyWithoutField() {
        let response = HTTPResponse.error(status: 404, code: "unknown_board", message: "找不到该二维码对应的点位。")
        #expect(response.status == 404)
        #expect(response.bodyText == #"{"error":{"code":"unknown_board","message":"找不到该二维码对应的点位。"}}"#)
    }

    @Test func errorBodyWithField() {
        let response = HTTPResponse.error(status: 400, code: "invalid_phone", message: "手机号格式不对", field: "phone")
        #expect(response.bodyText == #"{"error":{"code":"invalid_phone","field":"phone","message":"手机号格式不对"}}"#)
    }

    @Test func errorFromServiceError() {
        let response = HTTPResponse.error(ServiceError.invalid("photo", reason: "too_big", message: "照片太大"))
        #expect(response.status == 400)
        #expect(response.bodyText == #"{"error":{"code":"too_big","field":"photo","message":"照片太大"}}"#)
    }

    @Test func htmlAndTextContentTypes() {
        #expect(HTTPResponse.html("<p>街路</p>").headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(HTTPResponse.text(status: 202, "ok").headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(HTTPResponse.text(status: 202, "ok").status == 202)
    }

    @Test func httpDateFormat() {
        #expect(HTTPDate.format(unixSeconds: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(unixSeconds: 1_798_416_000) == "Mon, 28 Dec 2026 00:00:00 GMT")
    }
}

@Suite("HTTPHeaders")
struct HTTPHeadersTests {
    @Test func lookupIgnoresCase() {
        let headers: HTTPHeaders = ["Content-Type": "text/plain"]
        #expect(headers["content-type"] == "text/plain")
        #expect(headers["CONTENT-TYPE"] == "text/plain")
        #expect(headers["Content-Typ"] == nil)
        #expect(headers.contains("content-TYPE"))
    }

    @Test func repeatedNamesKeepOrder() {
        var headers = HTTPHeaders()
        headers.add(name: "Set-Cookie", value: "a=1")
        headers.add(name: "X-Other", value: "x")
        headers.add(name: "set-cookie", value: "b=2")
        #expect(headers.values(for: "SET-COOKIE") == ["a=1", "b=2"])
        #expect(headers.count == 3)
    }

    @Test func replaceOrAddRemovesEveryOldValue() {
        var headers: HTTPHeaders = ["A": "1", "B": "2"]
        headers.add(name: "a", value: "3")
        headers.replaceOrAdd(name: "A", value: "4")
        #expect(headers.values(for: "a") == ["4"])
        #expect(headers.map { $0.name } == ["B", "A"])
    }

    @Test func tokenListSearch() {
        let headers: HTTPHeaders = ["Connection": "keep-alive , Upgrade", "connection": "CLOSE"]
        #expect(headers.containsToken("close", in: "Connection"))
        #expect(headers.containsToken("upgrade", in: "connection"))
        #expect(!headers.containsToken("keep", in: "Connection"))
    }
}
