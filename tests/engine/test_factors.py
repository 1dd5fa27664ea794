"""Vectorised utilities and approvals: the same bits as the one-deal formulas, tabulated or not."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leveltwo.engine import factors
from leveltwo.engine.approval import approval_probability
from leveltwo.engine.blocvote import quota_probability
from leveltwo.engine.factors import (
    Factor,
    approval_factor,
    constituency_approval,
    relevant_issues,
    stakeholder_approval,
    utility_factor,
    utility_of,
)
from leveltwo.engine.space import OutcomeSpace
from leveltwo.model.case import Bloc, Constituency, Negotiator, Preferences
from leveltwo.model.deal import Deal
from leveltwo.model.keys import StakeholderKey

unit = st.floats(0.0, 1.0, allow_nan=False)


@st.composite
def shapes_and_preferences(draw: st.DrawFn) -> tuple[tuple[int, ...], Preferences]:
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=1, max_size=4)))
    weights = draw(
        st.lists(
            st.sampled_from([0.0, 0.1, 0.25, 0.4, 1.0]), min_size=len(shape), max_size=len(shape)
        )
    )
    total = sum(weights) or 1.0
    values = tuple(tuple(draw(st.lists(unit, min_size=k, max_size=k))) for k in shape)
    return shape, Preferences(tuple(w / total for w in weights), values)


def every_deal(shape: tuple[int, ...]) -> tuple[list[Deal], list[np.ndarray]]:
    space = OutcomeSpace(shape)
    digits = space.digits(np.arange(math.prod(shape)))
    deals = [Deal(tuple(int(d[k]) for d in digits)) for k in range(math.prod(shape))]
    return deals, digits


def negotiator(prefs: Preferences, r: float = 0.5, s: float = 0.1) -> Negotiator:
    return Negotiator(StakeholderKey("a.negotiator"), "negotiator", "N", prefs, r, s)


@given(shapes_and_preferences())
def test_utility_of_is_bit_for_bit_the_one_deal_utility(sp: tuple) -> None:
    shape, prefs = sp
    deals, digits = every_deal(shape)
    u = utility_of(prefs, digits)
    assert [float(x) for x in u] == [prefs.utility(d) for d in deals]


@settings(max_examples=40)
@given(shapes_and_preferences(), unit, st.just(0.0) | st.floats(0.01, 0.3))
def test_a_tabulated_factor_gives_the_bits_of_the_direct_computation(
    sp: tuple, r: float, s: float
) -> None:
    shape, prefs = sp
    _, digits = every_deal(shape)
    st_ = negotiator(prefs, r, s)
    for factor in (utility_factor(st_, shape), approval_factor(st_, shape)):
        assert np.array_equal(factor(digits), factor.compute(digits))
    np.testing.assert_array_equal(
        approval_factor(st_, shape)(digits),
        approval_probability(utility_of(prefs, digits), r, s),
    )


def test_a_factor_is_tabulated_only_when_it_saves_work() -> None:
    prefs = Preferences((1.0, 0.0, 0.0), ((0.0, 1.0), (0.0, 1.0, 0.5), (1.0, 0.0)))
    shape = (2, 3, 2)
    small = utility_factor(negotiator(prefs), shape)
    assert small.issues == (0,)
    assert small.table is not None
    assert list(small.table) == [0.0, 1.0]  # issue 0's values times weight 1
    everything = Factor.build((0, 1, 2), shape, lambda d: utility_of(prefs, d))
    assert everything.table is None  # the whole space: nothing to save


def test_a_factor_over_no_issue_is_a_constant() -> None:
    prefs = Preferences((0.0, 0.0), ((0.3, 0.3), (0.2,)))
    _, digits = every_deal((2, 1))
    f = utility_factor(negotiator(prefs), (2, 1))
    assert f.issues == ()
    assert list(f(digits)) == [0.0, 0.0]


def test_a_bloc_vote_is_the_quota_probability_of_the_bloc_approvals() -> None:
    # two issues; the blocs weigh different issues, so the constituency depends on both
    pa = Preferences((1.0, 0.0), ((0.0, 0.5, 1.0), (0.0, 1.0)))
    pb = Preferences((0.0, 1.0), ((0.0, 0.5, 1.0), (0.0, 1.0)))
    key = StakeholderKey("a.members")
    blocs = (
        Bloc(key.child("x"), "x", "X", pa, 0.4, 0.2, share=0.6),
        Bloc(key.child("y"), "y", "Y", pb, 0.5, 0.1, share=0.4),
    )
    c = Constituency(key, "members", "M", pa, 0.5, 0.1, quota=0.5, blocs=blocs)
    assert relevant_issues(c) == (0, 1)
    _, digits = every_deal((3, 2))
    rows = np.vstack([stakeholder_approval(b, digits) for b in blocs])
    expected = quota_probability(rows, [0.6, 0.4], 0.5)
    np.testing.assert_array_equal(constituency_approval(c, digits), expected)
    # a quota of one half with shares 0.6 / 0.4: bloc x alone carries the vote
    np.testing.assert_allclose(expected, rows[0], rtol=0, atol=1e-12)


def test_the_bloc_vote_is_computed_in_slices_with_the_same_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    values = tuple(tuple(k / 11 for k in range(12)) for _ in range(3))
    pa = Preferences((0.5, 0.3, 0.2), values)
    key = StakeholderKey("a.members")
    blocs = tuple(
        Bloc(key.child(f"b{k}"), f"b{k}", "B", pa, 0.3 + 0.1 * k, 0.1, share=1 / 3)
        for k in range(3)
    )
    c = Constituency(key, "members", "M", pa, 0.5, 0.1, quota=0.5, blocs=blocs)
    _, digits = every_deal((12, 12, 12))  # 1728 deals: more than one slice of 1024
    whole = constituency_approval(c, digits)
    monkeypatch.setattr(factors, "VOTE_FLOATS", 3)
    assert np.array_equal(constituency_approval(c, digits), whole)
    rows = np.vstack([stakeholder_approval(b, digits) for b in blocs])
    assert np.array_equal(whole, quota_probability(rows, [1 / 3] * 3, 0.5))
