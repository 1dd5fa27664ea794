// How the pages print a number: the rules of leveltwo/narrative/numbers.py, for the
// figures the scripts redraw without a reload. tests/narrative/test_numbers.py runs
// this file under Node and checks it prints every value as the Python module does.
(function (root) {
  "use strict";
  // x with d decimals as Python's format(x, ".df") writes it: toFixed rounds an exact
  // tie away from zero, Python to even. x is a tie exactly when x * 2^(d+1) is odd.
  function fixed(x, d) {
    var t = x * Math.pow(2, d + 1);
    if (Number.isInteger(t) && Math.abs(t % 2) === 1) {
      var m = Math.pow(10, d), n = Math.floor(x * m);
      if (n % 2 !== 0) n += 1;
      return (n / m).toFixed(d);
    }
    return x.toFixed(d);
  }
  function percent(p, digits) {
    var d = digits === undefined ? 1 : digits;
    if (typeof p !== "number") return "\u2014";
    var text = fixed(100 * p, d), step = Math.pow(10, -d);
    if (p > 0 && Number(text) === 0) return "<" + step.toFixed(d) + "%";
    if (p < 1 && Number(text) >= 100) return ">" + (100 - step).toFixed(d) + "%";
    return text + "%";
  }
  function utility(x, digits) {
    if (typeof x !== "number") return "\u2014";
    return fixed(x, digits === undefined ? 3 : digits);
  }
  function points(dp, digits, sign) {
    var text = fixed(100 * dp, digits === undefined ? 1 : digits);
    if (sign && text.charAt(0) !== "-") text = "+" + text;
    return text + " points";
  }
  // An amount of money: thousands separators, a sign or symbol before it, a code after.
  function money(amount, unit) {
    var digits = fixed(Math.abs(amount), 0), text = "";
    for (var i = 0; i < digits.length; i++) {
      if (i > 0 && (digits.length - i) % 3 === 0) text += ",";
      text += digits.charAt(i);
    }
    var minus = amount < 0 ? "-" : "";
    if (!unit) return minus + text;
    if (/^[A-Za-z]+$/.test(unit) && unit.length > 1) return minus + text + " " + unit;
    return minus + unit + text;
  }
  // A cost to us: positive, utility given up; negative, gained; its money beside it.
  function cost(x, scale) {
    if (typeof x !== "number") return "\u2014";
    var text = Math.abs(x) < 0.0005 ? (0).toFixed(3) : fixed(x, 3);
    if (scale) text += " (" + money(x * scale.per_utility, scale.currency) + ")";
    return text;
  }
  root.leveltwoNumbers = { percent: percent, utility: utility, points: points, money: money, cost: cost };
})(typeof window !== "undefined" ? window : globalThis);
