"""The bundled cases as a whole recommend every move category at least once."""

from __future__ import annotations

import pytest

from leveltwo.engine.assessment import assess
from leveltwo.io.bundled import bundled_cases
from leveltwo.io.casefile import load_case
from leveltwo.model.case import Category
from leveltwo.strategies.evaluate import apply_moves
from leveltwo.strategies.planner import plan, start_state
from leveltwo.strategies.planresult import Plan

NAMES = [b.name for b in bundled_cases()]


@pytest.fixture(scope="module")
def plans() -> dict[str, Plan]:
    return {name: plan(load_case(name), with_find_out=False) for name in NAMES}


def test_every_category_is_recommended_in_some_bundled_case(plans: dict[str, Plan]) -> None:
    used = {s.category for p in plans.values() for s in p.moves}
    # tied_hands is opt-in and no bundled case opts in (tests/strategies/test_tied_hands.py)
    assert used == {c.value for c in Category} - {Category.TIED_HANDS.value}


@pytest.mark.parametrize("name", NAMES)
def test_each_bundled_plan_improves_and_matches_a_fresh_analysis(
    plans: dict[str, Plan], name: str
) -> None:
    p = plans[name]
    case = load_case(name)
    assert p.moves
    assert p.net_value_after > p.net_value_before
    state = apply_moves(start_state(case, None), p.chosen)
    assert assess(state.case, state.deal).success_probability == p.success_probability_after


def test_thwart_opponents_is_only_in_the_case_that_allows_it(plans: dict[str, Plan]) -> None:
    for name, p in plans.items():
        allowed = Category.THWART_OPPONENTS in load_case(name).level2.allowed
        uses = any(s.category == "thwart_opponents" for s in p.moves)
        assert not uses or allowed
