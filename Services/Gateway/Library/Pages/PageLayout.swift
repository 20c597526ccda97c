import JieluCore
import JieluHTTP

/// The frame every page shares: HTML head, inline style sheet, security
/// headers, HTML escaping and the error page.
///
/// Pages load nothing from elsewhere: style and script are inline, so a
/// resident on a weak mobile connection needs one request per page.
enum PageLayout {
    /// Sent with every page. Inline style and script are allowed because the
    /// pages have no other assets; everything else must come from the gateway.
    static let contentSecurityPolicy =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; img-src 'self' data:"

    /// Escapes `text` for use in HTML element content and in double- or
    /// single-quoted attribute values.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Formats a time for people as `2026-12-04 20:15` in the district's time
    /// zone, or "—" when unset (0).
    static func displayTime(_ milliseconds: Int64) -> String {
        guard milliseconds != 0 else {
            return "—"
        }
        // "2026-12-04T20:15:03+08:00" → "2026-12-04 20:15"
        let iso = Array(WallClock.iso8601(milliseconds))
        return String(iso[0..<10]) + " " + String(iso[11..<16])
    }

    /// Builds a complete page response. `title` is escaped here. `body` and
    /// `script` must already be safe, built with `escape` for every dynamic value.
    static func page(status: Int = 200, title: String, body: String, script: String = "") -> HTTPResponse {
        var html = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <link rel="icon" href="data:,">
            <title>\(escape(title)) · 街路</title>
            <style>\(styleSheet)</style>
            </head>
            <body>
            <header class="top"><a href="/" class="brand">街路</a><span class="tagline">街路长制 · 群众诉求直达</span></header>
            <main>
            \(body)
            </main>
            <footer class="foot">街路长制服务平台 · 凭查询码查看办理进度</footer>
            """
        if !script.isEmpty {
            html += "\n<script>\n\(script)\n</script>"
        }
        html += "\n</body>\n</html>\n"
        return .html(status: status, html, headers: securityHeaders)
    }

    /// Builds an error page that states in Chinese what went wrong, with a link home.
    static func errorPage(status: Int, title: String, message: String) -> HTTPResponse {
        let body = """
            <section class="card error-card">
            <h1>\(escape(title))</h1>
            <p>\(escape(message))</p>
            <p><a class="button secondary" href="/">返回首页</a></p>
            </section>
            """
        return page(status: status, title: title, body: body)
    }

    static var securityHeaders: HTTPHeaders {
        [
            "Content-Security-Policy": contentSecurityPolicy,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "X-Frame-Options": "DENY",
            "Cache-Control": "no-store",
        ]
    }

    /// The shared style sheet: mobile first, one column, system fonts.
    static let styleSheet = """
        :root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--bg:#f5f7fa;--brand:#b42318;--brand-ink:#fff;--ok:#1a7f37;--warn:#b54708;--card:#fff}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.6 -apple-system,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Microsoft YaHei",sans-serif}
        a{color:var(--brand)}
        .top{display:flex;align-items:baseline;gap:.6em;padding:.7em 1em;background:var(--brand);color:var(--brand-ink)}
        .brand{color:var(--brand-ink);font-weight:700;font-size:1.25em;text-decoration:none;letter-spacing:.1em}
        .tagline{font-size:.85em;opacity:.9}
        main{max-width:40em;margin:0 auto;padding:.8em}
        .foot{max-width:40em;margin:1em auto 2em;padding:0 1em;color:var(--muted);font-size:.8em;text-align:center}
        .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1em;margin:0 0 .8em}
        h1{font-size:1.35em;margin:0 0 .3em;line-height:1.3;overflow-wrap:anywhere}
        h2{font-size:1.1em;margin:0 0 .5em}
        p{margin:.3em 0}
        .muted{color:var(--muted);font-size:.9em}
        .meta{display:flex;flex-wrap:wrap;gap:.3em .8em;color:var(--muted);font-size:.9em}
        .badge{display:inline-block;padding:.05em .55em;border-radius:999px;font-size:.8em;font-weight:600;background:#e4e7eb;color:var(--ink);vertical-align:middle;white-space:nowrap}
        .badge.grade{background:var(--brand);color:var(--brand-ink)}
        .badge.ok{background:#dafbe1;color:var(--ok)}
        .badge.warn{background:#fef0c7;color:var(--warn)}
        .badge.late{background:#fee4e2;color:var(--brand)}
        .people{list-style:none;margin:0;padding:0}
        .people li{display:grid;grid-template-columns:5.5em 1fr;gap:.1em .6em;padding:.5em 0;border-top:1px solid var(--line)}
        .people li:first-child{border-top:0}
        .people .role{color:var(--muted);font-size:.9em}
        .people .who{font-weight:600;overflow-wrap:anywhere}
        .people .detail{grid-column:2;color:var(--muted);font-size:.85em;overflow-wrap:anywhere}
        details.class{border:1px solid var(--line);border-radius:8px;margin:.4em 0;background:#fff}
        details.class summary{padding:.6em .8em;font-weight:600;cursor:pointer}
        details.class[open] summary{border-bottom:1px solid var(--line)}
        .items{padding:.3em .5em}
        .item{display:flex;align-items:center;gap:.6em;padding:.55em .3em;border-radius:6px}
        .item input{width:1.2em;height:1.2em;flex:none}
        .item .name{flex:1;overflow-wrap:anywhere}
        .item .limit{color:var(--muted);font-size:.85em;white-space:nowrap}
        label.field{display:block;font-weight:600;margin:.8em 0 .3em}
        textarea,input[type=tel],input[type=text]{width:100%;font:inherit;padding:.6em;border:1px solid #bcccdc;border-radius:8px;background:#fff;color:var(--ink)}
        textarea{min-height:7em;resize:vertical}
        .counter{text-align:right;color:var(--muted);font-size:.85em}
        .counter.over{color:var(--brand)}
        .button{display:inline-block;font:inherit;font-weight:600;padding:.7em 1.2em;border-radius:8px;border:1px solid var(--brand);background:var(--brand);color:var(--brand-ink);text-decoration:none;cursor:pointer;text-align:center}
        .button.secondary{background:#fff;color:var(--brand)}
        .button.block{display:block;width:100%;margin-top:.8em}
        .button:disabled{opacity:.6;cursor:progress}
        .row{display:flex;flex-wrap:wrap;gap:.6em;align-items:center}
        .lookup{display:flex;gap:.5em}
        .lookup input{flex:1;min-width:0}
        .lookup .button{flex:none}
        .choices{display:grid;grid-template-columns:1fr;gap:.6em;margin-top:.8em}
        @media (min-width:30em){.choices{grid-template-columns:1fr 1fr}}
        fieldset{border:0;margin:0;padding:0;min-width:0}
        legend{font-weight:600;margin:.8em 0 .3em;padding:0}
        .notice{padding:.7em .9em;border-radius:8px;margin:.6em 0;overflow-wrap:anywhere}
        .notice.error{background:#fee4e2;color:#7a271a}
        .notice.success{background:#dafbe1;color:#0f5323}
        .code{font:700 1.6em/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.12em;word-break:break-all}
        .timeline{list-style:none;margin:0;padding:0 0 0 1em;border-left:2px solid var(--line)}
        .timeline li{position:relative;padding:0 0 .9em .6em}
        .timeline li::before{content:"";position:absolute;left:-1.45em;top:.45em;width:.7em;height:.7em;border-radius:50%;background:var(--brand)}
        .timeline .when{color:var(--muted);font-size:.85em}
        .timeline .note{overflow-wrap:anywhere}
        dl.facts{display:grid;grid-template-columns:auto 1fr;gap:.3em .8em;margin:.4em 0}
        dl.facts dt{color:var(--muted)}
        dl.facts dd{margin:0;overflow-wrap:anywhere}
        .streets{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(9em,1fr));gap:.4em}
        .streets a{display:flex;justify-content:space-between;align-items:center;gap:.4em;padding:.5em .7em;border:1px solid var(--line);border-radius:8px;background:#fff;text-decoration:none;color:var(--ink)}
        .hidden{display:none}
        """
}
