"""Exact bloc votes by quota: P(approving share ≥ q · total share).

Small cases are enumerated by hand; a 150-member chamber is checked against
the binomial distribution (scipy.stats.binom) and, with unequal
probabilities, against an independent convolution; large-digit shares against
enumeration with exact fractions.
"""

from __future__ import annotations

import itertools
import time
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import binom

from leveltwo.engine.blocvote import quota_probability


def vote(ps: list[float], shares: list[float], quota: float) -> float:
    """The engine, for one deal."""
    return float(quota_probability(np.array(ps)[:, None], shares, quota)[0])


def enumerate_vote(ps: list[float], shares: list[float], quota: float) -> float:
    """Every yes/no outcome, shares compared as exact decimal fractions."""
    fs = [Fraction(str(s)) for s in shares]
    need = Fraction(str(quota)) * sum(fs)
    total = 0.0
    for yes in itertools.product((0, 1), repeat=len(ps)):
        if sum((s for s, y in zip(fs, yes, strict=True) if y), Fraction(0)) >= need:
            w = 1.0
            for y, p in zip(yes, ps, strict=True):
                w *= p if y else 1 - p
            total += w
    return total


# ---------------------------------------------------------------------------
# by hand
def test_single_bloc_approves_with_its_own_probability() -> None:
    for q in (0.01, 0.5, 1.0):
        assert vote([0.37], [5], q) == pytest.approx(0.37, abs=1e-15)


def test_two_of_three_equal_blocs() -> None:
    # need ⌈0.5 · 3⌉ = 2 of 3: p1p2 + p1p3 + p2p3 − 2 p1p2p3 = .45 + .18 + .10 − .18
    assert vote([0.9, 0.5, 0.2], [1, 1, 1], 0.5) == pytest.approx(0.55, abs=1e-15)


def test_unanimity_is_the_product() -> None:
    assert vote([0.9, 0.5, 0.2], [1, 1, 1], 1.0) == pytest.approx(0.09, abs=1e-15)
    assert vote([0.9, 0.5, 0.2], [3, 1, 7], 1.0) == pytest.approx(0.09, abs=1e-15)


def test_quota_reached_exactly_counts_as_reached() -> None:
    # 50/50 with quota 0.5: one bloc's 50 reaches the 50 needed, so one yes suffices
    assert vote([0.3, 0.6], [50, 50], 0.5) == pytest.approx(1 - 0.7 * 0.4, abs=1e-15)
    # 60/40: the senior bloc alone reaches 50, the junior alone (40) does not
    assert vote([0.8, 0.9], [60, 40], 0.5) == pytest.approx(0.8, abs=1e-15)
    # quota 0.4 with 60/40: 40 reaches exactly 40, so either bloc suffices
    assert vote([0.8, 0.9], [60, 40], 0.4) == pytest.approx(1 - 0.2 * 0.1, abs=1e-15)


def test_weighted_blocs_enumerated_by_hand() -> None:
    # shares 35/25/20/12/8, quota 0.5 → need 50
    # passing sets: any containing {35,25}, {35,20}, or {35,12,8}; or {25,20,12}(57),
    # {25,20,8}(53), {25,20,12,8}(65); without 35 and 25: 20+12+8 = 40 fails
    ps = [0.9, 0.6, 0.5, 0.3, 0.2]
    shares = [35, 25, 20, 12, 8]
    by_hand = 0.0
    for yes in itertools.product((0, 1), repeat=5):
        share = sum(s for s, y in zip(shares, yes, strict=True) if y)
        w = np.prod([p if y else 1 - p for p, y in zip(ps, yes, strict=True)])
        by_hand += w if share >= 50 else 0.0
    assert vote(ps, shares, 0.5) == pytest.approx(by_hand, abs=1e-15)


def test_two_thirds_supermajority_of_three_blocs() -> None:
    # q = 2/3 written to full precision: ⌈(2/3) · 3⌉ = 2 of 3, like a simple majority here
    assert vote([0.9, 0.5, 0.2], [1, 1, 1], 2 / 3) == pytest.approx(0.55, abs=1e-15)
    # q = 0.67 asks for 2.01 of 3, i.e. all three
    assert vote([0.9, 0.5, 0.2], [1, 1, 1], 0.67) == pytest.approx(0.09, abs=1e-15)


def test_two_thirds_supermajority_of_a_weighted_chamber() -> None:
    # shares 50/30/20: 2/3 of 100 needs 66.67: {50,30} = 80 and {50,20} = 70 pass,
    # {30,20} = 50 fails
    ps = [0.7, 0.4, 0.9]
    p = vote(ps, [50, 30, 20], 2 / 3)
    by_hand = 0.7 * 0.4 * 0.9 + 0.7 * 0.4 * 0.1 + 0.7 * 0.6 * 0.9
    assert p == pytest.approx(by_hand, abs=1e-15)


