"""Assessment of one deal: every stakeholder's utility and approval, each side's
ratification and implementation probabilities, the deal's success probability
and each side's expected value (docs/model.md §5–6).

The numbers come from the same functions the whole-space analysis uses
(:mod:`leveltwo.engine.factors`), applied to a batch of one deal.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from leveltwo.engine.correlation import JointModel, joint_model
from leveltwo.engine.factors import (
    constituency_approval,
    stakeholder_approval,
    utility_of,
)
from leveltwo.engine.influence import resolve
from leveltwo.engine.powers import constituency_factor, risk_factor, side_product
from leveltwo.model.case import Case, Constituency, Power, Side, Stakeholder
from leveltwo.model.deal import Deal
from leveltwo.model.keys import KeyKind


def _digits(deal: Deal) -> list[np.ndarray]:
    return [np.array([c], dtype=np.int64) for c in deal.choices]


@dataclass(frozen=True)
class StakeholderResult:
    """One stakeholder's view of the deal.

    ``factor`` is what it multiplies its side's probability by: its approval
    for a ratifier, 1 − β(1 − p) for a blocker, 1 for an influencer.
    ``shortfall`` is how much utility it lacks to approve at even odds
    (0 when it already does; None for a constituency that votes by blocs,
    whose blocs carry their own).
    """

    key: str
    id: str
    name: str
    kind: KeyKind
    power: Power
    utility: float | None
    reservation: float
    uncertainty: float
    approval_probability: float
    factor: float
    shortfall: float | None
    share: float | None = None
    quota: float | None = None
    strength: float | None = None
    blocs: tuple[StakeholderResult, ...] = ()

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "id": self.id,
            "key": self.key,
            "name": self.name,
            "kind": self.kind,
            "power": self.power.value,
            "utility": self.utility,
            "reservation": self.reservation,
            "uncertainty": self.uncertainty,
            "approval_probability": self.approval_probability,
            "factor": self.factor,
            "shortfall": self.shortfall,
        }
        if self.kind is KeyKind.BLOC:
            out["share"] = self.share
        if self.quota is not None:
            out["quota"] = self.quota
        if self.strength is not None:
            out["strength"] = self.strength
        if self.blocs:
            out["blocs"] = [b.to_json() for b in self.blocs]
        return out


@dataclass(frozen=True)
class RiskResult:
    """An implementation risk of a side: its probability π and its factor 1 − π."""

    id: str
    name: str
    probability: float
    factor: float

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "probability": self.probability,
            "factor": self.factor,
        }


@dataclass(frozen=True)
class SideResult:
    id: str
    name: str
    probability: float
    ratification_probability: float
    implementation_probability: float
    utility: float
    no_deal_value: float
    negotiator: StakeholderResult
    constituencies: tuple[StakeholderResult, ...]
    risks: tuple[RiskResult, ...] = ()

    def stakeholders(self) -> tuple[StakeholderResult, ...]:
        return (self.negotiator, *self.constituencies)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "probability": self.probability,
            "ratification_probability": self.ratification_probability,
            "implementation_probability": self.implementation_probability,
            "utility": self.utility,
            "no_deal_value": self.no_deal_value,
            "negotiator": self.negotiator.to_json(),
            "constituencies": [c.to_json() for c in self.constituencies],
            "implementation_risks": [r.to_json() for r in self.risks],
        }


@dataclass(frozen=True)
class Assessment:
    """Will this deal stick? The full baseline evaluation of one deal."""

    title: str
    us: str
    deal: Deal
    labels: tuple[tuple[str, str], ...]
    success_probability: float
    sides: tuple[SideResult, SideResult]

    @property
    def expected_value(self) -> dict[str, float]:
        p = self.success_probability
        return {s.id: p * s.utility + (1 - p) * s.no_deal_value for s in self.sides}

    def side(self, sid: str) -> SideResult:
        return next(s for s in self.sides if s.id == sid)

    def to_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "us": self.us,
            "deal": dict(self.labels),
            "success_probability": self.success_probability,
            "expected_value": self.expected_value,
            "sides": [s.to_json() for s in self.sides],
        }


def _shortfall(u: float, st: Stakeholder) -> float:
    return max(0.0, st.reservation - u)


def _single(st: Stakeholder, deal: Deal, kind: KeyKind, power: Power) -> StakeholderResult:
    d = _digits(deal)
    u = float(utility_of(st.preferences, d)[0])
    p = float(stakeholder_approval(st, d)[0])
    return StakeholderResult(
        st.key,
        st.id,
        st.name,
        kind,
        power,
        u,
        st.reservation,
        st.uncertainty,
        p,
        p,
        _shortfall(u, st),
    )


def assess_constituency(c: Constituency, deal: Deal) -> StakeholderResult:
    """The result for one constituency (its blocs included)."""
    d = _digits(deal)
    p = float(constituency_approval(c, d)[0])
    strength = c.strength if c.power is Power.BLOCK else None
    if not c.blocs:
        u = float(utility_of(c.preferences, d)[0])
        return StakeholderResult(
            c.key,
            c.id,
            c.name,
            KeyKind.CONSTITUENCY,
            c.power,
            u,
            c.reservation,
            c.uncertainty,
            p,
            constituency_factor(c, p),
            _shortfall(u, c),
            strength=strength,
        )
    # a bloc's own factor is 1: it counts only through the constituency's vote
    blocs = tuple(
        replace(_single(b, deal, KeyKind.BLOC, c.power), factor=1.0, share=b.share) for b in c.blocs
    )
    total = sum(b.share for b in c.blocs)
    mean_u = sum((r.utility or 0.0) * b.share for r, b in zip(blocs, c.blocs, strict=True)) / total
    return StakeholderResult(
        c.key,
        c.id,
        c.name,
        KeyKind.CONSTITUENCY,
        c.power,
        mean_u,
        c.reservation,
        c.uncertainty,
        p,
        constituency_factor(c, p),
        None,
        quota=c.quota,
        strength=strength,
        blocs=blocs,
    )


def _side(side: Side, deal: Deal) -> SideResult:
    neg = _single(side.negotiator, deal, KeyKind.NEGOTIATOR, Power.RATIFY)
    cons = tuple(assess_constituency(c, deal) for c in side.constituencies)
    approval = {r.key: r.approval_probability for r in cons}
    ratify, implement = side_product(side, neg.factor, lambda c: approval[c.key])
    return SideResult(
        side.id,
        side.name,
        ratify * implement,
        ratify,
        implement,
        neg.utility or 0.0,
        side.no_deal_value,
        neg,
        cons,
        tuple(
            RiskResult(r.id, r.name, r.probability, risk_factor(r.probability)) for r in side.risks
        ),
    )


def _joint_votes(joint: JointModel, r: SideResult, side: Side, deal: Deal) -> SideResult:
    """A side's results with each bloc vote's approval under the factors."""
    cons = []
    for res, c in zip(r.constituencies, side.constituencies, strict=True):
        if c.blocs:
            p = float(joint.approval(c, _digits(deal))[0])
            res = replace(res, approval_probability=p, factor=constituency_factor(c, p))
        cons.append(res)
    return replace(r, constituencies=tuple(cons))


def assess(case: Case, deal: Deal | None = None) -> Assessment:
    """Assess ``deal`` (default: :meth:`~leveltwo.model.case.Case.default_deal`)."""
    case = resolve(case)  # influence links at their fixed point (engine/influence.py)
    if deal is None:
        deal = case.default_deal()
    a, b = (_side(s, deal) for s in case.sides)
    p = a.probability * b.probability
    joint = joint_model(case)
    if joint is not None:  # correlated uncertainty (engine/correlation.py): joint marginals
        j = joint.deal(deal)
        a, b = (
            _joint_votes(joint, r, side, deal) for r, side in zip((a, b), case.sides, strict=True)
        )
        a, b = (
            replace(
                r,
                probability=float(j.side[k, 0]),
                ratification_probability=float(j.ratification[k, 0]),
                implementation_probability=float(j.implementation[k, 0]),
            )
            for k, r in enumerate((a, b))
        )
        p = float(j.success[0])
    return Assessment(case.title, case.us, deal, tuple(case.deal_labels(deal).items()), p, (a, b))
