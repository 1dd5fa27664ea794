"""Where an SVG's content lies: a conservative bounding box of every drawn element.

Text width is estimated at 0.6 em per character (wider than the 0.56 em the
charts fit text to), so a label that passes here fits in any common font.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

EM = 0.6
_NUM = re.compile(r"-?\d+(?:\.\d+)?")


def _f(e: ET.Element, k: str, default: float = 0.0) -> float:
    v = e.get(k)
    return float(v) if v is not None else default


def boxes(
    svg_text: str,
) -> tuple[tuple[float, float], list[tuple[str, float, float, float, float]]]:
    """((width, height) of the viewBox, [(what, x0, y0, x1, y1), ...])."""
    root = ET.fromstring(svg_text)
    _, _, w, h = (float(x) for x in root.get("viewBox", "0 0 0 0").split())
    out = []
    for e in root.iter():
        tag = e.tag.split("}")[-1]
        if tag == "rect":
            x, y = _f(e, "x"), _f(e, "y")
            out.append((tag, x, y, x + _f(e, "width"), y + _f(e, "height")))
        elif tag == "line":
            xs, ys = (_f(e, "x1"), _f(e, "x2")), (_f(e, "y1"), _f(e, "y2"))
            out.append((tag, min(xs), min(ys), max(xs), max(ys)))
        elif tag == "circle":
            cx, cy, r = _f(e, "cx"), _f(e, "cy"), _f(e, "r")
            out.append((tag, cx - r, cy - r, cx + r, cy + r))
        elif tag in ("polyline", "polygon", "path"):
            raw = e.get("points") or e.get("d") or ""
            if tag == "path":  # absolute M/L/H/V commands only (what the charts draw)
                xs, ys, x, y = [], [], 0.0, 0.0
                for cmd, args in re.findall(r"([MLHV])([^MLHV]*)", raw):
                    nums = [float(n) for n in _NUM.findall(args)]
                    if cmd in "ML":
                        for i in range(0, len(nums) - 1, 2):
                            x, y = nums[i], nums[i + 1]
                            xs.append(x)
                            ys.append(y)
                    elif cmd == "H":
                        for x in nums:
                            xs.append(x)
                            ys.append(y)
                    else:
                        for y in nums:
                            xs.append(x)
                            ys.append(y)
            else:
                nums = [float(n) for n in _NUM.findall(raw)]
                xs, ys = nums[0::2], nums[1::2]
            if xs:
                out.append((tag, min(xs), min(ys), max(xs), max(ys)))
        elif tag == "text":
            text = "".join(e.itertext())
            size = float(e.get("font-size", "12"))
            width = EM * size * len(text)
            x, y = _f(e, "x"), _f(e, "y")
            anchor = e.get("text-anchor", "start")
            x0 = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
            if e.get("transform"):  # a rotated axis title: check its centre only
                out.append((f"text {text!r}", x, y, x, y))
            else:
                out.append((f"text {text!r}", x0, y - size, x0 + width, y + 0.25 * size))
    return (w, h), out


def outside(svg_text: str) -> list[str]:
    """Every element whose box is not inside the viewBox."""
    (w, h), found = boxes(svg_text)
    return [
        f"{what}: ({x0:.0f},{y0:.0f})–({x1:.0f},{y1:.0f}) outside 0 0 {w:.0f} {h:.0f}"
        for what, x0, y0, x1, y1 in found
        if x0 < -0.5 or y0 < -0.5 or x1 > w + 0.5 or y1 > h + 0.5
    ]
