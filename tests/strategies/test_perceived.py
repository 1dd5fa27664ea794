"""Perception over every deal at once: frames and victory credits against the formulas."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leveltwo.engine.approval import approval_probability
from leveltwo.engine.factors import constituency_approval, stakeholder_approval
from leveltwo.engine.space import OutcomeSpace
from leveltwo.io.casefile import load_case
from leveltwo.model.case import Case, Constituency, Power, Preferences, Stakeholder
from leveltwo.model.deal import Deal
from leveltwo.strategies.perceived import (
    Perception,
    effective_utility,
    unit_factor,
    unit_of,
    units,
)


@pytest.fixture(scope="module")
def case() -> Case:
    return load_case("labour-contract")


def every_deal(case: Case) -> tuple[list[Deal], list[np.ndarray]]:
    n = case.size
    digits = OutcomeSpace(case.shape).digits(np.arange(n))
    return [Deal(tuple(int(d[k]) for d in digits)) for k in range(n)], digits


def by_hand(prefs: Preferences, deal: Deal, f: float, speech: tuple | None) -> float:
    """e(d) of strategies/perceived.py's docstring, one deal at a time."""

    def perceived(d: Deal) -> float:
        u = prefs.utility(d)
        if f <= 0 or u <= 0:
            return u
        return sum(
            ((1 - f) * w + f * w * v[c] / u) * v[c]
            for w, v, c in zip(prefs.weights, prefs.values, d.choices, strict=True)
            if w > 0
        )

    e = perceived(deal)
    if speech is not None:
        lam, ref, hidden = speech
        if hidden:  # the frame's weights at d, the reference's values, hidden issues left out
            u = prefs.utility(deal)
            gain = 0.0
            for i, (w, v) in enumerate(zip(prefs.weights, prefs.values, strict=True)):
                if w <= 0 or i in hidden:
                    continue
                wf = (1 - f) * w + f * w * v[deal.choices[i]] / u if f > 0 and u > 0 else w
                gain += wf * (v[deal.choices[i]] - v[ref.choices[i]])
        else:
            u = prefs.utility(deal)
            at_ref = 0.0
            for w, v, c, r in zip(
                prefs.weights, prefs.values, deal.choices, ref.choices, strict=True
            ):
                if w <= 0:
                    continue
                wf = (1 - f) * w + f * w * v[c] / u if f > 0 and u > 0 else w
                at_ref += wf * v[r]
            gain = e - at_ref
        e += lam * max(0.0, gain)
    return e


def test_without_perception_it_is_the_plain_utility(case: Case) -> None:
    deals, digits = every_deal(case)
    st_ = case.stakeholder("union.members")
    e = effective_utility(st_, digits, len(deals), Perception())
    assert [float(x) for x in e] == [st_.preferences.utility(d) for d in deals]


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(["union.members", "hospital.board", "union.negotiator"]),
    st.floats(0.0, 1.0),
    st.floats(0.0, 1.0),
    st.booleans(),
)
def test_a_frame_and_a_speech_follow_the_formulas(
    key: str, f: float, lam: float, hide: bool
) -> None:
    case = load_case("labour-contract")
    deals, digits = every_deal(case)
    st_ = case.stakeholder(key)
    ref = case.default_deal()
    hidden = (0,) if hide else ()
    e = effective_utility(st_, digits, len(deals), Perception((f,), ((lam, ref, hidden),)))
    for k in range(0, len(deals), 97):
        expected = by_hand(st_.preferences, deals[k], f, (lam, ref, hidden))
        assert math.isclose(float(e[k]), expected, rel_tol=1e-12, abs_tol=1e-12)


def test_several_choices_give_the_largest_effective_utility(case: Case) -> None:
    deals, digits = every_deal(case)
    st_ = case.stakeholder("union.members")
    ref = case.default_deal()
    n = len(deals)
    one = [
        effective_utility(st_, digits, n, Perception((f,), (s,)))
        for f in (0.0, 0.3)
        for s in (None, (0.2, ref, ()))
    ]
    both = effective_utility(st_, digits, n, Perception((0.0, 0.3), (None, (0.2, ref, ()))))
    assert np.array_equal(both, np.maximum.reduce(one))


def test_a_unit_without_perception_is_the_engines_approval(case: Case) -> None:
    deals, digits = every_deal(case)
    n = len(deals)
    members = case.stakeholder("union.members")
    caucus = case.stakeholder("union.staffing_caucus")
    bond = case.stakeholder("hospital.bondholders")
    assert isinstance(members, Constituency)
    assert isinstance(caucus, Constituency)
    assert isinstance(bond, Constituency)
    np.testing.assert_allclose(
        unit_factor(members, digits, n, {}), constituency_approval(members, digits), atol=1e-15
    )
    assert caucus.power is Power.BLOCK
    p = stakeholder_approval(caucus, digits)
    np.testing.assert_allclose(
        unit_factor(caucus, digits, n, {}), 1.0 - caucus.strength * (1.0 - p), atol=1e-15
    )
    assert bond.power is Power.INFLUENCE
    assert np.array_equal(unit_factor(bond, digits, n, {}), np.ones(n))
    neg = case.stakeholder("union.negotiator")
    np.testing.assert_array_equal(
        unit_factor(neg, digits, n, {}), stakeholder_approval(neg, digits)
    )


def test_a_bloc_credit_moves_its_constituency(case: Case) -> None:
    deals, digits = every_deal(case)
    n = len(deals)
    members = case.stakeholder("union.members")
    assert isinstance(members, Constituency)
    speech = Perception(speeches=((0.5, case.default_deal(), ()),))
    key = members.blocs[0].key
    moved = unit_factor(members, digits, n, {key: speech})
    still = unit_factor(members, digits, n, {})
    assert np.all(moved >= still - 1e-15)  # a credit never lowers approval
    assert np.any(moved > still + 1e-9)


def test_a_stakeholder_whose_only_frame_is_a_zero_utility_deal_is_unchanged() -> None:
    prefs = Preferences((1.0,), ((0.0, 1.0),))
    st_: Stakeholder = replace(
        load_case("labour-contract").stakeholder("union.negotiator"), preferences=prefs
    )
    digits = [np.array([0, 1])]
    e = effective_utility(st_, digits, 2, Perception((0.5,)))
    assert list(e) == [0.0, 1.0]  # u = 0: no weights to reframe
    assert np.array_equal(
        approval_probability(e, st_.reservation, st_.uncertainty),
        approval_probability(np.array([0.0, 1.0]), st_.reservation, st_.uncertainty),
    )


def test_unit_of_folds_a_bloc_into_its_constituency() -> None:
    assert unit_of("union.members.senior") == "union.members"
    assert unit_of("union.members") == "union.members"
    assert unit_of("union.negotiator") == "union.negotiator"
    assert units(["union.members.senior", "hospital.board", "union.members"]) == (
        "union.members",
        "hospital.board",
    )
