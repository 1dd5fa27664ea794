"""Ranges of uncertain inputs (strategies/uncertainty.py), by hand."""

from __future__ import annotations

from leveltwo.model.case import Case
from leveltwo.strategies.uncertainty import (
    ASSUMED_RISK,
    HIGH,
    LOW,
    assumed,
    clip,
    no_uncertain_inputs,
    scale,
    scaled,
    set_item,
    spread,
)


def _same(case: Case, value: float) -> Case:
    return case


def test_the_ranges_by_hand() -> None:
    s = scaled("x", 0.8, _same, "x")
    assert (s.base, s.low, s.high) == (0.8, LOW * 0.8, 1.0)  # 1.2 clipped to 1
    f = scale("y", _same, "y")
    assert (f.base, f.low, f.high) == (1.0, LOW, HIGH)
    a = assumed("z", ASSUMED_RISK, _same, "z (assumed 0)")
    assert (a.base, a.low, a.high) == (0.0, 0.0, ASSUMED_RISK)
    e = spread("e", 0.9, 0.15, _same, "e")
    assert (e.base, e.low, e.high) == (0.9, clip(0.9 - 0.15), 1.0)
    assert clip(-0.2) == 0.0
    assert clip(1.7) == 1.0


def test_equal_inputs_ignore_their_setters() -> None:
    assert scaled("x", 0.5, _same, "x") == scaled("x", 0.5, lambda c, v: c, "x")


def test_set_item_changes_one_field_of_one_item(rich: Case) -> None:
    assert no_uncertain_inputs(rich) == ()
    first = rich.level2.third_parties[0]
    changed = set_item("third_parties", 0, "backlash")(rich, 0.25)
    assert changed.level2.third_parties[0].backlash == 0.25
    assert changed.level2.third_parties[0].strength == first.strength
    assert changed.level2.third_parties[1:] == rich.level2.third_parties[1:]
    assert rich.level2.third_parties[0] == first  # the case itself is untouched
