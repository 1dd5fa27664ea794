// Live what-ifs on assumptions: every slider (or its number box) change asks the
// server for the answers of the changed case (one JSON request, nothing saved)
// and redraws the figures in place. "Save as a revision" posts the changes;
// "Reset" puts every input back to the saved case.
(function () {
  "use strict";
  var root = document.querySelector(".whatif");
  if (!root) return;
  var caseId = root.getAttribute("data-case");
  var choices = root.getAttribute("data-choices");
  var ranges = Array.prototype.slice.call(root.querySelectorAll("input[data-assumption]"));
  var numbers = {};
  root.querySelectorAll("input[data-number-for]").forEach(function (n) { numbers[n.getAttribute("data-number-for")] = n; });
  var status = document.getElementById("status");
  var line = document.getElementById("whatif-status");
  var timing = document.getElementById("timing");
  var save = document.getElementById("whatif-save");
  var reset = document.getElementById("whatif-reset");
  var hidden = document.getElementById("whatif-changes");
  var timer = null, seq = 0;

  var N = window.leveltwoNumbers;
  function pct(x) { return N.percent(x, 1); }
  var lookup = window.leveltwoFigures.lookup;
  function changes() {
    return ranges.filter(function (r) {
      return Math.abs(Number(r.value) - Number(r.getAttribute("data-original"))) > 1e-12;
    }).map(function (r) { return [r.getAttribute("data-assumption"), r.value]; });
  }
  function render(doc) {
    window.leveltwoFigures.draw(root, doc);
    root.querySelectorAll("[data-space]").forEach(function (node) {
      var v = lookup(doc.space, node.getAttribute("data-space"));
      if (typeof v !== "number") return;
      node.textContent = node.getAttribute("data-format") === "pct" ? pct(v) : v.toLocaleString("en");
    });
    var box = document.getElementById("whatif-diagnosis");
    box.textContent = "";
    var p = document.createElement("p"); p.textContent = doc.explanation.summary; box.appendChild(p);
    doc.explanation.blockers.forEach(function (b) {
      var q = document.createElement("p"); q.className = "blocker-text"; q.textContent = b.text; box.appendChild(q);
    });
    if (doc.space.agreement_zone_size === 0) {
      var warn = document.createElement("p"); warn.className = "notice";
      warn.textContent = "Under these assumptions no deal is in both win-sets: the agreement zone is empty.";
      box.appendChild(warn);
    }
  }
  function refresh() {
    var list = changes();
    hidden.textContent = "";
    list.forEach(function (c) {
      var input = document.createElement("input");
      input.type = "hidden"; input.name = "a"; input.value = c[0] + "=" + c[1];
      hidden.appendChild(input);
    });
    save.disabled = list.length === 0; reset.disabled = list.length === 0;
    var q = list.map(function (c) { return "a=" + encodeURIComponent(c[0] + "=" + c[1]); });
    if (choices) q.push("choices=" + encodeURIComponent(choices));
    var mine = ++seq, started = performance.now();
    root.setAttribute("data-busy", "true");
    fetch("/api/cases/" + caseId + "/whatif?" + q.join("&"), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        if (mine !== seq) return;
        root.removeAttribute("data-busy");
        if (!res.ok) { status.hidden = false; status.textContent = res.body.message || "That what-if could not be computed."; return; }
        status.hidden = true;
        render(res.body);
        line.textContent = list.length === 0
          ? "Showing the case as saved."
          : "What-if with " + list.length + " changed assumption" + (list.length === 1 ? "" : "s") + ", not saved.";
        timing.textContent = "Updated in " + Math.round(performance.now() - started) + " ms (server " + res.body.elapsed_ms + " ms).";
        root.setAttribute("data-updated", String(mine));
      })
      .catch(function () { root.removeAttribute("data-busy"); status.hidden = false; status.textContent = "The server could not be reached; your inputs are kept."; });
  }
  function later() { if (timer) clearTimeout(timer); timer = setTimeout(refresh, 120); }
  ranges.forEach(function (r) {
    var key = r.getAttribute("data-assumption"), n = numbers[key];
    r.addEventListener("input", function () { if (n) n.value = Number(r.value).toPrecision(3).replace(/\.?0+$/, ""); later(); });
    if (n) n.addEventListener("change", function () {
      var v = Math.min(Number(r.max), Math.max(Number(r.min), Number(n.value)));
      if (isNaN(v)) return;
      r.value = String(v); n.value = String(v); later();
    });
  });
  reset.addEventListener("click", function () {
    ranges.forEach(function (r) {
      r.value = r.getAttribute("data-original");
      var n = numbers[r.getAttribute("data-assumption")];
      if (n) n.value = Number(r.value).toPrecision(3).replace(/\.?0+$/, "");
    });
    refresh();
  });
})();
