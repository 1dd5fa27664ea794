"""The tied-hands leverage chart (io/leveragechart.py): one line per constituency, ours
solid and theirs dashed, points where the axes put them, the same bytes each time."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from leveltwo.engine.leverage import Leverage, LeveragePoint
from leveltwo.io.leveragechart import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, leverage_chart
from leveltwo.model.case import Power

NS = "{http://www.w3.org/2000/svg}"


def row(name: str, ours: bool, values: tuple[float, float, float]) -> Leverage:
    points = tuple(
        LeveragePoint(s, 0.5 + s, None, v, 1 - v, 0.9, 0.1)
        for s, v in zip((-0.1, 0.0, 0.1), values, strict=True)
    )
    return Leverage(f"x.{name}", name, "x", ours, Power.RATIFY, "x", points)


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_nothing_to_draw_is_a_note() -> None:
    root = parsed(leverage_chart([]))
    texts = "".join(root.itertext())
    assert "No ratifying or blocking constituency to vary." in texts
    assert root.findall(f".//{NS}polyline") == []


def test_one_line_per_constituency_theirs_dashed() -> None:
    rows = [row("board", True, (0.4, 0.5, 0.6)), row("members", False, (0.45, 0.5, 0.55))]
    root = parsed(leverage_chart(rows))
    lines = root.findall(f".//{NS}polyline")
    assert len(lines) == 2
    assert lines[0].get("stroke-dasharray") is None
    assert lines[1].get("stroke-dasharray") == "6 4"
    assert lines[0].get("stroke") != lines[1].get("stroke")
    assert len(root.findall(f".//{NS}circle")) == 6
    desc = root.find(f"{NS}desc")
    assert desc is not None
    assert desc.text is not None
    assert "board: our EV from 0.400 to 0.600" in desc.text
    assert "members (theirs)" in "".join(root.itertext())


def test_points_sit_where_the_axes_put_them() -> None:
    root = parsed(leverage_chart([row("board", True, (0.4, 0.5, 0.6))]))
    (line,) = root.findall(f".//{NS}polyline")
    pts = [tuple(map(float, p.split(","))) for p in (line.get("points") or "").split()]
    # x: shifts −0.1 … 0.1 span the plot width; y: 0.4 … 0.6 padded by 8% of the range
    pw, ph = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    y0, y1 = 0.4 - 0.016, 0.6 + 0.016
    expected = [
        (LEFT + (s + 0.1) / 0.2 * pw, TOP + (y1 - v) / (y1 - y0) * ph)
        for s, v in ((-0.1, 0.4), (0.0, 0.5), (0.1, 0.6))
    ]
    for (x, y), (ex, ey) in zip(pts, expected, strict=True):
        assert abs(x - ex) <= 0.05
        assert abs(y - ey) <= 0.05
    assert pts[1] == (277.0, 178.0)  # 64 + 426/2, 28 + 300/2


def test_the_same_rows_give_the_same_bytes() -> None:
    rows = [row("board", True, (0.4, 0.5, 0.6)), row("members", False, (0.45, 0.5, 0.55))]
    assert leverage_chart(rows) == leverage_chart(list(rows))
    flat = [row("board", True, (0.5, 0.5, 0.5))]  # no spread: still a drawable range
    assert parsed(leverage_chart(flat)).findall(f".//{NS}polyline")
