"""The deals of the agreement zone, listed one by one.

:func:`~leveltwo.engine.winsets.analyze_space` counts the agreement zone
(the deals every side ratifies with probability at least τ, docs/model.md §7);
:func:`zone_deals` lists them, each with its success probability and both
sides' expected values, best for us first (ties: larger P, then the deal's
position in the space). The space is walked in chunks, so memory stays
bounded by the zone, not the space; ``limit`` keeps only the first deals of
that order (found exactly, by keeping the best ``limit`` of each chunk).
"""

from __future__ import annotations

import numpy as np

from leveltwo.engine.evaluator import Evaluator
from leveltwo.engine.results import DealPoint
from leveltwo.errors import LeveltwoError
from leveltwo.model.case import Case

#: Deals evaluated per chunk while walking the space.
CHUNK = 1 << 16


def zone_deals(
    case: Case, threshold: float = 0.5, limit: int | None = None
) -> tuple[DealPoint, ...]:
    """Every deal of the agreement zone at ``threshold``, best for us first (see above)."""
    if not 0.0 <= threshold <= 1.0:
        raise LeveltwoError(f"threshold: expected a number in [0, 1], found {threshold}")
    if limit is not None and limit < 0:
        raise LeveltwoError(f"limit: expected a whole number ≥ 0, found {limit}")
    ev = Evaluator(case)
    us = case.side_index(case.us)
    idx: list[np.ndarray] = []
    evs: list[np.ndarray] = []
    ps: list[np.ndarray] = []
    for start, stop in ev.space.chunks(CHUNK):
        r = ev.evaluate_range(start, stop)
        inside = (r.side[0] >= threshold) & (r.side[1] >= threshold)
        if not inside.any():
            continue
        k = np.flatnonzero(inside)
        idx.append(r.indices[k])
        evs.append(r.expected_value[us, k])
        ps.append(r.success[k])
        if limit is not None and sum(len(x) for x in idx) > 4 * max(limit, CHUNK):
            idx, evs, ps = _keep_best([np.concatenate(a) for a in (idx, evs, ps)], limit)
    if not idx:
        return ()
    index, our_ev, p = (np.concatenate(a) for a in (idx, evs, ps))
    order = np.lexsort((index, -p, -our_ev))
    if limit is not None:
        order = order[:limit]
    chosen = index[order]
    r = ev.evaluate(chosen)
    return tuple(
        DealPoint.of(
            case,
            case.deal_from_index(int(i)),
            float(r.success[k]),
            (float(r.expected_value[0, k]), float(r.expected_value[1, k])),
        )
        for k, i in enumerate(chosen)
    )


def _keep_best(
    arrays: list[np.ndarray], limit: int
) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    index, our_ev, p = arrays
    order = np.lexsort((index, -p, -our_ev))[:limit]
    return [index[order]], [our_ev[order]], [p[order]]
