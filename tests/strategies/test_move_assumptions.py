"""Honest assumptions: a move whose risk or cost input is missing says so, with the field."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from leveltwo.model.build import build_case
from leveltwo.model.case import Category
from leveltwo.strategies.evaluate import context
from leveltwo.strategies.planner import plan, start_state
from leveltwo.strategies.registry import strategy


def _with(rich_data: dict[str, Any], **party: Any) -> dict[str, Any]:
    data = copy.deepcopy(rich_data)
    t = data["level2"]["third_parties"][0]
    for k in ("backlash", "cost"):
        t.pop(k, None)
    t.update(party)
    return data


def _pressure(data: dict[str, Any]) -> Any:
    p = plan(build_case(data), allowed=["outside_pressure"], with_find_out=False)
    return next((s for s in p.moves if s.category == "outside_pressure"), None)


def test_a_missing_backlash_and_cost_are_stated_with_their_field(
    rich_data: dict[str, Any],
) -> None:
    step = _pressure(_with(rich_data))
    assert step is not None
    assert step.risk is None
    assert "assumes no backlash: set `level2.third_parties[0].backlash`" in step.assumptions
    assert any("`level2.third_parties[0].cost`" in a for a in step.assumptions)
    assert step.to_json()["assumptions"] == list(step.assumptions)


@pytest.mark.parametrize("backlash", [0.0, 0.2])
def test_a_given_backlash_is_no_assumption_even_at_zero(
    rich_data: dict[str, Any], backlash: float
) -> None:
    step = _pressure(_with(rich_data, backlash=backlash, cost=0.0))
    assert step is not None
    assert not step.assumptions


def test_a_missing_legitimacy_risk_is_stated(rich_data: dict[str, Any]) -> None:
    data = copy.deepcopy(rich_data)
    rule = data["level2"]["rule_changes"][0]
    rule.pop("legitimacy_risk", None)
    case = build_case(data)
    moves = strategy(Category.THWART_OPPONENTS).generate(context(start_state(case, None)))
    assert moves
    for m in moves:
        assert m.risk is None
        assert any("`level2.rule_changes[0].legitimacy_risk`" in a for a in m.assumptions)


def test_the_speech_reference_default_is_named(rich_data: dict[str, Any]) -> None:
    data = copy.deepcopy(rich_data)
    data.pop("opening", None)
    p = plan(build_case(data), allowed=["victory_speech"], with_find_out=False)
    theirs = [s for s in p.moves if s.key == "victory_speech:union"]
    assert theirs
    for s in theirs:
        assert any("set `opening`" in a for a in s.assumptions)
