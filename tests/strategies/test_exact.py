"""The exact planner: the package case, exhaustive enumeration, monotonicity in the moves."""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leveltwo.engine.assessment import assess
from leveltwo.engine.winsets import analyze_space
from leveltwo.model.build import build_case
from leveltwo.model.case import Case, Category, Offer
from leveltwo.model.deal import Deal
from leveltwo.strategies.exact import solve
from leveltwo.strategies.joint import JointSpace, Lifted
from leveltwo.strategies.planner import plan, settings_for, start_state
from leveltwo.strategies.search import Search


def package_case() -> Case:
    """Their parliament approves only with both a=hi and b=hi; each costs us 0.02.

    Our negotiator weighs a, b, c equally (1/3 each) and values a and b at 1 (lo)
    and 0.94 (hi): each hi costs us 0.06 / 3 = 0.02. The parliament weighs a and b
    equally with lo = 0, hi = 1, reservation 0.9 and uncertainty 0.01: one hi
    gives it utility 0.5 (P = Φ(−40) ≈ 0), both give 1 (P = Φ(10) ≈ 1).
    """
    return build_case(
        {
            "leveltwo": 1,
            "title": "package",
            "us": "us",
            "issues": [
                {"id": "a", "options": ["lo", "hi"]},
                {"id": "b", "options": ["lo", "hi"]},
                {"id": "c", "options": ["x", "y"]},
            ],
            "sides": [
                {
                    "id": "us",
                    "negotiator": {
                        "weights": {"a": 1, "b": 1, "c": 1},
                        "values": {
                            "a": {"lo": 1, "hi": 0.94},
                            "b": {"lo": 1, "hi": 0.94},
                            "c": {"x": 1, "y": 0.5},
                        },
                        "reservation": 0.0,
                    },
                    "no_deal": 0.0,
                },
                {
                    "id": "them",
                    "negotiator": {"weights": {"c": 1}, "values": {"c": "ascending"}},
                    "constituencies": [
                        {
                            "id": "parliament",
                            "power": "ratify",
                            "weights": {"a": 1, "b": 1},
                            "values": {"a": "ascending", "b": "ascending"},
                            "reservation": 0.9,
                            "uncertainty": 0.01,
                        }
                    ],
                },
            ],
            "proposal": {"a": "lo", "b": "lo", "c": "x"},
        }
    )


def test_moves_that_only_pay_together_are_found() -> None:
    case = package_case()
    assert assess(case).success_probability < 1e-6
    p = plan(case, with_find_out=False)
    assert p.optimality.status == "optimal"
    assert p.success_probability_after > 0.99
    assert dict(p.final_deal)["a"] == dict(p.final_deal)["b"] == "hi"
    # 0.96 = 1 − 2 × 0.02 at P ≈ 1 (c stays at x: their negotiator has reservation 0)
    assert p.net_value_after == pytest.approx(0.96, abs=1e-6)


def test_the_plan_is_at_least_the_whole_space_best_deal_on_the_bundled_cases() -> None:
    import leveltwo

    for name in ("missile-crisis", "labour-contract"):
        case = leveltwo.load_case(name)
        p = plan(case, with_find_out=False, time_limit=None)
        assert p.optimality.status == "optimal"
        best = analyze_space(case).best_deal
        assert p.net_value_after >= best.ev(case.us) - 1e-12


# ---------------------------------------------------------------------------
# exhaustive enumeration over the same candidates
def _small(draw: Any) -> Case:
    """A random two-sided case: 2 issues × 3 options, a constituency of two blocs on
    their side, a board on ours, and a random selection of Level II inputs."""
    level = st.floats(0.0, 1.0)
    x_res = draw(st.floats(0.3, 0.9))
    members: dict[str, Any] = {
        "id": "members",
        "power": "ratify",
        "weights": {"a": draw(st.floats(0.1, 1)), "b": draw(st.floats(0.1, 1))},
        "values": {"a": "ascending", "b": {"lo": 0, "mid": draw(level), "hi": 1}},
        "reservation": x_res,
        "uncertainty": draw(st.floats(0.02, 0.2)),
        "framing": draw(st.sampled_from([0.0, 0.3])),
        "victory": draw(st.sampled_from([0.0, 0.4])),
        "audience_cost": draw(st.sampled_from([0.0, 0.05])),
        "blocs": [
            {"id": "one", "share": 60},
            {"id": "two", "share": 40, "reservation": draw(st.floats(0.3, 0.9))},
        ],
    }
    board: dict[str, Any] = {
        "id": "board",
        "power": draw(st.sampled_from(["ratify", "block"])),
        "weights": {"a": 1, "b": 1},
        "values": {"a": "descending", "b": "descending"},
        "reservation": draw(st.floats(0.0, 0.5)),
        "uncertainty": 0.1,
        "pressure": draw(st.sampled_from([0.0, 0.5])),
    }
    level2: dict[str, Any] = {
        "tacit_enforceability": draw(st.sampled_from([0.6, 0.9])),
        "compensation": [],
        "statements": [],
        "third_parties": [],
    }
    if draw(st.booleans()):
        level2["compensation"].append(
            {
                "id": "pay",
                "name": "pay",
                "value": {"them.members": draw(st.floats(0.0, 0.2))},
                "cost": draw(st.floats(0.0, 0.1)),
            }
        )
    if draw(st.booleans()):
        level2["compensation"].append(
            {"id": "new", "name": "new", "issue": "a", "like": "mid", "values": {"them.members": 1}}
        )
    if draw(st.booleans()):
        level2["third_parties"].append(
            {
                "id": "press",
                "name": "press",
                "reaches": ["us.board"],
                "strength": 0.2,
                "backlash": draw(st.sampled_from([0.0, 0.3])),
                "cost": draw(st.sampled_from([0.0, 0.01])),
            }
        )
    budget = draw(st.sampled_from([None, 0.0, 0.05]))
    if budget is not None:
        level2["budget"] = budget
    data = {
        "leveltwo": 1,
        "title": "small",
        "us": "us",
        "issues": [
            {"id": "a", "options": ["lo", "mid", "hi"]},
            {"id": "b", "options": ["lo", "mid", "hi"]},
        ],
        "sides": [
            {
                "id": "us",
                "negotiator": {
                    "weights": {"a": 1, "b": draw(st.floats(0.1, 2))},
                    "values": {"a": "descending", "b": "descending"},
                    "reservation": 0.0,
                },
                "no_deal": draw(st.floats(0.0, 0.4)),
                "constituencies": [board],
            },
            {
                "id": "them",
                "negotiator": {"weights": {"a": 1}, "values": {"a": "ascending"}},
                "constituencies": [members],
            },
        ],
        "proposal": {"a": draw(st.sampled_from(["lo", "mid"])), "b": "lo"},
    }
    data["level2"] = level2
    return build_case(data)


