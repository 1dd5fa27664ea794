"""The case writer round-trips the constraints: and money: blocks."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "engine"))
from test_constraints import constrained_data

from leveltwo.io.casefile import case_from_text, load_case, read_case_text
from leveltwo.io.casewriter import write_case
from leveltwo.model.build import build_case
from leveltwo.model.money import Money


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(constrained_data())
def test_constraints_read_back_exactly(data: dict[str, object]) -> None:
    case = build_case(data)
    assert case_from_text(write_case(case)) == case


def test_money_is_written_and_removed_in_place() -> None:
    text, _ = read_case_text("missile-crisis")
    case = load_case("missile-crisis")
    with_money = write_case(replace(case, money=Money("EUR", 12e6)), text)
    assert case_from_text(with_money).money == Money("EUR", 12e6)
    assert len(with_money.splitlines()) == len(text.splitlines()) + 1
    assert write_case(case, with_money) == text
