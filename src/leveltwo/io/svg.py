"""SVG building blocks for leveltwo's charts: elements, text, scales, colours.

Pure string building (no dependency): attribute values are quoted and text is
escaped here; coordinates are rounded to 0.1 so the same chart gives the same
bytes. Colours are chosen to stay readable in print and for common colour-vision
deficiencies (viridis for probabilities).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from leveltwo.narrative.numbers import percent

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK, MUTED, GRID = "#1f2328", "#57606a", "#d0d7de"
SIDE_COLOURS = ("#0b5cad", "#b3541e")  # us, them
#: viridis at five stops: colour of success probability 0, .25, .5, .75, 1.
VIRIDIS = ("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725")
#: approval colour scale: red (0) → amber (0.5) → green (1).
APPROVAL = ("#c62828", "#f9a825", "#2e7d32")
#: the colour of threshold lines and of the deal under study.
ACCENT = "#d81b60"


def fmt(x: float) -> str:
    """A coordinate: one decimal, no ``-0.0``."""
    s = f"{x:.1f}"
    return "0.0" if s == "-0.0" else s


def _attrs(tag: str, attrs: dict[str, object] | None) -> str:
    parts = [tag]
    for k, v in (attrs or {}).items():
        value = fmt(v) if isinstance(v, float) else str(v)
        parts.append(f"{k}={quoteattr(value)}")
    return " ".join(parts)


def el(tag: str, attrs: dict[str, object] | None = None, content: str | None = None) -> str:
    """One element; float attributes are rounded by :func:`_f`, text is escaped by the caller."""
    head = _attrs(tag, attrs)
    return f"<{head}/>" if content is None else f"<{head}>{content}</{tag}>"


def label(x: float, y: float, s: str, size: float = 12, **attrs: object) -> str:
    """A text element (``anchor``/``weight``/``fill`` as keyword arguments)."""
    a: dict[str, object] = {"x": x, "y": y, "font-size": fmt(size)}
    for k, v in attrs.items():
        a[k.replace("_", "-")] = v
    return el("text", a, escape(s))


def svg(width: float, height: float, title: str, desc: str, body: Iterable[str]) -> str:
    """A complete ``<svg>`` with its accessible title and description."""
    head = _attrs(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {fmt(width)} {fmt(height)}",
            "width": fmt(width),
            "height": fmt(height),
            "role": "img",
            "font-family": FONT,
            "fill": INK,
        },
    )
    inner = [el("title", None, escape(title)), el("desc", None, escape(desc)), *body]
    return f"<{head}>" + "".join(inner) + "</svg>"


def fit(s: str, width: float, size: float) -> str:
    """``s`` cut with an ellipsis to fit ``width`` pixels at font ``size`` (0.6 em a character:
    wide enough for the common sans-serif fonts, so no label leaves its box)."""
    room = max(1, int(width / (0.6 * size)))
    return s if len(s) <= room else s[: max(1, room - 1)].rstrip() + "…"


def blend(stops: Sequence[str], t: float) -> str:
    """The colour at ``t`` ∈ [0, 1] on a scale of evenly spaced hex ``stops``."""
    t = min(max(t, 0.0), 1.0) * (len(stops) - 1)
    k = min(int(t), len(stops) - 2)
    a, b = stops[k], stops[k + 1]
    w = t - k
    rgb = [round(int(a[i : i + 2], 16) * (1 - w) + int(b[i : i + 2], 16) * w) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering [lo, hi] (steps 1, 2, 2.5 or 5 × 10^k)."""
    span = max(hi - lo, 1e-9)
    raw = span / count
    mag = 10.0 ** np.floor(np.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = np.ceil(lo / step - 1e-9) * step
    n = int(np.floor((hi - first) / step + 1e-9)) + 1
    return [round(float(first + k * step), 10) for k in range(n)]


def tick_label(x: float) -> str:
    """A tick value without trailing zeros: ``0.3``, ``0.325``, ``1``."""
    return f"{x:.4f}".rstrip("0").rstrip(".") if abs(x) > 1e-12 else "0"


def pct(p: float) -> str:
    """A probability as a whole percentage for chart labels (never a false 0% or 100%)."""
    return percent(p, 0)
