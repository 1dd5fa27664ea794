"""A slow, plain-Python reference implementation of the baseline model (docs/model.md).

Independent of the engine's numerics on purpose: Φ through ``math.erf``, bloc
votes by enumerating all 2^n outcomes with exact fractions, one deal at a
time, no tabulation, no chunks. Tests compare the vectorised engine with it.
Only for small cases.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction

from leveltwo.model.case import Case, Constituency, Power, Side, Stakeholder
from leveltwo.model.deal import Deal

TIE = 1e-12


def phi(z: float) -> float:
    """The standard normal CDF (through erfc, which keeps the lower tail's precision)."""
    return 0.5 * math.erfc(-z / math.sqrt(2.0))


def utility(st: Stakeholder, deal: Deal) -> float:
    prefs = st.preferences
    return sum(w * v[c] for w, v, c in zip(prefs.weights, prefs.values, deal.choices, strict=True))


def approval(st: Stakeholder, deal: Deal) -> float:
    u = utility(st, deal)
    if st.uncertainty > 0:
        return phi((u - st.reservation) / st.uncertainty)
    return 1.0 if u >= st.reservation - 1e-9 else 0.0


def bloc_vote(probabilities: list[float], shares: list[float], quota: float) -> float:
    """P(approving share ≥ quota · total), by enumerating every yes/no outcome."""
    fshares = [Fraction(str(s)) for s in shares]
    need = Fraction(str(quota)) * sum(fshares)
    total = 0.0
    for votes in itertools.product((False, True), repeat=len(shares)):
        weight = 1.0
        for yes, p in zip(votes, probabilities, strict=True):
            weight *= p if yes else 1.0 - p
        if sum((s for s, yes in zip(fshares, votes, strict=True) if yes), Fraction(0)) >= need:
            total += weight
    return total


def constituency_approval(c: Constituency, deal: Deal) -> float:
    if not c.blocs:
        return approval(c, deal)
    return bloc_vote([approval(b, deal) for b in c.blocs], [b.share for b in c.blocs], c.quota)


@dataclass(frozen=True)
class SideNumbers:
    ratify: float
    implement: float

    @property
    def side(self) -> float:
        return self.ratify * self.implement


def side_numbers(side: Side, deal: Deal) -> SideNumbers:
    ratify = approval(side.negotiator, deal)
    implement = 1.0
    for c in side.constituencies:
        p = constituency_approval(c, deal)
        if c.power is Power.RATIFY:
            ratify *= p
        elif c.power is Power.BLOCK:
            implement *= 1.0 - c.strength * (1.0 - p)
    for r in side.risks:  # an implementation risk π: × (1 − π)
        implement *= 1.0 - r.probability
    return SideNumbers(ratify, implement)


@dataclass(frozen=True)
class DealNumbers:
    index: int
    sides: tuple[SideNumbers, SideNumbers]
    success: float
    utility: tuple[float, float]
    ev: tuple[float, float]


def deal_numbers(case: Case, index: int) -> DealNumbers:
    deal = case.deal_from_index(index)
    a, b = (side_numbers(s, deal) for s in case.sides)
    p = a.side * b.side
    us = tuple(utility(s.negotiator, deal) for s in case.sides)
    ev = tuple(p * u + (1 - p) * s.no_deal_value for u, s in zip(us, case.sides, strict=True))
    return DealNumbers(index, (a, b), p, (us[0], us[1]), (ev[0], ev[1]))


def all_deals(case: Case) -> list[DealNumbers]:
    return [deal_numbers(case, i) for i in range(case.size)]


def dominated(x: tuple[float, float], y: tuple[float, float]) -> bool:
    """Is x dominated by y (y at least as good on both, strictly better on one)?"""
    return y[0] >= x[0] and y[1] >= x[1] and (y[0] > x[0] or y[1] > x[1])
