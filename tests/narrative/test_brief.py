"""The prep brief (narrative/brief.py): bands, and every number taken from its source."""

from __future__ import annotations

import functools
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leveltwo.engine.assessment import assess
from leveltwo.engine.diagnosis import diagnose
from leveltwo.io.casefile import load_case
from leveltwo.model.case import Category
from leveltwo.narrative.brief import MAX_ITEMS, outlook, prep_brief
from leveltwo.narrative.numbers import percent
from leveltwo.strategies import plan as make_plan
from leveltwo.strategies.planresult import AvoidItem, FindOut, Plan

BANDS = ["unlikely to stick", "at risk", "more likely than not to stick", "likely to stick"]


@pytest.mark.parametrize(
    ("p", "band"),
    [(0.0, 0), (0.1999, 0), (0.2, 1), (0.4999, 1), (0.5, 2), (0.7999, 2), (0.8, 3), (1.0, 3)],
)
def test_the_bands_start_where_the_docstring_says(p: float, band: int) -> None:
    assert outlook(p) == BANDS[band]


@given(st.floats(0, 1), st.floats(0, 1))
def test_a_higher_probability_is_never_a_worse_band(p: float, q: float) -> None:
    lo, hi = sorted((p, q))
    assert BANDS.index(outlook(lo)) <= BANDS.index(outlook(hi))


@functools.cache
def _planned() -> Plan:
    plan = make_plan(load_case("labour-contract"))
    assert plan.moves  # a step to dress as the hand-made ones below
    return plan


def hand_plan(moves: int) -> Plan:
    """A plan with hand-chosen numbers and words (a real plan's steps, re-labelled)."""
    base = _planned()
    step = base.moves[0]
    return replace(
        base,
        success_probability_after=0.91,
        expected_value_after=0.612,
        moves=tuple(
            replace(
                step,
                rank=k + 1,
                title=f"Move {k}",
                target_name="Board" if k == 0 else "",
                success_probability_before=0.5 + 0.1 * k,
                success_probability_after=0.6 + 0.1 * k,
            )
            for k in range(moves)
        ),
        avoid=(
            AvoidItem(
                key="statements:win",
                category=Category.STATEMENTS,
                what="Calling it a win.",
                whom=(),
                success_probability_change=-0.042,
                net_value_change=-0.01,
                reason="It hardens the board.",
            ),
        ),
        find_out=(
            FindOut(
                parameter="hospital.board.reservation",
                question="What is the board's bar?",
                category=Category.FRAMING,
                lever=step.lever,
                plausible_values=(0.4, 0.6),
                weights=(0.5, 0.5),
                basis="a guess",
                value_of_information=0.0123,
                unlocks=("framing:hospital.board",),
            ),
        ),
    )


def test_without_a_plan_the_brief_is_the_assessment_alone() -> None:
    case = load_case("labour-contract")
    a = assess(case)
    d = diagnose(case)
    brief = prep_brief(case, a, d, None)
    p = a.success_probability
    assert brief.verdict == f"As it stands the deal is {outlook(p)} ({percent(p, 1)})."
    assert (brief.success_after, brief.ev_after) == (None, None)
    assert brief.ev_before == a.expected_value["hospital"]
    assert brief.moves == brief.avoid == brief.find_out == ()
    assert len(brief.blockers) == min(MAX_ITEMS, len(d.blockers))
    for text, b in zip(brief.blockers, d.blockers, strict=False):
        assert text.startswith(f"{b.name} (")
        assert ("our side" in text) == (b.side == case.us)
        assert percent(d.success_probability + b.probability_cost, 1) in text


def test_a_plans_numbers_and_words_are_its_own() -> None:
    case = load_case("labour-contract")
    a, d = assess(case), diagnose(case)
    plan = hand_plan(moves=5)
    brief = prep_brief(case, a, d, plan)
    assert brief.success_after == 0.91
    assert brief.ev_after == 0.612
    assert brief.verdict.endswith("With the plan's 5 moves it is likely to stick (91.0%).")
    assert brief.moves == (
        "Move 0 (for Board): P 50.0% → 60.0%.",
        "Move 1: P 60.0% → 70.0%.",
        "Move 2: P 70.0% → 80.0%.",
    )
    assert brief.avoid == ("Calling it a win (P -4.2 points).",)
    (question,) = brief.find_out
    assert question.startswith("What is the board's bar? (worth up to 0.01")
    assert "it decides framing (Board of trustees)" in question
    assert brief.to_json()["moves"] == list(brief.moves)


def test_a_plan_without_moves_says_so() -> None:
    case = load_case("labour-contract")
    brief = prep_brief(case, assess(case), diagnose(case), hand_plan(moves=0))
    assert brief.verdict.endswith("The planner found no Level II move worth making.")
    one = prep_brief(case, assess(case), diagnose(case), hand_plan(moves=1))
    assert "With the plan's 1 move it is" in one.verdict
