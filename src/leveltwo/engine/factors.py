"""Each stakeholder's utility and approval as a vectorised function of the deal.

A stakeholder's utility depends only on the issues it gives positive weight
to. A :class:`Factor` therefore computes over the sub-space of those issues
once (when that sub-space is small enough, and at most half the whole space)
and looks the result up for every deal; otherwise it computes directly from
the deals' option indices. Either way the arithmetic is the formulas of
docs/model.md, in one place, and gives the same bits: utilities add their terms in
issue order on every path, and each deal's numbers never depend on which other
deals are computed with it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from leveltwo.engine.approval import approval_probability
from leveltwo.engine.blocvote import quota_probability
from leveltwo.engine.space import DEFAULT_CHUNK, OutcomeSpace, RowBatch
from leveltwo.model.case import Constituency, Preferences, Stakeholder

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
Digits = Sequence[IntArray]

#: Sub-spaces up to this many deals are tabulated once and looked up.
TABLE_LIMIT = 1 << 21

#: Bloc approvals are stacked for the vote this many floats at a time.
VOTE_FLOATS = 1 << 16


def utility_of(prefs: Preferences, digits: Digits) -> FloatArray:
    """u(d) = Σ_i w_i · v_i(d_i) for each deal given by its option indices.

    The terms are added in issue order, so every path gives the same bits.
    """
    terms = [
        (i, prefs.weights[i] * np.asarray(prefs.values[i], dtype=np.float64))
        for i in prefs.relevant_issues()
    ]
    if isinstance(digits, RowBatch):
        return digits.additive(terms)
    n = len(digits[0]) if digits else 1
    u = np.zeros(n, dtype=np.float64)
    for i, table in terms:
        u += table[digits[i]]
    return u


def stakeholder_approval(st: Stakeholder, digits: Digits) -> FloatArray:
    """p_s for a single actor (negotiator, single-actor constituency or bloc)."""
    return approval_probability(utility_of(st.preferences, digits), st.reservation, st.uncertainty)


def constituency_approval(c: Constituency, digits: Digits) -> FloatArray:
    """Approval of a constituency: its own p, or the exact bloc vote by quota."""
    if not c.blocs:
        return stakeholder_approval(c, digits)
    utilities: dict[Preferences, FloatArray] = {}  # blocs often share their preferences
    for b in c.blocs:
        if b.preferences not in utilities:
            utilities[b.preferences] = utility_of(b.preferences, digits)
    m = len(next(iter(utilities.values())))
    shares = [b.share for b in c.blocs]
    # a block of deals at a time keeps the (blocs × deals) array small
    width = max(1024, VOTE_FLOATS // len(c.blocs))
    out = np.empty(m, dtype=np.float64)
    for start in range(0, m, width):
        cols = slice(start, start + width)
        rows = np.vstack(
            [
                approval_probability(utilities[b.preferences][cols], b.reservation, b.uncertainty)
                for b in c.blocs
            ]
        )
        out[cols] = quota_probability(rows, shares, c.quota)
    return out


def relevant_issues(c: Stakeholder) -> tuple[int, ...]:
    if isinstance(c, Constituency) and c.blocs:
        return tuple(sorted({i for b in c.blocs for i in b.preferences.relevant_issues()}))
    return c.preferences.relevant_issues()


@dataclass(frozen=True)
class Factor:
    """A function of the deal that depends on a subset of the issues, tabulated when small."""

    issues: tuple[int, ...]
    shape: tuple[int, ...]
    compute: Callable[[Digits], FloatArray]
    table: FloatArray | None = field(default=None, compare=False)

    @classmethod
    def build(
        cls,
        issues: tuple[int, ...],
        shape: tuple[int, ...],
        compute: Callable[[Digits], FloatArray],
    ) -> Factor:
        sub = [shape[i] for i in issues]
        size = math.prod(sub)
        if size > TABLE_LIMIT or 2 * size > math.prod(shape):
            # too large to hold, or too close to the whole space to save work
            return cls(issues, shape, compute, None)
        # enumerate the sub-space a chunk at a time; issues outside it get
        # option 0 (they have weight 0 there)
        table = np.empty(size, dtype=np.float64)
        space = OutcomeSpace(tuple(sub))
        zeros = np.zeros(min(size, DEFAULT_CHUNK), dtype=np.int64)
        for start, stop in space.chunks():
            digits: list[IntArray] = [zeros[: stop - start]] * len(shape)
            for i, d in zip(issues, space.digits(np.arange(start, stop)), strict=True):
                digits[i] = d
            table[start:stop] = compute(digits)
        return cls(issues, shape, compute, table)

    def __call__(self, digits: Digits) -> FloatArray:
        if self.table is None:
            return self.compute(digits)
        sub = [self.shape[i] for i in self.issues]
        if isinstance(digits, RowBatch):
            return digits.lookup(self.table, self.issues, sub)
        if not self.issues:
            return np.full(len(digits[0]), self.table[0])
        index = np.asarray(digits[self.issues[0]], dtype=np.int64).copy()
        for pos in range(1, len(self.issues)):
            index *= sub[pos]
            index += digits[self.issues[pos]]
        out: FloatArray = self.table[index]
        return out


def utility_factor(st: Stakeholder, shape: tuple[int, ...]) -> Factor:
    prefs = st.preferences
    return Factor.build(prefs.relevant_issues(), shape, lambda d: utility_of(prefs, d))


def approval_factor(st: Stakeholder, shape: tuple[int, ...]) -> Factor:
    if isinstance(st, Constituency):
        c = st
        return Factor.build(relevant_issues(c), shape, lambda d: constituency_approval(c, d))
    return Factor.build(relevant_issues(st), shape, lambda d: stakeholder_approval(st, d))
