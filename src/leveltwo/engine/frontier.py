"""Pareto frontier of two objectives, both maximised.

A point is on the frontier when no other point is at least as good on both
objectives and strictly better on one. Values are compared on the same 10⁻¹²
grid as the best and Nash deals (``engine.winsets.TIE``): each value is rounded
down to a multiple of :data:`TIE` first, so float noise of 1e-16 neither keeps a
dominated point nor separates two equal ones. Points equal on the grid are
collapsed onto the first one (smallest position), so each frontier point is one
(EV_us, EV_them) pair.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: The tie grid: values closer than this compare as equal (the same as ``analysis.TIE``).
TIE = 1e-12


def on_grid(x: FloatArray) -> FloatArray:
    """Values rounded down to the :data:`TIE` grid on which the frontier is decided."""
    out: FloatArray = np.floor(np.asarray(x, dtype=np.float64) / TIE)
    return out


def pareto_mask(
    a: FloatArray, b: FloatArray, prior: tuple[FloatArray, FloatArray] | None = None
) -> NDArray[np.bool_]:
    """Boolean mask of the non-dominated points (both objectives maximised).

    ``prior`` optionally gives points that come before all of these (the
    frontier found so far in earlier chunks): a point that one of them
    dominates or equals is not on the frontier either.
    """
    n = len(a)
    mask = np.zeros(n, dtype=bool)
    if n == 0:
        return mask
    a, b = on_grid(a), on_grid(b)
    if prior is not None:
        prior = (on_grid(prior[0]), on_grid(prior[1]))
    # any point with a below the a of the max-b point is dominated by it, and
    # symmetrically; this cheap cut removes most of a large space before sorting
    jb = int(np.argmax(b))
    ja = int(np.argmax(a))
    cand = np.flatnonzero((a >= a[jb]) & (b >= b[ja]))
    if prior is not None and len(prior[0]):
        cand = cand[~_covered(a[cand], b[cand], prior)]
    ca, cb = a[cand], b[cand]
    # sort by a descending, then b descending, then position ascending
    order = np.lexsort((cand, -cb, -ca))
    sb = cb[order]
    best_before = np.maximum.accumulate(np.concatenate(([-np.inf], sb[:-1])))
    keep = sb > best_before
    mask[cand[order[keep]]] = True
    return mask


def _covered(
    a: FloatArray, b: FloatArray, prior: tuple[FloatArray, FloatArray]
) -> NDArray[np.bool_]:
    """Which points some prior point is at least as good as on both objectives."""
    order = np.argsort(prior[0], kind="stable")
    pa = prior[0][order]
    # the best b among the prior points whose a is at least pa[k]
    best_b = np.maximum.accumulate(prior[1][order][::-1])[::-1]
    at = np.searchsorted(pa, a, side="left")
    inside = at < len(pa)
    out = np.zeros(len(a), dtype=bool)
    out[inside] = best_b[at[inside]] >= b[inside]
    return out


def pareto_indices(a: FloatArray, b: FloatArray) -> IntArray:
    """Positions of the frontier points, ordered by the first objective descending."""
    idx = np.flatnonzero(pareto_mask(a, b))
    ga, gb = on_grid(a[idx]), on_grid(b[idx])
    return idx[np.lexsort((idx, -gb, -ga))].astype(np.int64)
