"""The prep report: one self-contained file, complete, faithful to the library, deterministic."""

from __future__ import annotations

import html
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from leveltwo.engine.assessment import assess
from leveltwo.engine.diagnosis import diagnose
from leveltwo.io.bundled import bundled_cases
from leveltwo.io.casefile import load_case
from leveltwo.io.report import ReportDependencyError, render_report
from leveltwo.model.case import Case, Category
from leveltwo.model.dealargs import parse_deal_args
from leveltwo.narrative.numbers import percent
from leveltwo.strategies import Plan
from leveltwo.strategies import plan as plan_moves
from leveltwo.strategies.diff import Change
from leveltwo.strategies.planresult import Approval, AvoidItem, FindOut, RiskReport

NAMES = [b.name for b in bundled_cases()]


class Page(HTMLParser):
    """Collects every tag with its attributes, and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def page(doc: str) -> Page:
    p = Page()
    p.feed(doc)
    p.close()
    return p


@pytest.fixture(scope="module")
def reports() -> dict[str, str]:
    return {name: render_report(load_case(name)) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_report_has_no_external_resources(reports, name):
    doc = reports[name]
    p = page(doc)
    tags = {t for t, _ in p.tags}
    assert "script" not in tags
    assert "link" not in tags
    assert "img" not in tags
    assert "iframe" not in tags
    for tag, attrs in p.tags:
        for key in ("src", "href", "xlink:href", "action", "data", "poster"):
            value = attrs.get(key)
            if value is None:
                continue
            assert not re.match(r"^\s*(https?:)?//", value, re.I), (tag, key, value)
            if key == "href":
                assert value.startswith("#"), (tag, value)  # only links within the page
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", doc, re.I)
    assert "@import" not in doc
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://""", doc, re.I)


@pytest.mark.parametrize("name", NAMES)
def test_report_names_every_constituency_and_bloc(reports, name):
    case = load_case(name)
    text = "".join(page(reports[name]).text)
    for side in case.sides:
        assert side.name in text
        assert side.negotiator.name in text
        for c in side.constituencies:
            assert c.name in text
            for b in c.blocs:
                assert b.name in text
    for issue in case.issues:
        assert issue.name in text


@pytest.mark.parametrize("name", NAMES)
def test_success_probability_is_the_assessment_as_shown(reports, name):
    case = load_case(name)
    p = assess(case).success_probability
    doc = reports[name]
    m = re.search(
        r'id="success-probability"><span class="num" data-value="([^"]+)">([^<]+)</span>', doc
    )
    assert m is not None
    assert float(m.group(1)) == p
    assert m.group(2) == percent(p, 1)


@pytest.mark.parametrize("name", NAMES)
def test_every_svg_is_valid_xml(reports, name):
    svgs = re.findall(r"<svg\b.*?</svg>", reports[name], re.S)
    # party map, approvals, win-set scatter, the plan's tornado, and with a
    # bargaining: block the tied-hands leverage chart
    assert len(svgs) == 4 + (load_case(name).bargaining is not None)
    for svg in svgs:
        root = ET.fromstring(svg)
        assert root.tag.endswith("svg")
        assert root.find("{http://www.w3.org/2000/svg}title") is not None


def test_report_is_deterministic():
    case = load_case("cross-border-acquisition")
    assert render_report(case) == render_report(case)


def test_report_carries_the_diagnosis_and_the_speech(reports):
    case = load_case("labour-contract")
    doc = reports["labour-contract"]
    text = html.unescape(doc)
    d = diagnose(case)
    assert f"the {d.blockers[0].name} is the binding blocker" in text
    assert "Eastbrook Nurses' Association: why this agreement deserves a yes" in text
    assert '<strong class="term">capped at 12h a month</strong>' in doc
    assert "Do not present 12% on Wage increase over the contract as a win" in text
    assert "print this page from a browser" in text
    assert "@media print" in doc


