"""Whole-space analysis: win-sets, agreement zone, frontier, best and Nash deals.

Definitions (docs/model.md §7), for threshold τ:

- win-set of side s: {d : P_side(s, d) ≥ τ}; agreement zone: deals in both;
- risk-adjusted frontier: Pareto-optimal deals in (EV_us, EV_them);
- best deal for us: argmax EV_us; ties go to larger P, then larger EV_them,
  then the earlier deal;
- risk-adjusted Nash deal: argmax (EV_us − x_us)(EV_them − x_them) over deals
  where both factors are positive; ties go to larger P, then the earlier deal.

Deals that break the case's linked options (``constraints:``, see
:mod:`leveltwo.engine.constraints`) are left out of all of these: they are
not in any win-set, on the frontier, or chosen as best or Nash deal. With no
constraints nothing is left out and the numbers are the baseline's.

Two values tie when they are equal at a resolution of 10⁻¹² (each is rounded
down to a multiple of 10⁻¹² before comparing), so float noise does not decide,
and the comparison stays exact and transitive: the answer does not depend on
how the space is cut into chunks.

The space is walked in chunks of bounded size (memory stays bounded however
large the space), each chunk evaluated with the vectorised
:class:`~leveltwo.engine.evaluator.Evaluator`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from leveltwo.engine.constraints import Feasibility
from leveltwo.engine.evaluator import DealArrays, Evaluator
from leveltwo.engine.frontier import pareto_mask
from leveltwo.engine.results import DealPoint
from leveltwo.engine.space import DEFAULT_CHUNK, OutcomeSpace, check_enumerable
from leveltwo.errors import InfeasibleError, LeveltwoError
from leveltwo.model.case import Case

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
Progress = Callable[[int, int], None]

TIE = 1e-12


@dataclass(frozen=True)
class SideWinset:
    id: str
    name: str
    winset_size: int

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "winset_size": self.winset_size}


@dataclass(frozen=True)
class SpaceAnalysis:
    """The answers of whole-space analysis for one case at one threshold."""

    title: str
    us: str
    outcomes: int
    threshold: float
    sides: tuple[SideWinset, ...]
    agreement_zone_size: int
    best_deal: DealPoint
    nash_deal: DealPoint | None
    frontier: tuple[DealPoint, ...]
    max_success_probability: float
    #: deals that keep every constraint (``outcomes`` when the case has none)
    feasible_outcomes: int | None = None

    @property
    def feasible(self) -> int:
        return self.outcomes if self.feasible_outcomes is None else self.feasible_outcomes

    def to_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "us": self.us,
            "outcomes": self.outcomes,
            "feasible_outcomes": self.feasible,
            "threshold": self.threshold,
            "sides": [s.to_json() for s in self.sides],
            "agreement_zone_size": self.agreement_zone_size,
            "max_success_probability": self.max_success_probability,
            "best_deal": self.best_deal.to_json(),
            "nash_deal": None if self.nash_deal is None else self.nash_deal.to_json(),
            "frontier": [p.to_json() for p in self.frontier],
        }


class _Running:
    """What is kept across chunks: counts, current best and Nash, frontier candidates."""

    def __init__(self, us: int) -> None:
        self.us, self.them = us, 1 - us
        self.winset = np.zeros(2, dtype=np.int64)
        self.zone = 0
        self.max_p = 0.0
        self.best: tuple[float, float, float, int] | None = None  # ev_us, p, ev_them, index
        self.nash: tuple[float, float, int] | None = None  # product, p, index
        self.front = (np.empty(0, np.int64), np.empty(0), np.empty(0))

    def add(self, r: DealArrays, threshold: float, gains: FloatArray) -> None:
        ins = r.side >= threshold
        self.winset += ins.sum(axis=1)
        self.zone += int(np.count_nonzero(ins[0] & ins[1]))
        self.max_p = max(self.max_p, float(r.success.max()))
        self._best(r)
        self._nash(r, gains)
        self._frontier(r)

    def _best(self, r: DealArrays) -> None:
        a, p, b = r.expected_value[self.us], r.success, r.expected_value[self.them]
        j = pick_on_grid((a, p, b))
        cand = (float(a[j]), float(p[j]), float(b[j]), int(r.indices[j]))
        if self.best is None or _better(cand, self.best):
            self.best = cand

    def _nash(self, r: DealArrays, gains: FloatArray) -> None:
        ga = r.expected_value[self.us] - gains[self.us]
        gb = r.expected_value[self.them] - gains[self.them]
        ok = (ga > 0) & (gb > 0)
        if not ok.any():
            return
        prod = np.where(ok, ga * gb, -np.inf)
        j = pick_on_grid((prod, r.success))
        cand = (float(prod[j]), float(r.success[j]), int(r.indices[j]))
        if self.nash is None or _better_nash(cand, self.nash):
            self.nash = cand

    def _frontier(self, r: DealArrays) -> None:
        a, b = r.expected_value[self.us], r.expected_value[self.them]
        m = pareto_mask(a, b, prior=(self.front[1], self.front[2]))
        idx = np.concatenate((self.front[0], r.indices[m]))
        fa = np.concatenate((self.front[1], a[m]))
        fb = np.concatenate((self.front[2], b[m]))
        keep = pareto_mask(fa, fb)
        self.front = (idx[keep], fa[keep], fb[keep])


def _take(r: DealArrays, keep: NDArray[np.bool_]) -> DealArrays:
    """The deals of a batch where ``keep`` is true."""
    return DealArrays(
        r.indices[keep],
        r.ratification[:, keep],
        r.implementation[:, keep],
        r.side[:, keep],
        r.success[keep],
        r.utility[:, keep],
        r.expected_value[:, keep],
    )


def _grid(x: FloatArray) -> FloatArray:
    """Values rounded down to the 10⁻¹² grid on which ties are decided."""
    out: FloatArray = np.floor(x / TIE)
    return out


def pick_on_grid(keys: tuple[FloatArray, ...]) -> int:
    """Position of the best point of a chunk: the largest first key on the tie
    grid; among those the largest second key, and so on; then the earliest.

    :func:`_better` compares chunks' picks in the same exact order, so the
    answer does not depend on where the chunks start and stop.
    """
    first = _grid(keys[0])
    cand = np.flatnonzero(first == first.max())
    for key in keys[1:]:
        if len(cand) == 1:
            break
        k = _grid(key[cand])
        cand = cand[k == k.max()]
    return int(cand[0])


def _on_grid(values: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(float(np.floor(v / TIE)) for v in values)


def _better(x: tuple[float, float, float, int], y: tuple[float, float, float, int]) -> bool:
    gx, gy = _on_grid(x[:3]), _on_grid(y[:3])
    return gx > gy or (gx == gy and x[3] < y[3])


def _better_nash(x: tuple[float, float, int], y: tuple[float, float, int]) -> bool:
    gx, gy = _on_grid(x[:2]), _on_grid(y[:2])
    return gx > gy or (gx == gy and x[2] < y[2])


def analyze_space(
    case: Case,
    threshold: float = 0.5,
    *,
    chunk: int = DEFAULT_CHUNK,
    progress: Progress | None = None,
) -> SpaceAnalysis:
    """Analyse every deal of the case (see the module docstring for definitions)."""
    if not 0.0 <= threshold <= 1.0:
        raise LeveltwoError(f"threshold: expected a number in [0, 1], found {threshold}")
    check_enumerable(OutcomeSpace(case.shape).size)
    ev = Evaluator(case)
    feasibility = Feasibility(case)
    us = case.side_index(case.us)
    run = _Running(us)
    done = feasible = 0
    width = ev.layout.width
    step = chunk // width * width if chunk >= width else chunk  # whole rows when possible
    for start, stop in ev.space.chunks(step):
        r = ev.evaluate_range(start, stop)
        if feasibility.active:
            r = _take(r, feasibility.mask(ev.space.digits(r.indices)))
        feasible += len(r)
        if len(r):
            run.add(r, threshold, ev.no_deal)
        done = stop
        if progress is not None:
            progress(done, ev.space.size)
    if run.best is None:
        raise InfeasibleError(
            f"{case.title}: no deal keeps every constraint (see constraints: in the case file)"
        )

    fidx, fa, fb = run.front
    frontier = [int(i) for i in fidx[np.lexsort((fidx, -fb, -fa))]]
    nash = None if run.nash is None else run.nash[2]
    # the reported deals, evaluated together (one batch, not one call each)
    wanted = sorted({run.best[3], *frontier, *([] if nash is None else [nash])})
    r = ev.evaluate(np.array(wanted, dtype=np.int64))
    points = {
        index: DealPoint.of(
            case,
            case.deal_from_index(index),
            float(r.success[k]),
            (float(r.expected_value[0, k]), float(r.expected_value[1, k])),
        )
        for k, index in enumerate(wanted)
    }
    return SpaceAnalysis(
        title=case.title,
        us=case.us,
        outcomes=ev.space.size,
        threshold=threshold,
        sides=tuple(
            SideWinset(s.id, s.name, int(n)) for s, n in zip(case.sides, run.winset, strict=True)
        ),
        agreement_zone_size=run.zone,
        best_deal=points[run.best[3]],
        nash_deal=None if nash is None else points[nash],
        frontier=tuple(points[i] for i in frontier),
        max_success_probability=run.max_p,
        feasible_outcomes=feasible,
    )
