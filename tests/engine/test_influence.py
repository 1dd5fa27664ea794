"""Influence (engine/influence.py): the Friedkin–Johnsen fixed point by hand and by
iteration, susceptibility 0 changes nothing, who moves whom, the planner's win-over
move, the party map's links and the located errors."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import leveltwo
from leveltwo.engine.influence import influence_analysis, resolve
from leveltwo.errors import CaseError
from leveltwo.io.partymap import party_map
from leveltwo.model.build import build_case, validate_case_data
from leveltwo.strategies.evaluate import quick

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "influence.yaml"


def _data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return data


def _con(data: dict[str, Any], cid: str) -> dict[str, Any]:
    for side in data["sides"]:
        for c in side.get("constituencies", []):
            if c["id"] == cid:
                return c  # type: ignore[no-any-return]
    raise KeyError(cid)


def test_the_board_moves_to_the_hand_derived_fixed_point() -> None:
    # r* = λ(w·r_bond + (1 − w)·r*) + (1 − λ)·r₀  ⇒  r* = (λ w r_bond + (1 − λ) r₀)/(1 − λ(1 − w))
    case = leveltwo.load_case(str(EXAMPLE))
    lam, w, r_bond, r0 = 0.5, 0.4, 0.3, 0.55
    expected = (lam * w * r_bond + (1 - lam) * r0) / (1 - lam * (1 - w))
    assert expected == pytest.approx(0.478571428571)
    moved = resolve(case).stakeholder("hospital.board")
    assert moved.reservation == pytest.approx(expected, abs=1e-12)
    a = leveltwo.assess(case)
    assert a.side("hospital").constituencies[0].reservation == pytest.approx(expected)
    analysis = influence_analysis(case)
    assert analysis is not None
    (shift,) = analysis.shifts
    assert shift.key == "hospital.board"
    assert shift.sources == (("hospital.bondholders", 0.4),)
    assert shift.change == pytest.approx(expected - r0)


def test_resolving_is_idempotent_and_the_evaluator_agrees_with_assess() -> None:
    case = leveltwo.load_case(str(EXAMPLE))
    once = resolve(case)
    assert resolve(once) is once
    r = leveltwo.evaluate_all(case)
    for k in range(case.size):
        a = leveltwo.assess(case, case.deal_from_index(k))
        assert a.success_probability == pytest.approx(float(r.success[k]), abs=1e-15)
        assert quick(case, case.deal_from_index(k))[0] == pytest.approx(a.success_probability)


def test_susceptibility_zero_changes_nothing_and_links_change_the_numbers() -> None:
    data = _data()
    _con(data, "board")["susceptibility"] = 0.0
    quiet = build_case(data)
    del _con(data, "bondholders")["influences"]
    none = build_case(data)
    r_quiet, r_none = leveltwo.evaluate_all(quiet), leveltwo.evaluate_all(none)
    assert np.array_equal(r_quiet.success, r_none.success)
    assert np.array_equal(r_quiet.side, r_none.side)
    r_linked = leveltwo.evaluate_all(leveltwo.load_case(str(EXAMPLE)))
    assert not np.array_equal(r_linked.success, r_none.success)


def _iterate(w: np.ndarray, lam: np.ndarray, x0: np.ndarray, steps: int = 2000) -> np.ndarray:
    """x(t + 1) = ΛWx(t) + (I − Λ)x₀ (Friedkin and Johnsen 1990), iterated."""
    full = w + np.diag(1 - w.sum(axis=1))
    x = x0.copy()
    for _ in range(steps):
        x = lam * (full @ x) + (1 - lam) * x0
    return x


@settings(max_examples=30, deadline=None)
@given(
    w1=st.floats(0.05, 1.0),
    w2=st.floats(0.05, 1.0),
    lam_board=st.floats(0.0, 0.95),
    lam_bond=st.floats(0.0, 0.95),
    r=st.lists(st.floats(0.0, 1.0), min_size=3, max_size=3),
)
def test_a_chain_matches_the_iterated_opinion_dynamics(
    w1: float, w2: float, lam_board: float, lam_bond: float, r: list[float]
) -> None:
    # the press sways the bondholders, who sway the board: a two-step chain
    data = _data()
    bond = _con(data, "bondholders")
    bond["influences"] = [{"target": "hospital.board", "weight": w1}]
    bond["susceptibility"] = lam_bond
    bond["reservation"] = r[1]
    board = _con(data, "board")
    board["susceptibility"] = lam_board
    board["reservation"] = r[0]
    data["sides"][1]["constituencies"].append(
        {
            "id": "press",
            "power": "influence",
            "weights": {"pay": 1},
            "values": {"pay": "descending"},
            "reservation": r[2],
            "influences": [{"target": "hospital.bondholders", "weight": w2}],
        }
    )
    case = build_case(data)
    w = np.array([[0, w1, 0], [0, 0, w2], [0, 0, 0]])
    expected = _iterate(w, np.array([lam_board, lam_bond, 0.0]), np.array(r))
    out = resolve(case)
    got = [out.stakeholder(k).reservation for k in ("hospital.board", "hospital.bondholders")]
    assert got == pytest.approx(list(expected[:2]), abs=1e-9)


def test_weights_links_move_the_weights_which_still_sum_to_one() -> None:
    data = _data()
    _con(data, "bondholders")["influences"][0]["weights"] = True
    case = build_case(data)
    before = case.stakeholder("hospital.board").preferences.weights
    after = resolve(case).stakeholder("hospital.board").preferences.weights
    assert sum(after) == pytest.approx(1.0)
    # the bondholders care about pay only: the board's weight on pay rises
    lam, w = 0.5, 0.4
    assert after[0] == pytest.approx((lam * w * 1.0 + (1 - lam) * before[0]) / (1 - lam * (1 - w)))
    analysis = influence_analysis(case)
    assert analysis is not None
    assert analysis.shifts[0].weights_after == pytest.approx(after)


def test_a_link_to_a_bloc_vote_moves_every_bloc() -> None:
    data = _data()
    board = _con(data, "board")
    board["blocs"] = [
        {"id": "chair", "share": 1},
        {"id": "members", "share": 2, "reservation": 0.6},
    ]
    case = resolve(build_case(data))
    lam, w = 0.5, 0.4
    for key, r0 in (("hospital.board.chair", 0.55), ("hospital.board.members", 0.6)):
        expected = (lam * w * 0.3 + (1 - lam) * r0) / (1 - lam * (1 - w))
        assert case.stakeholder(key).reservation == pytest.approx(expected)


def test_the_planner_can_win_over_the_influencer_at_its_cost() -> None:
    case = leveltwo.load_case(str(EXAMPLE))
    plan = leveltwo.plan(case)
    keys = [s.key for s in plan.moves]
    assert "outside_pressure:win_over:hospital.bondholders" in keys
    step = plan.moves[keys.index("outside_pressure:win_over:hospital.bondholders")]
    assert "Bondholders" in step.title
    assert "Hospital board" in step.title
    # lowering the bondholders' bar by 0.1 lowers the board's by λw·0.1/(1 − λ(1 − w))
    assert "0.029" in step.rationale
    assert step.fixed_cost == pytest.approx(0.01)
    data = _data()
    del _con(data, "bondholders")["win_over"]
    assert "outside_pressure:win_over:hospital.bondholders" not in [
        s.key for s in leveltwo.plan(build_case(data)).moves
    ]


def test_the_party_map_draws_the_links() -> None:
    case = leveltwo.load_case(str(EXAMPLE))
    drawn = party_map(case, leveltwo.assess(case))
    assert "sways 0.4" in drawn
    plain = copy.deepcopy(_data())
    del _con(plain, "bondholders")["influences"]
    c2 = build_case(plain)
    assert "sways" not in party_map(c2, leveltwo.assess(c2))


def test_influence_errors_are_located() -> None:
    data = _data()
    _con(data, "board")["influences"] = [{"target": "hospital.bondholders", "weight": 0.2}]
    bond = _con(data, "bondholders")
    bond["influences"] = [
        {"target": "hospital.nobody", "weight": 0.2},
        {"target": "hospital.bondholders", "weight": 0.2},
        {"target": "hospital.board", "weight": 0.7},
        {"target": "hospital.board", "weight": 0.7},
        {"target": "hospital.board", "weight": 1.5},
    ]
    paths = {p.path for p in validate_case_data(data)}
    assert "sides[1].constituencies[0].influences" in paths  # board is not an influencer
    assert "sides[1].constituencies[1].influences[0].target" in paths
    assert "sides[1].constituencies[1].influences[1].target" in paths
    assert "sides[1].constituencies[1].influences[3].weight" in paths
    assert "sides[1].constituencies[1].influences[4].weight" in paths
    with pytest.raises(CaseError):
        build_case(data)


def test_a_closed_group_of_fully_susceptible_stakeholders_is_a_clear_error() -> None:
    data = _data()
    bond = _con(data, "bondholders")
    bond["susceptibility"] = 1.0
    _con(data, "board")["susceptibility"] = 1.0
    data["sides"][1]["constituencies"].append(
        {
            "id": "press",
            "power": "influence",
            "weights": {"pay": 1},
            "values": {"pay": "descending"},
            "influences": [{"target": "hospital.bondholders", "weight": 1.0}],
        }
    )
    data["sides"][1]["constituencies"][0]["power"] = "influence"
    data["sides"][1]["constituencies"][0]["influences"] = [
        {"target": "hospital.press", "weight": 1.0}
    ]
    _con(data, "press")["susceptibility"] = 1.0
    bond["influences"] = [{"target": "hospital.board", "weight": 1.0}]
    case = build_case(data)
    with pytest.raises(CaseError, match="susceptibility 1"):
        resolve(case)


def test_the_case_writer_keeps_links_susceptibilities_and_win_over() -> None:
    from leveltwo.io.casefile import case_from_text
    from leveltwo.io.casewriter import write_case

    case = leveltwo.load_case(str(EXAMPLE))
    assert case_from_text(write_case(case)) == case  # canonical, no base text
    text = EXAMPLE.read_text(encoding="utf-8")
    assert write_case(case, text) == text


def test_an_adopted_win_over_plan_reads_back_at_the_plans_numbers() -> None:
    from leveltwo.io.casefile import case_from_text
    from leveltwo.io.casewriter import write_case
    from leveltwo.strategies.adopt import adopted

    case = leveltwo.load_case(str(EXAMPLE))
    plan = leveltwo.plan(case)
    text = write_case(adopted(case, plan.chosen, None), EXAMPLE.read_text(encoding="utf-8"))
    again = case_from_text(text)
    a = leveltwo.assess(again)
    assert a.success_probability == pytest.approx(plan.moves[-1].success_probability_after)
    analysis = influence_analysis(again)
    assert analysis is not None
    assert analysis.shifts[0].after == pytest.approx(0.45)  # (0.5·0.4·0.2 + 0.275)/0.7
