"""The party map: both sides drawn as trees, side → negotiator → constituencies.

Each box shows the stakeholder's power (ratifies, can block with strength β,
influences; a bloc vote with its quota) and its current approval probability,
as a number, a bar and a colour strip (red low, green high); blocs are listed
inside their constituency's box. Connector lines are solid for ratifiers,
dashed for blockers and dotted for influencers; the two negotiators are joined
by the Level I line (the table). A side's implementation risks are listed
below its constituencies, each in a dashed grey box with its probability: a
risk is not a stakeholder, so it has no approval bar.
"""

from __future__ import annotations

from leveltwo.engine.assessment import Assessment
from leveltwo.io.svg import (
    APPROVAL,
    GRID,
    INK,
    MUTED,
    SIDE_COLOURS,
    blend,
    el,
    fit,
    fmt,
    label,
    pct,
    svg,
)
from leveltwo.model.case import Case, Power
from leveltwo.narrative.partymap import PartyMap, PartyNode, PartyRisk
from leveltwo.narrative.partymap import party_map as build_party_map
from leveltwo.narrative.powers import POWER_NAMES

_POWER_DASH = {Power.RATIFY: "", Power.BLOCK: "6 4", Power.INFLUENCE: "2 3"}


def _box(x: float, y: float, w: float, r: PartyNode) -> tuple[list[str], float]:
    """A stakeholder box: name, power, approval bar; blocs as rows. Returns (svg, height)."""
    h = 54.0 + 18.0 * len(r.blocs)
    colour = blend(APPROVAL, r.approval)
    out = [
        el(
            "rect",
            {"x": x, "y": y, "width": w, "height": h, "rx": "6", "fill": "#ffffff", "stroke": GRID},
        ),
        el("rect", {"x": x, "y": y, "width": 6.0, "height": h, "rx": "3", "fill": colour}),
        label(x + 14, y + 18, fit(r.name, w - 90, 13), 13, font_weight="600"),
        label(
            x + w - 10,
            y + 18,
            f"{pct(r.approval)}",
            13,
            text_anchor="end",
            font_weight="600",
        ),
        label(x + 14, y + 34, fit(r.detail, w - 24, 11), 11, fill=MUTED),
        el("rect", {"x": x + 14, "y": y + 41, "width": w - 24, "height": 5.0, "fill": "#eaeef2"}),
        el(
            "rect",
            {
                "x": x + 14,
                "y": y + 41,
                "width": (w - 24) * r.approval,
                "height": 5.0,
                "fill": colour,
            },
        ),
    ]
    for k, b in enumerate(r.blocs):
        yy = y + 66 + 18 * k
        out.append(label(x + 24, yy, fit(f"· {b.name} (share {b.raw_share:g})", w - 90, 11), 11))
        out.append(label(x + w - 10, yy, pct(b.approval), 11, text_anchor="end"))
    return out, h


#: The height of an implementation risk's box.
RISK_H = 40.0


def _risk_box(x: float, y: float, w: float, r: PartyRisk) -> list[str]:
    """An implementation risk: its name and probability, what it is; no approval bar."""
    return [
        el(
            "rect",
            {
                "x": x,
                "y": y,
                "width": w,
                "height": RISK_H,
                "rx": "6",
                "fill": "#f6f8fa",
                "stroke": MUTED,
                "stroke-dasharray": "4 3",
            },
        ),
        label(x + 10, y + 16, fit(f"Risk: {r.name}", w - 70, 12), 12, font_weight="600"),
        label(x + w - 10, y + 16, pct(r.probability), 12, text_anchor="end", font_weight="600"),
        label(x + 10, y + 31, fit(r.detail, w - 20, 10), 10, fill=MUTED),
    ]


def party_map(case: Case, assessment: Assessment) -> str:
    """Both sides: side → negotiator → constituencies, with power and approval.

    Draws the library's :class:`~leveltwo.narrative.partymap.PartyMap`, the model
    the web page draws too.
    """
    return party_map_svg(build_party_map(case, assessment))


