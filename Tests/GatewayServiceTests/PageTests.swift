import Foundation
import JieluCore
import JieluHTTP
import Testing
@testable import GatewayService

@Suite("Pages", .serialized)
struct PageTests {
    static let policy = "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; img-src 'self' data:"

    static func checkPageHeaders(_ response: HTTPClientResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8", sourceLocation: sourceLocation)
        #expect(response.headers["Content-Security-Policy"] == policy, sourceLocation: sourceLocation)
        #expect(response.headers["X-Content-Type-Options"] == "nosniff", sourceLocation: sourceLocation)
        #expect(response.bodyText.contains("<html lang=\"zh-CN\">"), sourceLocation: sourceLocation)
    }

    @Test("escape covers the five HTML metacharacters")
    func escape() {
        #expect(PageLayout.escape(#"<a href="x" title='y'>&amp;</a>"#) == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;")
        #expect(PageLayout.escape("街路 🚧") == "街路 🚧")
    }

    @Test("landing page lists streets escaped, grouped by sub-district")
    func landing() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let response = try harness.get("/")

        #expect(response.status == 200)
        Self.checkPageHeaders(response)
        let html = response.bodyText
        #expect(html.contains("柏溪街道"))
        #expect(html.contains("明德街道"))
        #expect(html.contains("href=\"/r/\(Fixtures.boardCode)\""))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;同乐街"))
        #expect(!html.contains("<script>alert"))
    }

    @Test("board page shows the board and the form, escaped")
    func board() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let response = try harness.get("/r/\(Fixtures.hostileBoardCode)")

        #expect(response.status == 200)
        Self.checkPageHeaders(response)
        let html = response.bodyText
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;同乐街"))
        #expect(html.contains("&lt;b&gt;和平&lt;/b&gt;社区"))
        #expect(html.contains("王&lt;i&gt;强&lt;/i&gt;"))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<b>和平"))
        #expect(html.contains("C 级街路"))
        #expect(html.contains("包保领导"))
        #expect(html.contains("152****3698"))
        #expect(html.contains("时限 24 小时"))
        #expect(html.contains("value=\"0401\""))
        #expect(html.contains("使用我的位置"))
        #expect(html.contains("maxlength=\"500\""))
        #expect(html.contains("data-board=\"\(Fixtures.hostileBoardCode)\""))
    }

    @Test("unknown or malformed board is a Chinese 404 page", arguments: [Fixtures.unknownBoardCode, "NOT-A-CODE", "%3Cscript%3E"])
    func unknownBoard(code: String) throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.get("/r/\(code)")
        #expect(response.status == 404)
        Self.checkPageHeaders(response)
        #expect(response.bodyText.contains("页面不存在"))
        #expect(response.bodyText.contains("公示牌"))
        #expect(!response.bodyText.contains("<script>"))
    }

    @Test("track page shows progress without phones; resolved offers the verdict")
    func track() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        var file = Fixtures.dispatchedCase(caseID: "C400001", status: "resolved", dueInHours: -2)
        file.timeline.append(.init(atMs: WallClock.nowMilliseconds(), fromStatus: "dispatched", toStatus: "resolved", actor: "staff:S0001", note: "已清理<完毕>"))
        harness.dispatch.add(file)

        let response = try harness.get("/t/\(file.trackingCode)")

        #expect(response.status == 200)
        Self.checkPageHeaders(response)
        let html = response.bodyText
        #expect(html.contains(file.trackingCode))
        #expect(html.contains("已处置"))
        #expect(html.contains("已超期"))
        #expect(html.contains("暴露垃圾"))
        #expect(html.contains("已清理&lt;完毕&gt;"))
        #expect(html.contains("处置人员"))
        #expect(html.contains("满意，结案"))
        #expect(html.contains("不满意，重新办理"))
        #expect(!html.contains(Fixtures.residentPhone))
        #expect(!html.contains(Fixtures.handlerA.phone))
        #expect(!html.contains(file.description))
    }

    @Test("track page without the verdict while the case is open")
    func trackOpen() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let file = Fixtures.dispatchedCase(caseID: "C400002")
        harness.dispatch.add(file)
        let html = try harness.get("/t/\(file.trackingCode)").bodyText
        #expect(html.contains("已派遣"))
        #expect(!html.contains("满意，结案"))
        #expect(!html.contains("已超期"))
    }

    @Test("unknown tracking code is a 404 page")
    func unknownTrack() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let response = try harness.get("/t/ABCDEFGHJK")
        #expect(response.status == 404)
        #expect(response.bodyText.contains("查询码"))
    }

    @Test("backend down is a 503 page")
    func backendDown() throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        harness.registryServer.drain()
        let response = try harness.get("/")
        #expect(response.status == 503)
        Self.checkPageHeaders(response)
        #expect(response.bodyText.contains("服务繁忙"))
        #expect(response.headers["Retry-After"] == "1")
    }
}
