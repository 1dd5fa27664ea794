"""What can be agreed when the space is too large to enumerate: search and sampling.

Above :data:`~leveltwo.engine.space.ENUMERATION_LIMIT` deals, ``winsets``
answers with :func:`analyze_large`:

- the best deal for us, the risk-adjusted Nash deal and the highest chance of
  success, each found by branch and bound (:mod:`leveltwo.engine.dealsearch`)
  and proved optimal (or stopped at the time limit with its bound and gap);
- each side's win-set, and the agreement zone, *estimated*: ``samples`` deals
  drawn uniformly at random (``numpy.random.default_rng(seed)``, the seed in the
  output), each evaluated exactly; the share in the set is p̂ = k / n, with the
  95% Wilson score interval (Wilson 1927)

      (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n),   z = 1.959964,

  and the size is the share × the number of deals;
- no frontier: it is a set of up to millions of deals, not enumerated here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from leveltwo.engine.bnb import Optimality
from leveltwo.engine.dealsearch import DealSearch, Objective
from leveltwo.engine.results import DealPoint
from leveltwo.errors import InfeasibleError, LeveltwoError
from leveltwo.model.case import Case

#: Deals sampled to estimate win-set sizes.
DEFAULT_SAMPLES = 100_000
#: Seconds each of the three searches may take.
DEFAULT_TIME_LIMIT = 20.0
Z95 = 1.959963984540054


def wilson(k: int, n: int) -> tuple[float, float]:
    """The 95% Wilson score interval of a share k / n."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Estimate:
    """A set's size estimated from a sample: hits k of n, share and its 95% interval."""

    hits: int
    samples: int
    outcomes: int

    @property
    def share(self) -> float:
        return self.hits / self.samples if self.samples else 0.0

    @property
    def size(self) -> float:
        return self.share * self.outcomes

    def to_json(self) -> dict[str, object]:
        lo, hi = wilson(self.hits, self.samples)
        return {
            "estimate": self.size,
            "share": self.share,
            "ci95": [lo * self.outcomes, hi * self.outcomes],
            "share_ci95": [lo, hi],
            "hits": self.hits,
            "samples": self.samples,
        }


@dataclass(frozen=True)
class LargeSpaceAnalysis:
    """The answers of :func:`analyze_large` (see the module docstring)."""

    title: str
    us: str
    outcomes: int
    threshold: float
    seed: int
    sides: tuple[tuple[str, str, Estimate], ...]
    agreement_zone: Estimate
    best_deal: DealPoint
    nash_deal: DealPoint | None
    max_success_probability: float
    optimality: tuple[tuple[str, Optimality], ...]

    def to_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "us": self.us,
            "outcomes": self.outcomes,
            "threshold": self.threshold,
            "method": "search",
            "sides": [{"id": i, "name": n, "winset_size": e.to_json()} for i, n, e in self.sides],
            "agreement_zone_size": self.agreement_zone.to_json(),
            "max_success_probability": self.max_success_probability,
            "best_deal": self.best_deal.to_json(),
            "nash_deal": None if self.nash_deal is None else self.nash_deal.to_json(),
            "frontier": None,
            "sample": {"seed": self.seed, "draws": self.agreement_zone.samples},
            "optimality": {k: o.to_json() for k, o in self.optimality},
        }


def analyze_large(
    case: Case,
    threshold: float = 0.5,
    *,
    seed: int = 0,
    samples: int = DEFAULT_SAMPLES,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> LargeSpaceAnalysis:
    """Search and sampling in place of enumeration (see the module docstring)."""
    if not 0.0 <= threshold <= 1.0:
        raise LeveltwoError(f"threshold: expected a number in [0, 1], found {threshold}")
    search = DealSearch(case)
    found: dict[Objective, tuple[int | None, Optimality]] = {}
    for objective in ("best", "nash", "success"):
        f = search.solve(objective, time_limit=time_limit)
        found[objective] = (f.index, f.optimality)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, case.size, size=samples, dtype=np.int64)
    r = search.evaluator.evaluate(idx)
    ins = r.side >= threshold
    sides = tuple(
        (s.id, s.name, Estimate(int(ins[k].sum()), samples, case.size))
        for k, s in enumerate(case.sides)
    )
    zone = Estimate(int(np.count_nonzero(ins[0] & ins[1])), samples, case.size)

    def point(index: int) -> DealPoint:
        e = search.evaluator.evaluate(np.array([index], dtype=np.int64))
        evs = (float(e.expected_value[0, 0]), float(e.expected_value[1, 0]))
        return DealPoint.of(case, case.deal_from_index(index), float(e.success[0]), evs)

    best_index = found["best"][0]
    nash_index = found["nash"][0]
    top = found["success"][0]
    if best_index is None or top is None:
        # only when every deal breaks the linked options, or the time limit ran out before
        # the search reached a deal that keeps them
        raise InfeasibleError(
            "winsets: the search found no deal that keeps the case's linked options "
            f"(constraints:) within its time limit of {time_limit} s; check that the "
            "constraints leave some deal"
        )
    return LargeSpaceAnalysis(
        title=case.title,
        us=case.us,
        outcomes=case.size,
        threshold=threshold,
        seed=seed,
        sides=sides,
        agreement_zone=zone,
        best_deal=point(best_index),
        nash_deal=None if nash_index is None else point(nash_index),
        max_success_probability=point(top).success_probability,
        optimality=(
            ("best_deal", found["best"][1]),
            ("nash_deal", found["nash"][1]),
            ("max_success_probability", found["success"][1]),
        ),
    )
