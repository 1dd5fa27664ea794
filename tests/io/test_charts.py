"""Server-side SVG charts: valid XML, accessible, complete, deterministic; seeded sampling."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from leveltwo.engine.assessment import assess
from leveltwo.engine.winsets import analyze_space
from leveltwo.io.casefile import load_case
from leveltwo.io.charts import approval_bars, party_map, scatter_points, winset_scatter
from leveltwo.io.svg import VIRIDIS, blend, fit, tick_label, ticks

NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def nurses():
    case = load_case("labour-contract")
    return case, assess(case), analyze_space(case)


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("viewBox")
    assert root.find(f"{NS}title") is not None
    assert root.find(f"{NS}desc") is not None
    return root


def test_scatter_draws_every_deal_of_a_small_space(nurses):
    case, a, space = nurses
    root = parse(winset_scatter(case, space, a.deal))
    group = next(g for g in root.iter(f"{NS}g"))
    assert len(group.findall(f"{NS}circle")) == case.size == 2880
    frontier = root.find(f"{NS}polyline")
    assert frontier is not None
    assert len(frontier.get("points", "").split()) == len(space.frontier)


def test_scatter_samples_large_spaces_with_a_seed(nurses):
    case, _, _ = nurses
    sample = scatter_points(case, max_points=500, seed=7)
    assert sample.sampled
    assert len(sample.success) == 500
    assert "seed 7" in sample.note()
    assert "500 of the 2,880 deals" in sample.note()
    again = scatter_points(case, max_points=500, seed=7)
    assert (sample.ev_us == again.ev_us).all()
    other = scatter_points(case, max_points=500, seed=8)
    assert not (sample.ev_us == other.ev_us).all()
    full = scatter_points(case)
    assert not full.sampled
    assert full.note() == "All 2,880 deals shown."


def test_party_map_names_every_stakeholder_with_its_approval(nurses):
    case, a, _ = nurses
    root = parse(party_map(case, a))
    desc = root.findtext(f"{NS}desc") or ""
    for side in case.sides:
        assert side.name in desc
        for c in side.constituencies:
            assert c.name in desc
    assert "Safe-staffing caucus can block (β 50%: the chance its no derails the deal) 2%" in desc
    texts = [t.text or "" for t in root.iter(f"{NS}text")]
    assert "Level I" in texts
    assert any(t.startswith("· ICU and emergency nurses") for t in texts)


def test_approval_bars_one_bar_per_constituency_and_bloc(nurses):
    case, a, _ = nurses
    root = parse(approval_bars(case, a, 0.5))
    rows = sum(1 + len(c.blocs) for s in case.sides for c in s.constituencies)
    bars = [r for r in root.iter(f"{NS}rect") if r.get("height") == "14.0"]
    assert len(bars) == rows == 7
    widths = sorted(float(r.get("width", "0")) for r in bars)
    # the widest bar is the bondholders' >99% approval of a 410-pixel axis
    assert widths[-1] == pytest.approx(
        410 * a.side("hospital").constituencies[1].approval_probability, abs=0.06
    )


def test_charts_are_byte_identical_across_calls(nurses):
    case, a, space = nurses
    assert winset_scatter(case, space, a.deal) == winset_scatter(case, space, a.deal)
    assert party_map(case, a) == party_map(case, a)


def test_svg_helpers():
    assert blend(VIRIDIS, 0.0) == VIRIDIS[0]
    assert blend(VIRIDIS, 1.0) == VIRIDIS[-1]
    assert blend(VIRIDIS, 0.5) == VIRIDIS[2]
    assert blend(("#000000", "#ffffff"), 0.5) == "#808080"
    assert ticks(0.3, 0.65) == [0.3, 0.4, 0.5, 0.6]
    assert ticks(0.31, 0.33) == [0.31, 0.315, 0.32, 0.325, 0.33]
    assert [tick_label(x) for x in (0.0, 0.315, 1.0)] == ["0", "0.315", "1"]
    assert fit("Membership ratification vote", 60, 10) == "Membershi…"
    assert fit("short", 600, 10) == "short"


def test_user_text_is_escaped(make_case, pilots_data):
    pilots_data["sides"][1]["constituencies"][0]["name"] = "<script>&"
    case = make_case(pilots_data)
    svg = party_map(case, assess(case))
    assert "<script>" not in svg
    parse(svg)
