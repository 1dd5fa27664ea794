// Editor helpers: show per-option value cells only for "custom" values, and
// jump from a YAML problem to its line.
(function () {
  "use strict";
  document.querySelectorAll("select[data-values-mode]").forEach(function (sel) {
    var box = document.getElementById(sel.getAttribute("data-values-mode"));
    if (!box) return;
    box.setAttribute("data-js", "on");
    function sync() { box.setAttribute("data-collapsed", sel.value === "custom" ? "false" : "true"); }
    sel.addEventListener("change", sync);
    sync();
  });
  var text = document.getElementById("yaml-text");
  document.querySelectorAll("a[data-line]").forEach(function (a) {
    a.addEventListener("click", function (e) {
      if (!text) return;
      e.preventDefault();
      var line = Number(a.getAttribute("data-line"));
      var lines = text.value.split("\n");
      var start = 0;
      for (var i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
      var end = start + (lines[line - 1] || "").length;
      text.focus();
      text.setSelectionRange(start, end);
      var lineHeight = parseFloat(getComputedStyle(text).lineHeight) || 18;
      text.scrollTop = Math.max(0, (line - 5) * lineHeight);
    });
  });
  var problems = document.getElementById("problems");
  if (problems) problems.focus();
})();