def test_non_integer_shares_are_exact_decimals() -> None:
    # 0.1 + 0.2 reaches 0.3 = 0.5 · 0.6 exactly (in floats it would be 0.30000000000000004)
    ps = [0.5, 0.4, 0.3]
    by_hand = 0.3 + 0.7 * 0.5 * 0.4  # bloc 3 alone, or blocs 1 and 2 together
    assert vote(ps, [0.1, 0.2, 0.3], 0.5) == pytest.approx(by_hand, abs=1e-15)
    # 0.1 + 0.2 against a quota of 0.5 of 0.6000001: not reached
    assert vote(ps, [0.1, 0.2, 0.3000001], 0.5) == pytest.approx(0.3, abs=1e-15)


def test_shares_with_many_digits_stay_exact() -> None:
    # 1/3, 1/7 and 2/3 as floats: denominators 10^16 and 10^17 make the integer
    # quota huge; the vote must still be exact (and quick)
    shares = [1 / 3, 1 / 7, 2 / 3, 0.123456789]
    ps = [0.6, 0.7, 0.2, 0.9]
    for q in (0.5, 2 / 3, 0.25, 1.0):
        start = time.perf_counter()
        got = vote(ps, shares, q)
        assert time.perf_counter() - start < 2.0
        assert got == pytest.approx(enumerate_vote(ps, shares, q), abs=1e-15), q


def test_equal_shares_with_many_digits() -> None:
    # three shares of 0.3333333333333333: majority is 2 of 3
    assert vote([0.9, 0.5, 0.2], [1 / 3] * 3, 0.5) == pytest.approx(0.55, abs=1e-15)


def test_certain_blocs() -> None:
    assert vote([1.0, 1.0, 0.0], [1, 1, 1], 0.5) == 1.0
    assert vote([1.0, 0.0, 0.0], [1, 1, 1], 0.5) == 0.0
    assert vote([0.0, 0.0], [1, 1], 0.01) == 0.0


def test_columns_are_deals() -> None:
    p = np.array([[0.9, 0.1, 1.0], [0.5, 0.5, 0.0], [0.2, 0.7, 1.0]])
    got = quota_probability(p, [1, 1, 1], 0.5)
    expected = [enumerate_vote(list(p[:, k]), [1, 1, 1], 0.5) for k in range(3)]
    np.testing.assert_allclose(got, expected, atol=1e-15)


def test_one_row_per_bloc_is_required() -> None:
    with pytest.raises(ValueError, match="one row"):
        quota_probability(np.array([[0.5], [0.5]]), [1, 1, 1], 0.5)


# ---------------------------------------------------------------------------
# a 150-member chamber voting member by member
@pytest.mark.parametrize(("quota", "need"), [(0.5, 75), (2 / 3, 100), (0.6, 90), (1.0, 150)])
@pytest.mark.parametrize("p", [0.3, 0.55, 0.66, 0.9])
def test_chamber_of_equal_members_is_binomial(quota: float, need: int, p: float) -> None:
    got = vote([p] * 150, [1] * 150, quota)
    assert got == pytest.approx(binom.sf(need - 1, 150, p), rel=1e-9, abs=1e-15)


def test_chamber_of_unequal_members_matches_a_convolution() -> None:
    rng = np.random.default_rng(20260101)
    ps = rng.uniform(0.2, 0.95, size=150)
    dist = np.array([1.0])
    for p in ps:  # Poisson binomial distribution of the number of yes votes
        dist = np.convolve(dist, [1 - p, p])
    for quota, need in ((0.5, 75), (2 / 3, 100)):
        assert vote(list(ps), [1] * 150, quota) == pytest.approx(dist[need:].sum(), rel=1e-9)


def test_chamber_of_many_deals_at_once_is_fast_and_binomial() -> None:
    p = np.linspace(0.3, 0.8, 1000)
    probs = np.tile(p, (150, 1))
    start = time.perf_counter()
    got = quota_probability(probs, [1] * 150, 2 / 3)
    assert time.perf_counter() - start < 10.0  # O(n · Q) per deal, not 2^150
    np.testing.assert_allclose(got, binom.sf(99, 150, p), rtol=1e-9, atol=1e-15)


# ---------------------------------------------------------------------------
# against enumeration, on random small votes
@given(
    st.lists(
        st.tuples(
            st.floats(0.0, 1.0),
            st.one_of(st.integers(1, 60), st.sampled_from([0.1, 0.25, 1 / 3, 0.7, 2.5])),
        ),
        min_size=1,
        max_size=7,
    ),
    st.one_of(st.floats(0.01, 1.0), st.sampled_from([0.5, 2 / 3, 1.0, 0.25])),
)
def test_matches_enumeration(blocs: list[tuple[float, float]], quota: float) -> None:
    ps = [p for p, _ in blocs]
    shares = [s for _, s in blocs]
    assert vote(ps, shares, quota) == pytest.approx(enumerate_vote(ps, shares, quota), abs=1e-12)
