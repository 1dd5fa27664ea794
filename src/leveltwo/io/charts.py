"""Server-side SVG charts for the prep report and the web app: no JavaScript, no fonts to fetch.

- :func:`winset_scatter`: every deal (or a seeded sample of a large space) as
  a point (EV_us, EV_them) coloured by its success probability, with the
  risk-adjusted frontier, the best deal for us, the Nash deal, the deal under
  study and both sides' no-deal values marked;
- :func:`party_map`: both sides as trees, side → negotiator → constituencies
  (blocs listed inside), each with its power and current approval;
- :func:`approval_bars`: every constituency's and bloc's approval probability
  against the threshold τ.

Every chart is one ``<svg>`` element (with ``<title>`` and ``<desc>`` for
screen readers) whose coordinates are rounded to 0.1, so the same input gives
the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from leveltwo.engine.assessment import Assessment
from leveltwo.engine.constraints import Feasibility
from leveltwo.engine.evaluator import Evaluator
from leveltwo.engine.sample import SAMPLE_SEED, sample_indices
from leveltwo.engine.winsets import SpaceAnalysis
from leveltwo.io.partymap import party_map
from leveltwo.io.svg import (
    ACCENT,
    GRID,
    INK,
    MUTED,
    SIDE_COLOURS,
    VIRIDIS,
    blend,
    el,
    fit,
    fmt,
    label,
    pct,
    svg,
    tick_label,
    ticks,
)
from leveltwo.model.case import Case, Power
from leveltwo.model.deal import Deal

__all__ = ["ScatterPoints", "approval_bars", "party_map", "scatter_points", "winset_scatter"]

FloatArray = NDArray[np.float64]

#: Deal spaces larger than this are drawn from a seeded random sample of this many deals.
MAX_POINTS = 3000


# ---- the win-set scatter -----------------------------------------------------


@dataclass(frozen=True)
class ScatterPoints:
    """The deals a scatter shows: all of them, or a seeded sample of a large space."""

    ev_us: FloatArray
    ev_them: FloatArray
    success: FloatArray
    total: int
    seed: int | None

    @property
    def sampled(self) -> bool:
        return self.seed is not None

    def note(self) -> str:
        n = len(self.success)
        if not self.sampled:
            return f"All {n:,} deals shown."
        return (
            f"A random sample of {n:,} of the {self.total:,} deals is shown "
            f"(seed {self.seed}); the marked deals come from the whole space."
        )


def scatter_points(
    case: Case, max_points: int = MAX_POINTS, seed: int = SAMPLE_SEED
) -> ScatterPoints:
    """Every deal's (EV_us, EV_them, P), or those of the seeded sample every chart shares
    (:func:`leveltwo.engine.sample.sample_indices`) when there are more than ``max_points``."""
    ev = Evaluator(case)
    idx, sampled = sample_indices(case.size, max_points, seed)
    used = seed if sampled else None
    feasibility = Feasibility(case)
    if feasibility.active:  # deals the linked options rule out are not drawn
        idx = idx[feasibility.mask(ev.space.digits(idx))]
    r = ev.evaluate(idx)
    us = case.side_index(case.us)
    return ScatterPoints(r.expected_value[us], r.expected_value[1 - us], r.success, case.size, used)


def _evs(case: Case, deal: Deal) -> tuple[float, float, float]:
    r = Evaluator(case).evaluate(np.array([case.deal_index(deal)], dtype=np.int64))
    us = case.side_index(case.us)
    return float(r.expected_value[us, 0]), float(r.expected_value[1 - us, 0]), float(r.success[0])


def _padded(lo: float, hi: float, margin: float = 0.04) -> tuple[float, float]:
    """The range widened by ``margin`` of its span on both ends (markers are not clipped)."""
    pad = max(hi - lo, 1e-3) * margin
    return lo - pad, hi + pad


def winset_scatter(
    case: Case,
    analysis: SpaceAnalysis,
    deal: Deal | None = None,
    points: ScatterPoints | None = None,
) -> str:
    """Every deal as (EV_us, EV_them) coloured by success probability, with the frontier,
    the best and Nash deals, ``deal`` and the no-deal values marked."""
    pts = points or scatter_points(case)
    us, them = case.our_side, case.their_side
    W, H, L, R, T, B = 720.0, 470.0, 70.0, 150.0, 20.0, 60.0
    pw, ph = W - L - R, H - T - B
    marked = [(p.ev(us.id), p.ev(them.id)) for p in (analysis.best_deal, *analysis.frontier)]
    if analysis.nash_deal is not None:
        marked.append((analysis.nash_deal.ev(us.id), analysis.nash_deal.ev(them.id)))
    xs = [float(v) for v in pts.ev_us] + [us.no_deal_value, *(m[0] for m in marked)]
    ys = [float(v) for v in pts.ev_them] + [them.no_deal_value, *(m[1] for m in marked)]
    x0, x1 = _padded(min(xs), max(xs))
    y0, y1 = _padded(min(ys), max(ys))
    xt, yt = ticks(x0, x1), ticks(y0, y1)

    def X(v: float) -> float:
        return L + (v - x0) / ((x1 - x0) or 1.0) * pw

    def Y(v: float) -> float:
        return T + ph - (v - y0) / ((y1 - y0) or 1.0) * ph

    body: list[str] = []
    for v in xt:
        body.append(el("line", {"x1": X(v), "x2": X(v), "y1": T, "y2": T + ph, "stroke": GRID}))
        body.append(label(X(v), T + ph + 16, tick_label(v), 11, text_anchor="middle", fill=MUTED))
    for v in yt:
        body.append(el("line", {"x1": L, "x2": L + pw, "y1": Y(v), "y2": Y(v), "stroke": GRID}))
        body.append(label(L - 6, Y(v) + 4, tick_label(v), 11, text_anchor="end", fill=MUTED))
    body.append(
        label(L + pw / 2, H - 14, f"Expected value for {us.name} (us)", 12, text_anchor="middle")
    )
    body.append(
        label(
            16,
            T + ph / 2,
            f"Expected value for {them.name}",
            12,
            text_anchor="middle",
            transform=f"rotate(-90 16 {fmt(T + ph / 2)})",
        )
    )
    dash = {"stroke": MUTED, "stroke-dasharray": "4 3"}
    body.append(
        el(
            "line",
            {"x1": X(us.no_deal_value), "x2": X(us.no_deal_value), "y1": T, "y2": T + ph, **dash},
        )
    )
    body.append(
        el(
            "line",
            {
                "x1": L,
                "x2": L + pw,
                "y1": Y(them.no_deal_value),
                "y2": Y(them.no_deal_value),
                **dash,
            },
        )
    )
    order = np.lexsort((pts.ev_them, pts.ev_us, pts.success))  # likely deals drawn last
    dots = [
        el(
            "circle",
            {
                "cx": X(float(pts.ev_us[k])),
                "cy": Y(float(pts.ev_them[k])),
                "r": "2.6",
                "fill": blend(VIRIDIS, float(pts.success[k])),
            },
        )
        for k in order
    ]
    body.append(el("g", {"fill-opacity": "0.8"}, "".join(dots)))
    front = sorted((p.ev(us.id), p.ev(them.id)) for p in analysis.frontier)
    if len(front) > 1:
        path = " ".join(f"{fmt(X(a))},{fmt(Y(b))}" for a, b in front)
        body.append(
            el("polyline", {"points": path, "fill": "none", "stroke": INK, "stroke-width": "1.5"})
        )
    for a, b in front:
        body.append(
            el("circle", {"cx": X(a), "cy": Y(b), "r": "3.5", "fill": "none", "stroke": INK})
        )
    marks: list[tuple[str, float, float, str]] = [
        ("Best for us", analysis.best_deal.ev(us.id), analysis.best_deal.ev(them.id), "diamond")
    ]
    if analysis.nash_deal is not None:
        marks.append(
            ("Nash", analysis.nash_deal.ev(us.id), analysis.nash_deal.ev(them.id), "square")
        )
    if deal is not None:
        a, b, _ = _evs(case, deal)
        marks.append(("This deal", a, b, "ring"))
    for _, a, b, shape in marks:
        body.append(_marker(X(a), Y(b), shape))
    body.extend(_scatter_legend(L + pw + 18, T, marks))
    desc = (
        f"Scatter of {len(pts.success):,} deals: expected value for {us.name} against "
        f"{them.name}, coloured by success probability. {pts.note()}"
    )
    return svg(W, H, "Win-sets: every deal's risk-adjusted value for both sides", desc, body)


def _marker(x: float, y: float, shape: str, size: float = 7.0) -> str:
    style = {"fill": "#ffffff", "stroke": INK, "stroke-width": "2"}
    if shape == "diamond":
        corners = ((x, y - size), (x + size, y), (x, y + size), (x - size, y))
        pts = " ".join(f"{fmt(a)},{fmt(b)}" for a, b in corners)
        return el("polygon", {"points": pts, **style})
    if shape == "square":
        s = size * 0.8
        return el("rect", {"x": x - s, "y": y - s, "width": 2 * s, "height": 2 * s, **style})
    return el(
        "circle",
        {"cx": x, "cy": y, "r": size, "fill": "none", "stroke": ACCENT, "stroke-width": "2.5"},
    )


def _scatter_legend(
    x: float, y: float, marks: Sequence[tuple[str, float, float, str]]
) -> list[str]:
    out = [label(x, y + 10, "Success probability", 11, font_weight="600")]
    for k in range(11):
        t = 1.0 - k / 10
        out.append(
            el(
                "rect",
                {
                    "x": x,
                    "y": y + 18 + k * 12.0,
                    "width": 14.0,
                    "height": 12.0,
                    "fill": blend(VIRIDIS, t),
                },
            )
        )
    for t, yy in ((1.0, y + 28), (0.5, y + 88), (0.0, y + 148)):
        out.append(label(x + 20, yy, f"{round(100 * t)}%", 11, fill=MUTED))
    yy = y + 180
    out.append(
        el(
            "polyline",
            {
                "points": f"{fmt(x)},{fmt(yy)} {fmt(x + 14)},{fmt(yy)}",
                "stroke": INK,
                "stroke-width": "1.5",
            },
        )
    )
    out.append(label(x + 20, yy + 4, "Frontier", 11))
    for name, _, _, shape in marks:
        yy += 22
        out.append(_marker(x + 7, yy, shape, 5.0))
        out.append(label(x + 20, yy + 4, name, 11))
    yy += 22
    out.append(
        el(
            "line",
            {"x1": x, "x2": x + 14, "y1": yy, "y2": yy, "stroke": MUTED, "stroke-dasharray": "4 3"},
        )
    )
    out.append(label(x + 20, yy + 4, "No-deal values", 11))
    return out


# ---- approval bars ------------------------------------------------------------------


def approval_bars(case: Case, assessment: Assessment, threshold: float = 0.5) -> str:
    """Every constituency's (and bloc's) approval probability, side by side, against τ."""
    rows: list[tuple[str, float, int, bool, bool]] = []  # name, p, side#, is_bloc, influence
    for k, side in enumerate((case.our_side, case.their_side)):
        for r in assessment.side(side.id).constituencies:
            rows.append((r.name, r.approval_probability, k, False, r.power is Power.INFLUENCE))
            for b in r.blocs:
                rows.append((b.name, b.approval_probability, k, True, r.power is Power.INFLUENCE))
    W, L, R, T, rh = 720.0, 250.0, 60.0, 30.0, 22.0
    pw = W - L - R
    H = T + rh * max(len(rows), 1) + 70
    body: list[str] = []
    for v in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = L + v * pw
        body.append(
            el("line", {"x1": x, "x2": x, "y1": T - 6, "y2": T + rh * len(rows), "stroke": GRID})
        )
        body.append(
            label(
                x,
                T + rh * len(rows) + 16,
                f"{round(100 * v)}%",
                11,
                text_anchor="middle",
                fill=MUTED,
            )
        )
    for k, (name, p, row_side, bloc, influence) in enumerate(rows):
        y = T + k * rh
        colour = SIDE_COLOURS[row_side]
        text = ("· " if bloc else "") + name
        body.append(
            label(
                L - 8,
                y + 15,
                fit(text, L - 20, 12),
                12,
                text_anchor="end",
                fill=MUTED if bloc else INK,
            )
        )
        bar = {"x": L, "y": y + 4, "width": max(pw * p, 0.0), "height": rh - 8, "fill": colour}
        if bloc or influence:
            bar["fill-opacity"] = "0.55"
        body.append(el("rect", bar))
        body.append(label(L + pw * p + 4, y + 15, pct(p), 11))
    tx = L + threshold * pw
    body.append(
        el(
            "line",
            {
                "x1": tx,
                "x2": tx,
                "y1": T - 10,
                "y2": T + rh * len(rows),
                "stroke": ACCENT,
                "stroke-width": "2",
                "stroke-dasharray": "5 3",
            },
        )
    )
    body.append(
        label(
            tx,
            T - 14,
            f"threshold τ = {round(100 * threshold)}%",
            11,
            text_anchor="middle",
            fill=ACCENT,
        )
    )
    ly = H - 30
    for k, side in enumerate((case.our_side, case.their_side)):
        x = 20.0 + 300 * k
        body.append(
            el(
                "rect",
                {"x": x, "y": ly - 10, "width": 12.0, "height": 12.0, "fill": SIDE_COLOURS[k]},
            )
        )
        whose = "us" if side.id == case.us else "them"
        body.append(label(x + 18, ly, fit(f"{side.name} ({whose})", 270, 11), 11))
    body.append(
        label(20, H - 8, "Pale bars: voting blocs, and influencers (who do not enter P).", 11)
    )
    desc = "; ".join(f"{name}: {pct(p)}" for name, p, *_ in rows)
    return svg(W, H, "Approval probability of every constituency and bloc", desc, body)


def tornado(rows: Sequence[Mapping[str, object]], base: float, limit: int = 10) -> str:
    """The plan's net value when each uncertain input is at the low and the high end of its
    range, as bars from the base (``tornado`` rows of the robustness JSON, widest first)."""
    shown = list(rows)[:limit]
    W, L, R, T, rh = 720.0, 300.0, 40.0, 34.0, 24.0
    pw = W - L - R
    H = T + rh * max(len(shown), 1) + 62
    spread = max([1e-9, *(abs(float(r[k])) for r in shown for k in ("low", "high"))])  # type: ignore[arg-type]
    mid = L + pw / 2
    scale = (pw / 2) / spread
    body: list[str] = [
        el("line", {"x1": mid, "x2": mid, "y1": T - 8, "y2": T + rh * len(shown), "stroke": INK}),
        label(mid, T - 14, f"base: net value {base:.3f}", 11, text_anchor="middle", fill=MUTED),
    ]
    for k, r in enumerate(shown):
        y = T + k * rh
        name = str(r.get("label") or r.get("parameter"))
        body.append(label(L - 8, y + 16, fit(name, L - 16, 12), 12, text_anchor="end"))
        for key, colour in (("low", SIDE_COLOURS[1]), ("high", SIDE_COLOURS[0])):
            d = float(r[key])  # type: ignore[arg-type]
            x0, x1 = sorted((mid, mid + d * scale))
            bar = {"x": x0, "y": y + 4, "width": max(x1 - x0, 0.5), "height": rh - 8}
            body.append(el("rect", {**bar, "fill": colour, "fill-opacity": "0.8"}))
    ly = H - 34
    body.append(
        el("rect", {"x": L, "y": ly - 9, "width": 10.0, "height": 10.0, "fill": SIDE_COLOURS[1]})
    )
    body.append(label(L + 14, ly, "input at the low end", 11, fill=MUTED))
    body.append(
        el(
            "rect",
            {"x": L + 170, "y": ly - 9, "width": 10.0, "height": 10.0, "fill": SIDE_COLOURS[0]},
        )
    )
    body.append(label(L + 184, ly, "input at the high end", 11, fill=MUTED))
    body.append(label(L, ly + 18, "Bars: the change in our net value.", 11, fill=MUTED))
    return svg(
        W,
        H,
        "Tornado chart: what the plan's net value hangs on",
        "For each uncertain input, the plan's net value with the input at the low and the "
        "high end of its range, minus the base; widest swing first.",
        body,
    )
