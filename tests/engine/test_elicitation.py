"""Swing weights from a ranking, and bars fitted from a few answers (engine/elicitation.py)."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.special import ndtr

from leveltwo.engine.elicitation import fit_bar, probe_deals, rank_weights
from leveltwo.errors import InputError
from leveltwo.model.case import Preferences


def test_rank_order_centroid_weights_by_hand() -> None:
    # n = 3: (1 + 1/2 + 1/3)/3, (1/2 + 1/3)/3, (1/3)/3
    assert rank_weights(3) == pytest.approx((11 / 18, 5 / 18, 2 / 18))
    assert rank_weights(1) == (1.0,)
    assert rank_weights(0) == ()


@given(st.integers(1, 12))
def test_rank_weights_sum_to_one_and_fall(n: int) -> None:
    w = rank_weights(n)
    assert math.isclose(sum(w), 1.0)
    assert all(a > b for a, b in itertools.pairwise(w))


@given(
    st.floats(0.1, 0.9),
    st.floats(0.03, 0.5),
    st.lists(st.floats(0.0, 1.0), min_size=2, max_size=3, unique=True),
)
def test_answers_made_by_the_model_give_its_bar_back(r: float, s: float, us: list[float]) -> None:
    answers = [float(ndtr((u - r) / s)) for u in us]
    if not all(0.01 <= a <= 0.99 for a in answers) or max(us) - min(us) < 0.05:
        return
    bar = fit_bar(us, answers)
    assert bar.reservation == pytest.approx(r, abs=1e-4)
    assert bar.uncertainty == pytest.approx(s, rel=1e-3)
    assert bar.fitted == pytest.approx(tuple(answers), abs=1e-6)


def test_two_answers_are_reproduced_exactly() -> None:
    bar = fit_bar([0.2, 0.7], [0.3, 0.9])
    # z = Φ⁻¹(p): −0.5244, 1.2816; σ = 0.5 / 1.8060; r = 0.2 + 0.5244 σ
    assert bar.uncertainty == pytest.approx(0.5 / (1.2815516 + 0.5244005), rel=1e-6)
    assert bar.reservation == pytest.approx(0.2 + 0.5244005 * bar.uncertainty, rel=1e-6)
    assert bar.fitted == pytest.approx((0.3, 0.9))


def test_three_answers_are_the_likelihood_maximum() -> None:
    us, ps = [0.2, 0.5, 0.8], [0.2, 0.7, 0.75]
    bar = fit_bar(us, ps)

    def loglik(r: float, s: float) -> float:
        return sum(
            p * math.log(ndtr((u - r) / s)) + (1 - p) * math.log(ndtr(-(u - r) / s))
            for u, p in zip(us, ps, strict=True)
        )

    best = loglik(bar.reservation, bar.uncertainty)
    for dr, ds in [(0.01, 0), (-0.01, 0), (0, 0.01), (0, -0.01)]:
        assert loglik(bar.reservation + dr, bar.uncertainty + ds) < best


def test_answers_that_cannot_give_a_bar_are_located_errors() -> None:
    with pytest.raises(InputError) as err:
        fit_bar([0.2, 0.8], [0.0, 1.0], "union.members.votes")
    assert [p.path for p in err.value.problems] == [
        "union.members.votes[0]",
        "union.members.votes[1]",
    ]
    with pytest.raises(InputError, match="for the deal it values more"):
        fit_bar([0.2, 0.8], [0.8, 0.2])
    with pytest.raises(InputError, match="different utility"):
        fit_bar([0.5, 0.5], [0.3, 0.6])
    with pytest.raises(InputError, match="at least two deals"):
        fit_bar([0.5], [0.3])


def test_probe_deals_span_the_stakeholders_utility() -> None:
    prefs = Preferences((0.75, 0.25), ((0.0, 1 / 3, 2 / 3, 1.0), (0.0, 0.5, 1.0)))
    deals = probe_deals((4, 3), prefs)
    utilities = [prefs.utility(d) for d in deals]
    assert len(set(deals)) == 3
    assert utilities == sorted(utilities)
    assert [round(u, 3) for u in utilities] == [0.25, 0.5, 0.75]


def test_the_bar_is_the_estimate_leveltwo_fit_makes() -> None:
    """On four answers or more (the fewest `leveltwo fit` accepts) both estimators give
    the same reservation and uncertainty: one likelihood, a grouped probit of the
    answers on utility; the interview asks two or three, which `fit` refuses."""
    import numpy as np

    from leveltwo.engine.estimation import MIN_BALLOTS, fit_probit

    us = [0.1, 0.35, 0.6, 0.85, 0.5]
    ps = [0.1, 0.35, 0.5, 0.9, 0.55]
    for m in range(MIN_BALLOTS, len(us) + 1):
        mine = fit_bar(us[:m], ps[:m])
        theirs = fit_probit(
            "x",
            np.array(us[:m])[:, None],
            np.array([1.0]),
            np.array(ps[:m]),
            np.ones(m),
        )
        assert mine.reservation == pytest.approx(theirs.reservation.value, abs=1e-5)
        assert mine.uncertainty == pytest.approx(theirs.uncertainty.value, rel=1e-4)
