"""The report as a document for the room: charts inside their boxes, keys in words, a brief."""

from __future__ import annotations

import html
import re

import pytest
from svgbounds import outside

from leveltwo import assess, bundled_cases, load_case
from leveltwo.engine.winsets import analyze_space
from leveltwo.io.charts import approval_bars, party_map, scatter_points, winset_scatter
from leveltwo.io.report import render_report
from leveltwo.narrative.numbers import percent
from leveltwo.strategies import plan

CASES = [b.name for b in bundled_cases()]


@pytest.fixture(scope="module")
def reports() -> dict[str, str]:
    return {name: render_report(load_case(name)) for name in CASES}


def visible_text(doc: str) -> str:
    body = re.sub(r"<style.*?</style>", " ", doc, flags=re.S)
    body = re.sub(r"<(title|desc)>.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return " ".join(html.unescape(body).split())


@pytest.mark.parametrize("name", CASES)
def test_every_chart_lies_inside_its_box(name):
    case = load_case(name)
    a = assess(case)
    space = analyze_space(case)
    charts = {
        "party map": party_map(case, a),
        "approvals": approval_bars(case, a),
        "scatter": winset_scatter(case, space, a.deal, scatter_points(case)),
    }
    for what, svg in charts.items():
        assert outside(svg) == [], what


@pytest.mark.parametrize("name", CASES)
def test_every_svg_in_the_report_lies_inside_its_box(reports, name):
    svgs = re.findall(r"<svg.*?</svg>", reports[name], flags=re.S)
    assert len(svgs) >= 3
    for svg in svgs:
        assert outside(svg) == []


def _ids(case) -> set[str]:
    """Every internal key of the case: stakeholder keys, issue ids, move categories."""
    keys = {st.key for st in case.stakeholders()}
    keys |= {f"deal.{i.id}" for i in case.issues}
    keys |= {"table_conduct", "agreement_form", "process_form", "victory_speech"}
    keys |= {"outside_pressure", "thwart_opponents"}
    keys |= {i.id for i in case.issues if "_" in i.id}
    return keys


@pytest.mark.parametrize("name", CASES)
def test_no_internal_id_is_shown(reports, name):
    case = load_case(name)
    text = visible_text(reports[name])
    for key in _ids(case):
        assert not re.search(rf"(?<![\w.-]){re.escape(key)}(?![\w-])", text), key
    # no "category:target" move keys, no "side.field" parameters
    assert not re.search(r"\b[a-z_]+:[a-z_]+\.[a-z_]+", text)


@pytest.mark.parametrize("name", CASES)
def test_the_report_opens_with_the_brief(reports, name):
    text = visible_text(reports[name])
    brief = text.split("The brief", 1)[1].split("The deal and its assessment", 1)[0]
    for head in ("Who blocks, and why", "What to avoid"):
        assert head in brief
    assert text.index("The brief") < text.index("The deal and its assessment")
    assert "As it stands the deal is" in brief


def test_the_brief_shows_p_before_and_after_the_plan(reports):
    case = load_case("labour-contract")
    p = plan(case)
    text = visible_text(reports["labour-contract"])
    before, after = percent(p.success_probability_before), percent(p.success_probability_after)
    assert f"{before} → {after}" in text.split("The three moves", 1)[0]
    assert "The three moves that matter most" in text


def test_confidential_line_and_date_on_the_page(reports):
    from datetime import date

    doc = render_report(
        load_case("missile-crisis"), confidential='Eyes "only" <team>', on=date(2026, 3, 4)
    )
    assert "4 March 2026" in doc
    assert 'content: "Eyes \\"only\\" \\3c team>"' in doc
    assert 'Page " counter(page)' in doc
