import JieluContract
import JieluHTTP

/// `GET /v/{application_number}`: a vendor's application for a stall: its
/// state, place on the waitlist or the stall it got and why, and its history.
/// The vendor's name is masked and no staff are named.
enum ApplicationPage {
    static func render(_ application: Markets.Application) -> HTTPResponse {
        let escape = PageLayout.escape
        let badgeClass = application.status == "allocated" ? "ok" : "warn"

        var facts = """
            <dt>申请人</dt><dd>\(escape(MarketViews.maskName(application.vendorName)))\(application.hardship ? "（困难户）" : "")</dd>
            <dt>申请市场</dt><dd>\(escape(application.marketName))</dd>
            <dt>摊位类型</dt><dd>\(escape(MarketLabels.stallType(application.stallType)))</dd>
            <dt>申请时间</dt><dd>\(escape(PageLayout.displayTime(application.appliedAtMs)))</dd>
            """
        if application.status == "waiting" && application.waitlistRank > 0 {
            facts += "<dt>候补位次</dt><dd>第 \(application.waitlistRank) 位（共 \(application.waitlistSize) 位）</dd>"
        }
        if !application.stallNumber.isEmpty {
            facts += "<dt>分得摊位</dt><dd>\(escape(application.stallNumber)) 号</dd>"
            facts += "<dt>分配时间</dt><dd>\(escape(PageLayout.displayTime(application.decidedAtMs)))</dd>"
        }

        var decision = ""
        if !application.decisionNote.isEmpty {
            decision = "<section class=\"card\"><h2>分配说明</h2><p>\(escape(application.decisionNote))</p></section>"
        }
        let steps = application.history.reversed().map { change in
            """
            <li><div><strong>\(escape(MarketLabels.applicationStatus(change.toStatus)))</strong></div>\
            <div class="when">\(escape(PageLayout.displayTime(change.atMs)))</div>\
            <div class="note">\(escape(change.reason))</div></li>
            """
        }.joined()

        let body = """
            <section class="card">
            <p class="muted">申请编号</p>
            <p class="code">\(escape(application.number))</p>
            <h1><span class="badge \(badgeClass)">\(escape(MarketLabels.applicationStatus(application.status)))</span></h1>
            <dl class="facts">\(facts)</dl>
            <p class="muted">分配规则：\(escape(MarketViews.allocationRule))</p>
            </section>
            \(decision)
            <section class="card">
            <h2>办理过程</h2>
            \(steps.isEmpty ? "<p class=\"muted\">暂无记录。</p>" : "<ol class=\"timeline\">\(steps)</ol>")
            </section>
            <p><a class="button secondary" href="/markets">查看全部市场</a></p>
            """
        return PageLayout.page(title: "摊位申请 \(application.number)", body: body)
    }
}
