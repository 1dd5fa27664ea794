"""Influence links of ``influence`` constituencies: ``influences:`` and ``susceptibility``.

An ``influence`` constituency has no veto; it moves others. Its
``influences: [{target: hospital.board, weight: 0.3}]`` says that the board
gives weight 0.3 to the bondholders' stance when it forms its own; each
stakeholder's ``susceptibility`` (default 0) says how far it listens to others
at all. The engine (:mod:`leveltwo.engine.influence`) iterates these to the
Friedkin–Johnsen fixed point (Friedkin and Johnsen 1990; DeGroot 1974).

This module holds the file schema, the cross-reference checks and the frozen
model, kept on :attr:`Case.extensions` under :data:`EXTENSION`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from leveltwo.errors import Problem
from leveltwo.model.fielddoc import KeyText
from leveltwo.model.keys import StakeholderKey

#: The key of the model in :attr:`leveltwo.model.case.Case.extensions`.
EXTENSION = "influence"

# A stakeholder's ``susceptibility`` is declared with the other stakeholder fields in
# leveltwo.model.fields; this module builds the network that holds it.


class InfluenceFile(BaseModel):
    """One directed influence link from an ``influence`` constituency."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    target: KeyText = Field(
        description="Whom the link moves (e.g. 'hospital.board'; not the source itself)."
    )
    weight: float = Field(
        gt=0.0,
        le=1.0,
        description="The source's weight w in the target's stance; the weights aimed at one "
        "target sum to at most 1, the target keeping the rest for its own.",
    )
    weights: bool = Field(
        default=False,
        description="Also move the target's issue weights toward the source's.",
    )


class WinOverFile(BaseModel):
    """What it would take to win an ``influence`` constituency over (a planner move)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    shift: float = Field(
        gt=0.0,
        le=1.0,
        description="How far its reservation (its stance) falls once won over; through its "
        "links, its targets' reservations fall too.",
    )
    cost: float = Field(default=0.0, ge=0.0, description="Our utility spent on winning it over.")


def win_over_field() -> Any:
    """The ``win_over`` field of an ``influence`` constituency (absent: no such move)."""
    return Field(
        default=None,
        description="For power 'influence': {shift, cost} of winning it over, a move that "
        "lowers its stance and, through its links, its targets' reservations.",
    )


def influences_field() -> Any:
    """The ``influences`` field of a constituency (power ``influence`` only)."""
    return Field(
        default_factory=list,
        description="For power 'influence': links [{target, weight, weights}] moving the "
        "targets' reservations (and optionally weights) toward its own.",
    )


@dataclass(frozen=True)
class InfluenceLink:
    """Source ``source`` weighs ``weight`` in the stance of ``target``."""

    source: str
    target: str
    weight: float
    weights: bool = False


@dataclass(frozen=True)
class InfluenceNetwork:
    """The links of a case and every susceptibility the file gives (keyed by stakeholder).

    ``applied`` is True once the engine has moved the reservations to the fixed
    point (so resolving twice changes nothing).
    """

    links: tuple[InfluenceLink, ...]
    susceptibility: tuple[tuple[str, float], ...]
    applied: bool = False
    win_over: tuple[tuple[str, float, float], ...] = ()  # (source key, shift, cost)

    def susceptibility_of(self, key: str) -> float:
        """λ of ``key``; a bloc inherits its constituency's unless it gives its own."""
        table = dict(self.susceptibility)
        if key in table:
            return table[key]
        parent = StakeholderKey(key).parent
        return table.get(parent, 0.0) if parent else 0.0

    def with_links(self, links: tuple[InfluenceLink, ...]) -> InfluenceNetwork:
        return replace(self, links=links)

    def to_json(self) -> dict[str, object]:
        return {
            "links": [
                {"source": x.source, "target": x.target, "weight": x.weight, "weights": x.weights}
                for x in self.links
            ],
            "susceptibility": dict(self.susceptibility),
        }


def network_of(case: Any) -> InfluenceNetwork | None:
    """The case's influence network, or None (influence changes nothing)."""
    found = dict(case.extensions).get(EXTENSION)
    return found if isinstance(found, InfluenceNetwork) else None


