"""Perception moves over every deal at once: frames and victory credits, vectorised.

Two primitives of :mod:`leveltwo.strategies.ops` depend on the deal on the table
and therefore cannot be applied to the case once for all deals:

- :class:`~leveltwo.strategies.ops.Reframe` (receptivity f): perceived weights
  w'_i(d) = (1 − f)·w_i + f·w_i·v_i(d_i) / u(d), so the perceived utility is
  u'(d) = Σ_i w'_i(d)·v_i(d_i);
- :class:`~leveltwo.strategies.ops.ClaimVictory` (receptivity λ, reference
  deal r): the reservation falls by λ·max(0, u'(d) − u'(r)), with u' the
  perceived utility after any frame.

A stakeholder with such a move approves with Φ((e(d) − res)/σ), where
e(d) = u'(d) + λ·max(0, u'(d) − u'(r)) is its *effective* utility (lowering a
reservation by c is a credit of c, docs/strategies.md). For a stakeholder whose frame or
speech is still undecided in a search, :func:`effective_utility` takes the
largest e(d) over the choices (the bound the planner needs). The constituency
(or negotiator) this stakeholder belongs to then multiplies its side's P by its
factor, computed here with the engine's own approval and bloc-vote functions;
every other stakeholder is left to the engine's evaluator
(:mod:`leveltwo.strategies.joint`). Under common factors the same members'
effective utilities (:func:`effective_members`) are conditioned on each factor
node and combined by :func:`combine` node by node.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from leveltwo.engine.approval import approval_probability
from leveltwo.engine.blocvote import quota_probability
from leveltwo.engine.factors import Digits
from leveltwo.engine.powers import constituency_factor, enters
from leveltwo.model.case import Constituency, Preferences, Stakeholder
from leveltwo.model.deal import Deal
from leveltwo.model.keys import StakeholderKey

FloatArray = NDArray[np.float64]


#: A speech: receptivity λ, the reference deal, the issues it does not claim in public.
Speech = tuple[float, Deal, tuple[int, ...]]


@dataclass(frozen=True)
class Perception:
    """The perception primitives that may act on one stakeholder.

    ``frames``: the receptivities to try (0.0: no frame); ``speeches``: the
    (λ, reference) pairs to try (None: no speech). One choice each is decided
    for an exact value; several give the largest effective utility (a bound).
    """

    frames: tuple[float, ...] = (0.0,)
    speeches: tuple[Speech | None, ...] = (None,)


def _utility(prefs: Preferences, digits: Digits, n: int) -> tuple[FloatArray, list[FloatArray]]:
    """u(d) and the terms w_i·v_i(d_i) (issue order), for every deal."""
    terms = []
    total = np.zeros(n, dtype=np.float64)
    for i in prefs.relevant_issues():
        t = prefs.weights[i] * np.asarray(prefs.values[i], dtype=np.float64)[digits[i]]
        terms.append(t)
        total += t
    return total, terms


def effective_utility(st: Stakeholder, digits: Digits, n: int, how: Perception) -> FloatArray:
    """e(d) of the module docstring; the largest over ``how``'s choices."""
    prefs = st.preferences
    rel = prefs.relevant_issues()
    u, terms = _utility(prefs, digits, n)
    values = [np.asarray(prefs.values[i], dtype=np.float64)[digits[i]] for i in rel]
    best: FloatArray | None = None
    for f in how.frames:
        if f > 0:
            safe = np.where(u > 0, u, 1.0)
            framed = u > 0
            weights = [
                np.where(framed, (1 - f) * prefs.weights[i] + f * t / safe, prefs.weights[i])
                for i, t in zip(rel, terms, strict=True)
            ]
        else:
            weights = [np.full(n, prefs.weights[i]) for i in rel]
        perceived = np.zeros(n, dtype=np.float64)
        for w, v in zip(weights, values, strict=True):
            perceived += w * v
        for speech in how.speeches:
            e = perceived
            if speech is not None:
                lam, ref, hidden = speech
                if hidden:
                    gain = np.zeros(n, dtype=np.float64)
                    for i, w, v in zip(rel, weights, values, strict=True):
                        if i not in hidden:
                            gain += w * (v - prefs.values[i][ref.choices[i]])
                else:
                    at_ref = np.zeros(n, dtype=np.float64)
                    for i, w in zip(rel, weights, strict=True):
                        at_ref += w * prefs.values[i][ref.choices[i]]
                    gain = perceived - at_ref
                e = perceived + lam * np.maximum(0.0, gain)
            best = e if best is None else np.maximum(best, e)
    assert best is not None
    return best


def unit_factor(
    unit: Stakeholder,
    digits: Digits,
    n: int,
    perception: dict[str, Perception],
) -> FloatArray:
    """What ``unit`` (a negotiator or constituency) multiplies its side's P by, with the
    perception primitives in ``perception`` (key → choices) acting on it or its blocs."""
    members = effective_members(unit, digits, n, perception)
    rows = [approval_probability(e, st.reservation, st.uncertainty) for st, e in members]
    return combine(unit, rows, n)


def effective_members(
    unit: Stakeholder, digits: Digits, n: int, perception: dict[str, Perception]
) -> tuple[tuple[Stakeholder, FloatArray], ...]:
    """The unit's voting members (itself, or its blocs) with their effective utilities
    (none for a constituency that only influences: it multiplies by 1)."""
    if isinstance(unit, Constituency) and not enters(unit.power):
        return ()
    people = unit.blocs if isinstance(unit, Constituency) and unit.blocs else (unit,)
    return tuple(
        (st, effective_utility(st, digits, n, perception.get(st.key, Perception())))
        for st in people
    )


def combine(unit: Stakeholder, rows: Sequence[FloatArray], n: int) -> FloatArray:
    """The unit's factor from its members' approvals (``rows``, one per member, each of
    any shape): a bloc vote's quota probability, then the engine's one rule for its
    power (engine/powers.py: a blocker's 1 − β(1 − p), a ratifier's p)."""
    if not rows:
        return np.ones(n, dtype=np.float64)
    if isinstance(unit, Constituency) and unit.blocs:
        shape = rows[0].shape
        flat = np.vstack([r.reshape(1, -1) for r in rows])
        p = quota_probability(flat, [b.share for b in unit.blocs], unit.quota).reshape(shape)
    else:
        p = rows[0]
    if isinstance(unit, Constituency):
        return constituency_factor(unit, p)
    return p


def unit_of(key: str) -> str:
    """The negotiator or constituency a stakeholder key belongs to."""
    return StakeholderKey(key).top


def units(keys: Sequence[str]) -> tuple[str, ...]:
    """The distinct units of ``keys``, in order."""
    return tuple(dict.fromkeys(unit_of(k) for k in keys))
