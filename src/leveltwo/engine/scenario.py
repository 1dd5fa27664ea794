"""Scenario statistics of the table (Level I): the two negotiators' utility space.

The figures automated-negotiation research reports for a domain, computed on
the negotiators' utilities u_us(d), u_them(d) over every deal d, with their
reservations r as the disagreement point:

- the **Pareto frontier** of (u_us, u_them), on the 10⁻¹² tie grid of
  :mod:`leveltwo.engine.frontier`;
- the **Nash point** (J. Nash, Econometrica 18, 1950): the deal maximising
  (u_us − r_us)(u_them − r_them) over the deals both negotiators prefer to no
  deal (u > r); none when there is no such deal;
- the **Kalai–Smorodinsky point** (E. Kalai and M. Smorodinsky, Econometrica
  43, 1975): the frontier deal, acceptable to both (u ≥ r), whose gains
  relative to each side's best,
  a_s = (u_s − d_s) / (M_s − d_s), are closest to equal (smallest |a_us − a_them|),
  with d_s = r_s (or the worst utility when r_s is below it) and M_s the best;
- the **maximum welfare** point: the deal maximising u_us + u_them;
- the **opposition** (as NegMAS defines it): the least distance from a deal both
  accept (u ≥ r) to the ideal point, √Σ_s (1 − u_s / M_s)².

:func:`scenario_stats` also gives the Nash point **in NegMAS's convention**
(``negmas.preferences.ops.nash_points``): among the frontier deals both accept
(u ≥ r: NegMAS's frontier of the rational deals), the one maximising
Π_s (u_s − d_s) with d_s as above, so that its numbers can be compared with
NegMAS's. Ties go to the earliest deal (the flat
index of :meth:`~leveltwo.model.case.Case.deal_from_index`), values compared on
the tie grid.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from leveltwo.engine.frontier import on_grid, pareto_mask
from leveltwo.model.case import Case

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Point:
    """A deal (flat index) and its two negotiator utilities (us, them)."""

    index: int
    us: float
    them: float

    def to_json(self) -> dict[str, object]:
        return {"index": self.index, "us": self.us, "them": self.them}


@dataclass(frozen=True)
class ScenarioStats:
    """The statistics of a case's negotiator utility space (see the module doc)."""

    deals: int
    frontier_size: int
    #: Frontier deals both accept (u ≥ r): NegMAS's Pareto frontier, of the rational deals.
    rational_frontier_size: int
    reservation: tuple[float, float]
    best: tuple[float, float]
    worst: tuple[float, float]
    nash: Point | None
    nash_negmas: Point | None
    kalai_smorodinsky: Point | None
    max_welfare: Point
    opposition: float | None

    def to_json(self) -> dict[str, object]:
        def pt(p: Point | None) -> object:
            return None if p is None else p.to_json()

        return {
            "deals": self.deals,
            "frontier_size": self.frontier_size,
            "rational_frontier_size": self.rational_frontier_size,
            "reservation": list(self.reservation),
            "best": list(self.best),
            "worst": list(self.worst),
            "nash": pt(self.nash),
            "nash_negmas": pt(self.nash_negmas),
            "kalai_smorodinsky": pt(self.kalai_smorodinsky),
            "max_welfare": pt(self.max_welfare),
            "opposition": self.opposition,
        }


def negotiator_utilities(case: Case, side: str) -> FloatArray:
    """u(d) of a side's negotiator for every deal, in flat-index order."""
    prefs = case.side(side).negotiator.preferences
    total: FloatArray = np.zeros(1)
    for w, vals in zip(prefs.weights, prefs.values, strict=True):
        total = np.add.outer(total, w * np.asarray(vals, dtype=np.float64)).ravel()
    return total


def _first_best(score: FloatArray, candidates: NDArray[np.int64]) -> int | None:
    """The earliest candidate with the highest score on the tie grid."""
    if len(candidates) == 0:
        return None
    g = on_grid(score[candidates])
    return int(candidates[np.flatnonzero(g == g.max())[0]])


def stats(u: FloatArray, v: FloatArray, r: tuple[float, float]) -> ScenarioStats:
    """The statistics of the utilities ``u`` (us) and ``v`` (them) with reservations ``r``."""
    n = len(u)
    ru, rv = r
    best = (float(u.max()), float(v.max()))
    worst = (float(u.min()), float(v.min()))
    du = ru if np.isfinite(ru) and ru >= worst[0] else worst[0]
    dv = rv if np.isfinite(rv) and rv >= worst[1] else worst[1]
    front = np.flatnonzero(pareto_mask(u, v)).astype(np.int64)

    def point(k: int | None) -> Point | None:
        return None if k is None else Point(k, float(u[k]), float(v[k]))

    everything = np.arange(n, dtype=np.int64)
    rational = np.flatnonzero((u > ru) & (v > rv)).astype(np.int64)
    nash = _first_best((u - ru) * (v - rv), rational)
    acceptable = front[(u[front] >= ru) & (v[front] >= rv)]
    nash_negmas = _first_best((u - du) * (v - dv), acceptable)
    ks = None
    if len(acceptable) and best[0] > du and best[1] > dv:
        gap = np.abs((u - du) / (best[0] - du) - (v - dv) / (best[1] - dv))
        ks = _first_best(-gap, acceptable)
    welfare = _first_best(u + v, everything)
    assert welfare is not None
    ok = (u >= ru) & (v >= rv)
    opposition = None
    if ok.any() and best[0] > 0 and best[1] > 0:
        dist = (1 - u[ok] / best[0]) ** 2 + (1 - v[ok] / best[1]) ** 2
        opposition = float(np.sqrt(dist.min()))
    return ScenarioStats(
        deals=n,
        frontier_size=len(front),
        rational_frontier_size=len(acceptable),
        reservation=(float(ru), float(rv)),
        best=best,
        worst=worst,
        nash=point(nash),
        nash_negmas=point(nash_negmas),
        kalai_smorodinsky=point(ks),
        max_welfare=Point(welfare, float(u[welfare]), float(v[welfare])),
        opposition=opposition,
    )


def scenario_stats(case: Case) -> ScenarioStats:
    """The statistics of ``case``'s two negotiators, us first (see the module doc)."""
    us, them = case.our_side, case.their_side
    return stats(
        negotiator_utilities(case, us.id),
        negotiator_utilities(case, them.id),
        (us.negotiator.reservation, them.negotiator.reservation),
    )
