"""One rule per kind of number (narrative/numbers.py), and no surface with its own.

The percent rule never shows a false 0% or 100%; the JavaScript of the web pages
(static/numbers.js, run under Node) prints every value exactly as Python does;
and no CLI, web, report or chart module formats a probability itself.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leveltwo.narrative.numbers import FILTERS, money, percent, points, share, signed, utility

SRC = Path(__file__).resolve().parents[2] / "src" / "leveltwo"


@pytest.mark.parametrize(
    ("p", "digits", "text"),
    [
        (0.0, 1, "0.0%"),
        (1.0, 1, "100.0%"),
        (0.9996, 1, ">99.9%"),
        (0.99949, 1, "99.9%"),
        (0.0004, 1, "<0.1%"),
        (0.312, 1, "31.2%"),
        (0.312, 0, "31%"),
        (0.996, 0, ">99%"),
        (0.004, 0, "<1%"),
        (None, 1, "—"),
    ],
)
def test_percent_never_shows_a_false_certainty(p: float | None, digits: int, text: str) -> None:
    assert percent(p, digits) == text


@given(st.floats(0.0, 1.0), st.integers(0, 3))
def test_percent_reads_0_or_100_only_for_0_or_1(p: float, digits: int) -> None:
    text = percent(p, digits)
    assert (text == f"{0:.{digits}f}%") == (p == 0.0)
    assert (text == f"{100:.{digits}f}%") == (p == 1.0)


def test_the_other_kinds() -> None:
    assert points(0.123) == "12.3 points"
    assert points(0.05, sign=True) == "+5.0 points"
    assert points(-0.05, sign=True) == "-5.0 points"
    assert utility(0.41234) == "0.412"
    assert utility(None) == "—"
    assert signed(0.012) == "+0.012"
    assert share(2 / 3) == "66.7%"
    assert money(1_250_000, "$") == "$1,250,000"
    assert money(-300, "€") == "-€300"
    assert money(1_250_000.5, "EUR", 2) == "1,250,000.50 EUR"
    assert FILTERS["pct"](0.9996) == ">99.9%"
    assert FILTERS["pct"]("n/a") == "—"


VALUES = [
    0.0,
    1.0,
    0.9996,
    0.99949,
    0.9995,
    0.0004,
    0.0005,
    0.00049,
    0.125,
    0.1225,
    0.15,
    0.005,
    0.995,
    1 / 3,
    2 / 3,
    0.30000000000000004,
    0.012345,
    0.5,
    *(k / 1000 for k in range(0, 1001, 7)),
    *(k / 800 for k in range(0, 801, 3)),
]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node to run the page's script")
def test_the_pages_script_prints_every_value_as_python_does(tmp_path: Path) -> None:
    script = (SRC / "web" / "static" / "numbers.js").read_text(encoding="utf-8")
    runner = tmp_path / "run.js"
    runner.write_text(
        script
        + "\nvar N = globalThis.leveltwoNumbers, out = [];\n"
        + f"{json.dumps(VALUES)}.forEach(function (v) {{\n"
        + "  [0, 1, 2].forEach(function (d) {\n"
        + "    out.push([N.percent(v, d), N.utility(v, d + 1), N.points(v - 0.5, d, true)]);\n"
        + "  });\n});\nconsole.log(JSON.stringify(out));\n",
        encoding="utf-8",
    )
    done = subprocess.run(["node", str(runner)], capture_output=True, text=True, check=True)
    expected = [
        [percent(v, d), utility(v, d + 1), points(v - 0.5, d, sign=True)]
        for v in VALUES
        for d in (0, 1, 2)
    ]
    assert json.loads(done.stdout) == expected


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node to run the page's script")
def test_the_pages_script_writes_costs_and_money_as_python_does(tmp_path: Path) -> None:
    from leveltwo.model.money import Money
    from leveltwo.narrative.numbers import cost

    script = (SRC / "web" / "static" / "numbers.js").read_text(encoding="utf-8")
    scales = [
        None,
        {"currency": "EUR", "per_utility": 12e6},
        {"currency": "$", "per_utility": 2.5e5},
    ]
    values = [v - 0.5 for v in VALUES] + [0.0004, -0.0004, 1e-9]
    runner = tmp_path / "run.js"
    runner.write_text(
        script
        + "\nvar N = globalThis.leveltwoNumbers, out = [];\n"
        + f"{json.dumps(values)}.forEach(function (v) {{\n"
        + f"  {json.dumps(scales)}.forEach(function (s) {{ out.push(N.cost(v, s)); }});\n"
        + "});\nconsole.log(JSON.stringify(out));\n",
        encoding="utf-8",
    )
    done = subprocess.run(["node", str(runner)], capture_output=True, text=True, check=True)
    money = [None if s is None else Money(str(s["currency"]), float(s["per_utility"]))
             for s in scales]  # fmt: skip
    assert json.loads(done.stdout) == [cost(v, m) for v in values for m in money]


#: Formatting a number as a percentage by hand: Python's % presentation, "100 *"
#: next to a format, and JavaScript's toFixed on a scaled value.
SELF_FORMATTED = re.compile(
    r"""(:\.?\d*%\}|"%[+.\d]*f"\s*\|\s*format\(\s*100|format\(\s*100\s*\*|"""
    r"""\(100\s*\*[^)]*\)\.toFixed|\{100\s*\*[^}]*\})"""
)
SURFACES = [
    *(SRC / "cli").rglob("*.py"),
    *(SRC / "web").rglob("*.py"),
    *(SRC / "web" / "templates").rglob("*.html"),
    *(p for p in (SRC / "web" / "static").glob("*.js") if p.name != "numbers.js"),
    *(SRC / "io").rglob("*.py"),
    *(SRC / "io" / "templates").rglob("*"),
    *(SRC / "narrative").rglob("*.py"),
]


@pytest.mark.parametrize("path", SURFACES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_surface_formats_a_probability_itself(path: Path) -> None:
    if path.is_dir() or path.name == "numbers.py":
        return
    text = path.read_text(encoding="utf-8")
    found = [
        f"{path.relative_to(SRC)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
        for m in SELF_FORMATTED.finditer(text)
    ]
    assert not found, "format it with leveltwo.narrative.numbers:\n" + "\n".join(found)


def test_the_check_sees_a_surface_that_formats_by_hand() -> None:
    bad_ones = (
        'f"{p:.1%}"',
        '{{ "%.1f" | format(100 * p) }}',
        "(100 * x).toFixed(1)",
        'f"costs {100 * b.cost:.1f} pts"',
    )
    for bad in bad_ones:
        assert SELF_FORMATTED.search(bad), bad
