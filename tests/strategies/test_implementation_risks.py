"""Implementation risks are an element of the model, not a fake constituency.

The tacit understanding adds an :class:`~leveltwo.model.case.ImplementationRisk`
to the counterpart's side; it enters P through the engine's one power rule
(P_implement × (1 − π)), an adopted plan writes it as ``implementation_risks:``
and reads back at the plan's numbers, and the party maps show it as a risk.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from tests.io.svgbounds import outside

from leveltwo.engine.assessment import assess
from leveltwo.errors import CaseError
from leveltwo.io.casefile import case_from_text
from leveltwo.io.casewriter import write_case
from leveltwo.io.partymap import party_map as party_map_svg
from leveltwo.model.build import build_case
from leveltwo.model.case import Case, ImplementationRisk
from leveltwo.narrative.partymap import party_map
from leveltwo.strategies.adopt import adopted
from leveltwo.strategies.diff import diff
from leveltwo.strategies.evaluate import apply_moves, context, quick
from leveltwo.strategies.moves.agreement_form import tacit_move
from leveltwo.strategies.ops import TACIT_RISK_ID, State
from leveltwo.web.partymap import layout


def _tacit(rich: Case) -> tuple[State, State]:
    assert rich.proposal is not None
    state = State(rich, rich.proposal)
    e = rich.level2.tacit_enforceability
    assert e is not None
    move = tacit_move(context(state), e)
    assert move is not None
    return state, apply_moves(state, (move,))


def test_the_tacit_form_adds_a_risk_to_their_side_not_a_constituency(rich: Case) -> None:
    before, after = _tacit(rich)
    e = rich.level2.tacit_enforceability
    assert e is not None
    theirs = after.case.their_side
    assert [r.id for r in theirs.risks] == [TACIT_RISK_ID]
    assert theirs.risks[0].probability == 1.0 - e
    assert [c.key for c in theirs.constituencies] == [
        c.key for c in before.case.their_side.constituencies
    ]
    assert {st.key for st in after.case.stakeholders()} == {
        st.key for st in before.case.stakeholders()
    }
    (change,) = [c for c in diff(before, after) if "implementation_risks" in c.parameter]
    assert change.parameter == f"{theirs.id}.implementation_risks.{TACIT_RISK_ID}"
    assert "implementation risk 15%" in str(change.after)


def test_a_risk_multiplies_the_side_by_one_minus_its_probability(rich: Case) -> None:
    side = rich.their_side
    deal = rich.proposal
    assert deal is not None
    risky = rich.with_side(
        type(side)(**{**side.__dict__, "risks": (ImplementationRisk("k", "K", 0.4),)})
    )
    a0, a1 = assess(rich, deal).side(side.id), assess(risky, deal).side(side.id)
    assert a1.ratification_probability == a0.ratification_probability
    assert a1.implementation_probability == a0.implementation_probability * 0.6
    (r,) = a1.risks
    assert (r.id, r.name, r.probability, r.factor) == ("k", "K", 0.4, 0.6)
    assert a1.to_json()["implementation_risks"] == [
        {"id": "k", "name": "K", "probability": 0.4, "factor": 0.6}
    ]
    assert quick(risky, deal)[0] == assess(risky, deal).success_probability


def test_an_adopted_tacit_plan_writes_the_risk_and_reads_back_at_its_numbers(rich: Case) -> None:
    before, after = _tacit(rich)
    e = rich.level2.tacit_enforceability
    assert e is not None
    move = tacit_move(context(before), e)
    assert move is not None
    case = adopted(rich, (move,))
    text = write_case(case)
    assert "implementation_risks:" in text
    back = case_from_text(text)
    assert back.their_side.risks == after.case.their_side.risks
    p, ev = quick(after.case, after.deal)
    a = assess(back)
    assert a.success_probability == p
    assert a.expected_value[rich.us] == ev


def test_the_party_maps_show_the_risk_as_a_risk(rich: Case) -> None:
    _, after = _tacit(rich)
    a = assess(after.case, after.deal)
    pm = party_map(after.case, a)
    theirs = next(s for s in pm.sides if not s.ours)
    (risk,) = theirs.risks
    assert risk.id == TACIT_RISK_ID
    assert risk.probability == pytest.approx(0.15)
    assert "implementation risk 15%" in risk.detail
    assert TACIT_RISK_ID not in {n.key.rsplit(".", 1)[-1] for n in pm.nodes}
    assert theirs.to_json()["implementation_risks"] == [risk.to_json()]
    svg = party_map_svg(after.case, a)
    assert "Risk: " in svg
    assert outside(svg) == []  # the risk's box lies inside the figure
    web = layout(pm)
    assert [r.name for r in web.risks] == [risk.name]
    assert web.height >= web.risks[0].y + web.risks[0].h


def _data(rich_data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(rich_data)
    data["sides"][1]["implementation_risks"] = [
        {"id": "courts", "name": "Courts", "probability": 0.2}
    ]
    return data


def test_a_case_file_states_risks_and_the_writer_keeps_them(rich_data: dict[str, Any]) -> None:
    case = build_case(_data(rich_data))
    assert case.sides[1].risks == (ImplementationRisk("courts", "Courts", 0.2),)
    assert case_from_text(write_case(case)) == case


@pytest.mark.parametrize(
    ("risks", "where"),
    [
        ([{"id": "a", "probability": 1.5}], "implementation_risks[0].probability"),
        ([{"id": "a", "probability": 0.1}, {"id": "a", "probability": 0.2}], "[1].id"),
        ([{"id": "a"}], "implementation_risks[0].probability"),
    ],
)
def test_bad_risks_are_located_errors(
    rich_data: dict[str, Any], risks: list[dict[str, Any]], where: str
) -> None:
    data = copy.deepcopy(rich_data)
    data["sides"][1]["implementation_risks"] = risks
    with pytest.raises(CaseError) as err:
        build_case(data)
    assert any(where in p.path for p in err.value.problems)


def test_the_diagnosis_counts_a_sides_risk_when_a_stakeholder_surely_says_no(
    rich: Case,
) -> None:
    """A stakeholder with factor 0 costs P(with it approving) − 0, and that P includes the
    side's implementation risk (diagnosis's product of the other factors)."""
    from dataclasses import replace

    from leveltwo.engine.diagnosis import diagnose
    from leveltwo.strategies.ops import evolve, rebuild

    deal = rich.proposal
    assert deal is not None
    side = rich.their_side
    risky = rich.with_side(replace(side, risks=(ImplementationRisk("k", "K", 0.4),)))
    key = side.negotiator.key
    never = rebuild(risky, {key: lambda st: evolve(st, reservation=2.0, uncertainty=0.0)})
    sure = rebuild(risky, {key: lambda st: evolve(st, reservation=-1.0, uncertainty=0.0)})
    assert assess(never, deal).success_probability == 0.0
    (b,) = [b for b in diagnose(never, deal).blockers if b.key == key]
    assert b.factor == 0.0
    assert b.probability_cost == pytest.approx(assess(sure, deal).success_probability, abs=1e-12)


def test_the_report_names_a_risk_in_the_case_and_in_the_deal(rich_data: dict[str, Any]) -> None:
    from leveltwo.io.report import render_report

    case = build_case(_data(rich_data))
    html = render_report(case)
    assert "Implementation risks (not stakeholders" in html
    assert "<td>Courts</td><td>implementation risk" in html
