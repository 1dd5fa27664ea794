// Copy the speech draft to the clipboard (with a selection fallback).
(function () {
  "use strict";
  var btn = document.getElementById("copy-speech");
  if (!btn) return;
  var status = document.getElementById("copy-status");
  btn.addEventListener("click", function () {
    var node = document.getElementById(btn.getAttribute("data-target"));
    var text = node.textContent;
    function done() { status.textContent = "Copied the draft to the clipboard."; }
    function fallback() {
      var range = document.createRange();
      range.selectNodeContents(node);
      var sel = window.getSelection();
      sel.removeAllRanges(); sel.addRange(range);
      try { document.execCommand("copy"); done(); } catch (e) { status.textContent = "Press Ctrl+C to copy the selected draft."; }
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else { fallback(); }
  });
  document.querySelectorAll("select.auto-submit").forEach(function (s) {
    s.addEventListener("change", function () { s.form.submit(); });
  });
})();
