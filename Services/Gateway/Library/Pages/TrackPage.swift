import JieluHTTP

/// `GET /t/{tracking_code}`: a case's progress for the resident who reported
/// it. While the case is resolved, offers 满意，结案 / 不满意，重新办理, which post
/// to `POST /api/v1/track/{code}/confirm` and reload the page.
enum TrackPage {
    /// Maximum comment length the page lets a resident type, in characters.
    static let maxCommentCharacters = 200

    static func render(_ tracked: TrackedCase, nowMs: Int64) -> HTTPResponse {
        let escape = PageLayout.escape
        let overdue = tracked.isOverdue(nowMs: nowMs)

        var badges = "<span class=\"badge \(statusClass(tracked.status))\">\(escape(Labels.status(tracked.status)))</span>"
        if overdue {
            badges += " <span class=\"badge late\">已超期</span>"
        }

        var facts = """
            <dt>问题类别</dt><dd>\(escape(tracked.categoryName.isEmpty ? tracked.categoryCode : tracked.categoryName))</dd>
            <dt>所在街路</dt><dd>\(escape(tracked.streetName))\(tracked.subDistrictName.isEmpty ? "" : "（\(escape(tracked.subDistrictName))）")</dd>
            <dt>受理时间</dt><dd>\(escape(PageLayout.displayTime(tracked.receivedAtMs)))</dd>
            <dt>办理时限</dt><dd>\(escape(PageLayout.displayTime(tracked.dueAtMs))) 前</dd>
            """
        if tracked.closedAtMs > 0 {
            facts += "<dt>结案时间</dt><dd>\(escape(PageLayout.displayTime(tracked.closedAtMs)))</dd>"
        }
        if !tracked.handlerName.isEmpty || !tracked.handlerUnit.isEmpty {
            let handler = [tracked.handlerUnit, tracked.handlerName].filter { !$0.isEmpty }.map(escape).joined(separator: " · ")
            facts += "<dt>处置人员</dt><dd>\(handler)</dd>"
        }

        let steps = tracked.timeline.reversed().map { step in
            let note = step.note.isEmpty ? "" : "<div class=\"note\">\(escape(step.note))</div>"
            return """
                <li><div><strong>\(escape(Labels.status(step.to)))</strong> <span class="muted">\(escape(Labels.actor(step.actor)))</span></div>\
                <div class="when">\(escape(PageLayout.displayTime(step.atMs)))</div>\(note)</li>
                """
        }.joined()

        var body = """
            <section class="card">
            <p class="muted">查询码</p>
            <p class="code">\(escape(tracked.trackingCode))</p>
            <h1>\(badges)</h1>
            <dl class="facts">\(facts)</dl>
            </section>
            """
        if tracked.status == "resolved" {
            body += confirmSection(trackingCode: tracked.trackingCode)
        }
        body += """
            <section class="card">
            <h2>办理过程</h2>
            \(steps.isEmpty ? "<p class=\"muted\">暂无记录。</p>" : "<ol class=\"timeline\">\(steps)</ol>")
            </section>
            """
        let script = tracked.status == "resolved" ? confirmScript : ""
        return PageLayout.page(title: "诉求进度 \(tracked.trackingCode)", body: body, script: script)
    }

    private static func confirmSection(trackingCode: String) -> String {
        """
        <section class="card" id="confirm-card">
        <h2>请评价办理结果</h2>
        <p class="muted">问题已处置。满意则结案；不满意将退回重新办理。</p>
        <form id="confirm-form" data-code="\(PageLayout.escape(trackingCode))">
        <label class="field" for="comment">意见（选填）</label>
        <textarea id="comment" maxlength="\(maxCommentCharacters)" placeholder="可写明仍存在的问题"></textarea>
        <div class="notice error hidden" id="confirm-error" role="alert"></div>
        <div class="choices">
        <button class="button" type="button" data-satisfied="true">满意，结案</button>
        <button class="button secondary" type="button" data-satisfied="false">不满意，重新办理</button>
        </div>
        </form>
        </section>
        """
    }

    private static func statusClass(_ status: String) -> String {
        switch status {
        case "closed": "ok"
        case "resolved": "ok"
        case "reopened": "warn"
        default: ""
        }
    }

    /// Posts the verdict and reloads; shows the API's Chinese message on failure.
    static let confirmScript = """
        (function () {
          var form = document.getElementById('confirm-form');
          var errorBox = document.getElementById('confirm-error');
          var buttons = form.querySelectorAll('button[data-satisfied]');
          function setBusy(busy) { for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = busy; } }
          function send(satisfied) {
            errorBox.classList.add('hidden');
            setBusy(true);
            var payload = { satisfied: satisfied };
            var comment = document.getElementById('comment').value.trim();
            if (comment) { payload.comment = comment; }
            fetch('/api/v1/track/' + encodeURIComponent(form.dataset.code) + '/confirm', {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify(payload)
            }).then(function (response) {
              if (response.ok) { window.location.reload(); return; }
              return response.json().then(function (data) {
                throw { userMessage: data && data.error && data.error.message };
              }, function () { throw { userMessage: null }; });
            }).catch(function (error) {
              errorBox.textContent = (error && error.userMessage) || '提交失败，请检查网络后重试。';
              errorBox.classList.remove('hidden');
              setBusy(false);
            });
          }
          for (var i = 0; i < buttons.length; i++) {
            buttons[i].addEventListener('click', function (event) {
              send(event.currentTarget.getAttribute('data-satisfied') === 'true');
            });
          }
        })();
        """
}
