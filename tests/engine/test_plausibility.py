"""Plausibility warnings: located, only where the numbers look wrong, never on the bundled cases."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from leveltwo.engine.plausibility import plausibility_warnings
from leveltwo.io.bundled import bundled_cases
from leveltwo.io.casefile import parse_text, read_case_text
from leveltwo.io.checked import checked_case_from_text
from leveltwo.model.build import build_case

BASE: dict[str, Any] = {
    "leveltwo": 1,
    "title": "t",
    "issues": [{"id": "pay", "options": ["0%", "4%", "8%"]}],
    "sides": [
        {
            "id": "firm",
            "negotiator": {
                "weights": {"pay": 1},
                "values": {"pay": "descending"},
                "reservation": 0.3,
            },
            "constituencies": [
                {
                    "id": "board",
                    "weights": {"pay": 1},
                    "values": {"pay": "descending"},
                    "reservation": 0.4,
                    "uncertainty": 0.1,
                }
            ],
        },
        {
            "id": "union",
            "negotiator": {
                "weights": {"pay": 1},
                "values": {"pay": "ascending"},
                "reservation": 0.3,
            },
        },
    ],
}


def warnings_of(data: dict[str, Any]) -> list[str]:
    return [p.path + " | " + p.found for p in plausibility_warnings(build_case(data), data)]


def variant() -> dict[str, Any]:
    return copy.deepcopy(BASE)


def test_a_sensible_case_has_no_warnings() -> None:
    assert warnings_of(variant()) == []


@pytest.mark.parametrize("name", [c.name for c in bundled_cases()])
def test_bundled_cases_have_no_warnings(name: str) -> None:
    text, _ = read_case_text(name)
    assert checked_case_from_text(text)[1] == []


def test_a_reservation_typed_as_a_percentage_is_warned_once_at_its_field() -> None:
    data = variant()
    data["sides"][0]["constituencies"][0]["reservation"] = 40
    found = plausibility_warnings(build_case(data), data)
    assert [p.path for p in found] == ["sides[0].constituencies[0].reservation"]
    assert "0.4, not 40?" in found[0].expected
    assert found[0].found == "40"


def test_negative_reservation_and_no_deal_above_one_are_warned() -> None:
    data = variant()
    data["sides"][1]["negotiator"]["reservation"] = -2
    data["sides"][1]["no_deal"] = 1.5
    paths = [w.split(" | ")[0] for w in warnings_of(data)]
    assert paths == ["sides[1].no_deal", "sides[1].negotiator.reservation"]


def test_shares_that_miss_the_declared_total_are_warned() -> None:
    data = variant()
    board = data["sides"][0]["constituencies"][0]
    board["blocs"] = [{"id": "a", "share": 50}, {"id": "b", "share": 40}]
    assert warnings_of(data) == []  # no total declared: shares are any positive numbers
    board["total_share"] = 100
    assert warnings_of(data) == ["sides[0].constituencies[0].blocs | shares adding up to 90"]
    board["blocs"][1]["share"] = 50
    assert warnings_of(data) == []


def test_a_stakeholder_that_approves_every_deal_or_none_is_warned() -> None:
    data = variant()
    board = data["sides"][0]["constituencies"][0]
    board["reservation"], board["uncertainty"] = 0.0, 0.0  # u ≥ 0 everywhere
    assert [w.split(" | ")[0] for w in warnings_of(data)] == ["sides[0].constituencies[0]"]
    assert "approves every deal" in warnings_of(data)[0]
    board["reservation"], board["uncertainty"] = 0.95, 0.01  # best utility 1 → p(1) < 0.999
    assert warnings_of(data) == []
    board["reservation"] = 1.0
    board["uncertainty"] = 0.0
    assert warnings_of(data) == []  # u = 1 reaches r = 1 on the best deal
    data["sides"][0]["negotiator"]["values"]["pay"] = {"0%": 0.5, "4%": 0.3, "8%": 0.2}
    data["sides"][0]["negotiator"]["reservation"] = 0.6
    assert warnings_of(data) == [
        "sides[0].negotiator | one that approves no deal (its best "
        "utility 0.500 is below its reservation 0.6)"
    ]


def test_influence_constituencies_are_not_judged() -> None:
    data = variant()
    board = data["sides"][0]["constituencies"][0]
    board["power"], board["reservation"], board["uncertainty"] = "influence", 0.0, 0.0
    assert warnings_of(data) == []


def test_warnings_carry_the_line_of_the_field() -> None:
    data = variant()
    data["sides"][0]["constituencies"][0]["reservation"] = 40
    text = yaml.safe_dump(data, sort_keys=False)
    _, found = checked_case_from_text(text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "reservation: 40" in t)
    assert found[0].line == line
    assert parse_text(text) == data


def test_money_given_issue_by_issue_sums_and_is_checked_against_our_weights() -> None:
    data = variant()
    data["issues"].append({"id": "term", "options": ["1y", "3y"]})
    data["sides"][0]["negotiator"]["weights"] = {"pay": 3, "term": 1}
    data["sides"][0]["negotiator"]["values"]["term"] = "ascending"
    data["money"] = {"currency": "EUR", "per_issue": {"pay": 9e6, "term": 3e6}}
    case = build_case(data)
    assert case.money is not None
    assert case.money.per_utility == 12e6
    assert warnings_of(data) == []  # 9 : 3 is our 3 : 1
    data["money"]["per_issue"] = {"pay": 6e6, "term": 6e6}
    assert [w.split(" | ")[0] for w in warnings_of(data)] == [
        "money.per_issue.pay",
        "money.per_issue.term",
    ]


def test_money_per_issue_must_cover_our_issues_and_name_real_ones() -> None:
    from leveltwo.errors import CaseError

    data = variant()
    data["money"] = {"currency": "EUR", "per_issue": {"wages": 1e6}}
    with pytest.raises(CaseError) as err:
        build_case(data)
    assert [p.path for p in err.value.problems] == ["money.per_issue.wages", "money.per_issue"]
    data["money"] = {"currency": "EUR", "per_utility": 1e6, "per_issue": {"pay": 1e6}}
    with pytest.raises(CaseError) as err:
        build_case(data)
    assert "exactly one of `per_utility` and `per_issue`" in err.value.problems[0].expected
