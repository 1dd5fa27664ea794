"""The party map as a presentation model: who decides on each side, and how they see a deal.

:func:`party_map` turns a case and an :class:`~leveltwo.engine.assessment.Assessment`
into a frozen :class:`PartyMap`: our side first, each with its negotiator (Level I)
and its constituencies (Level II), their power in words
(:func:`~leveltwo.narrative.powers.describe_power`), their approval of the deal,
each voting bloc's share of the vote, and the side's implementation risks
(:class:`PartyRisk`: a chance the deal is not carried out, not a stakeholder).
The web page (``web/partymap.py`` lays it out for its template) and the report
(``io/partymap.py`` draws it as SVG) both draw this one model, so they can
never show different parties, powers, risks or numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from leveltwo.engine.assessment import Assessment, StakeholderResult
from leveltwo.model.case import Case, Power
from leveltwo.model.influence import network_of
from leveltwo.model.keys import KeyKind, StakeholderKey
from leveltwo.narrative.powers import NEGOTIATOR, describe_power, describe_risk


@dataclass(frozen=True)
class PartyBloc:
    """A voting bloc of a constituency: its share of the vote (a fraction) and approval."""

    key: str
    name: str
    share: float
    raw_share: float
    approval: float

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "name": self.name,
            "share": self.share,
            "raw_share": self.raw_share,
            "approval": self.approval,
        }


@dataclass(frozen=True)
class PartyNode:
    """A negotiator or a constituency on the map."""

    key: str
    name: str
    side: str
    kind: KeyKind  # a negotiator or a constituency
    power: Power
    approval: float
    detail: str
    blocs: tuple[PartyBloc, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "name": self.name,
            "side": self.side,
            "kind": self.kind,
            "power": self.power.value,
            "approval": self.approval,
            "detail": self.detail,
            "blocs": [b.to_json() for b in self.blocs],
        }


@dataclass(frozen=True)
class PartyRisk:
    """An implementation risk of a side: its probability π (the side's P_implement is
    multiplied by 1 − π) and what it is in words."""

    id: str
    name: str
    side: str
    probability: float
    detail: str

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "side": self.side,
            "probability": self.probability,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class PartySide:
    """One side: its name, whether it is ours, its probability, its stakeholders and
    its implementation risks."""

    id: str
    name: str
    ours: bool
    probability: float
    negotiator: PartyNode
    constituencies: tuple[PartyNode, ...]
    risks: tuple[PartyRisk, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.name} ({'us' if self.ours else 'them'})"

    @property
    def nodes(self) -> tuple[PartyNode, ...]:
        return (self.negotiator, *self.constituencies)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "ours": self.ours,
            "probability": self.probability,
            "negotiator": self.negotiator.to_json(),
            "constituencies": [c.to_json() for c in self.constituencies],
            "implementation_risks": [r.to_json() for r in self.risks],
        }


@dataclass(frozen=True)
class PartyLink:
    """An influence link (``influences:``): ``source`` weighs ``weight`` in ``target``'s
    stance; ``target`` is the node drawn (a bloc's constituency)."""

    source: str
    target: str
    weight: float

    def to_json(self) -> dict[str, object]:
        return {"source": self.source, "target": self.target, "weight": self.weight}


@dataclass(frozen=True)
class PartyMap:
    """Both sides, ours first, the deal's success probability, and influence links."""

    title: str
    success_probability: float
    sides: tuple[PartySide, PartySide]
    links: tuple[PartyLink, ...] = ()

    @property
    def nodes(self) -> tuple[PartyNode, ...]:
        return tuple(n for s in self.sides for n in s.nodes)

    def to_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "success_probability": self.success_probability,
            "sides": [s.to_json() for s in self.sides],
            "links": [x.to_json() for x in self.links],
        }


def _constituency(side: str, r: StakeholderResult) -> PartyNode:
    total = sum(b.share or 0.0 for b in r.blocs) or 1.0
    blocs = tuple(
        PartyBloc(b.key, b.name, (b.share or 0.0) / total, b.share or 0.0, b.approval_probability)
        for b in r.blocs
    )
    detail = describe_power(
        r.power,
        quota=r.quota,
        strength=r.strength if r.power is Power.BLOCK else None,
        by_blocs=bool(r.blocs),
    )
    return PartyNode(
        r.key, r.name, side, KeyKind.CONSTITUENCY, r.power, r.approval_probability, detail, blocs
    )


def party_map(case: Case, assessment: Assessment) -> PartyMap:
    """The party map of ``assessment`` (a deal of ``case``)."""
    sides = []
    for side in (case.our_side, case.their_side):
        res = assessment.side(side.id)
        neg = res.negotiator
        negotiator = PartyNode(
            neg.key,
            neg.name,
            side.id,
            KeyKind.NEGOTIATOR,
            Power.RATIFY,
            neg.approval_probability,
            NEGOTIATOR,
        )
        sides.append(
            PartySide(
                side.id,
                side.name,
                side.id == case.us,
                res.probability,
                negotiator,
                tuple(_constituency(side.id, r) for r in res.constituencies),
                tuple(
                    PartyRisk(r.id, r.name, side.id, r.probability, describe_risk(r.probability))
                    for r in res.risks
                ),
            )
        )
    net = network_of(case)
    links = tuple(
        PartyLink(x.source, StakeholderKey(x.target).top, x.weight)
        for x in (net.links if net is not None else ())
    )
    return PartyMap(case.title, assessment.success_probability, (sides[0], sides[1]), links)


__all__ = [
    "PartyBloc",
    "PartyLink",
    "PartyMap",
    "PartyNode",
    "PartyRisk",
    "PartySide",
    "party_map",
]
