"""Validation reports every problem at once, each with the path of the field, what
was expected and what was found (one test per error kind of the issue)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from leveltwo.errors import CaseError, Problem
from leveltwo.model.build import build_case, validate_case_data

Data = dict[str, Any]


def problems(data: Data) -> list[Problem]:
    return validate_case_data(data)


def by_path(data: Data) -> dict[str, Problem]:
    found = problems(data)
    out = {p.path: p for p in found}
    assert len(out) == len(found), [p.message() for p in found]
    return out


def only(data: Data) -> Problem:
    found = problems(data)
    assert len(found) == 1, [p.message() for p in found]
    return found[0]


def members(data: Data) -> Data:
    return data["sides"][1]["constituencies"][0]  # type: ignore[no-any-return]


def test_the_pilots_case_is_valid(pilots_data: Data) -> None:
    assert problems(pilots_data) == []


# ---------------------------------------------------------------------------
# unknown issue or option ids
def test_unknown_issue_in_weights(pilots_data: Data) -> None:
    pilots_data["sides"][0]["negotiator"]["weights"]["wage"] = 1
    p = only(pilots_data)
    assert p.path == "sides[0].negotiator.weights.wage"
    assert p.found == "'wage'"
    assert "pay" in p.expected
    assert "scope" in p.expected


def test_unknown_issue_in_values(pilots_data: Data) -> None:
    pilots_data["sides"][1]["constituencies"][1]["values"]["bonus"] = "ascending"
    p = only(pilots_data)
    assert p.path == "sides[1].constituencies[1].values.bonus"
    assert p.found == "'bonus'"


def test_unknown_issue_in_a_blocs_weights(pilots_data: Data) -> None:
    members(pilots_data)["blocs"][1]["weights"] = {"pay": 1, "wage": 2}
    p = only(pilots_data)
    assert p.path == "sides[1].constituencies[0].blocs[1].weights.wage"


def test_unknown_option_in_values(pilots_data: Data) -> None:
    pilots_data["sides"][0]["negotiator"]["values"]["scope"]["forbidden"] = 0.2
    p = only(pilots_data)
    assert p.path == "sides[0].negotiator.values.scope.forbidden"
    assert p.found == "'forbidden'"
    assert "unlimited" in p.expected


# ---------------------------------------------------------------------------
# weights
def test_negative_weight(pilots_data: Data) -> None:
    members(pilots_data)["weights"]["pay"] = -1
    p = only(pilots_data)
    assert p.path == "sides[1].constituencies[0].weights.pay"
    assert p.found == "-1"
    assert "greater than or equal to 0" in p.expected


def test_all_zero_weights(pilots_data: Data) -> None:
    members(pilots_data)["blocs"][1]["weights"] = {"pay": 0, "scope": 0}
    p = only(pilots_data)
    assert p.path == "sides[1].constituencies[0].blocs[1].weights"
    assert p.expected == "at least one positive weight"


def test_missing_weights_of_a_constituency_without_blocs(pilots_data: Data) -> None:
    del pilots_data["sides"][0]["constituencies"][0]["weights"]
    p = only(pilots_data)
    assert p.path == "sides[0].constituencies[0].weights"
    assert p.found == "nothing"


# ---------------------------------------------------------------------------
# values
@pytest.mark.parametrize(("value", "word"), [(1.5, "less than or equal to 1"), (-0.2, "greater")])
def test_value_outside_the_unit_interval(pilots_data: Data, value: float, word: str) -> None:
    pilots_data["sides"][0]["negotiator"]["values"]["scope"]["capped"] = value
    p = only(pilots_data)
    assert p.path == "sides[0].negotiator.values.scope.capped"
    assert word in p.expected
    assert p.found == str(value)


def test_values_missing_for_an_issue_with_positive_weight(pilots_data: Data) -> None:
    del pilots_data["sides"][0]["negotiator"]["values"]["pay"]
    p = only(pilots_data)
    assert p.path == "sides[0].negotiator.values.pay"
    assert "positive weight" in p.expected


def test_values_that_leave_an_option_out(pilots_data: Data) -> None:
    pilots_data["sides"][0]["negotiator"]["values"]["scope"] = {"unlimited": 1}
    p = only(pilots_data)
    assert p.path == "sides[0].negotiator.values.scope"
    assert "capped" in p.found
    assert "banned" in p.found


def test_unknown_value_shorthand(pilots_data: Data) -> None:
    pilots_data["sides"][0]["negotiator"]["values"]["pay"] = "upwards"
    p = only(pilots_data)
    assert p.path == "sides[0].negotiator.values.pay"
    assert "ascending" in p.expected
    assert "descending" in p.expected
    assert p.found == "'upwards'"


# ---------------------------------------------------------------------------
# quotas, strengths, shares, uncertainties
@pytest.mark.parametrize("quota", [0, -0.1, 1.2])
def test_quota_outside_zero_one(pilots_data: Data, quota: float) -> None:
    members(pilots_data)["quota"] = quota
    p = only(pilots_data)
    assert p.path == "sides[1].constituencies[0].quota"
    assert p.found == str(quota)


def test_quota_of_exactly_one_is_valid(pilots_data: Data) -> None:
    members(pilots_data)["quota"] = 1
    assert problems(pilots_data) == []


@pytest.mark.parametrize("strength", [-0.1, 1.5])
def test_strength_outside_zero_one(pilots_data: Data, strength: float) -> None:
    pilots_data["sides"][1]["constituencies"][1]["strength"] = strength
    p = only(pilots_data)
    assert p.path == "sides[1].constituencies[1].strength"
    assert p.found == str(strength)


@pytest.mark.parametrize("strength", [0, 1])
def test_strength_at_the_bounds_is_valid(pilots_data: Data, strength: float) -> None:
    pilots_data["sides"][1]["constituencies"][1]["strength"] = strength
    assert problems(pilots_data) == []


@pytest.mark.parametrize("share", [0, -5])
def test_share_must_be_positive(pilots_data: Data, share: float) -> None:
    members(pilots_data)["blocs"][1]["share"] = share
    p = only(pilots_data)
    assert p.path == "sides[1].constituencies[0].blocs[1].share"
    assert "greater than 0" in p.expected


def test_negative_uncertainty(pilots_data: Data) -> None:
    members(pilots_data)["blocs"][0]["uncertainty"] = -0.1
    assert only(pilots_data).path == "sides[1].constituencies[0].blocs[0].uncertainty"


# ---------------------------------------------------------------------------
# duplicate ids
CONS = "sides[1].constituencies"
DUPLICATES: list[tuple[Callable[[Data], None], str]] = [
    (lambda d: d["issues"][1].update(id="pay"), "issues[1].id"),
    (lambda d: d["sides"][1].update(id="airline"), "sides[1].id"),
    (lambda d: members(d).update(id="militants"), f"{CONS}[1].id"),
    (lambda d: members(d)["blocs"][1].update(id="senior"), f"{CONS}[0].blocs[1].id"),
    (lambda d: d["issues"][0].update(options=["0%", "4%", "4%"]), "issues[0].options[2]"),
]


@pytest.mark.parametrize(("mutate", "path"), DUPLICATES, ids=[p for _, p in DUPLICATES])
def test_duplicate_ids(pilots_data: Data, mutate: Callable[[Data], None], path: str) -> None:
    mutate(pilots_data)
    found = by_path(pilots_data)
    assert path in found
    assert "not used before" in found[path].expected


def test_a_constituency_may_not_be_called_negotiator(pilots_data: Data) -> None:
    pilots_data["sides"][0]["constituencies"][0]["id"] = "negotiator"
    p = only(pilots_data)
    assert p.path == "sides[0].constituencies[0].id"
    assert "reserved" in p.expected


def test_the_same_constituency_id_on_both_sides_is_fine(pilots_data: Data) -> None:
    pilots_data["sides"][0]["constituencies"][0]["id"] = "members"
    assert problems(pilots_data) == []


# ---------------------------------------------------------------------------
# proposal (and opening)
def test_proposal_with_an_unknown_option(pilots_data: Data) -> None:
    pilots_data["proposal"]["pay"] = "9%"
    p = only(pilots_data)
    assert p.path == "proposal.pay"
    assert p.found == "'9%'"
    assert "8%" in p.expected


def test_proposal_with_an_unknown_issue(pilots_data: Data) -> None:
    pilots_data["proposal"]["bonus"] = "yes"
    p = only(pilots_data)
    assert p.path == "proposal.bonus"
    assert p.found == "'bonus'"


def test_proposal_leaving_an_issue_out(pilots_data: Data) -> None:
    del pilots_data["proposal"]["scope"]
    p = only(pilots_data)
    assert p.path == "proposal.scope"
    assert "scope" in p.expected
    assert p.found.startswith("nothing")


def test_opening_is_checked_like_the_proposal(pilots_data: Data) -> None:
    pilots_data["opening"] = {"pay": "0%", "scope": "everything"}
    assert only(pilots_data).path == "opening.scope"


def test_proposal_of_a_numeric_issue_may_be_a_number(pilots_data: Data) -> None:
    pilots_data["issues"][0]["options"] = [0, 4, 8, 12]
    pilots_data["proposal"]["pay"] = 8
    assert problems(pilots_data) == []


# ---------------------------------------------------------------------------
# power kinds and other structure
def test_unknown_power_kind(pilots_data: Data) -> None:
    pilots_data["sides"][1]["constituencies"][1]["power"] = "veto"
    p = only(pilots_data)
    assert p.path == "sides[1].constituencies[1].power"
    assert p.found == "'veto'"
    for kind in ("ratify", "block", "influence"):
        assert kind in p.expected


def test_unknown_field(pilots_data: Data) -> None:
    pilots_data["sides"][0]["colour"] = "red"
    p = only(pilots_data)
    assert p.path == "sides[0].colour"
    assert "known field" in p.expected


def test_missing_required_field(pilots_data: Data) -> None:
    del pilots_data["title"]
    p = only(pilots_data)
    assert p.path == "title"
    assert p.found == "nothing"


def test_us_must_name_a_side(pilots_data: Data) -> None:
    pilots_data["us"] = "pilots"
    p = only(pilots_data)
    assert p.path == "us"
    assert "airline" in p.expected


def test_format_version_must_be_one(pilots_data: Data) -> None:
    pilots_data["leveltwo"] = 2
    p = only(pilots_data)
    assert p.path == "leveltwo"
    assert p.found == "2"


def test_exactly_two_sides(pilots_data: Data) -> None:
    pilots_data["sides"].pop()
    found = by_path(pilots_data)
    assert "sides" in found


def test_ids_must_start_with_a_letter(pilots_data: Data) -> None:
    pilots_data["sides"][0]["constituencies"][0]["id"] = "1board"
    p = only(pilots_data)
    assert p.path == "sides[0].constituencies[0].id"


def test_an_issue_needs_options(pilots_data: Data) -> None:
    pilots_data["issues"].append({"id": "bonus", "options": []})
    found = by_path(pilots_data)
    assert "issues[2].options" in found
    assert found["issues[2].options"].expected == "at least one option"


def test_the_top_level_must_be_a_mapping() -> None:
    p = only([1, 2])  # type: ignore[arg-type]
    assert p.path == ""
    assert p.found == "a list"


# ---------------------------------------------------------------------------
# every problem at once
def test_every_problem_is_reported_at_once(pilots_data: Data) -> None:
    pilots_data["sides"][0]["constituencies"][0]["power"] = "vote"
    members(pilots_data)["blocs"][2:] = [{"id": "pilots", "share": -2}]
    members(pilots_data)["quota"] = 1.5
    pilots_data["sides"][1]["constituencies"][1]["strength"] = 2
    pilots_data["sides"][0]["negotiator"]["weights"]["wage"] = 1
    pilots_data["sides"][0]["negotiator"]["values"]["scope"]["capped"] = 7
    pilots_data["proposal"]["pay"] = "9%"
    del pilots_data["proposal"]["scope"]
    found = by_path(pilots_data)
    assert set(found) == {
        "sides[0].constituencies[0].power",
        "sides[1].constituencies[0].blocs[2].share",
        "sides[1].constituencies[0].quota",
        "sides[1].constituencies[1].strength",
        "sides[0].negotiator.weights.wage",
        "sides[0].negotiator.values.scope.capped",
        "proposal.pay",
        "proposal.scope",
    }
    with pytest.raises(CaseError) as info:
        build_case(pilots_data, "pilots.yaml")
    err = info.value
    assert len(err.problems) == 8
    assert err.exit_code == 2
    assert err.message.startswith("pilots.yaml: 8 problems")
    assert "sides[1].constituencies[0].blocs[2].share" in err.message


def test_problems_read_as_path_expected_found(pilots_data: Data) -> None:
    members(pilots_data)["blocs"][1]["share"] = 0
    p = only(pilots_data)
    assert p.message() == (
        "sides[1].constituencies[0].blocs[1].share: expected a number greater than 0, found 0"
    )
    assert p.to_json()["path"] == "sides[1].constituencies[0].blocs[1].share"


def test_a_malformed_range_is_one_problem_not_a_cascade(pilots_data: Data) -> None:
    pilots_data["issues"][0]["options"] = {"start": 0, "stop": 12, "step": 0}
    assert [p.path for p in problems(pilots_data)] == ["issues[0].options.step"]


def test_problems_under_numeric_option_keys_have_dotted_paths() -> None:
    data: Data = {
        "leveltwo": 1,
        "title": "numeric",
        "issues": [{"id": "a", "options": {"start": 0, "stop": 12, "step": 4}}],
        "sides": [
            {"id": "one", "negotiator": {"weights": {"a": 1}, "values": {"a": "ascending"}}},
            {
                "id": "two",
                "negotiator": {"weights": {"a": 1}, "values": {"a": {0: 0, 4: 0.2, 8: 2, 13: 1}}},
            },
        ],
    }
    found = by_path(data)
    assert set(found) == {
        "sides[1].negotiator.values.a.8",  # value above 1
        "sides[1].negotiator.values.a.13",  # not an option
        "sides[1].negotiator.values.a",  # 12 has no value
    }
    assert found["sides[1].negotiator.values.a.13"].found == "13"
