"""Numbers from questions a negotiator can answer: swing weights from a ranking, and a
stakeholder's bar (reservation and uncertainty) from how likely it is to approve a
few concrete deals.

**Weights from a ranking.** Asked to rank the issues by how much going from the
worst to the best option on each matters (a ranking of *swings*), the
rank-order centroid weights are the centre of the set of weights consistent
with the ranking: for n ranked issues, the k-th gets

    w_k = (1/n) Σ_{j=k..n} 1/j        (n = 3: 0.611, 0.278, 0.111)

(F. H. Barron and B. E. Barrett, "Decision quality using ranked attribute
weights", *Management Science* 42 (1996); the SMARTER method of W. Edwards and
F. H. Barron, *Organizational Behavior and Human Decision Processes* 60
(1994)). Unranked issues get weight 0.

**A bar from a few answers.** The model says a stakeholder with reservation r
and uncertainty σ approves a deal of utility u with p = Φ((u − r)/σ). Given
answers p_j ("how likely would they say yes to this deal?") for deals of
utilities u_j, the bar is the grouped probit fit of the answers on u, the
likelihood ``leveltwo fit`` maximises for vote shares:

    ℓ(a, b) = Σ_j p_j log Φ(a + b u_j) + (1 − p_j) log Φ(−a − b u_j),
    a = −r/σ,  b = 1/σ > 0.

This is the likelihood of :func:`leveltwo.engine.estimation.fit_probit` (``leveltwo
fit``) for shares of yes p_j out of one vote each; ``fit`` needs at least four
ballots, the interview asks about two or three deals, so the maximum is found here
(a test checks both give the same bar on four answers or more).
With two answers the maximum reproduces both exactly: b = (z₂ − z₁)/(u₂ − u₁),
z_j = Φ⁻¹(p_j); with three it is the best compromise. Answers must lie strictly
between 0 and 1 (certainty would make σ = 0), be given on deals of different
utility, and rise with utility (a stakeholder more likely to approve the deal
it values less has no bar in this model); otherwise a located error says so.
(C. I. Bliss, *Annals of Applied Biology* 22 (1935); D. J. Finney, *Probit
Analysis*, 1971, for the grouped probit.)

**Which deals to ask about.** :func:`probe_deals` picks, for a stakeholder,
deals whose utilities to it are nearest to :data:`PROBE_LEVELS`, so the
answers span its range.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from leveltwo.engine.factors import utility_of
from leveltwo.engine.space import OutcomeSpace
from leveltwo.errors import InputError, Problem
from leveltwo.model.case import Preferences
from leveltwo.model.deal import Deal

FloatArray = NDArray[np.float64]

#: Utilities (to the stakeholder) of the deals it is asked about.
PROBE_LEVELS = (0.25, 0.5, 0.75)
#: Deal spaces up to this size are searched whole for probe deals.
PROBE_SEARCH_LIMIT = 200_000
#: Answers must be at least this far from 0 and 1.
MIN_ANSWER = 0.01


def rank_weights(n: int) -> tuple[float, ...]:
    """Rank-order centroid weights of n ranked issues, most important first."""
    if n <= 0:
        return ()
    return tuple(sum(1.0 / j for j in range(k, n + 1)) / n for k in range(1, n + 1))


@dataclass(frozen=True)
class FittedBar:
    """A reservation and uncertainty fitted to answers, and the approvals they give back."""

    reservation: float
    uncertainty: float
    utilities: tuple[float, ...]
    answers: tuple[float, ...]
    fitted: tuple[float, ...]  # Φ((u_j − r)/σ) for each answer


def _loglik(theta: FloatArray, u: FloatArray, p: FloatArray) -> float:
    from scipy.special import log_ndtr

    eta = theta[0] + theta[1] * u
    return float(np.sum(p * log_ndtr(eta) + (1 - p) * log_ndtr(-eta)))


def fit_bar(utilities: Sequence[float], answers: Sequence[float], path: str = "votes") -> FittedBar:
    """The reservation and uncertainty that best reproduce ``answers`` (probabilities of
    yes) on deals of these ``utilities`` (see the module docstring)."""
    from scipy import optimize
    from scipy.special import ndtr, ndtri

    u = np.asarray(utilities, dtype=np.float64)
    p = np.asarray(answers, dtype=np.float64)
    problems = [
        Problem(
            f"{path}[{j}]",
            f"a probability of yes between {MIN_ANSWER:g} and {1 - MIN_ANSWER:g} "
            "(certainty leaves no uncertainty to fit)",
            f"{x:g}",
        )
        for j, x in enumerate(p)
        if not MIN_ANSWER <= x <= 1 - MIN_ANSWER
    ]
    if len(u) < 2:
        problems.append(Problem(path, "answers on at least two deals", f"{len(u)}"))
    if problems:
        raise InputError(problems)
    if float(np.ptp(u)) <= 1e-9:
        raise InputError([Problem(path, "deals of different utility", "one utility only")])
    z = ndtri(p)
    slope, intercept = np.polyfit(u, z, 1)
    if slope <= 0:
        raise InputError(
            [
                Problem(
                    path,
                    "a yes more likely for the deal it values more",
                    "answers that fall as its utility rises",
                )
            ]
        )
    theta = np.array([intercept, slope], dtype=np.float64)
    if len(u) > 2:  # two answers: the probit line through them is the maximum
        res = optimize.minimize(
            lambda t: -_loglik(t, u, p),
            theta,
            method="L-BFGS-B",
            bounds=[(None, None), (1e-6, None)],
            options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 2000},
        )
        theta = np.asarray(res.x, dtype=np.float64)
    a, b = float(theta[0]), float(theta[1])
    r, sigma = -a / b, 1.0 / b
    fitted = tuple(float(x) for x in ndtr((u - r) / sigma))
    return FittedBar(r, sigma, tuple(map(float, u)), tuple(map(float, p)), fitted)


def probe_deals(
    shape: tuple[int, ...], prefs: Preferences, levels: Sequence[float] = PROBE_LEVELS
) -> tuple[Deal, ...]:
    """Deals whose utilities under ``prefs`` are nearest to ``levels`` (distinct deals
    of distinct utilities; fewer when the stakeholder's utility takes fewer values)."""
    space = OutcomeSpace(shape)
    if space.size <= PROBE_SEARCH_LIMIT:
        idx = np.arange(space.size, dtype=np.int64)
    else:  # a seeded sample: the probe need not be the very nearest deal
        rng = np.random.default_rng(0)
        idx = np.sort(rng.choice(space.size, PROBE_SEARCH_LIMIT, replace=False)).astype(np.int64)
    u = utility_of(prefs, space.digits(idx))
    chosen: list[int] = []
    seen: list[float] = []
    for level in levels:
        order = np.argsort(np.abs(u - level), kind="stable")
        for j in order[:200]:
            if all(not math.isclose(float(u[j]), s, abs_tol=1e-9) for s in seen):
                chosen.append(int(idx[j]))
                seen.append(float(u[j]))
                break
    digits = space.digits(np.array(chosen, dtype=np.int64))
    return tuple(Deal(tuple(int(d[k]) for d in digits)) for k in range(len(chosen)))
