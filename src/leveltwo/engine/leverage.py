"""Tied-hands leverage: how the bargaining equilibrium moves with a constituency's bar.

Schelling (1960) and Putnam (1988): a negotiator whose hands are tied at home
can get more at the table, at the risk of a deal that fails at home
(involuntary defection). For each ratifying or blocking constituency of either
side, its reservation r (and its blocs') is shifted by Δ ∈ :data:`SHIFTS` and
the equilibrium (:mod:`leveltwo.engine.bargaining`) recomputed: the predicted
deal, our equilibrium value, and the probability that the predicted deal fails
ratification on our own side (1 − P_side(us, deal)). Nothing else changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from leveltwo.engine.bargaining import Equilibrium, Game, equilibrium
from leveltwo.engine.evaluator import Evaluator
from leveltwo.engine.powers import enters
from leveltwo.engine.results import DealPoint
from leveltwo.model.bargaining import Bargaining
from leveltwo.model.case import Case, Constituency, Power
from leveltwo.model.keys import StakeholderKey

#: The bar shifts tried by default (utility), besides the case as it is (Δ = 0).
SHIFTS: tuple[float, ...] = (-0.1, -0.05, 0.05, 0.1)
#: An EV change smaller than this is no change.
EPS = 1e-9


@dataclass(frozen=True)
class LeveragePoint:
    """The equilibrium with one constituency's bar shifted by ``shift``."""

    shift: float
    reservation: float
    deal: DealPoint | None
    our_value: float
    their_value: float
    agreement_probability: float
    home_failure: float  # 1 − P_side(us, deal): the predicted deal fails at home

    def to_json(self) -> dict[str, object]:
        return {
            "shift": self.shift,
            "reservation": self.reservation,
            "deal": None if self.deal is None else dict(self.deal.labels),
            "our_expected_value": self.our_value,
            "their_expected_value": self.their_value,
            "agreement_probability": self.agreement_probability,
            "home_failure_probability": self.home_failure,
        }


@dataclass(frozen=True)
class Leverage:
    """How the equilibrium moves with one constituency's bar (``points`` by shift, 0 included)."""

    key: str
    name: str
    side: str
    ours: bool
    power: Power
    first_proposer: str
    points: tuple[LeveragePoint, ...]
    issue_names: tuple[tuple[str, str], ...] = ()  # issue id → name, for the sentence

    @property
    def base(self) -> LeveragePoint:
        return next(p for p in self.points if p.shift == 0.0)

    def tougher(self) -> LeveragePoint | None:
        """The raised bar that gives us the most (None when no raise gives us more)."""
        gains = [p for p in self.points if p.shift > 0 and p.our_value > self.base.our_value + EPS]
        return max(gains, key=lambda p: (p.our_value, -p.shift), default=None)

    def sentence(self) -> str:
        """One line: what a tougher bar would do to the predicted deal and our EV."""
        up = [p for p in self.points if p.shift > 0]
        if not up:
            return f"{self.name}: no raised bar was tried."
        p = self.tougher() or min(up, key=lambda q: q.shift)
        base = self.base
        who = "our" if self.ours else "their"
        text = (
            f"A tougher {self.name} ({who} side, bar {p.shift:+.2f}) "
            f"{_moves(base.deal, p.deal, dict(self.issue_names))}; "
            f"our EV {p.our_value - base.our_value:+.3f}"
        )
        if self.ours:
            text += f", at a {p.home_failure:.0%} risk that the deal fails at home"
        return text + "."

    def to_json(self) -> dict[str, object]:
        best = self.tougher()
        return {
            "constituency": self.key,
            "name": self.name,
            "side": self.side,
            "ours": self.ours,
            "power": self.power.value,
            "first_proposer": self.first_proposer,
            "points": [p.to_json() for p in self.points],
            "pays": best is not None,
            "best_raise": None if best is None else best.shift,
            "summary": self.sentence(),
        }


def _moves(
    before: DealPoint | None, after: DealPoint | None, names: dict[str, str] | None = None
) -> str:
    """How the predicted deal changes, issue by issue."""
    if before is None and after is None:
        return "still leaves no agreement"
    if after is None:
        return "would leave no agreement"
    if before is None:
        return "would make an agreement possible"
    changed = [
        f"{(names or {}).get(i, i)} ({a} → {b})"
        for (i, a), (_, b) in zip(before.labels, after.labels, strict=True)
        if a != b
    ]
    if not changed:
        return "leaves the predicted deal as it is"
    return "moves the predicted deal on " + ", ".join(changed)


def with_bar(case: Case, key: str, shift: float) -> Case:
    """The case with constituency ``key``'s reservation, and each of its blocs', raised by
    ``shift`` (lowered when negative)."""
    k = StakeholderKey(key)
    side = case.side(k.side)
    c = side.constituency(k.member)
    moved = replace(
        c,
        reservation=c.reservation + shift,
        blocs=tuple(replace(b, reservation=b.reservation + shift) for b in c.blocs),
    )
    cons = tuple(moved if x.key == key else x for x in side.constituencies)
    return case.with_side(replace(side, constituencies=cons))


def _point(case: Case, settings: Bargaining, first: str, shift: float, r: float) -> LeveragePoint:
    e: Equilibrium = equilibrium(Game.of(case, settings), first)
    us = case.side_index(case.us)
    failure = 0.0
    if e.deal is not None:
        idx = np.array([case.deal_index(e.deal.deal)], dtype=np.int64)
        failure = 1.0 - float(Evaluator(case).evaluate(idx).side[us, 0])
    return LeveragePoint(
        shift=shift,
        reservation=r,
        deal=e.deal,
        our_value=e.ev(case.us),
        their_value=e.ev(case.their_side.id),
        agreement_probability=e.agreement_probability,
        home_failure=failure,
    )


def constituency_leverage(
    case: Case,
    key: str,
    first: str | None = None,
    shifts: Sequence[float] = SHIFTS,
    settings: Bargaining | None = None,
) -> Leverage:
    """The equilibrium for each bar shift of one constituency."""
    settings = settings or case.bargaining or Bargaining()
    first = first or settings.first_proposer or case.us
    c = case.stakeholder(key)
    assert isinstance(c, Constituency)
    points = [
        _point(with_bar(case, key, d) if d else case, settings, first, d, c.reservation + d)
        for d in sorted({0.0, *shifts})
    ]
    return Leverage(
        key=key,
        name=c.name,
        side=StakeholderKey(key).side,
        ours=StakeholderKey(key).belongs_to(case.us),
        power=c.power,
        first_proposer=first,
        points=tuple(points),
        issue_names=tuple((i.id, i.name) for i in case.issues),
    )


def leverage(
    case: Case,
    first: str | None = None,
    shifts: Sequence[float] = SHIFTS,
    settings: Bargaining | None = None,
) -> tuple[Leverage, ...]:
    """Leverage of every ratifying or blocking constituency, ours first."""
    keys = [
        c.key
        for side in (case.our_side, case.their_side)
        for c in side.constituencies
        if enters(c.power)
    ]
    return tuple(constituency_leverage(case, k, first, shifts, settings) for k in keys)
