"""The party map: both sides drawn as trees, side → negotiator → constituencies.

Each box shows the stakeholder's power (ratifies, can block with strength β,
influences; a bloc vote with its quota) and its current approval probability,
as a number, a bar and a colour strip (red low, green high); blocs are listed
inside their constituency's box. Connector lines are solid for ratifiers,
dashed for blockers and dotted for influencers; the two negotiators are joined
by the Level I line (the table).
"""

from __future__ import annotations

from leveltwo.engine.assess import Assessment, StakeholderResult
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
from leveltwo.model.influence import network_of

#: The colour of influence links.
INFLUENCE = "#8250df"

_POWER_TEXT = {Power.RATIFY: "ratifies", Power.BLOCK: "can block", Power.INFLUENCE: "influences"}
_POWER_DASH = {Power.RATIFY: "", Power.BLOCK: "6 4", Power.INFLUENCE: "2 3"}


def _power(r: StakeholderResult) -> str:
    text = _POWER_TEXT[r.power]
    if r.power is Power.BLOCK and r.strength is not None:
        text += f" (β {100 * r.strength:.3g}%)"
    if r.blocs and r.quota is not None:
        text += f" by blocs, quota {100 * r.quota:.3g}%"
    return text


def _box(
    x: float, y: float, w: float, r: StakeholderResult, head: str, sub: str
) -> tuple[list[str], float]:
    """A stakeholder box: name, power, approval bar; blocs as rows. Returns (svg, height)."""
    h = 54.0 + 18.0 * len(r.blocs)
    colour = blend(APPROVAL, r.approval_probability)
    out = [
        el(
            "rect",
            {"x": x, "y": y, "width": w, "height": h, "rx": "6", "fill": "#ffffff", "stroke": GRID},
        ),
        el("rect", {"x": x, "y": y, "width": 6.0, "height": h, "rx": "3", "fill": colour}),
        label(x + 14, y + 18, fit(head, w - 90, 13), 13, font_weight="600"),
        label(
            x + w - 10,
            y + 18,
            f"{pct(r.approval_probability)}",
            13,
            text_anchor="end",
            font_weight="600",
        ),
        label(x + 14, y + 34, fit(sub, w - 24, 11), 11, fill=MUTED),
        el("rect", {"x": x + 14, "y": y + 41, "width": w - 24, "height": 5.0, "fill": "#eaeef2"}),
        el(
            "rect",
            {
                "x": x + 14,
                "y": y + 41,
                "width": (w - 24) * r.approval_probability,
                "height": 5.0,
                "fill": colour,
            },
        ),
    ]
    for k, b in enumerate(r.blocs):
        yy = y + 66 + 18 * k
        share = f"share {b.share:g}" if b.share is not None else ""
        out.append(label(x + 24, yy, fit(f"· {b.name} ({share})", w - 90, 11), 11))
        out.append(label(x + w - 10, yy, pct(b.approval_probability), 11, text_anchor="end"))
    return out, h


def party_map(case: Case, assessment: Assessment) -> str:
    """Both sides: side → negotiator → constituencies, with power and approval."""
    W, col, gap = 900.0, 400.0, 100.0
    order = [case.our_side, case.their_side]
    body: list[str] = []
    heights = []
    neg_y = 64.0
    anchors: dict[str, tuple[float, float, float]] = {}  # key → (left x, right x, middle y)
    for k, side in enumerate(order):
        x = 20.0 + k * (col + gap)
        res = assessment.side(side.id)
        whose = "us" if side.id == case.us else "them"
        colour = SIDE_COLOURS[k]
        body.append(
            el("rect", {"x": x, "y": 10.0, "width": col, "height": 36.0, "rx": "6", "fill": colour})
        )
        body.append(
            label(
                x + 12,
                33,
                fit(f"{side.name} ({whose})", col - 100, 14),
                14,
                fill="#ffffff",
                font_weight="600",
            )
        )
        body.append(
            label(
                x + col - 10,
                33,
                f"side {pct(res.probability)}",
                13,
                fill="#ffffff",
                text_anchor="end",
            )
        )
        box, h = _box(
            x, neg_y, col, res.negotiator, res.negotiator.name, "negotiator: ratifies at the table"
        )
        body.extend(box)
        anchors[res.negotiator.key] = (x, x + col, neg_y + 27)
        y = neg_y + h + 28
        trunk_x = x + 18
        for r in res.constituencies:
            inner, hh = _box(x + 36, y, col - 36, r, r.name, _power(r))
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
    body.extend(_influence_links(case, anchors))
    H = max(heights) + 46
    legend_y = H - 20
    lx = 20.0
    for power, text in (
        (Power.RATIFY, "ratifies"),
        (Power.BLOCK, "can block"),
        (Power.INFLUENCE, "influences (no veto)"),
    ):
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
            lx,
            legend_y + 4,
            "Percentages: approval probability (strip: red low, green high)",
            11,
            fill=MUTED,
        )
    )
    desc = "; ".join(
        f"{s.name}: negotiator {pct(assessment.side(s.id).negotiator.approval_probability)}, "
        + ", ".join(
            f"{r.name} {_power(r)} {pct(r.approval_probability)}"
            for r in assessment.side(s.id).constituencies
        )
        for s in order
    )
    return svg(W, H, "Party map: who decides on each side", desc, body)


def _influence_links(case: Case, anchors: dict[str, tuple[float, float, float]]) -> list[str]:
    """Influence links (``influences:``) as dotted arcs from source to target, with weights."""
    net = network_of(case)
    out: list[str] = []
    for link in net.links if net is not None else ():
        target = link.target if link.target in anchors else link.target.rsplit(".", 1)[0]
        if link.source not in anchors or target not in anchors:
            continue
        (sl, sr, sy), (tl, tr, ty) = anchors[link.source], anchors[target]
        if (sl < 450) == (tl < 450):  # one side: an arc into the gap between the sides
            inner = sl < 450
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
