"""The party map model: one model, drawn by the web page and the report alike."""

from __future__ import annotations

import pytest

from leveltwo.engine.assessment import assess
from leveltwo.io.casefile import load_case
from leveltwo.io.partymap import party_map as report_svg
from leveltwo.model.case import Power
from leveltwo.narrative.partymap import party_map
from leveltwo.narrative.powers import describe_power


@pytest.mark.parametrize("name", ["labour-contract", "trade-agreement"])
def test_every_stakeholder_is_on_the_map_with_its_engine_approval(name: str) -> None:
    case = load_case(name)
    a = assess(case)
    pm = party_map(case, a)
    assert [s.id for s in pm.sides] == [case.us, case.their_side.id]
    assert pm.sides[0].ours
    assert not pm.sides[1].ours
    for side in pm.sides:
        res = a.side(side.id)
        assert side.probability == res.probability
        assert side.negotiator.approval == res.negotiator.approval_probability
        assert [n.key for n in side.constituencies] == [r.key for r in res.constituencies]
        for node, r in zip(side.constituencies, res.constituencies, strict=True):
            assert node.approval == r.approval_probability
            assert node.power is r.power
            if node.blocs:
                assert sum(b.share for b in node.blocs) == pytest.approx(1.0)
                assert [b.approval for b in node.blocs] == [b.approval_probability for b in r.blocs]
    assert pm.to_json()["success_probability"] == a.success_probability


def test_the_web_layout_and_the_report_draw_the_same_words() -> None:
    pytest.importorskip("jinja2")
    from leveltwo.web.partymap import layout

    case = load_case("labour-contract")
    a = assess(case)
    pm = party_map(case, a)
    placed = layout(pm)
    svg = report_svg(case, a)
    assert [n.key for n in placed.nodes] == [n.key for n in pm.nodes]
    for node in pm.nodes:
        assert node.detail in svg or node.kind == "negotiator"
        assert [n.detail for n in placed.nodes if n.key == node.key] == [node.detail]


def test_describe_power_says_each_kind_once() -> None:
    assert describe_power(Power.RATIFY) == "ratifies"
    assert describe_power("ratify", quota=2 / 3, by_blocs=True) == (
        "ratifies by bloc vote, quota 66.7%"
    )
    assert (
        describe_power(Power.BLOCK, strength=0.5)
        == "can block (β 50%: the chance its no derails the deal)"
    )
    assert describe_power(Power.INFLUENCE) == "influences (not in P)"
