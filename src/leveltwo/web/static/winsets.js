// Win-set chart: every deal (or a deterministic sample of a big space) drawn on
// a canvas, EV_us across and EV_them up, coloured by success probability.
(function () {
  "use strict";
  var root = document.querySelector(".winsets");
  if (!root) return;
  var caseId = root.getAttribute("data-case");
  var canvas = document.getElementById("chart");
  var ctx = canvas.getContext("2d");
  var tooltip = document.getElementById("tooltip");
  var progressBox = document.getElementById("progress");
  var progressText = document.getElementById("progress-text");
  var progressBar = document.getElementById("progress-bar");
  var summary = document.getElementById("summary");
  var thresholdSel = document.getElementById("threshold");
  var data = null;
  var screen = [];  // [x, y, i] of drawn points, for clicks
  var pad = { l: 64, r: 20, t: 20, b: 52 };
  var timer = null;

  var pct = window.leveltwoNumbers.percent, num = window.leveltwoNumbers.utility;
  function colour(p) {
    // red (0) → amber (0.5) → green (1)
    var a = [185, 28, 28], m = [217, 119, 6], b = [21, 128, 61];
    var t = Math.max(0, Math.min(1, p)), c0 = t < 0.5 ? a : m, c1 = t < 0.5 ? m : b, u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
    return "rgb(" + [0, 1, 2].map(function (k) { return Math.round(c0[k] + (c1[k] - c0[k]) * u); }).join(",") + ")";
  }
  // Round tick values covering [lo, hi]: steps of 1, 2, 2.5 or 5 × 10^k (as io/svg.py's ticks).
  function niceTicks(lo, hi, count) {
    var raw = Math.max(hi - lo, 1e-9) / count, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 2.5, 5, 10].map(function (m) { return m * mag; }).filter(function (v) { return v >= raw; })[0];
    var out = [], first = Math.ceil(lo / step - 1e-9) * step;
    for (var v = first; v <= hi + 1e-9; v += step) out.push(Math.round(v / step) * step);
    return out;
  }
  function tickLabel(v) { var t = Math.abs(v) < 1e-12 ? "0" : String(Number(v.toPrecision(6))); return t; }
  function termsOf(index) {
    var c = choicesOf(index).split(",");
    return data.issues.map(function (iss, k) { return iss.name + ": " + iss.options[Number(c[k])]; }).join("; ");
  }
  function choicesOf(index) {
    var shape = data.shape, out = new Array(shape.length);
    for (var k = shape.length - 1; k >= 0; k--) { out[k] = index % shape[k]; index = Math.floor(index / shape[k]); }
    return out.join(",");
  }
  function dealUrl(index) { return "/cases/" + caseId + "/deal?choices=" + choicesOf(index); }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }

  function draw() {
    if (!data) return;
    var dpr = window.devicePixelRatio || 1;
    var cssW = canvas.clientWidth || 900, cssH = Math.round(cssW * 0.6);
    canvas.width = Math.round(cssW * dpr); canvas.height = Math.round(cssH * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssW, cssH);
    var P = data.points, n = P.index.length;
    var xs = P.ev_us.concat([data.no_deal.us]), ys = P.ev_them.concat([data.no_deal.them]);
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var dx = (x1 - x0) || 1, dy = (y1 - y0) || 1;
    x0 -= dx * 0.04; x1 += dx * 0.04; y0 -= dy * 0.04; y1 += dy * 0.04;
    var W = cssW - pad.l - pad.r, H = cssH - pad.t - pad.b;
    function sx(v) { return pad.l + (v - x0) / (x1 - x0) * W; }
    function sy(v) { return pad.t + H - (v - y0) / (y1 - y0) * H; }
    // axes and grid
    ctx.strokeStyle = "#e5e7eb"; ctx.fillStyle = "#4b5563"; ctx.lineWidth = 1; ctx.font = "12px system-ui, sans-serif";
    niceTicks(x0, x1, 5).forEach(function (gx) {
      ctx.beginPath(); ctx.moveTo(sx(gx), pad.t); ctx.lineTo(sx(gx), pad.t + H); ctx.stroke();
      ctx.textAlign = "center"; ctx.fillText(tickLabel(gx), sx(gx), pad.t + H + 16);
    });
    niceTicks(y0, y1, 5).forEach(function (gy) {
      ctx.beginPath(); ctx.moveTo(pad.l, sy(gy)); ctx.lineTo(pad.l + W, sy(gy)); ctx.stroke();
      ctx.textAlign = "right"; ctx.fillText(tickLabel(gy), pad.l - 6, sy(gy) + 4);
    });
    ctx.fillStyle = "#111827"; ctx.font = "13px system-ui, sans-serif"; ctx.textAlign = "center";
    ctx.fillText("Our expected value (" + data.us_name + ")", pad.l + W / 2, cssH - 10);
    ctx.save(); ctx.translate(16, pad.t + H / 2); ctx.rotate(-Math.PI / 2);
    ctx.fillText("Their expected value (" + data.them_name + ")", 0, 0); ctx.restore();
    // no-deal lines
    ctx.setLineDash([4, 4]); ctx.strokeStyle = "#6b7280";
    ctx.beginPath(); ctx.moveTo(sx(data.no_deal.us), pad.t); ctx.lineTo(sx(data.no_deal.us), pad.t + H); ctx.stroke();
    ctx.beginPath(); ctx.moveTo(pad.l, sy(data.no_deal.them)); ctx.lineTo(pad.l + W, sy(data.no_deal.them)); ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = "#4b5563"; ctx.textAlign = "left"; ctx.fillText("no deal", sx(data.no_deal.us) + 4, pad.t + 12);
    // points, low probability first so good deals sit on top
    var order = []; for (var i = 0; i < n; i++) order.push(i);
    order.sort(function (a, b) { return P.p[a] - P.p[b]; });
    var r = n > 5000 ? 2 : n > 1000 ? 3 : 4;
    screen = new Array(n);
    order.forEach(function (i) {
      var x = sx(P.ev_us[i]), y = sy(P.ev_them[i]);
      screen[i] = [x, y, i];
      ctx.fillStyle = colour(P.p[i]);
      ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI); ctx.fill();
      if (P.zone[i]) { ctx.strokeStyle = "#111827"; ctx.lineWidth = 1.2; ctx.stroke(); }
    });
    // frontier
    var F = data.analysis.frontier;
    ctx.strokeStyle = "#1d4ed8"; ctx.lineWidth = 2; ctx.beginPath();
    F.forEach(function (f, k) {
      var x = sx(f.expected_value[data.us]), y = sy(f.expected_value[data.them]);
      if (k === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    });
    ctx.stroke();
    var best = data.analysis.best_deal, nash = data.analysis.nash_deal;
    ctx.fillStyle = "#1d4ed8";
    var bx = sx(best.expected_value[data.us]), by = sy(best.expected_value[data.them]);
    ctx.fillRect(bx - 6, by - 6, 12, 12);
    if (nash) {
      var nx = sx(nash.expected_value[data.us]), ny = sy(nash.expected_value[data.them]);
      ctx.fillStyle = "#7c3aed"; ctx.beginPath(); ctx.moveTo(nx, ny - 8); ctx.lineTo(nx + 7, ny + 6); ctx.lineTo(nx - 7, ny + 6); ctx.closePath(); ctx.fill();
    }
    if (data.proposal) {  // the current proposal: a black diamond with its name
      var qx = sx(data.proposal.ev_us), qy = sy(data.proposal.ev_them);
      ctx.fillStyle = "#111827"; ctx.beginPath(); ctx.moveTo(qx, qy - 8); ctx.lineTo(qx + 8, qy); ctx.lineTo(qx, qy + 8); ctx.lineTo(qx - 8, qy); ctx.closePath(); ctx.fill();
      ctx.font = "12px system-ui, sans-serif"; ctx.textAlign = "left"; ctx.fillText("proposal", qx + 10, qy - 6);
    }
    if (focusK >= 0 && marked[focusK]) {  // the deal chosen with the keyboard
      var f = marked[focusK], fx = sx(f.ev_us), fy = sy(f.ev_them);
      ctx.strokeStyle = "#dc2626"; ctx.lineWidth = 3; ctx.beginPath(); ctx.arc(fx, fy, 11, 0, 2 * Math.PI); ctx.stroke();
    }
  }

  function nearest(ev) {
    var rect = canvas.getBoundingClientRect();
    var x = ev.clientX - rect.left, y = ev.clientY - rect.top, best = null, bd = 144;
    for (var k = 0; k < screen.length; k++) {
      var s = screen[k]; if (!s) continue;
      var d = (s[0] - x) * (s[0] - x) + (s[1] - y) * (s[1] - y);
      if (d < bd) { bd = d; best = s; }
    }
    return best;
  }

  canvas.addEventListener("click", function (ev) {
    var hit = nearest(ev);
    if (hit) window.location.href = dealUrl(data.points.index[hit[2]]);
  });
  canvas.addEventListener("mousemove", function (ev) {
    var hit = nearest(ev);
    if (!hit) { tooltip.hidden = true; return; }
    var P = data.points, i = hit[2];
    tooltip.textContent = termsOf(P.index[i]) + " — success " + pct(P.p[i]) + " · EV us " + num(P.ev_us[i]) + " · EV them " + num(P.ev_them[i]) + (P.zone[i] ? " · in the agreement zone" : "") + " (click to open)";
    tooltip.hidden = false;
    tooltip.style.left = Math.min(hit[0] + 12, canvas.clientWidth - 240) + "px";
    tooltip.style.top = (hit[1] + 12) + "px";
  });
  canvas.addEventListener("mouseleave", function () { tooltip.hidden = true; });

  // Keyboard: the chart takes focus; arrows step through the deals worth knowing
  // (proposal, best, Nash, the frontier), Enter opens the one chosen.
  var marked = [], focusK = -1;
  function markedDeals() {
    var A = data.analysis, out = [];
    function add(label, index, p, us, them) { out.push({ label: label, index: index, p: p, ev_us: us, ev_them: them }); }
    if (data.proposal) add("Proposal", data.proposal.index, data.proposal.success_probability, data.proposal.ev_us, data.proposal.ev_them);
    add("Best for us", A.best_deal.index, A.best_deal.success_probability, A.best_deal.expected_value[data.us], A.best_deal.expected_value[data.them]);
    if (A.nash_deal) add("Nash deal", A.nash_deal.index, A.nash_deal.success_probability, A.nash_deal.expected_value[data.us], A.nash_deal.expected_value[data.them]);
    A.frontier.forEach(function (f, k) { add("Frontier " + (k + 1), f.index, f.success_probability, f.expected_value[data.us], f.expected_value[data.them]); });
    return out;
  }
  var live = document.getElementById("chart-focus");
  canvas.addEventListener("keydown", function (ev) {
    if (!data) return;
    if (!marked.length) marked = markedDeals();
    var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[ev.key];
    if (step) {
      ev.preventDefault();
      focusK = (focusK + step + marked.length) % marked.length;
      var m = marked[focusK];
      if (live) live.textContent = m.label + ": " + termsOf(m.index) + " — success " + pct(m.p) + ", EV us " + num(m.ev_us) + ", EV them " + num(m.ev_them) + ". Enter opens it.";
      draw();
    } else if (ev.key === "Enter" && focusK >= 0) {
      window.location.href = dealUrl(marked[focusK].index);
    }
  });

  function dealRow(tbody, label, point) {
    var tr = el("tr");
    tr.appendChild(el("th", "", label)).setAttribute("scope", "row");
    var terms = Object.keys(point.deal).map(function (k) { return point.deal[k]; }).join(" · ");
    tr.appendChild(el("td", "", terms));
    var p = el("td", "num", pct(point.success_probability)); p.setAttribute("data-value", JSON.stringify(point.success_probability)); tr.appendChild(p);
    var a = el("td", "num", num(point.expected_value[data.us])); a.setAttribute("data-value", JSON.stringify(point.expected_value[data.us])); tr.appendChild(a);
    var b = el("td", "num", num(point.expected_value[data.them])); b.setAttribute("data-value", JSON.stringify(point.expected_value[data.them])); tr.appendChild(b);
    var td = el("td"); var link = el("a", "button small", "Open"); link.href = dealUrl(point.index); td.appendChild(link); tr.appendChild(td);
    tbody.appendChild(tr);
  }

  function renderSummary() {
    var A = data.analysis;
    summary.textContent = "";
    var dl = el("dl", "facts");
    function fact(k, v, raw) { dl.appendChild(el("dt", "", k)); var dd = el("dd", "num", v); if (raw !== undefined) dd.setAttribute("data-value", JSON.stringify(raw)); dl.appendChild(dd); }
    fact("Possible deals", A.outcomes.toLocaleString(), A.outcomes);
    A.sides.forEach(function (s) { fact("Win-set of " + s.name + " (τ = " + A.threshold + ")", s.winset_size.toLocaleString() + " deals", s.winset_size); });
    fact("Agreement zone (both win-sets)", A.agreement_zone_size.toLocaleString() + " deals", A.agreement_zone_size);
    fact("Highest success probability", pct(A.max_success_probability), A.max_success_probability);
    summary.appendChild(dl);
    if (data.advice) {
      var adv = el("div", "notice advice");
      adv.appendChild(el("p", "", data.advice.text));
      var ul = el("ul");
      data.advice.nearest.forEach(function (n) {
        var li = el("li");
        var a = el("a", "", termsOf(n.index)); a.href = dealUrl(n.index); li.appendChild(a);
        var sides = Object.keys(n.side_probability).map(function (k) { return (k === data.us ? data.us_name : data.them_name) + " " + pct(n.side_probability[k]); }).join(", ");
        li.appendChild(document.createTextNode(" — sides ratify: " + sides));
        ul.appendChild(li);
      });
      adv.appendChild(el("p", "", "The nearest deals:")); adv.appendChild(ul);
      summary.appendChild(adv);
    }
    var table = el("table", "table compact");
    var head = el("thead"); var hr = el("tr");
    ["Deal", "Terms", "Success", "EV us", "EV them", ""].forEach(function (h) { var th = el("th", "", h); th.setAttribute("scope", "col"); hr.appendChild(th); });
    head.appendChild(hr); table.appendChild(head);
    var tbody = el("tbody");
    dealRow(tbody, "Best for us", A.best_deal);
    if (A.nash_deal) dealRow(tbody, "Risk-adjusted Nash", A.nash_deal);
    A.frontier.forEach(function (f, k) { dealRow(tbody, "Frontier " + (k + 1), f); });
    table.appendChild(tbody);
    summary.appendChild(el("h3", "", "Deals worth knowing"));
    summary.appendChild(table);
    var note = document.getElementById("sample-note");
    if (data.sampled) {
      note.hidden = false;
      note.textContent = "The space has " + A.outcomes.toLocaleString() + " deals; the chart shows a fixed sample of " + data.shown.toLocaleString() + " of them (seed " + data.sample_seed + ", the same every time) plus the frontier, best and Nash deals. The figures above cover every deal.";
    } else { note.hidden = true; }
  }

  var token = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  // the analysis is started by a POST (a GET never starts work), then polled with GETs;
  // an analysis no one polls is stopped by the server
  function load(method) {
    if (timer) clearTimeout(timer);
    var t = thresholdSel.value;
    fetch("/api/cases/" + caseId + "/space?threshold=" + encodeURIComponent(t), { method: method || "POST", headers: { "Accept": "application/json", "X-CSRF-Token": token }, credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (b) { return { status: r.status, body: b }; }); })
      .then(function (res) {
        if (res.status === 202) {
          progressBox.hidden = false;
          var b = res.body;
          progressBar.value = b.total ? b.done / b.total : 0;
          progressText.textContent = "Analysing " + b.total.toLocaleString() + " deals… " + (b.total ? Math.round(100 * b.done / b.total) : 0) + "%";
          timer = setTimeout(function () { load("GET"); }, 400);
          return;
        }
        if (res.status === 404 && res.body.status === "none") { timer = setTimeout(function () { load("POST"); }, 400); return; }
        if (res.status === 503) {
          progressBox.hidden = false;
          progressText.textContent = (res.body.message || "The server is busy.") + " Retrying…";
          timer = setTimeout(function () { load("POST"); }, 3000);
          return;
        }
        if (res.status !== 200) {
          progressBox.hidden = false;
          progressText.textContent = res.body.message || "The analysis failed.";
          return;
        }
        progressBox.hidden = true;
        data = res.body; marked = []; focusK = -1;
        draw();
        renderSummary();
        root.setAttribute("data-ready", "true");
      })
      .catch(function () { progressText.textContent = "The server could not be reached."; });
  }
  thresholdSel.addEventListener("change", function () { root.removeAttribute("data-ready"); load("POST"); });
  window.addEventListener("resize", function () { draw(); });
  load("POST");
})();
