"""The tied-hands leverage chart: our equilibrium EV as each constituency's bar moves.

One line per ratifying or blocking constituency (:func:`leveltwo.engine.leverage.leverage`):
x is the shift of its bar (0: the case as it is), y our expected value in the
bargaining equilibrium. Our constituencies are drawn solid, theirs dashed. One
``<svg>`` with ``<title>`` and ``<desc>``; coordinates rounded to 0.1, so the
same input gives the same bytes (:mod:`leveltwo.io.svg`).
"""

from __future__ import annotations

from collections.abc import Sequence

from leveltwo.engine.leverage import Leverage
from leveltwo.io.svg import GRID, INK, MUTED, el, fit, fmt, label, svg, tick_label, ticks

#: Line colours (distinct in print and for common colour-vision deficiencies).
PALETTE = ("#0b5cad", "#b3541e", "#2e7d32", "#6a1b9a", "#c62828", "#00838f", "#5d4037")
WIDTH, HEIGHT = 720.0, 380.0
LEFT, RIGHT, TOP, BOTTOM = 64.0, 230.0, 28.0, 52.0


def leverage_chart(rows: Sequence[Leverage]) -> str:
    """The chart as one SVG element (an empty note when there is nothing to draw)."""
    title = "Tied-hands leverage"
    if not rows:
        return svg(
            WIDTH,
            60,
            title,
            "No ratifying or blocking constituency.",
            [label(10, 30, "No ratifying or blocking constituency to vary.", 13, fill=MUTED)],
        )
    xs = sorted({p.shift for r in rows for p in r.points})
    ys = [p.our_value for r in rows for p in r.points]
    x0, x1 = xs[0], xs[-1] if xs[-1] > xs[0] else xs[0] + 1
    lo, hi = min(ys), max(ys)
    pad = max((hi - lo) * 0.08, 0.005)
    y0, y1 = lo - pad, hi + pad
    pw, ph = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x: float) -> float:
        return LEFT + (x - x0) / (x1 - x0) * pw

    def py(y: float) -> float:
        return TOP + (y1 - y) / (y1 - y0) * ph

    body: list[str] = []
    for t in ticks(y0, y1, 5):
        body.append(
            el("line", {"x1": LEFT, "x2": LEFT + pw, "y1": py(t), "y2": py(t), "stroke": GRID})
        )
        body.append(label(LEFT - 8, py(t) + 4, tick_label(t), 11, text_anchor="end", fill=MUTED))
    for x in xs:
        body.append(
            el("line", {"x1": px(x), "x2": px(x), "y1": TOP, "y2": TOP + ph, "stroke": GRID})
        )
        body.append(
            label(
                px(x), TOP + ph + 18, "as is" if x == 0 else f"{x:+.2f}", 11, text_anchor="middle"
            )
        )
    body.append(
        label(
            LEFT + pw / 2,
            HEIGHT - 10,
            "shift of the constituency's bar (utility)",
            12,
            text_anchor="middle",
            fill=MUTED,
        )
    )
    body.append(
        label(
            16,
            TOP + ph / 2,
            "our equilibrium EV",
            12,
            text_anchor="middle",
            fill=MUTED,
            transform=f"rotate(-90 16 {fmt(TOP + ph / 2)})",
        )
    )
    for k, r in enumerate(rows):
        colour = PALETTE[k % len(PALETTE)]
        points = " ".join(f"{fmt(px(p.shift))},{fmt(py(p.our_value))}" for p in r.points)
        style: dict[str, object] = {
            "points": points,
            "fill": "none",
            "stroke": colour,
            "stroke-width": "2",
        }
        if not r.ours:
            style["stroke-dasharray"] = "6 4"
        body.append(el("polyline", style))
        for p in r.points:
            tip = f"{r.name}, bar {p.shift:+.2f}: our EV {p.our_value:.3f}"
            body.append(
                el(
                    "circle",
                    {"cx": px(p.shift), "cy": py(p.our_value), "r": 3.5, "fill": colour},
                    el("title", None, tip.replace("&", "&amp;").replace("<", "&lt;")),
                )
            )
        ly = TOP + 14 + 20 * k
        lx = LEFT + pw + 16
        dash = {} if r.ours else {"stroke-dasharray": "6 4"}
        body.append(
            el(
                "line",
                {
                    "x1": lx,
                    "x2": lx + 22,
                    "y1": ly - 4,
                    "y2": ly - 4,
                    "stroke": colour,
                    "stroke-width": "2",
                    **dash,
                },
            )
        )
        who = "ours" if r.ours else "theirs"
        body.append(label(lx + 28, ly, fit(f"{r.name} ({who})", RIGHT - 50, 11), 11, fill=INK))
    desc = "; ".join(
        f"{r.name}: our EV from {r.points[0].our_value:.3f} to {r.points[-1].our_value:.3f}"
        for r in rows
    )
    return svg(WIDTH, HEIGHT, title, "Our equilibrium EV as each bar moves. " + desc, body)
