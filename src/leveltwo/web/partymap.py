"""Layout of the party map: both sides, their negotiators and constituencies.

Pure geometry, for the SVG the template draws, of the library's party map
(:func:`leveltwo.narrative.partymap.party_map`, which the report draws too):
our side on the left, theirs on the right, the negotiators facing each other
across the table (Level I), each side's constituencies below its negotiator
(Level II), and below them the side's implementation risks (boxes of their
own: a risk is not a stakeholder). Node colour follows the stakeholder's
approval of the deal; the border follows its power.
"""

from __future__ import annotations

from dataclasses import dataclass

from leveltwo.model.keys import KeyKind
from leveltwo.narrative.partymap import PartyMap

WIDTH = 1000
NODE_W = 330
NODE_H = 74
BLOC_H = 16
GAP = 22
TOP = 70
BLOC_BAR = 90
INDENT = 28
RISK_H = 48


@dataclass(frozen=True)
class Node:
    key: str
    name: str
    side: str
    kind: KeyKind
    power: str
    approval: float
    x: float
    y: float
    w: float
    h: float
    detail: str
    blocs: tuple[tuple[str, float, float], ...]  # name, share fraction, approval

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def label(self) -> str:
        """The name, cut to fit the box (the full name is in the table and the title)."""
        return fit(self.name, (self.w - 24) / 8.4)

    def bloc_labels(self) -> tuple[tuple[str, float, float], ...]:
        """Each bloc's name (cut to fit beside its share bar), share and approval."""
        room = (self.w - 24 - BLOC_BAR - 8) / 6.6 - 5
        return tuple((fit(name, room), share, p) for name, share, p in self.blocs)


def fit(text: str, chars: float) -> str:
    n = max(4, int(chars))
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


@dataclass(frozen=True)
class Edge:
    path: str  # an SVG path: down the side's spine, then across to the node
    power: str


@dataclass(frozen=True)
class RiskBox:
    """An implementation risk placed under its side's constituencies."""

    name: str
    side: str
    probability: float
    detail: str
    x: float
    y: float
    w: float
    h: float

    @property
    def label(self) -> str:
        return fit("Risk: " + self.name, (self.w - 70) / 8.4)


@dataclass(frozen=True)
class MapLayout:
    """The party map placed on the page: boxes, edges, side headings and risks."""

    width: int
    height: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    sides: tuple[tuple[str, str, float, str, float], ...]  # name, id, x, anchor, probability
    risks: tuple[RiskBox, ...] = ()


def layout(party: PartyMap) -> MapLayout:
    """Place every stakeholder of a party map (:func:`leveltwo.narrative.partymap.party_map`)."""
    columns = (20.0, WIDTH - 20.0 - NODE_W)
    nodes: list[Node] = []
    edges: list[Edge] = []
    heads: list[tuple[str, str, float, str, float]] = []
    risks: list[RiskBox] = []
    height = 0.0
    for col, side in zip(columns, party.sides, strict=True):
        neg = side.negotiator
        n = Node(
            neg.key,
            neg.name,
            side.id,
            neg.kind,
            str(neg.power),
            neg.approval,
            col,
            TOP,
            NODE_W,
            NODE_H,
            neg.detail,
            (),
        )
        nodes.append(n)
        left = col == columns[0]
        heads.append(
            (
                fit(side.name + (" (us)" if side.ours else ""), NODE_W / 9.2),
                side.id,
                col if left else col + NODE_W,
                "start" if left else "end",
                side.probability,
            )
        )
        y = TOP + NODE_H + 2 * GAP
        for c in side.constituencies:
            h = NODE_H + (BLOC_H * len(c.blocs) + 6 if c.blocs else 0)
            node = Node(
                c.key,
                c.name,
                side.id,
                c.kind,
                str(c.power),
                c.approval,
                col + INDENT,
                y,
                NODE_W - INDENT,
                h,
                c.detail,
                tuple((b.name, b.share, b.approval) for b in c.blocs),
            )
            nodes.append(node)
            spine = col + INDENT / 2
            mid = y + NODE_H / 2
            edges.append(Edge(f"M{spine},{n.y + n.h} V{mid} H{node.x}", str(c.power)))
            y += h + GAP
        for r in side.risks:
            risks.append(
                RiskBox(
                    r.name,
                    side.id,
                    r.probability,
                    r.detail,
                    col + INDENT,
                    y,
                    NODE_W - INDENT,
                    RISK_H,
                )
            )
            y += RISK_H + GAP
        height = max(height, y)
    edges.extend(_links(nodes, party))
    return MapLayout(
        WIDTH, int(height + 10), tuple(nodes), tuple(edges), tuple(heads), tuple(risks)
    )


def _links(nodes: list[Node], party: PartyMap) -> list[Edge]:
    """Influence links as arcs between the nodes' outer edges (class ``edge-link``)."""
    at = {n.key: n for n in nodes}
    out = []
    for link in party.links:
        a, b = at.get(link.source), at.get(link.target)
        if a is None or b is None:
            continue
        left = a.x < WIDTH / 2
        x0, x1 = (a.x + a.w, b.x + b.w) if left else (a.x, b.x)
        bulge = max(x0, x1) + 40 if left else min(x0, x1) - 40
        y0, y1 = a.y + a.h / 2, b.y + b.h / 2
        out.append(Edge(f"M{x0},{y0} C{bulge},{y0} {bulge},{y1} {x1},{y1}", "link"))
    return out
