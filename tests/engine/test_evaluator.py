"""Sides and deals, by hand: P_ratify, P_implement (blocker strength), P_side, P, EV.

A one-issue case (a: x or y) keeps every utility a single value: on deal y
the union's stakeholders below all have u = 1, so each approval is Φ((1 − r)/σ).
"""

from __future__ import annotations

import copy
import math
from typing import Any

import numpy as np
import pytest

from leveltwo.engine.assessment import assess
from leveltwo.engine.evaluator import Evaluator, evaluate_all
from leveltwo.model.build import build_case
from leveltwo.model.case import Case
from leveltwo.model.deal import Deal

PHI_1 = 0.8413447460685429  # Φ(1)
PHI_M1 = 1 - PHI_1  # Φ(−1)
Y = Deal((1,))


def base() -> dict[str, Any]:
    return {
        "leveltwo": 1,
        "title": "one issue",
        "issues": [{"id": "a", "options": ["x", "y"]}],
        "sides": [
            {
                "id": "firm",
                "negotiator": {"weights": {"a": 1}, "values": {"a": {"x": 0.2, "y": 0.8}}},
            },
            {
                "id": "union",
                "negotiator": {"weights": {"a": 1}, "values": {"a": "ascending"}},
                "constituencies": [],
            },
        ],
    }


def stakeholder(cid: str, power: str, reservation: float, sigma: float = 0.1, **more: Any) -> Any:
    return {
        "id": cid,
        "power": power,
        "weights": {"a": 1},
        "values": {"a": "ascending"},
        "reservation": reservation,
        "uncertainty": sigma,
        **more,
    }


def with_union(*constituencies: dict[str, Any], **side: Any) -> Case:
    data = base()
    data["sides"][1]["constituencies"] = list(constituencies)
    data["sides"][1].update(side)
    return build_case(data)


def at_y(case: Case) -> tuple[float, float, float, float]:
    """(P_ratify, P_implement, P_side) of the union and P, on deal y, cross-checked."""
    r = Evaluator(case).evaluate(np.array([1]))
    a = assess(case, Y)
    union = a.side("union")
    assert union.ratification_probability == pytest.approx(r.ratification[1, 0], abs=1e-15)
    assert union.implementation_probability == pytest.approx(r.implementation[1, 0], abs=1e-15)
    assert union.probability == pytest.approx(r.side[1, 0], abs=1e-15)
    assert a.success_probability == pytest.approx(r.success[0], abs=1e-15)
    return (
        float(r.ratification[1, 0]),
        float(r.implementation[1, 0]),
        float(r.side[1, 0]),
        float(r.success[0]),
    )


def test_ratifiers_multiply() -> None:
    case = with_union(stakeholder("c1", "ratify", 0.9), stakeholder("c2", "ratify", 1.0))
    ratify, implement, side, p = at_y(case)
    assert ratify == pytest.approx(PHI_1 * 0.5, abs=1e-15)  # negotiator 1 · Φ(1) · Φ(0)
    assert implement == 1.0
    assert side == pytest.approx(PHI_1 * 0.5, abs=1e-15)
    assert p == pytest.approx(PHI_1 * 0.5, abs=1e-15)  # the firm's side is certain


@pytest.mark.parametrize(
    ("strength", "factor"),
    [
        (0.0, 1.0),  # a blocker of strength 0 never matters
        (0.6, 1 - 0.6 * (1 - PHI_M1)),
        (1.0, PHI_M1),  # strength 1: like a ratifier
    ],
)
def test_blocker_factor_is_one_minus_strength_times_disapproval(
    strength: float, factor: float
) -> None:
    case = with_union(stakeholder("c", "block", 1.1, strength=strength))
    ratify, implement, side, _ = at_y(case)
    assert ratify == 1.0
    assert implement == pytest.approx(factor, abs=1e-15)
    assert side == pytest.approx(factor, abs=1e-15)


def test_blockers_multiply_into_implementation() -> None:
    case = with_union(
        stakeholder("b1", "block", 1.1, strength=0.5),
        stakeholder("b2", "block", 1.0, strength=0.8),
        stakeholder("r", "ratify", 0.9),
    )
    ratify, implement, side, _ = at_y(case)
    f1 = 1 - 0.5 * (1 - PHI_M1)
    f2 = 1 - 0.8 * (1 - 0.5)
    assert implement == pytest.approx(f1 * f2, abs=1e-15)
    assert ratify == pytest.approx(PHI_1, abs=1e-15)
    assert side == pytest.approx(PHI_1 * f1 * f2, abs=1e-15)


def test_influence_constituencies_do_not_enter_p() -> None:
    plain = with_union(stakeholder("r", "ratify", 0.9))
    # an influencer that would certainly refuse (r = 2 > any utility, σ = 0)
    influenced = with_union(
        stakeholder("r", "ratify", 0.9), stakeholder("media", "influence", 2.0, sigma=0.0)
    )
    a, b = evaluate_all(plain), evaluate_all(influenced)
    np.testing.assert_array_equal(a.success, b.success)
    np.testing.assert_array_equal(a.side, b.side)
    result = assess(influenced, Y).side("union")
    media = next(c for c in result.constituencies if c.id == "media")
    assert media.approval_probability == 0.0
    assert media.factor == 1.0


