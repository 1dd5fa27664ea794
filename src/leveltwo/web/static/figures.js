// What the page scripts share to redraw, in place, the figures the server drew
// first: the colour band of a probability (the `band` filter of templating.py),
// a dotted path into the server's JSON ("sides.0.probability"), and the redraw
// of every [data-key] number and [data-bar] bar under a root element.
(function () {
  "use strict";
  var N = window.leveltwoNumbers;

  function band(p) { return p >= 0.75 ? "band-high" : p >= 0.5 ? "band-mid" : p >= 0.25 ? "band-low" : "band-poor"; }

  function lookup(doc, key) {
    return key.split(".").reduce(function (node, part) {
      if (node === null || node === undefined) return undefined;
      return node[/^\d+$/.test(part) ? Number(part) : part];
    }, doc);
  }

  // [data-key]: a number printed as a percentage, or as a utility with data-format="num";
  // [data-bar]: a bar's width (percent of its track) and colour band.
  function draw(root, doc) {
    root.querySelectorAll("[data-key]").forEach(function (node) {
      var v = lookup(doc, node.getAttribute("data-key"));
      if (typeof v !== "number") return;
      node.setAttribute("data-value", JSON.stringify(v));
      node.textContent = node.getAttribute("data-format") === "num" ? N.utility(v) : N.percent(v);
    });
    root.querySelectorAll("[data-bar]").forEach(function (rect) {
      var v = lookup(doc, rect.getAttribute("data-bar"));
      if (typeof v !== "number") return;
      rect.setAttribute("width", String(Math.round(10000 * v) / 100));  // geometry
      rect.setAttribute("class", "bar-fg " + band(v));
    });
  }

  window.leveltwoFigures = { band: band, lookup: lookup, draw: draw };
})();
