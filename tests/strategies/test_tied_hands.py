"""The ``tied_hands`` move: offered when the bargaining equilibrium says it pays, opt-in."""

from __future__ import annotations

from dataclasses import replace

import pytest

from leveltwo.engine.assessment import assess
from leveltwo.engine.leverage import constituency_leverage
from leveltwo.io.casefile import load_case
from leveltwo.model.case import DEFAULT_ALLOWED, Case, Category
from leveltwo.strategies.evaluate import context, outcome
from leveltwo.strategies.moves import tied_hands
from leveltwo.strategies.ops import State
from leveltwo.strategies.planner import plan


def test_it_is_opt_in() -> None:
    assert Category.TIED_HANDS not in DEFAULT_ALLOWED


def test_no_bargaining_block_no_move(rich: Case) -> None:
    case = replace(rich, bargaining=None)
    assert case.proposal is not None
    assert tied_hands.generate(context(State(case, case.proposal))) == ()


def test_the_move_raises_our_bar_and_takes_the_equilibrium_deal(rich: Case) -> None:
    assert rich.proposal is not None
    state = State(rich, rich.proposal)
    (move,) = tied_hands.generate(context(state))
    assert move.target == "firm.board"
    lev = constituency_leverage(rich, "firm.board", shifts=tied_hands.RAISES)
    best = lev.tougher()
    assert best is not None
    o = outcome(state, (move,))
    after = o.state
    assert after.case.stakeholder("firm.board").reservation == pytest.approx(
        rich.stakeholder("firm.board").reservation + best.shift
    )
    assert best.deal is not None
    assert after.deal == best.deal.deal
    # valued with the raised bar: the home risk is in P
    fresh = assess(after.case, after.deal)
    assert o.success_probability == pytest.approx(fresh.success_probability)
    assert "fails at home" in move.why


def test_the_planner_recommends_it_when_allowed_and_it_pays() -> None:
    case = load_case("labour-contract")  # a tougher board pays in its equilibrium
    without = plan(case, with_find_out=False)
    assert all(s.category != "tied_hands" for s in without.moves)
    only = plan(case, allowed=[Category.TIED_HANDS], with_find_out=False)
    assert [s.category for s in only.moves] == ["tied_hands"]
    assert only.net_value_after > only.net_value_before
    (step,) = only.moves
    assert step.success_probability_after < 1.0  # the deal may fail at home