def party_map_svg(party: PartyMap) -> str:
    """The party map as an SVG figure."""
    W, col, gap = 900.0, 380.0, 100.0  # 20 + col + gap + col + 20 = W: both columns inside
    body: list[str] = []
    heights = []
    neg_y = 64.0
    anchors: dict[str, tuple[float, float, float]] = {}  # key → (left x, right x, middle y)
    for k, side in enumerate(party.sides):
        x = 20.0 + k * (col + gap)
        colour = SIDE_COLOURS[k]
        body.append(
            el("rect", {"x": x, "y": 10.0, "width": col, "height": 36.0, "rx": "6", "fill": colour})
        )
        body.append(
            label(
                x + 12,
                33,
                fit(side.label, col - 100, 14),
                14,
                fill="#ffffff",
                font_weight="600",
            )
        )
        body.append(
            label(
                x + col - 10,
                33,
                f"side {pct(side.probability)}",
                13,
                fill="#ffffff",
                text_anchor="end",
            )
        )
        box, h = _box(x, neg_y, col, side.negotiator)
        body.extend(box)
        anchors[side.negotiator.key] = (x, x + col, neg_y + 27)
        y = neg_y + h + 28
        trunk_x = x + 18
        for r in side.constituencies:
            inner, hh = _box(x + 36, y, col - 36, r)
            body.append(
                el(
                    "path",
                    {
                        "d": f"M{fmt(trunk_x)},{fmt(neg_y + h)} V{fmt(y + 22)} H{fmt(x + 36)}",
                        "fill": "none",
                        "stroke": colour,
                        "stroke-width": "2",
                        **(
                            {"stroke-dasharray": _POWER_DASH[r.power]}
                            if _POWER_DASH[r.power]
                            else {}
                        ),
                    },
                )
            )
            body.extend(inner)
            anchors[r.key] = (x + 36, x + col, y + 27)
            y += hh + 14
        for risk in side.risks:
            body.extend(_risk_box(x + 36, y, col - 36, risk))
            y += RISK_H + 10
        heights.append(y)
    mid = neg_y + 27
    body.append(
        el(
            "line",
            {
                "x1": 20.0 + col,
                "x2": 20.0 + col + gap,
                "y1": mid,
                "y2": mid,
                "stroke": INK,
                "stroke-width": "2",
            },
        )
    )
    body.append(label(20 + col + gap / 2, mid - 8, "Level I", 11, text_anchor="middle", fill=MUTED))
    body.extend(_influence_links(party, anchors, W / 2))
    H = max(heights) + 64
    legend_y = H - 38
    lx = 20.0
    for power, text in POWER_NAMES.items():
        attrs: dict[str, object] = {
            "x1": lx,
            "x2": lx + 28,
            "y1": legend_y,
            "y2": legend_y,
            "stroke": INK,
            "stroke-width": "2",
        }
        if _POWER_DASH[power]:
            attrs["stroke-dasharray"] = _POWER_DASH[power]
        body.append(el("line", attrs))
        body.append(label(lx + 34, legend_y + 4, text, 11))
        lx += 170
    body.append(
        label(
            20.0,
            legend_y + 22,
            "Percentages: approval probability (strip: red low, green high)",
            11,
            fill=MUTED,
        )
    )
    desc = "; ".join(
        f"{s.name}: negotiator {pct(s.negotiator.approval)}, "
        + ", ".join(
            [f"{r.name} {r.detail} {pct(r.approval)}" for r in s.constituencies]
            + [f"risk {k.name} {pct(k.probability)}" for k in s.risks]
        )
        for s in party.sides
    )
    return svg(W, H, "Party map: who decides on each side", desc, body)


#: The colour of influence links.
INFLUENCE = "#8250df"


def _influence_links(
    party: PartyMap, anchors: dict[str, tuple[float, float, float]], middle: float
) -> list[str]:
    """Influence links (``influences:``) as dotted arcs from source to target, with weights."""
    out: list[str] = []
    for link in party.links:
        if link.source not in anchors or link.target not in anchors:
            continue
        (sl, sr, sy), (tl, tr, ty) = anchors[link.source], anchors[link.target]
        if (sl < middle) == (tl < middle):  # one side: an arc into the gap between the sides
            inner = sl < middle
            x0, x1 = (sr, tr) if inner else (sl, tl)
            bulge = (max(x0, x1) if inner else min(x0, x1)) + (1 if inner else -1) * 40
            d = (
                f"M{fmt(x0)},{fmt(sy)} C{fmt(bulge)},{fmt(sy)} "
                f"{fmt(bulge)},{fmt(ty)} {fmt(x1)},{fmt(ty)}"
            )
            lx, ly = bulge, (sy + ty) / 2
        else:  # across the table: a straight line between facing edges
            x0, x1 = (sr, tl) if sr < tl else (sl, tr)
            d = f"M{fmt(x0)},{fmt(sy)} L{fmt(x1)},{fmt(ty)}"
            lx, ly = (x0 + x1) / 2, (sy + ty) / 2 - 6
        out.append(
            el(
                "path",
                {
                    "d": d,
                    "fill": "none",
                    "stroke": INFLUENCE,
                    "stroke-width": "2",
                    "stroke-dasharray": "2 3",
                },
            )
        )
        out.append(el("circle", {"cx": x1, "cy": ty, "r": "4", "fill": INFLUENCE}))
        out.append(label(lx, ly, f"sways {link.weight:g}", 11, fill=INFLUENCE, text_anchor="end"))
    return out
