import JieluContract
import JieluHTTP

/// `GET /r/{board_code}`: the page a resident reaches by scanning a street
/// board's QR code. Shows the board (people with masked phones) and a report
/// form that posts to `POST /api/v1/reports`.
enum BoardPage {
    /// Maximum description length that intake accepts, in characters.
    static let maxDescriptionCharacters = 500

    static func render(boardCode: String, board: Registry.Board, classes: [Registry.CategoryClass]) -> HTTPResponse {
        let street = board.street ?? Registry.Street()
        let escape = PageLayout.escape

        let places = [board.subDistrictName, board.communityName, board.gridName]
            .filter { !$0.isEmpty }
            .map { "<span>\(escape($0))</span>" }
            .joined()
        let people = board.people.map { person in
            let details = [person.phoneMasked, person.unitName].filter { !$0.isEmpty }.map(escape).joined(separator: " · ")
            return """
                <li><span class="role">\(escape(Labels.boardRole(person.role)))</span><span class="who">\(escape(person.name))</span>\
                <span class="detail">\(details)</span></li>
                """
        }.joined()

        let body = """
            <section class="card">
            <h1>\(escape(street.name)) <span class="badge grade">\(escape(Labels.grade(street.grade)))</span></h1>
            <div class="meta">\(places)</div>
            </section>
            <section class="card">
            <h2>责任公示</h2>
            \(people.isEmpty ? "<p class=\"muted\">暂无公示人员。</p>" : "<ul class=\"people\">\(people)</ul>")
            </section>
            <section class="card" id="report-card">
            <h2>反映问题</h2>
            <form id="report-form" data-board="\(escape(boardCode))" novalidate>
            <fieldset>
            <legend>问题类别</legend>
            \(categoryPicker(classes))
            </fieldset>
            <label class="field" for="description">问题描述</label>
            <textarea id="description" name="description" maxlength="\(maxDescriptionCharacters)" placeholder="请写明具体位置和问题，例如：某某超市门前有垃圾堆放" required></textarea>
            <div class="counter" id="counter"><span id="count">0</span>/\(maxDescriptionCharacters)</div>
            <label class="field" for="phone">联系电话（选填，仅处置人员可见）</label>
            <input type="tel" id="phone" name="phone" inputmode="tel" maxlength="20" autocomplete="tel" placeholder="便于处置人员联系您">
            <div class="row" style="margin-top:.8em">
            <button type="button" class="button secondary" id="locate">使用我的位置</button>
            <span class="muted" id="location-status">未附加位置（选填）</span>
            </div>
            <div class="notice error hidden" id="form-error" role="alert"></div>
            <button class="button block" type="submit" id="submit">提交诉求</button>
            </form>
            </section>
            <section class="card hidden" id="receipt" aria-live="polite">
            <h2>诉求已受理</h2>
            <p>请保存查询码，凭它查看办理进度并评价办理结果：</p>
            <p class="code" id="receipt-code"></p>
            <p class="muted" id="receipt-due"></p>
            <p><a class="button block" id="receipt-link" href="/">查看办理进度</a></p>
            </section>
            """
        return PageLayout.page(title: street.name.isEmpty ? "街路公示牌" : street.name, body: body, script: script)
    }

    /// Classes as collapsible groups of radio buttons, one per item, with its
    /// time limit. The first class starts open.
    static func categoryPicker(_ classes: [Registry.CategoryClass]) -> String {
        let escape = PageLayout.escape
        if classes.isEmpty {
            return "<p class=\"muted\">暂无可选类别。</p>"
        }
        return classes.enumerated().map { index, categoryClass in
            let items = categoryClass.items.map { item in
                """
                <label class="item"><input type="radio" name="category" value="\(escape(item.code))">\
                <span class="name">\(escape(item.name))</span><span class="limit">时限 \(item.timeLimitHours) 小时</span></label>
                """
            }.joined()
            return """
                <details class="class"\(index == 0 ? " open" : "")><summary>\(escape(categoryClass.name))</summary><div class="items">\(items)</div></details>
                """
        }.joined(separator: "\n")
    }

    /// Counter, location and submission. Server text is inserted with
    /// `textContent` only, never as HTML.
    static let script = """
        (function () {
          var form = document.getElementById('report-form');
          var description = document.getElementById('description');
          var count = document.getElementById('count');
          var counter = document.getElementById('counter');
          var errorBox = document.getElementById('form-error');
          var submit = document.getElementById('submit');
          var locationStatus = document.getElementById('location-status');
          var limit = \(maxDescriptionCharacters);
          var position = null;
          function newKey() {
            if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
            return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
          }
          var idempotencyKey = newKey();
          function showError(text) { errorBox.textContent = text; errorBox.classList.remove('hidden'); }
          function clearError() { errorBox.textContent = ''; errorBox.classList.add('hidden'); }
          function updateCount() {
            var length = Array.from(description.value).length;
            count.textContent = String(length);
            counter.classList.toggle('over', length > limit);
          }
          description.addEventListener('input', updateCount);
          updateCount();
          document.getElementById('locate').addEventListener('click', function () {
            if (!navigator.geolocation) { locationStatus.textContent = '此浏览器不支持定位'; return; }
            locationStatus.textContent = '正在获取位置…';
            navigator.geolocation.getCurrentPosition(function (result) {
              position = { lat: result.coords.latitude, lon: result.coords.longitude };
              locationStatus.textContent = '已附加位置（精度约 ' + Math.round(result.coords.accuracy) + ' 米）';
            }, function () {
              position = null;
              locationStatus.textContent = '未能获取位置，可不附加位置直接提交';
            }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
          });
          form.addEventListener('submit', function (event) {
            event.preventDefault();
            clearError();
            var chosen = form.querySelector('input[name=category]:checked');
            var text = description.value.trim();
            if (!chosen) { showError('请选择问题类别。'); return; }
            if (!text) { showError('请填写问题描述。'); return; }
            if (Array.from(text).length > limit) { showError('问题描述不能超过 ' + limit + ' 个字。'); return; }
            var payload = { board_code: form.dataset.board, category_code: chosen.value, description: text };
            var phone = document.getElementById('phone').value.trim();
            if (phone) { payload.contact_phone = phone; }
            if (position) { payload.lat = position.lat; payload.lon = position.lon; }
            submit.disabled = true;
            submit.textContent = '正在提交…';
            fetch('/api/v1/reports', {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
              body: JSON.stringify(payload)
            }).then(function (response) {
              return response.json().then(function (data) { return { ok: response.ok, data: data }; },
                function () { return { ok: false, data: null }; });
            }).then(function (result) {
              if (!result.ok) {
                var message = result.data && result.data.error && result.data.error.message;
                throw { userMessage: message || '提交失败，请稍后重试。' };
              }
              var receipt = result.data;
              document.getElementById('receipt-code').textContent = receipt.tracking_code;
              document.getElementById('receipt-due').textContent = receipt.due_at ? '办理时限：' + receipt.due_at.slice(0, 16).replace('T', ' ') + ' 前' : '';
              document.getElementById('receipt-link').href = '/t/' + encodeURIComponent(receipt.tracking_code);
              document.getElementById('report-card').classList.add('hidden');
              document.getElementById('receipt').classList.remove('hidden');
              idempotencyKey = newKey();
              document.getElementById('receipt').scrollIntoView({ block: 'start' });
            }).catch(function (error) {
              showError(error && error.userMessage ? error.userMessage : '网络异常，请检查网络后重试。');
            }).then(function () {
              submit.disabled = false;
              submit.textContent = '提交诉求';
            });
          });
        })();
        """
}
