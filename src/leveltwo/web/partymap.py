"""Layout of the party map: both sides, their negotiators and constituencies.

Pure geometry for an SVG the template draws: our side on the left, theirs on
the right, the negotiators facing each other across the table (Level I), each
side's constituencies below its negotiator (Level II). Node colour follows
the stakeholder's approval of the deal; the border follows its power.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WIDTH = 1000
NODE_W = 330
NODE_H = 74
BLOC_H = 16
GAP = 22
TOP = 70
BLOC_BAR = 90
INDENT = 28


@dataclass(frozen=True)
class Node:
    key: str
    name: str
    side: str
    kind: str
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
class PartyMap:
    width: int
    height: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    sides: tuple[tuple[str, str, float, str, float], ...]  # name, id, x, anchor, probability


def _detail(c: dict[str, Any]) -> str:
    power = c["power"]
    if power == "block":
        return f"can block · strength {c.get('strength', 1):.2g}"
    if power == "ratify":
        if c.get("blocs"):
            return f"ratifies by vote · quota {c.get('quota', 0.5):.0%}"
        return "must ratify"
    return "influence only"


def _links(nodes: list[Node], links: Any) -> list[Edge]:
    """Influence links (source, target, weight) as arcs between the nodes' outer edges."""
    at = {n.key: n for n in nodes}
    out = []
    for source, target, _ in links:
        a, b = at.get(source), at.get(target if target in at else target.rsplit(".", 1)[0])
        if a is None or b is None:
            continue
        left = a.x < WIDTH / 2
        x0, x1 = (a.x + a.w, b.x + b.w) if left else (a.x, b.x)
        bulge = max(x0, x1) + 40 if left else min(x0, x1) - 40
        y0, y1 = a.y + a.h / 2, b.y + b.h / 2
        out.append(Edge(f"M{x0},{y0} C{bulge},{y0} {bulge},{y1} {x1},{y1}", "link"))
    return out


def layout(assessment: dict[str, Any], us: str, links: Any = ()) -> PartyMap:
    """Place every stakeholder of an assessment (``Assessment.to_json()``); ``links``:
    the case's influence links as (source key, target key, weight)."""
    sides = sorted(assessment["sides"], key=lambda s: 0 if s["id"] == us else 1)
    columns = (20.0, WIDTH - 20.0 - NODE_W)
    nodes: list[Node] = []
    edges: list[Edge] = []
    heads: list[tuple[str, str, float, str, float]] = []
    height = 0.0
    for col, side in zip(columns, sides, strict=True):
        neg = side["negotiator"]
        n = Node(
            neg["key"],
            neg["name"],
            side["id"],
            "negotiator",
            "ratify",
            neg["approval_probability"],
            col,
            TOP,
            NODE_W,
            NODE_H,
            "negotiator · Level I",
            (),
        )
        nodes.append(n)
        left = col == columns[0]
        heads.append(
            (
                fit(side["name"] + (" (us)" if side["id"] == us else ""), NODE_W / 9.2),
                side["id"],
                col if left else col + NODE_W,
                "start" if left else "end",
                side["probability"],
            )
        )
        y = TOP + NODE_H + 2 * GAP
        for c in side["constituencies"]:
            blocs = c.get("blocs") or []
            total = sum(b.get("share") or 0 for b in blocs) or 1
            h = NODE_H + (BLOC_H * len(blocs) + 6 if blocs else 0)
            node = Node(
                c["key"],
                c["name"],
                side["id"],
                "constituency",
                c["power"],
                c["approval_probability"],
                col + INDENT,
                y,
                NODE_W - INDENT,
                h,
                _detail(c),
                tuple(
                    (b["name"], (b.get("share") or 0) / total, b["approval_probability"])
                    for b in blocs
                ),
            )
            nodes.append(node)
            spine = col + INDENT / 2
            mid = y + NODE_H / 2
            edges.append(Edge(f"M{spine},{n.y + n.h} V{mid} H{node.x}", c["power"]))
            y += h + GAP
        height = max(height, y)
    edges.extend(_links(nodes, links))
    return PartyMap(WIDTH, int(height + 10), tuple(nodes), tuple(edges), tuple(heads))
