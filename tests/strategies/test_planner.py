"""The planner: metamorphic properties, constraints, determinism and the JSON contract."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leveltwo.engine.assessment import assess
from leveltwo.model.case import Case, Category, Offer, Statement, StatementKind
from leveltwo.strategies.evaluate import apply_moves, context
from leveltwo.strategies.move import Move
from leveltwo.strategies.ops import State
from leveltwo.strategies.planner import plan, start_state
from leveltwo.strategies.registry import strategy

Tiny = Callable[..., Case]
ALL = list(Category)


def _approvals(case: Case, moves: tuple[Move, ...] = ()) -> dict[str, float]:
    state = apply_moves(start_state(case, None), moves)
    return dict(context(state).approval)


def _offer_move(case: Case, key: str, value: float) -> Move:
    offered = replace(
        case, level2=replace(case.level2, offers=(Offer("o", "o", ((key, value),), 0.01),))
    )
    moves = strategy(Category.COMPENSATION).generate(context(start_state(offered, None)))
    return next(m for m in moves if m.key == "compensation:offer:o")


@given(
    key=st.sampled_from(["union.militants", "union.members", "union.members.junior", "firm.board"]),
    low=st.floats(0.0, 0.3),
    extra=st.floats(0.0, 0.3),
)
def test_raising_compensation_never_lowers_the_targets_approval(
    rich: Case, key: str, low: float, extra: float
) -> None:
    small = _approvals(rich, (_offer_move(rich, key, low),))
    large = _approvals(rich, (_offer_move(rich, key, low + extra),))
    for k, p in small.items():
        if k == key or k.startswith(key + "."):
            assert large[k] >= p - 1e-12


@given(
    key=st.sampled_from(["union.militants", "union.members", "union.negotiator", "firm.board"]),
    hostility=st.floats(0.0, 0.5),
)
def test_an_inflammatory_statement_never_raises_a_hostile_constituencys_approval(
    rich: Case, key: str, hostility: float
) -> None:
    from leveltwo.strategies.stakeholders import set_param

    case = set_param(rich, key, "hostility", hostility)
    statement = Statement("s", "s", StatementKind.INFLAMMATORY, (key,))
    case = replace(case, level2=replace(case.level2, statements=(statement,)))
    moves = tuple(
        m
        for m in strategy(Category.STATEMENTS).generate(context(start_state(case, None)))
        if m.key == "statements:s"
    )
    before = _approvals(case)
    after = _approvals(case, moves)
    for k, p in before.items():
        if k == key or k.startswith(key + "."):
            assert after[k] <= p + 1e-12


@pytest.mark.parametrize("category", ALL)
def test_disallowing_a_category_removes_it_from_the_plan(rich: Case, category: Category) -> None:
    p = plan(rich, allowed=[c for c in ALL if c is not category], with_find_out=False)
    assert category.value not in {s.category for s in p.moves}
    assert category.value not in p.allowed


def test_the_rich_plan_uses_several_categories(rich: Case) -> None:
    p = plan(rich, with_find_out=False)
    assert len({s.category for s in p.moves}) >= 4


def test_a_budget_of_zero_yields_a_costless_plan(rich: Case) -> None:
    # terms may be traded (one given up, another gained) as long as the whole plan
    # gives up nothing; payments and fixed costs are never free
    p = plan(rich, budget=0.0, with_find_out=False)
    assert p.moves
    assert p.cost <= 1e-12
    assert sum(s.terms_cost for s in p.moves) <= 1e-12
    for s in p.moves:
        assert s.payment == 0
        assert s.fixed_cost == 0


@pytest.mark.parametrize("budget", [0.005, 0.02, 0.05])
def test_the_plan_stays_within_its_budget(rich: Case, budget: float) -> None:
    assert plan(rich, budget=budget, with_find_out=False).cost <= budget + 1e-12


def test_the_plans_final_numbers_equal_a_fresh_analysis_of_the_case_with_its_moves(
    rich: Case,
) -> None:
    p = plan(rich)
    state = apply_moves(start_state(rich, None), p.chosen)
    fresh = assess(state.case, state.deal)
    assert p.success_probability_after == fresh.success_probability
    assert p.expected_value_after == fresh.expected_value[rich.us]
    assert p.moves[-1].success_probability_after == fresh.success_probability
    assert dict(p.final_deal) == state.case.deal_labels(state.deal) == dict(fresh.labels)
    for k, step in enumerate(p.moves):
        prefix = apply_moves(start_state(rich, None), p.chosen[: k + 1])
        assert (
            step.success_probability_after == assess(prefix.case, prefix.deal).success_probability
        )


def test_each_step_starts_where_the_previous_ended(rich: Case) -> None:
    p = plan(rich, with_find_out=False)
    assert p.moves[0].success_probability_before == p.success_probability_before
    for a, b in zip(p.moves, p.moves[1:], strict=False):
        assert b.success_probability_before == a.success_probability_after
        assert b.net_value_before == a.net_value_after
    assert p.net_value_after >= p.net_value_before


def test_a_case_without_level2_inputs_plans_from_the_baseline(pilots: Case) -> None:
    p = plan(pilots, with_find_out=False)
    a = assess(pilots)
    assert p.success_probability_before == a.success_probability
    assert p.expected_value_before == a.expected_value[pilots.us]
    assert {s.category for s in p.moves} <= {"compensation"}


def test_the_plan_is_deterministic(rich: Case) -> None:
    one = json.dumps(plan(rich).to_json(), sort_keys=True)
    two = json.dumps(plan(rich).to_json(), sort_keys=True)
    assert one == two


def test_plan_json_has_the_documented_keys(rich: Case) -> None:
    doc = plan(rich).to_json()
    for key in (
        "deal",
        "moves",
        "avoid",
        "find_out",
        "forms",
        "success_probability_before",
        "success_probability_after",
        "expected_value_before",
        "expected_value_after",
    ):
        assert key in doc
    moves = doc["moves"]
    assert isinstance(moves, list)
    assert moves
    for m in moves:
        for key in (
            "category",
            "target",
            "lever",
            "cost",
            "success_probability_before",
            "success_probability_after",
            "expected_value_before",
            "expected_value_after",
            "rationale",
            "changes",
        ):
            assert key in m
    json.dumps(doc, allow_nan=False)


def test_the_rich_plan_lists_what_to_avoid_and_whom_it_hurts(rich: Case) -> None:
    p = plan(rich, with_find_out=False)
    avoided = {a.key: a for a in p.avoid}
    tough = avoided["statements:tough"]
    assert tough.net_value_change < 0
    assert tough.whom[0].key == "union.militants"
    assert tough.whom[0].after < tough.whom[0].before


def test_forms_explain_explicit_tacit_and_process_choices(rich: Case) -> None:
    p = plan(rich, with_find_out=False)
    forms = {f.form: f for f in p.forms}
    assert set(forms) == {"explicit", "tacit", "process:review"}
    assert sum(f.chosen for f in p.forms) == 1
    for f in p.forms:
        assert f.net_value is not None
        assert f.note


def test_a_tiny_case_plan_never_does_worse_than_nothing(tiny: Tiny) -> None:
    case = tiny({"framing": 0.2, "credits": {"mediator": 0.001}})
    p = plan(case)
    assert p.net_value_after >= p.net_value_before
    assert all(s.net_value_after > s.net_value_before or s.package for s in p.moves)


@given(shift=st.floats(-0.2, 0.2), framing=st.floats(0.0, 1.0), audience=st.floats(0.0, 0.2))
def test_final_probability_matches_a_fresh_analysis_on_random_tiny_cases(
    tiny: Tiny, shift: float, framing: float, audience: float
) -> None:
    case = tiny(
        {"reservation": 0.7 + shift, "framing": framing, "audience_cost": audience},
        {"tacit_enforceability": 0.8},
    )
    p = plan(case, with_find_out=False)
    state = apply_moves(State(case, case.proposal), p.chosen)  # type: ignore[arg-type]
    assert p.success_probability_after == assess(state.case, state.deal).success_probability
    assert 0.0 <= p.success_probability_after <= 1.0
    assert p.net_value_after >= p.net_value_before - 1e-12
