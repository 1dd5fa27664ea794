"""Tied-hands leverage: the equilibrium as one constituency's bar moves."""

from __future__ import annotations

import pytest
from bargaincases import pie

from leveltwo.engine.leverage import constituency_leverage, leverage, with_bar
from leveltwo.io.casefile import load_case


def test_a_tougher_own_board_pays_on_the_pie() -> None:
    lev = constituency_leverage(pie(0.9, floor_a=0.55, n=1000), "a.board", "a")
    assert lev.ours
    values = [p.our_value for p in lev.points]
    assert values == sorted(values)  # tied hands: never lower
    best = lev.tougher()
    assert best is not None
    assert best.shift == pytest.approx(0.1)
    assert best.our_value == pytest.approx(1 - 0.9 * (1 - 0.65), abs=2e-3)  # floor 0.65 binds
    assert best.home_failure == 0.0  # σ = 0: the deal it leads to passes at home
    assert lev.to_json()["pays"] is True
    assert "A tougher" in lev.sentence()
    assert "fails at home" in lev.sentence()


def test_a_tougher_board_of_theirs_costs_us() -> None:
    lev = constituency_leverage(pie(0.9, floor_b=0.6, n=1000), "b.board", "a")
    assert not lev.ours
    assert lev.tougher() is None
    values = [p.our_value for p in lev.points]
    assert values == sorted(values, reverse=True)


def test_an_uncertain_board_brings_a_risk_at_home() -> None:
    lev = constituency_leverage(pie(0.9, floor_a=0.6, sigma_a=0.05, n=200), "a.board", "a")
    assert all(0.0 < p.home_failure < 1.0 for p in lev.points)


def test_with_bar_moves_the_constituency_and_its_blocs_only() -> None:
    case = load_case("labour-contract")
    moved = with_bar(case, "union.members", 0.05)
    before, after = case.stakeholder("union.members"), moved.stakeholder("union.members")
    assert after.reservation == pytest.approx(before.reservation + 0.05)
    for b0, b1 in zip(before.blocs, after.blocs, strict=True):  # type: ignore[attr-defined]
        assert b1.reservation == pytest.approx(b0.reservation + 0.05)
    assert moved.stakeholder("hospital.board") == case.stakeholder("hospital.board")


def test_every_ratifying_or_blocking_constituency_ours_first() -> None:
    case = load_case("labour-contract")
    rows = leverage(case)
    assert [r.key for r in rows] == ["hospital.board", "union.members", "union.staffing_caucus"]
