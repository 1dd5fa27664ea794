"""The examples of docs/json-output.md, generated from real runs of the CLI's code.

The page's prose is hand-written Markdown; each example sits between markers::

    <!-- example: analyze -->
    ...generated...
    <!-- end example -->

Refresh them in place with::

    python -m leveltwo.cli.jsondoc docs/json-output.md

The examples are the ``--json`` output of ``analyze`` and ``winsets`` on the
bundled case :data:`EXAMPLE_CASE`, with numbers rounded to :data:`DIGITS`
decimals and long lists cut (each example says what was cut), and the JSON
error for an unknown option in ``--deal``. A test asserts that refreshing the
page changes nothing and that every key the commands print is named on it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from leveltwo.cli.analyze import analysis_json
from leveltwo.engine.assessment import assess
from leveltwo.engine.diagnosis import diagnose
from leveltwo.engine.winsets import analyze_space
from leveltwo.errors import DealError
from leveltwo.io.casefile import load_case
from leveltwo.model.dealargs import parse_deal_args

EXAMPLE_CASE = "labour-contract"
#: The case of the influence example (relative to the repository root).
INFLUENCE_CASE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "influence.yaml"
DIGITS = 4
#: Entries kept of long lists in the examples.
KEEP_BLOCKERS = 1
KEEP_FIXES = 2
KEEP_FRONTIER = 2
#: The ``--deal`` argument of the error example (not an option of the example case).
BAD_DEAL = "wages=5%"

MARKER = re.compile(r"<!-- example: (?P<name>[a-z]+) -->\n.*?<!-- end example -->", re.S)


def rounded(data: Any, digits: int = DIGITS) -> Any:
    """A copy with every float rounded (ints, booleans, strings and None kept)."""
    if isinstance(data, float):
        return round(data, digits)
    if isinstance(data, dict):
        return {k: rounded(v, digits) for k, v in data.items()}
    if isinstance(data, list):
        return [rounded(v, digits) for v in data]
    return data


def _json_block(data: Any) -> str:
    return "```json\n" + json.dumps(data, indent=2, ensure_ascii=False) + "\n```\n"


def analyze_example() -> str:
    """``analyze --json`` on the example case's proposal, diagnosis cut."""
    case = load_case(EXAMPLE_CASE)
    a = assess(case)
    doc: dict[str, Any] = analysis_json(a, diagnose(case, a.deal))
    blockers = doc["diagnosis"]["blockers"]
    n_fixes = len(blockers[0]["fixes"]) if blockers else 0
    cut = [dict(b) for b in blockers[:KEEP_BLOCKERS]]
    for b in cut:
        b["fixes"] = b["fixes"][:KEEP_FIXES]
    doc["diagnosis"] = {**doc["diagnosis"], "blockers": cut}
    cuts = []
    if len(blockers) > len(cut):
        cuts.append(f"`diagnosis.blockers` is cut to its first {len(cut)} of {len(blockers)}")
    if n_fixes > KEEP_FIXES and cut:
        cuts.append(f"the first blocker's `fixes` to {KEEP_FIXES} of {n_fixes}")
    note = f"Example: `leveltwo analyze {EXAMPLE_CASE} --json` (the case's proposal)."
    if cuts:
        note += f" Here {' and '.join(cuts)}; the real output lists them all."
    note += "\n\n"
    return note + _json_block(rounded(doc))


def winsets_example() -> str:
    """``winsets --json`` on the example case, frontier cut."""
    doc: dict[str, Any] = analyze_space(load_case(EXAMPLE_CASE)).to_json()
    n = len(doc["frontier"])
    doc["frontier"] = doc["frontier"][:KEEP_FRONTIER]
    note = (
        f"Example: `leveltwo winsets {EXAMPLE_CASE} --json`. Here `frontier` is cut to "
        f"its first {len(doc['frontier'])} of {n} entries.\n\n"
    )
    return note + _json_block(rounded(doc))


def influence_example() -> str:
    """The ``influence`` key of ``analyze --json`` on docs/examples/influence.yaml."""
    case = load_case(str(INFLUENCE_CASE))
    a = assess(case)
    doc = analysis_json(a, diagnose(case, a.deal), case=case)
    note = (
        "Example: the `influence` key of `leveltwo analyze docs/examples/influence.yaml "
        "--json`.\n\n"
    )
    return note + _json_block(rounded({"influence": doc["influence"]}))


def error_example() -> str:
    """The JSON error ``analyze EXAMPLE_CASE --deal BAD_DEAL --json`` prints."""
    case = load_case(EXAMPLE_CASE)
    try:
        parse_deal_args(case, [BAD_DEAL], base=case.proposal)
    except DealError as exc:
        return _json_block(exc.to_json())
    raise AssertionError(f"{BAD_DEAL} should not be a valid deal of {EXAMPLE_CASE}")


EXAMPLES: dict[str, Callable[[], str]] = {
    "analyze": analyze_example,
    "winsets": winsets_example,
    "error": error_example,
    "influence": influence_example,
}


def refresh(text: str) -> str:
    """The page with every example between markers regenerated."""

    def fill(m: re.Match[str]) -> str:
        name = m["name"]
        if name not in EXAMPLES:
            raise ValueError(f"unknown example {name!r}; known: {sorted(EXAMPLES)}")
        return f"<!-- example: {name} -->\n{EXAMPLES[name]()}<!-- end example -->"

    return MARKER.sub(fill, text)


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "docs/json-output.md")
    old = path.read_text(encoding="utf-8")
    new = refresh(old)
    if new != old:
        path.write_text(new, encoding="utf-8")
    print(f"{path}: {'refreshed' if new != old else 'up to date'}")
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