def test_the_negotiator_is_always_a_ratifier() -> None:
    data = base()
    data["sides"][1]["negotiator"]["reservation"] = 0.5  # refuses x (u = 0), accepts y
    case = build_case(data)
    r = evaluate_all(case)
    np.testing.assert_array_equal(r.ratification[1], [0.0, 1.0])
    np.testing.assert_array_equal(r.success, [0.0, 1.0])
    data["sides"][1]["negotiator"].update(reservation=1.0, uncertainty=0.1)
    r = evaluate_all(build_case(data))
    assert r.ratification[1, 1] == 0.5  # Φ((1 − 1)/0.1)


def test_a_voting_constituency_ratifies_with_its_bloc_vote() -> None:
    members = stakeholder("members", "ratify", 0.0, quota=0.5)
    members["blocs"] = [
        {"id": "big", "share": 60, "reservation": 0.9},  # Φ(1)
        {"id": "small", "share": 40, "reservation": 1.1},  # Φ(−1)
    ]
    ratify, _, _, _ = at_y(with_union(members))
    assert ratify == pytest.approx(PHI_1, abs=1e-15)  # the 60% bloc decides alone
    members["quota"] = 0.7  # now both are needed
    ratify, _, _, _ = at_y(with_union(members))
    assert ratify == pytest.approx(PHI_1 * PHI_M1, abs=1e-15)


def test_a_voting_blocker_derails_with_its_bloc_vote() -> None:
    caucus = stakeholder("caucus", "block", 0.0, strength=0.5, quota=1.0)
    # a1: Φ((1 − 0.9)/0.1) = Φ(1); a2 inherits r = 0 and σ = 0.1: Φ(10)
    caucus["blocs"] = [{"id": "a1", "share": 1, "reservation": 0.9}, {"id": "a2", "share": 1}]
    _, implement, _, _ = at_y(with_union(caucus))
    vote = PHI_1 * 0.5 * math.erfc(-10 / math.sqrt(2))  # unanimity: the product
    assert implement == pytest.approx(1 - 0.5 * (1 - vote), abs=1e-15)


def test_success_is_the_product_of_the_sides() -> None:
    data = base()
    data["sides"][0]["constituencies"] = [
        {
            "id": "board",
            "weights": {"a": 1},
            "values": {"a": {"x": 1, "y": 0.3}},
            "reservation": 0.2,
            "uncertainty": 0.1,
        }
    ]
    data["sides"][1]["constituencies"] = [stakeholder("c", "ratify", 0.9)]
    r = evaluate_all(build_case(data))
    assert r.side[0, 1] == pytest.approx(PHI_1, abs=1e-15)  # board: Φ((0.3 − 0.2)/0.1)
    assert r.side[1, 1] == pytest.approx(PHI_1, abs=1e-15)
    assert r.success[1] == pytest.approx(PHI_1 * PHI_1, abs=1e-15)
    np.testing.assert_allclose(r.success, r.side[0] * r.side[1], atol=0)


def test_expected_value_and_the_default_no_deal_value() -> None:
    data = base()
    data["sides"][0]["negotiator"]["reservation"] = 0.1  # no no_deal: x = 0.1
    data["sides"][1]["no_deal"] = 0.35
    data["sides"][1]["constituencies"] = [stakeholder("c", "ratify", 1.0)]  # Φ(0) on y
    case = build_case(data)
    assert case.side("firm").no_deal_value == 0.1
    assert case.side("union").no_deal_value == 0.35
    r = evaluate_all(case)
    # deal y: P = 0.5; firm u = 0.8, union u = 1
    assert r.success[1] == 0.5
    assert r.expected_value[0, 1] == pytest.approx(0.5 * 0.8 + 0.5 * 0.1, abs=1e-15)
    assert r.expected_value[1, 1] == pytest.approx(0.5 * 1.0 + 0.5 * 0.35, abs=1e-15)
    # deal x: the union's constituency gets u = 0 against r = 1: Φ(−10) ≈ 0
    assert r.expected_value[1, 0] == pytest.approx(0.35, abs=1e-15)
    np.testing.assert_allclose(r.utility, [[0.2, 0.8], [0.0, 1.0]], atol=1e-15)
    a = assess(case, Y)
    assert a.expected_value == pytest.approx({"firm": 0.45, "union": 0.675}, abs=1e-15)


def test_no_deal_value_defaults_to_the_negotiator_reservation_even_when_zero() -> None:
    case = build_case(base())
    assert [s.no_deal_value for s in case.sides] == [0.0, 0.0]
    r = evaluate_all(case)
    np.testing.assert_allclose(r.expected_value, r.success * r.utility, atol=1e-15)


def test_a_certain_deal_is_worth_its_utility_and_an_impossible_one_the_no_deal_value() -> None:
    data = copy.deepcopy(base())
    data["sides"][1]["negotiator"]["reservation"] = 0.5
    data["sides"][1]["no_deal"] = 0.4
    r = evaluate_all(build_case(data))
    assert r.expected_value[1, 0] == 0.4  # P = 0
    assert r.expected_value[1, 1] == 1.0  # P = 1


def test_evaluate_all_rows_follow_the_sides_and_columns_the_deal_index() -> None:
    case = with_union(stakeholder("c", "ratify", 0.9))
    r = evaluate_all(case)
    assert r.side.shape == (2, 2)
    np.testing.assert_array_equal(r.indices, [0, 1])
    assert len(r) == 2