def test_report_for_another_deal_and_side():
    case = load_case("labour-contract")
    deal = parse_deal_args(case, ["wages=15%"], base=case.proposal)
    doc = render_report(case, deal, speech_side="hospital")
    p = assess(case, deal).success_probability
    assert f'data-value="{p!r}">{percent(p, 1)}</span>' in doc
    assert "Victory speech for Eastbrook Health (management)" in html.unescape(doc)
    assert "on the deal under study" in doc


def fake_plan(case: Case) -> Plan:
    """A plan with hand-written words and numbers, built from a real plan's parts."""
    real = plan_moves(case)
    deal = case.deal_labels(case.proposal)
    step = replace(
        real.moves[0],
        rank=1,
        key="compensation:staffing",
        category=Category.COMPENSATION,
        title="Offer a staffing ratio",
        target="union.staffing_caucus",
        target_name="Safe-staffing caucus",
        changes=(Change("deal.staffing", "joint committee", "6 patients per nurse"),),
        cost=0.02,
        risk=RiskReport("backlash", 0.1, "Board balks.", 0.3, 0.35),
        success_probability_before=0.25,
        success_probability_after=0.4,
        expected_value_before=0.4,
        expected_value_after=0.45,
        rationale="The caucus weighs staffing above all.",
    )
    return replace(
        real,
        deal=tuple(deal.items()),
        final_deal=tuple({**deal, "staffing": "6 patients per nurse"}.items()),
        success_probability_before=0.25,
        success_probability_after=0.4,
        expected_value_before=0.4,
        expected_value_after=0.45,
        moves=(step,),
        chosen=(),
        avoid=(
            AvoidItem(
                key="statements:x",
                category=Category.STATEMENTS,
                what="Calling the committee a concession",
                whom=(Approval("union.members", "Membership", 0.54, 0.4),),
                success_probability_change=-0.05,
                net_value_change=-0.01,
                reason="It hardens the membership.",
            ),
        ),
        find_out=(
            FindOut(
                parameter="union.members.pressure",
                question="How susceptible is the membership to press coverage?",
                category=Category.OUTSIDE_PRESSURE,
                lever=step.lever,
                plausible_values=(0.0, 0.5),
                weights=(0.5, 0.5),
                basis="a guess",
                value_of_information=0.012,
                unlocks=("outside_pressure",),
            ),
        ),
    )


def test_plan_section_renders_a_plan_passed_in():
    case = load_case("labour-contract")
    doc = render_report(case, plan=fake_plan(case))
    text = html.unescape(re.sub(r"<[^>]+>", "", doc))
    assert "The caucus weighs staffing above all." in text
    assert "Offer a staffing ratio" in text
    assert "Risk: backlash (10%): Board balks." in text
    assert "Calling the committee a concession: It hardens the membership." in text
    assert "How susceptible is the membership to press coverage?" in text
    assert "it decides outside pressure" in text
    assert "25.0% → 40.0%" in text
    assert "The plan changes these terms of the deal" in text
    row = "Safe-staffing provision (medical-surgical units)joint committee6 patients per nurse"
    assert row in text.replace("\n", "")


def test_plan_is_the_planners_by_default(reports):
    case = load_case("labour-contract")
    expected = plan_moves(case).to_json()
    doc = reports["labour-contract"]
    text = html.unescape(re.sub(r"<[^>]+>", "", doc))
    p_after = expected["success_probability_after"]
    assert f'data-value="{p_after!r}">{percent(p_after, 1)}</span>' in doc
    for m in expected["moves"]:
        assert m["rationale"] in text
        assert m["title"] in text


def test_plan_left_out_on_request():
    doc = render_report(load_case("trade-agreement"), include_plan=False)
    assert "The plan was left out of this report." in doc
    assert "Moves, ranked" not in doc


def test_missing_jinja2_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "jinja2", None)
    with pytest.raises(ReportDependencyError, match=r"leveltwo\[report\]"):
        render_report(load_case("trade-agreement"))
