"""The report's "Bargaining at the table" section: the library's numbers, or nothing."""

from __future__ import annotations

from dataclasses import replace

from leveltwo.engine.bargaining import bargain
from leveltwo.io.bargaining_report import bargaining_section
from leveltwo.io.casefile import load_case
from leveltwo.io.report import render_report
from leveltwo.model.bargaining import Bargaining


def test_the_section_carries_the_equilibrium_and_the_chart() -> None:
    case = load_case("trade-agreement")
    section = bargaining_section(case)
    assert section is not None
    assert section["error"] is None
    doc = section["doc"]
    assert isinstance(doc, dict)
    assert doc["equilibrium"] == bargain(case, "both").to_json()["equilibrium"]
    html = render_report(case, include_plan=False)
    assert '<section id="bargaining">' in html
    e = doc["equilibrium"][0]
    assert f'data-value="{e["expected_value"][case.us]}"' in html
    assert "Tied-hands leverage" in html


def test_no_block_no_section_and_an_unsolvable_block_is_a_note() -> None:
    case = load_case("trade-agreement")
    assert bargaining_section(replace(case, bargaining=None)) is None
    html = render_report(replace(case, bargaining=None), include_plan=False)
    assert '<section id="bargaining">' not in html
    patient = replace(case, bargaining=Bargaining())  # δ = 1 for both, no deadline
    section = bargaining_section(patient)
    assert section is not None
    assert "discount" in str(section["error"])