def network_from_file(f: Any) -> tuple[tuple[str, object], ...]:
    """The :attr:`Case.extensions` entry for a validated case file (none without links)."""
    links: list[InfluenceLink] = []
    sus: list[tuple[str, float]] = []
    win: list[tuple[str, float, float]] = []
    for s in f.sides:
        if s.negotiator.susceptibility:
            sus.append((StakeholderKey.of(s.id), s.negotiator.susceptibility))
        for c in s.constituencies:
            key = StakeholderKey.of(s.id, c.id)
            if c.susceptibility:
                sus.append((key, c.susceptibility))
            for b in c.blocs:
                if b.susceptibility is not None:
                    sus.append((key.child(b.id), b.susceptibility))
            links.extend(InfluenceLink(key, x.target, x.weight, x.weights) for x in c.influences)
            if c.win_over is not None and c.influences:
                win.append((key, c.win_over.shift, c.win_over.cost))
    if not links:
        return ()
    return ((EXTENSION, InfluenceNetwork(tuple(links), tuple(sus), False, tuple(win))),)


def check_influences(data: Mapping[str, Any], keys: Mapping[str, str]) -> list[Problem]:
    """Cross-reference problems of the ``influences:`` fields: links from a constituency
    whose power is not ``influence``, unknown or self targets, and weights aimed at one
    target that sum above 1."""
    problems: list[Problem] = []
    incoming: dict[str, float] = {}
    sides = data.get("sides")
    for si, side in enumerate(sides if isinstance(sides, list) else []):
        if not isinstance(side, Mapping):
            continue
        cons = side.get("constituencies")
        for ci, c in enumerate(cons if isinstance(cons, list) else []):
            if not isinstance(c, Mapping) or not isinstance(c.get("influences"), list):
                continue
            path = f"sides[{si}].constituencies[{ci}].influences"
            if c["influences"] and c.get("power") != "influence":
                problems.append(
                    Problem(
                        path,
                        "links only on a constituency with power 'influence'",
                        f"power {c.get('power', 'ratify')!r}",
                    )
                )
            source = f"{side.get('id')}.{c.get('id')}"
            for li, link in enumerate(c["influences"]):
                if not isinstance(link, Mapping):
                    continue
                target, weight = link.get("target"), link.get("weight")
                if not isinstance(target, str):
                    continue
                if target not in keys:
                    problems.append(
                        Problem(
                            f"{path}[{li}].target",
                            "a stakeholder key such as 'side.constituency'",
                            repr(target),
                        )
                    )
                elif target == source or target.startswith(source + "."):
                    problems.append(
                        Problem(f"{path}[{li}].target", "another stakeholder", repr(target))
                    )
                elif isinstance(weight, int | float):
                    incoming[target] = incoming.get(target, 0.0) + float(weight)
                    if incoming[target] > 1.0 + 1e-9:
                        problems.append(
                            Problem(
                                f"{path}[{li}].weight",
                                f"weights aimed at '{target}' that sum to at most 1",
                                f"a sum of {incoming[target]:.4g}",
                            )
                        )
    return problems


def put_influence_fields(sides: list[Any], case: Any) -> None:
    """Write the case's influence fields into plain side data (for the case writer):
    each ``susceptibility`` the file gives, and each influencer's ``influences`` and
    ``win_over``."""
    net = network_of(case)
    if net is None:
        return
    fields: dict[str, dict[str, object]] = {}
    for key, value in net.susceptibility:
        fields.setdefault(key, {})["susceptibility"] = value
    for link in net.links:
        item: dict[str, object] = {"target": link.target, "weight": link.weight}
        if link.weights:
            item["weights"] = True
        entry = fields.setdefault(link.source, {})
        entry.setdefault("influences", [])
        assert isinstance(entry["influences"], list)
        entry["influences"].append(item)
    for key, shift, cost in net.win_over:
        fields.setdefault(key, {})["win_over"] = {"shift": shift, "cost": cost}
    for side in sides:
        sid = side.get("id")
        for k, v in fields.get(f"{sid}.negotiator", {}).items():
            side["negotiator"][k] = v
        for c in side.get("constituencies", []):
            ckey = f"{sid}.{c.get('id')}"
            c.update(fields.get(ckey, {}))
            for b in c.get("blocs", []):
                b.update(fields.get(f"{ckey}.{b.get('id')}", {}))
