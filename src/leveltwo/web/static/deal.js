// Deal builder: every change of a term asks the server for the figures of the
// new deal (one JSON request) and updates the page in place, without reload.
(function () {
  "use strict";
  var root = document.querySelector(".builder");
  if (!root) return;
  var caseId = root.getAttribute("data-case");
  var selects = Array.prototype.slice.call(root.querySelectorAll("select[data-issue]"));
  var hidden = document.getElementById("choices");
  var status = document.getElementById("status");
  var timing = document.getElementById("timing");
  var pending = null;
  var us = JSON.parse(document.getElementById("deal-data").textContent).us;

  var pct = window.leveltwoNumbers.percent;
  var points = window.leveltwoNumbers.points;
  function choices() { return selects.map(function (s) { return s.value; }).join(","); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function renderBlockers(doc) {
    var box = document.getElementById("blockers");
    var d = doc.diagnosis;
    box.textContent = "";
    box.appendChild(el("p", "summary", doc.explanation.summary));
    if (!d.blockers.length) {
      box.appendChild(el("p", "", doc.explanation.nobody));
      return;
    }
    var ol = el("ol", "blockers");
    d.blockers.forEach(function (b, k) {
      var li = el("li", "blocker" + (b.binding ? " binding" : ""));
      var head = el("div", "blocker-head");
      head.appendChild(el("strong", "", b.name));
      head.appendChild(el("span", "tag", b.side === us ? "our side" : "their side"));
      if (b.binding) head.appendChild(el("span", "tag tag-block", "binding"));
      head.appendChild(el("span", "muted", "approval " + pct(b.approval_probability) + ", costs the deal " + points(b.probability_cost) + " of success"));
      li.appendChild(head);
      if (b.fixes.length) {
        var ul = el("ul", "fixes");
        b.fixes.forEach(function (f) {
          var item = el("li");
          var btn = el("button", "button small", "Try it");
          btn.type = "button";
          btn.setAttribute("data-fix-issue", f.issue);
          btn.setAttribute("data-fix-to", f.to);
          item.appendChild(btn);
          item.appendChild(document.createTextNode(f.issue_name + ": " + f.from + " → "));
          item.appendChild(el("strong", "", f.to));
          item.appendChild(el("span", "muted", "brings it to " + pct(f.approval_after) + ", the deal to " + pct(f.success_probability_after) + "; cost to us " + window.leveltwoNumbers.cost(f.cost_to_us, doc.money)));
          ul.appendChild(item);
        });
        li.appendChild(ul);
      } else {
        li.appendChild(el("p", "muted", doc.explanation.blockers[k].no_fix));
      }
      ol.appendChild(li);
    });
    box.appendChild(ol);
  }

  // Options the case's linked options rule out, with the other terms as they are.
  function renderExcluded(doc) {
    selects.forEach(function (sel, k) {
      Array.prototype.forEach.call(sel.options, function (o, j) {
        var off = !!(doc.excluded && doc.excluded[k] && doc.excluded[k][j]);
        o.disabled = off;
        o.className = off ? "excluded" : "";
        var text = o.textContent.replace(/ \(excluded by a linked option\)$/, "");
        o.textContent = off ? text + " (excluded by a linked option)" : text;
      });
    });
    var box = document.getElementById("broken");
    box.textContent = "";
    (doc.broken_constraints || []).forEach(function (b) {
      box.appendChild(el("p", "", "This deal breaks a linked option: " + b));
    });
    box.hidden = !(doc.broken_constraints || []).length;
  }

  function render(doc) {
    window.leveltwoFigures.draw(root, doc);
    renderBlockers(doc);
    renderExcluded(doc);
    hidden.value = doc.choices;
    document.querySelectorAll("[data-choices-field]").forEach(function (f) { f.value = doc.choices; });
    document.querySelectorAll("[data-next-field]").forEach(function (f) { f.value = "/cases/" + caseId + "/deal?choices=" + doc.choices; });
    document.getElementById("to-parties").href = "/cases/" + caseId + "/parties?choices=" + doc.choices;
    ["speech", "plan", "export"].forEach(function (name) {
      document.getElementById("to-" + name).href = "/cases/" + caseId + "/" + name + "?choices=" + doc.choices;
    });
    var compare = document.getElementById("to-compare");
    if (compare) compare.href = "/cases/" + caseId + "/compare?d=proposal&d=choices:" + doc.choices;
    history.replaceState(null, "", "?choices=" + doc.choices);
    root.setAttribute("data-choices", doc.choices);
  }

  function update() {
    var wanted = choices();
    if (pending) pending.abort();
    pending = new AbortController();
    var started = performance.now();
    root.setAttribute("aria-busy", "true");
    fetch("/api/cases/" + caseId + "/assess?choices=" + encodeURIComponent(wanted), {
      headers: { "Accept": "application/json" }, signal: pending.signal, credentials: "same-origin"
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (res) {
      root.removeAttribute("aria-busy");
      if (!res.ok) {
        status.hidden = false;
        status.textContent = res.body.message || "That deal could not be assessed.";
        return;
      }
      status.hidden = true;
      render(res.body);
      timing.textContent = "Updated in " + Math.round(performance.now() - started) + " ms.";
    }).catch(function (err) {
      if (err.name === "AbortError") return;
      root.removeAttribute("aria-busy");
      status.hidden = false;
      status.textContent = "The server could not be reached. Your choices are kept; try again.";
    });
  }

  selects.forEach(function (s) { s.addEventListener("change", update); });
  document.getElementById("deal-form").addEventListener("submit", function (e) { e.preventDefault(); update(); });
  document.getElementById("blockers").addEventListener("click", function (e) {
    var btn = e.target.closest("button[data-fix-issue]");
    if (!btn) return;
    var sel = root.querySelector('select[data-issue-id="' + btn.getAttribute("data-fix-issue") + '"]');
    if (!sel) return;
    var to = btn.getAttribute("data-fix-to");
    Array.prototype.forEach.call(sel.options, function (o) {
      if (o.getAttribute("data-label") === to) sel.value = o.value;
    });
    sel.focus();
    update();
  });
  root.setAttribute("data-choices", hidden.value);
  root.setAttribute("data-ready", "true");
})();
