// Plan: wait for the planner, then toggle moves on and off and show their
// combined effect (one JSON request per change).
(function () {
  "use strict";
  var pending = document.getElementById("plan-pending");
  if (pending) {
    // planning is started by a POST (a GET never starts work), then polled with GETs;
    // a plan no one polls is stopped by the server
    var url = "/api/cases/" + pending.getAttribute("data-case") + "/plan?choices=" + encodeURIComponent(pending.getAttribute("data-choices"));
    var token = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
    var note = pending.querySelector(".progress span");
    var poll = function (method) {
      fetch(url, { method: method, headers: { "Accept": "application/json", "X-CSRF-Token": token }, credentials: "same-origin" }).then(function (r) {
        if (r.status === 202) { setTimeout(function () { poll("GET"); }, 500); return; }
        if (r.status === 404) { setTimeout(function () { poll("POST"); }, 500); return; }
        if (r.status === 503) {
          r.json().then(function (b) { note.textContent = b.message + " Retrying…"; });
          setTimeout(function () { poll("POST"); }, 3000);
          return;
        }
        window.location.reload();
      }).catch(function () { setTimeout(function () { poll("GET"); }, 2000); });
    };
    poll("POST");
    return;
  }
  var root = document.querySelector(".plan");
  if (!root) return;
  var form = document.getElementById("moves-form");
  var caseId = root.getAttribute("data-case");
  var choices = root.getAttribute("data-choices");
  var request = null;
  var pct = window.leveltwoNumbers.percent, num = window.leveltwoNumbers.utility;
  function update() {
    var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="on"]'));
    var params = new URLSearchParams();
    params.set("choices", choices);
    boxes.forEach(function (b) {
      b.closest("li").classList.toggle("off", !b.checked);
      if (b.checked) params.append("on", b.value);
    });
    if (request) request.abort();
    request = new AbortController();
    root.setAttribute("aria-busy", "true");
    fetch("/api/cases/" + caseId + "/plan/whatif?" + params.toString(), { headers: { "Accept": "application/json" }, signal: request.signal, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (doc) {
        root.removeAttribute("aria-busy");
        document.querySelectorAll("#effect [data-key]").forEach(function (node) {
          var v = doc[node.getAttribute("data-key")];
          if (typeof v !== "number") return;
          node.setAttribute("data-value", JSON.stringify(v));
          node.textContent = node.getAttribute("data-format") === "pct" ? pct(v) : num(v);
        });
        document.getElementById("moves-on").textContent = String(doc.on.length);
        document.getElementById("final-deal").textContent = Object.keys(doc.final_deal).map(function (k) { return doc.final_deal[k]; }).join(" · ");
        document.getElementById("final-link").href = "/cases/" + caseId + "/deal?choices=" + doc.final_choices;
        document.getElementById("final-choices").value = doc.final_choices;
        var query = new URLSearchParams(params); query.set("toggled", "true");
        document.getElementById("deal-actions").hidden = doc.needs_adoption;
        document.getElementById("adopt-note").hidden = !doc.needs_adoption;
        [".report-on", ".adopt-on"].forEach(function (sel) {
          var holder = document.querySelector(sel);
          holder.textContent = "";
          doc.on.forEach(function (k) { var i = document.createElement("input"); i.type = "hidden"; i.name = "on"; i.value = k; holder.appendChild(i); });
        });
        history.replaceState(null, "", "?" + query.toString());
        root.setAttribute("data-on", String(doc.on.length));
      })
      .catch(function (err) { if (err.name !== "AbortError") root.removeAttribute("aria-busy"); });
  }
  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  root.setAttribute("data-ready", "true");
})();
