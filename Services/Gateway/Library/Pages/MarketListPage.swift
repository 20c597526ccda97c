import JieluContract
import JieluHTTP

/// `GET /markets`: every container market with its address, opening hours
/// and free stalls per type, and a lookup of an application by its number.
enum MarketListPage {
    static func render(_ markets: [Markets.Market], nowMs: Int64) -> HTTPResponse {
        let escape = PageLayout.escape
        var cards = ""
        for market in markets {
            let total = market.stallCounts.reduce(0) { $0 + Int($1.total) }
            let free = market.stallCounts.reduce(0) { $0 + Int($1.free) }
            let open = MarketViews.isOpen(market, nowMs: nowMs)
            let rows = market.stallCounts.map { count in
                "<dt>\(escape(MarketLabels.stallType(count.stallType)))</dt><dd>空闲 \(count.free) / 共 \(count.total) 个</dd>"
            }.joined()
            cards += """
                <section class="card">
                <h2>\(escape(market.name)) <span class="badge \(free > 0 ? "ok" : "warn")">空闲 \(free) 个</span></h2>
                <p class="meta"><span>\(escape(market.streetName))</span><span>\(escape(market.address))</span></p>
                <p class="meta"><span>服务\(escape(MarketLabels.nearKind(market.nearKind)))：\(escape(market.nearName))</span>\
                <span>营业时间 \(escape(market.opensAt))–\(escape(market.closesAt))</span>\
                <span class="badge \(open ? "ok" : "")">\(open ? "营业中" : "已闭市")</span></p>
                <dl class="facts">\(rows)<dt>合计</dt><dd>空闲 \(free) / 共 \(total) 个</dd></dl>
                </section>

                """
        }
        if markets.isEmpty {
            cards = "<section class=\"card\"><p class=\"muted\">暂无集装箱市场信息。</p></section>"
        }

        let body = """
            <section class="card">
            <h1>集装箱便民市场</h1>
            <p>集装箱市场设在医院、学校附近，为流动摊贩提供规范摊位。摊位按候补顺序分配：困难户优先，同等条件按申请时间先后。</p>
            <p class="muted">下表的空闲摊位数为当前实时数据。申请摊位请到市场管理办公室登记，凭申请编号查看办理进度。</p>
            </section>
            <section class="card">
            <h2>查询摊位申请</h2>
            <form id="application-form" class="lookup" autocomplete="off">
            <input type="text" id="application-number" maxlength="12" placeholder="请输入申请编号，如 SQ7K3M9P2Q4R" aria-label="申请编号" required>
            <button class="button" type="submit">查询</button>
            </form>
            </section>
            \(cards)
            """
        return PageLayout.page(title: "集装箱便民市场", body: body, script: script)
    }

    /// Sends the lookup form to `/v/<number>`, upper-cased and trimmed.
    static let script = """
        document.getElementById('application-form').addEventListener('submit', function (event) {
          event.preventDefault();
          var number = document.getElementById('application-number').value.trim().toUpperCase();
          if (number) { window.location.href = '/v/' + encodeURIComponent(number); }
        });
        """
}