def _feasible(space: JointSpace, chosen: tuple[Lifted, ...]) -> bool:
    return all(space.compatible(chosen[:k], m) for k, m in enumerate(chosen))


def _deals(space: JointSpace, chosen: tuple[Lifted, ...]) -> list[tuple[int, ...]]:
    """Every deal of the extended case this set allows, written out independently."""
    case, base = space.ext, space.base.case
    forced = {i: o for m in chosen for i, o in m.forced}
    free = Category.COMPENSATION in space.allowed
    new_terms = {(i, o) for (i, o) in space.option_moves}
    out = []
    for choice in itertools.product(*(range(len(i.options)) for i in case.issues)):
        ok = True
        for i, o in enumerate(choice):
            if i in forced:
                ok &= o == forced[i]
            elif o < len(base.issues[i].options):
                ok &= free or o == space.d0.choices[i]
            else:
                ok &= free and (i, o) in new_terms
        if ok:
            out.append(choice)
    return out


def _enumerate(case: Case) -> float:
    search = Search(start_state(case, None), settings_for(case))
    space = JointSpace(search.base, search.settings.allowed, search.settings.budget)
    best = float("-inf")
    for r in range(len(space.moves) + 1):
        for chosen in itertools.combinations(space.moves, r):
            if not _feasible(space, chosen):
                continue
            for choice in _deals(space, chosen):
                o = search.value(space.moves_for(Deal(choice), chosen))
                if search.affordable(o.cost):
                    best = max(best, o.value)
    return best


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_plan_equals_exhaustive_enumeration_over_the_same_candidates(data: Any) -> None:
    case = _small(data.draw)
    p = plan(case, with_find_out=False, time_limit=None)
    assert p.optimality.status == "optimal"
    assert p.net_value_after == pytest.approx(_enumerate(case), abs=1e-9)
    if case.level2.budget is None:
        best = analyze_space(case).best_deal
        assert p.net_value_after >= best.ev(case.us) - 1e-12


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), value=st.floats(0.0, 0.3), cost=st.floats(0.0, 0.05))
def test_adding_an_allowed_move_never_lowers_the_optimum(
    data: Any, value: float, cost: float
) -> None:
    case = _small(data.draw)
    before = plan(case, with_find_out=False, time_limit=None).net_value_after
    offer = Offer("extra", "extra", (("them.members.one", value),), cost)
    more = replace(case, level2=replace(case.level2, offers=(*case.level2.offers, offer)))
    after = plan(more, with_find_out=False, time_limit=None).net_value_after
    assert after >= before - 1e-9


@pytest.mark.parametrize("category", list(Category))
def test_allowing_a_category_never_lowers_the_optimum(rich: Case, category: Category) -> None:
    everything = set(Category)
    without = plan(rich, allowed=everything - {category}, with_find_out=False, time_limit=None)
    full = plan(rich, allowed=everything, with_find_out=False, time_limit=None)
    assert full.net_value_after >= without.net_value_after - 1e-9


def test_a_time_limit_of_zero_still_returns_a_real_plan_with_its_gap(rich: Case) -> None:
    search = Search(start_state(rich, None), settings_for(rich))
    result = solve(search, time_limit=0.0)
    o = result.optimality
    assert o.upper_bound >= result.value - 1e-12
    assert o.gap == pytest.approx(max(0.0, o.upper_bound - result.value))
    assert result.value == search.value(result.moves).value
    if o.status == "time_limit":
        assert o.gap > 0
