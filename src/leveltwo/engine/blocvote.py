"""Exact probability that a bloc vote reaches its quota.

Blocs b with shares n_b vote independently, each approving with probability
p_b. The constituency approves when the approving share reaches q·Σn_b. The
approving share is a weighted Poisson-binomial variable; its distribution is
computed exactly by dynamic programming over the approving share so far,
capped at the quota (every state at or above the quota is one absorbing
state). Shares are scaled to integers exactly (as fractions of their decimal
representation), so the work is O(n · Q) per deal, where Q is the quota in
those integer units: a 435-member chamber voting member by member costs
435 × 218 steps per deal, not 2^435.

When the integer scale would be very large (shares with many significant
digits), the same dynamic programme runs over the distinct reachable partial
sums instead; it stays exact.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

#: Above this many integer states the distinct-sums programme is used instead.
MAX_INTEGER_STATES = 200_000


def integer_shares(shares: Sequence[float], quota: float) -> tuple[list[int], int] | None:
    """Shares scaled to coprime integers and the integer quota, or None if too large."""
    fracs = [Fraction(str(s)) for s in shares]
    q = Fraction(str(quota))
    scale = math.lcm(*(f.denominator for f in fracs))
    ints = [int(f * scale) for f in fracs]
    g = math.gcd(*ints)
    ints = [i // g for i in ints]
    total = sum(ints)
    need = math.ceil(q * total)
    if need > MAX_INTEGER_STATES:
        return None
    return ints, max(need, 1)


def quota_probability(
    probabilities: FloatArray, shares: Sequence[float], quota: float
) -> FloatArray:
    """P(approving share ≥ quota · total share), for each column of ``probabilities``.

    ``probabilities`` has shape (number of blocs, number of deals).
    """
    p = np.atleast_2d(np.asarray(probabilities, dtype=np.float64))
    if p.shape[0] != len(shares):
        raise ValueError("one row of probabilities per bloc is needed")
    scaled = integer_shares(shares, quota)
    if scaled is None:
        return _distinct_sums(p, shares, quota)
    ints, need = scaled
    m = p.shape[1]
    # dist[j] = P(approving share so far == j) for j < need; dist[need] = P(≥ need)
    dist = np.zeros((need + 1, m), dtype=np.float64)
    dist[0] = 1.0
    reach = 0  # highest state reachable so far (keeps early blocs cheap)
    for row, s in zip(p, ints, strict=True):
        top = min(reach + s, need)
        new = np.zeros((top + 1, m), dtype=np.float64)
        new[: reach + 1] = dist[: reach + 1] * (1.0 - row)  # this bloc says no
        below = min(reach, need - 1 - s)  # sources that stay below the quota on a yes
        if below >= 0:
            new[s : s + below + 1] += row * dist[: below + 1]
        first = max(0, need - s)  # sources that reach the quota on a yes
        if first <= reach:
            new[need] += row * dist[first : reach + 1].sum(axis=0)
        dist[: top + 1] = new
        reach = top
    if reach < need:
        return np.zeros(m, dtype=np.float64)
    out: FloatArray = np.clip(dist[need], 0.0, 1.0)
    return out


def _distinct_sums(p: FloatArray, shares: Sequence[float], quota: float) -> FloatArray:
    need = Fraction(str(quota)) * sum(Fraction(str(s)) for s in shares)
    states: dict[Fraction, FloatArray] = {Fraction(0): np.ones(p.shape[1])}
    reached = np.zeros(p.shape[1])
    for row, s in zip(p, shares, strict=True):
        fs = Fraction(str(s))
        nxt: dict[Fraction, FloatArray] = {}
        for total, mass in states.items():
            nxt[total] = nxt.get(total, 0.0) + mass * (1.0 - row)
            up = total + fs
            if up >= need:
                reached = reached + mass * row
            else:
                nxt[up] = nxt.get(up, 0.0) + mass * row
        states = nxt
    out: FloatArray = np.clip(reached, 0.0, 1.0)
    return out
