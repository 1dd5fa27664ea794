"""Scenario statistics: hand-made spaces, invariants, and NegMAS's numbers when installed."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from leveltwo.engine.frontier import pareto_mask
from leveltwo.engine.scenario import negotiator_utilities, scenario_stats, stats
from leveltwo.io.bundled import bundled_cases
from leveltwo.io.casefile import load_case


def test_a_hand_made_space() -> None:
    # deals:        0     1     2     3
    u = np.array([1.0, 0.8, 0.5, 0.0])
    v = np.array([0.0, 0.5, 0.8, 1.0])
    s = stats(u, v, (0.2, 0.2))
    # Nash: (u - 0.2)(v - 0.2) is 0.18 at deal 1 and at deal 2: the earliest wins
    assert s.nash is not None
    assert s.nash.index == 1
    # KS: gains (u - 0.2)/0.8 and (v - 0.2)/0.8 differ by 0.375 at 1 and 2: earliest
    assert s.kalai_smorodinsky is not None
    assert s.kalai_smorodinsky.index == 1
    # welfare 1.3 at deals 1 and 2
    assert s.max_welfare.index == 1
    # opposition: nearest acceptable deal to (1, 1) is 1 or 2: sqrt(0.2² + 0.5²)
    assert s.opposition == pytest.approx(math.sqrt(0.04 + 0.25))
    assert s.frontier_size == 4


def test_no_deal_both_accept_means_no_point_but_a_frontier() -> None:
    u = np.array([1.0, 0.0])
    v = np.array([0.0, 1.0])
    s = stats(u, v, (0.5, 0.5))
    assert s.nash is None
    assert s.nash_negmas is None
    assert s.kalai_smorodinsky is None
    assert s.opposition is None
    assert (s.frontier_size, s.rational_frontier_size) == (2, 0)


def test_the_two_nash_points_differ_when_a_reservation_is_met_with_equality() -> None:
    # deal 0 gives them exactly their reservation: NegMAS counts it (u ≥ r), with
    # product 0; leveltwo's Nash point needs both strictly above (u > r); deal 1 is
    # below our reservation
    u = np.array([1.0, 0.4])
    v = np.array([0.3, 0.9])
    s = stats(u, v, (0.5, 0.3))
    assert s.nash is None
    assert s.nash_negmas is not None
    assert s.nash_negmas.index == 0


@given(
    st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=30),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_the_points_are_where_they_should_be(
    points: list[tuple[float, float]], ru: float, rv: float
) -> None:
    u = np.array([p[0] for p in points])
    v = np.array([p[1] for p in points])
    s = stats(u, v, (ru, rv))
    welfare = u + v
    assert welfare[s.max_welfare.index] >= welfare.max() - 1e-12
    if s.nash is not None:
        k = s.nash.index
        assert u[k] > ru
        assert v[k] > rv
        ok = (u > ru) & (v > rv)
        assert (u[k] - ru) * (v[k] - rv) >= ((u - ru) * (v - rv))[ok].max() - 1e-12
    if s.kalai_smorodinsky is not None:
        assert u[s.kalai_smorodinsky.index] >= ru
        assert v[s.kalai_smorodinsky.index] >= rv
    if s.opposition is not None:
        assert 0 <= s.opposition <= math.sqrt(2) + 1e-12


def test_negotiator_utilities_follow_the_flat_deal_order() -> None:
    case = load_case("labour-contract")
    u = negotiator_utilities(case, case.us)
    prefs = case.our_side.negotiator.preferences
    for k in (0, 1, case.size // 2, case.size - 1):
        assert u[k] == pytest.approx(prefs.utility(case.deal_from_index(k)), abs=1e-15)


@pytest.mark.parametrize("name", [b.name for b in bundled_cases()])
def test_the_statistics_match_negmas_on_the_bundled_domains(name: str, tmp_path: Path) -> None:
    nm = pytest.importorskip("negmas")
    from negmas.preferences.ops import calc_scenario_stats

    from leveltwo.io.genius_export import Format
    from leveltwo.io.interop import export_case

    case = load_case(name)
    export_case(case, Format.NEGMAS, tmp_path)
    scenario = nm.Scenario.load(tmp_path)
    # discounted profiles load as wrappers: compare the undiscounted utility functions
    by_stem = {Path(str(u.name)).stem: getattr(u, "ufun", u) for u in scenario.ufuns}
    ufuns = (by_stem[case.us], by_stem[case.their_side.id])
    theirs = calc_scenario_stats(ufuns)
    ours = scenario_stats(case)

    def close(p: object, q: tuple[float, ...]) -> bool:
        assert p is not None
        return abs(p.us - q[0]) <= 1e-9 and abs(p.them - q[1]) <= 1e-9  # type: ignore[attr-defined]

    assert any(close(ours.nash_negmas, q) for q in theirs.nash_utils)
    assert any(close(ours.max_welfare, q) for q in theirs.max_welfare_utils)
    if theirs.ks_utils:
        assert any(close(ours.kalai_smorodinsky, q) for q in theirs.ks_utils)
    else:
        assert ours.kalai_smorodinsky is None
    assert ours.opposition == pytest.approx(theirs.opposition, abs=1e-9)
    # NegMAS compares raw floats: it also lists deals that one of ours dominates once
    # 1e-16 noise is removed; leveltwo's frontier is decided on the 1e-12 grid
    u, v = negotiator_utilities(case, case.us), negotiator_utilities(case, case.their_side.id)
    front = np.flatnonzero(pareto_mask(u, v))
    mine = [
        (u[k], v[k]) for k in front if u[k] >= ours.reservation[0] and v[k] >= ours.reservation[1]
    ]
    assert len(mine) == ours.rational_frontier_size
    for a, b in mine:
        assert any(abs(a - x) <= 1e-9 and abs(b - y) <= 1e-9 for x, y in theirs.pareto_utils)
    for x, y in theirs.pareto_utils:
        assert any(a >= x - 1e-12 and b >= y - 1e-12 for a, b in mine)
