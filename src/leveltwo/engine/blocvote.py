"""Exact probability that a bloc vote reaches its quota.

Blocs b with shares n_b vote independently, each approving with probability
p_b. The constituency approves when the approving share reaches q·Σn_b. The
approving share is a weighted Poisson-binomial variable; its distribution is
computed exactly by dynamic programming over the approving share so far.

Shares are scaled to integers exactly (as fractions of their decimal
representation) and the programme keeps only the *live* partial sums: those
reachable from the blocs seen so far, still below the quota, and from which
the quota can still be reached with the blocs still to vote. Every sum at or
above the quota is one absorbing state; a sum that can no longer reach it is
dropped. So the work is O(n · S) per deal, where S ≤ min(2^n, Q) is the
number of live sums and Q the quota in integer units: a 435-member chamber
voting member by member costs at most 435 × 218 steps per deal, not 2^435,
and five blocs with shares 35/25/20/12/8 cost two states each.

The bookkeeping (which sums are live after each bloc, and where each one
goes on a yes or a no) depends only on the shares and the quota; it is
planned once and cached, then applied to columns of deals a cache-sized
block at a time. Once the live sums fill at least half of the range between
the least and the greatest, the plan keeps the whole range (the others with
probability 0, which changes no result) so that every move is a slice.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
Rows = slice | IntArray

#: :func:`integer_shares` gives up above this many integer states.
MAX_INTEGER_STATES = 200_000

#: Keep every sum between the least and the greatest live one while there are
#: fewer than this many times as many sums as live ones.
FILL = 2

#: Floats per working array of the programme (a block of columns fits in cache).
BLOCK_FLOATS = 1 << 17


def exact_units(shares: Sequence[float], quota: float) -> tuple[list[int], int]:
    """Shares scaled to coprime integers, and the integer share the quota needs (≥ 1)."""
    fracs = [Fraction(str(s)) for s in shares]
    q = Fraction(str(quota))
    scale = math.lcm(*(f.denominator for f in fracs))
    ints = [int(f * scale) for f in fracs]
    g = math.gcd(*ints)
    ints = [i // g for i in ints]
    return ints, max(math.ceil(q * sum(ints)), 1)


def integer_shares(shares: Sequence[float], quota: float) -> tuple[list[int], int] | None:
    """Shares scaled to coprime integers and the integer quota, or None if too large."""
    ints, need = exact_units(shares, quota)
    if need > MAX_INTEGER_STATES:
        return None
    return ints, need


@dataclass(frozen=True)
class _Step:
    """Where the live sums go when one bloc votes; rows index the live sums."""

    size: int  # live sums after the vote
    stay: tuple[Rows, Rows]  # (from, to) on a no, for sums still live
    rise: tuple[Rows, Rows]  # (from, to) on a yes, into a sum no "no" leads to
    join: tuple[Rows, Rows]  # (from, to) on a yes, into a sum a "no" also leads to
    cross: Rows | None  # sums that reach the quota on a yes
    empty: Rows | None  # sums kept only to make the others a range: probability 0


@dataclass(frozen=True)
class VotePlan:
    """The programme for one list of shares and one quota."""

    steps: tuple[_Step, ...]
    states: int  # the most live sums at any point
    reachable: bool


def _rows(positions: list[int]) -> Rows:
    """A slice when the positions are consecutive (fast views), else an index array."""
    if positions and positions[-1] - positions[0] == len(positions) - 1:
        return slice(positions[0], positions[-1] + 1)
    return np.asarray(positions, dtype=np.int64)


def _empty(rows: Rows) -> bool:
    return (rows.stop <= rows.start) if isinstance(rows, slice) else len(rows) == 0


@lru_cache(maxsize=128)
def vote_plan(shares: tuple[float, ...], quota: float) -> VotePlan:
    """Plan the programme (cached: it depends only on the shares and the quota)."""
    units, need = exact_units(shares, quota)
    if sum(units) < need:
        return VotePlan((), 1, False)
    after = [sum(units[b + 1 :]) for b in range(len(units))]
    states = [0]  # live partial sums, ascending
    most = 1
    steps = []
    for s, left in zip(units, after, strict=True):
        # states ascend, so each group below is a run of consecutive positions
        stay_from = [k for k, j in enumerate(states) if j + left >= need]
        rise_from = [k for k, j in enumerate(states) if j + s < need]
        cross = [k for k, j in enumerate(states) if j + s >= need]
        new = sorted({states[k] for k in stay_from} | {states[k] + s for k in rise_from})
        if new and new[-1] - new[0] < FILL * len(new):
            # nearly every sum in the range is live: keep them all (the others
            # carry probability 0), so that every move below is a plain slice
            new = list(range(new[0], new[-1] + 1))
        at = {j: k for k, j in enumerate(new)}
        stay_to = [at[states[k]] for k in stay_from]
        landed = set(stay_to)
        join = [(k, at[states[k] + s]) for k in rise_from if at[states[k] + s] in landed]
        rise = [(k, at[states[k] + s]) for k in rise_from if at[states[k] + s] not in landed]
        unreached = sorted(set(range(len(new))) - landed - {t for _, t in rise})
        steps.append(
            _Step(
                size=len(new),
                stay=(_rows(stay_from), _rows(stay_to)),
                rise=(_rows([k for k, _ in rise]), _rows([t for _, t in rise])),
                join=(_rows([k for k, _ in join]), _rows([t for _, t in join])),
                cross=_rows(cross) if cross else None,
                empty=_rows(unreached) if unreached else None,
            )
        )
        states = new
        most = max(most, len(new))
    return VotePlan(tuple(steps), most, True)


def _scaled_into(
    out: FloatArray, to: Rows, dist: FloatArray, frm: Rows, factor: FloatArray
) -> None:
    """out[to] = dist[frm] · factor, without a temporary when both are slices."""
    if isinstance(to, slice):
        np.multiply(dist[frm], factor, out=out[to])
    else:
        out[to] = dist[frm] * factor


def _add_scaled(
    out: FloatArray, to: Rows, dist: FloatArray, frm: Rows, factor: FloatArray, scratch: FloatArray
) -> None:
    """out[to] += dist[frm] · factor, through a scratch buffer when both are slices."""
    if isinstance(to, slice) and isinstance(frm, slice):
        tmp = scratch[: frm.stop - frm.start]
        np.multiply(dist[frm], factor, out=tmp)
        np.add(out[to], tmp, out=out[to])
    else:
        out[to] += dist[frm] * factor


def _column_sums(rows: FloatArray) -> FloatArray:
    """Σ over the rows, added in row order whatever the number of columns.

    (``sum(axis=0)`` switches to pairwise summation for a single column, so a
    deal's result would depend on how many deals it is computed with.)
    """
    out: FloatArray = rows[0]
    if rows.shape[0] > 1:
        out = rows[0] + rows[1]
        for row in rows[2:]:
            out += row
    return out


def _run_block(plan: VotePlan, p: FloatArray) -> FloatArray:
    width = p.shape[1]
    buffers = (np.empty((plan.states, width)), np.empty((plan.states, width)))
    scratch = np.empty((plan.states, width))
    dist = buffers[0][:1]
    dist[0] = 1.0
    hit = np.zeros(width)
    for n, (step, yes) in enumerate(zip(plan.steps, p, strict=True)):
        no = 1.0 - yes
        if step.cross is not None:
            hit += yes * _column_sums(dist[step.cross])
        new = buffers[(n + 1) % 2][: step.size]
        if not _empty(step.stay[0]):
            _scaled_into(new, step.stay[1], dist, step.stay[0], no)
        if not _empty(step.rise[0]):
            _scaled_into(new, step.rise[1], dist, step.rise[0], yes)
        if step.empty is not None:
            new[step.empty] = 0.0
        if not _empty(step.join[0]):
            _add_scaled(new, step.join[1], dist, step.join[0], yes, scratch)
        dist = new
    out: FloatArray = np.clip(hit, 0.0, 1.0)
    return out


def quota_probability(
    probabilities: FloatArray, shares: Sequence[float], quota: float
) -> FloatArray:
    """P(approving share ≥ quota · total share), for each column of ``probabilities``.

    ``probabilities`` has shape (number of blocs, number of deals).
    """
    p = np.atleast_2d(np.asarray(probabilities, dtype=np.float64))
    if p.shape[0] != len(shares):
        raise ValueError("one row of probabilities per bloc is needed")
    m = p.shape[1]
    plan = vote_plan(tuple(float(s) for s in shares), float(quota))
    if not plan.reachable:
        return np.zeros(m, dtype=np.float64)
    width = max(256, BLOCK_FLOATS // plan.states)
    if m <= width:
        return _run_block(plan, p)
    out = np.empty(m, dtype=np.float64)
    for start in range(0, m, width):
        out[start : start + width] = _run_block(plan, p[:, start : start + width])
    return out
