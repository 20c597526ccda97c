import JieluContract
import JieluHTTP

/// `GET /`: what 街路 is, a tracking-code lookup, and every street grouped
/// by sub-district, linking to its board page.
enum LandingPage {
    static func render(streets: [Registry.Street]) -> HTTPResponse {
        var groups: [(id: String, name: String, streets: [Registry.Street])] = []
        for street in streets {
            if let index = groups.firstIndex(where: { $0.id == street.subDistrictID }) {
                groups[index].streets.append(street)
            } else {
                groups.append((street.subDistrictID, street.subDistrictName, [street]))
            }
        }
        groups.sort { $0.id < $1.id }

        var sections = ""
        for group in groups {
            let links = group.streets.map { street in
                let grade = street.grade.isEmpty ? "" : "<span class=\"badge\">\(PageLayout.escape(street.grade))</span>"
                return "<li><a href=\"/r/\(PageLayout.escape(street.boardCode))\"><span>\(PageLayout.escape(street.name))</span>\(grade)</a></li>"
            }
            sections += """
                <section class="card">
                <h2>\(PageLayout.escape(group.name.isEmpty ? "未归属街道" : group.name))</h2>
                <ul class="streets">\(links.joined())</ul>
                </section>

                """
        }
        if groups.isEmpty {
            sections = "<section class=\"card\"><p class=\"muted\">暂无街路信息。</p></section>"
        }

        let body = """
            <section class="card">
            <h1>街路：城市街路长制诉求平台</h1>
            <p>每条街路都有公示牌，写明街路长、包保领导、网格员和城管中队。扫描公示牌上的二维码，即可反映市容环境、街面秩序等问题；诉求会按类别自动派给负责的单位和人员，并按时限办理。</p>
            <p class="muted">共 \(streets.count) 条街路，分属 \(groups.count) 个街道。</p>
            </section>
            <section class="card">
            <h2>查询诉求进度</h2>
            <form id="track-form" class="lookup" autocomplete="off">
            <input type="text" id="track-code" name="code" inputmode="text" maxlength="10" placeholder="请输入 10 位查询码" aria-label="查询码" required>
            <button class="button" type="submit">查询</button>
            </form>
            </section>
            \(sections)
            """
        return PageLayout.page(title: "首页", body: body, script: script)
    }

    /// Sends the lookup form to `/t/<code>`, upper-cased and trimmed.
    static let script = """
        document.getElementById('track-form').addEventListener('submit', function (event) {
          event.preventDefault();
          var code = document.getElementById('track-code').value.trim().toUpperCase();
          if (code) { window.location.href = '/t/' + encodeURIComponent(code); }
        });
        """
}
