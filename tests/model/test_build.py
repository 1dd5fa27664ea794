"""Building a case from a file: normalisation, shorthands, bloc inheritance, numeric
ranges, defaults, keys; and deals from labels."""

from __future__ import annotations

from typing import Any

import pytest

from leveltwo.errors import DealError
from leveltwo.model.build import build_case, deal_from_labels
from leveltwo.model.case import Bloc, Case, Power
from leveltwo.model.deal import Deal
from leveltwo.model.dealargs import parse_deal_args

Data = dict[str, Any]


def minimal(**extra: Any) -> Data:
    data: Data = {
        "leveltwo": 1,
        "title": "minimal",
        "issues": [
            {"id": "a", "options": ["x", "y", "z"]},
            {"id": "b", "options": ["p", "q"]},
        ],
        "sides": [
            {"id": "one", "negotiator": {"weights": {"a": 1}, "values": {"a": "ascending"}}},
            {"id": "two", "negotiator": {"weights": {"b": 1}, "values": {"b": "descending"}}},
        ],
    }
    data.update(extra)
    return data


def approx(values: tuple[float, ...]) -> Any:
    return pytest.approx(values, abs=1e-15)


# ---------------------------------------------------------------------------
# weights and values
def test_weights_are_normalised_to_sum_to_one(pilots: Case) -> None:
    assert pilots.side("airline").negotiator.preferences.weights == approx((0.75, 0.25))
    assert pilots.stakeholder("union.members").preferences.weights == approx((2 / 3, 1 / 3))


def test_an_issue_without_weight_has_weight_zero(pilots: Case) -> None:
    militants = pilots.stakeholder("union.militants").preferences
    assert militants.weights == (0.0, 1.0)
    assert militants.relevant_issues() == (1,)


def test_ascending_and_descending_are_linear_along_the_listed_order(pilots: Case) -> None:
    union = pilots.side("union").negotiator.preferences
    assert union.values[0] == approx((0.0, 1 / 3, 2 / 3, 1.0))  # pay: 4 options
    assert union.values[1] == approx((0.0, 0.5, 1.0))  # scope: 3 options
    board = pilots.stakeholder("airline.board").preferences
    assert board.values[0] == approx((1.0, 2 / 3, 1 / 3, 0.0))
    assert board.values[1] == approx((1.0, 0.5, 0.0))


def test_a_one_option_issue_is_worth_one_either_way() -> None:
    data = minimal()
    data["issues"].append({"id": "c", "options": ["only"]})
    data["sides"][0]["negotiator"] = {
        "weights": {"a": 1, "c": 1},
        "values": {"a": "ascending", "c": "descending"},
    }
    case = build_case(data)
    assert case.side("one").negotiator.preferences.values[2] == (1.0,)


def test_value_tables_follow_the_option_order(pilots: Case) -> None:
    airline = pilots.side("airline").negotiator.preferences
    assert airline.values[1] == (1.0, 0.6, 0.0)  # {unlimited: 1, capped: 0.6, banned: 0}


def test_values_of_an_unweighted_issue_are_zero() -> None:
    case = build_case(minimal())
    assert case.side("one").negotiator.preferences.values[1] == (0.0, 0.0)


# ---------------------------------------------------------------------------
# bloc inheritance
def test_blocs_inherit_weights_values_reservation_and_uncertainty(pilots: Case) -> None:
    members = pilots.side("union").constituency("members")
    senior, junior = members.blocs
    assert isinstance(senior, Bloc)
    # senior overrides only its reservation
    assert senior.preferences == members.preferences
    assert senior.uncertainty == 0.05
    assert senior.reservation == 0.45
    assert senior.share == 60
    # junior overrides its weights, still inherits the values
    assert junior.preferences.weights == approx((1 / 3, 2 / 3))
    assert junior.preferences.values == members.preferences.values
    assert junior.uncertainty == 0.05
    assert junior.reservation == 0.55


def test_a_bloc_inherits_values_issue_by_issue(pilots_data: Data) -> None:
    bloc = pilots_data["sides"][1]["constituencies"][0]["blocs"][1]
    bloc["values"] = {"scope": {"unlimited": 0.2, "capped": 0.9, "banned": 1}}
    case = build_case(pilots_data)
    junior = case.stakeholder("union.members.junior")
    members = case.stakeholder("union.members")
    assert junior.preferences.values[0] == members.preferences.values[0]  # pay inherited
    assert junior.preferences.values[1] == (0.2, 0.9, 1.0)  # scope its own


def test_a_bloc_inherits_the_constituency_reservation_when_it_gives_none(
    pilots_data: Data,
) -> None:
    members = pilots_data["sides"][1]["constituencies"][0]
    members["reservation"] = 0.33
    members["uncertainty"] = 0.07
    del members["blocs"][0]["reservation"]
    members["blocs"][1]["uncertainty"] = 0.2
    case = build_case(pilots_data)
    senior = case.stakeholder("union.members.senior")
    junior = case.stakeholder("union.members.junior")
    assert (senior.reservation, senior.uncertainty) == (0.33, 0.07)
    assert (junior.reservation, junior.uncertainty) == (0.55, 0.2)


def test_a_constituency_needs_no_weights_when_every_bloc_has_its_own() -> None:
    data = minimal()
    data["sides"][1]["constituencies"] = [
        {
            "id": "house",
            "values": {"a": "ascending", "b": "ascending"},
            "blocs": [
                {"id": "left", "share": 1, "weights": {"a": 1}},
                {"id": "right", "share": 2, "weights": {"b": 1}},
            ],
        }
    ]
    case = build_case(data)
    left = case.stakeholder("two.house.left")
    right = case.stakeholder("two.house.right")
    assert left.preferences.weights == (1.0, 0.0)
    assert right.preferences.weights == (0.0, 1.0)
    assert right.preferences.values[1] == (0.0, 1.0)


def test_a_bloc_without_weights_needs_its_constituencys() -> None:
    data = minimal()
    data["sides"][1]["constituencies"] = [
        {
            "id": "house",
            "values": {"a": "ascending"},
            "blocs": [{"id": "left", "share": 1, "weights": {"a": 1}}, {"id": "right", "share": 2}],
        }
    ]
    from leveltwo.model.build import validate_case_data

    paths = [p.path for p in validate_case_data(data)]
    assert paths == ["sides[1].constituencies[0].weights"]


# ---------------------------------------------------------------------------
# numeric options
@pytest.mark.parametrize(
    ("options", "labels"),
    [
        ({"start": 0, "stop": 12, "step": 4, "unit": "%"}, ("0%", "4%", "8%", "12%")),
        ({"start": 0.5, "stop": 1.5, "step": 0.25}, ("0.5", "0.75", "1", "1.25", "1.5")),
        ({"start": 0, "stop": 1, "step": 0.1}, tuple(f"{k / 10:g}" for k in range(11))),
        ({"start": 2, "stop": 2, "step": 1}, ("2",)),
        ({"start": 1, "stop": 10, "step": 4}, ("1", "5", "9")),  # stop not on the grid
        ([0, 2.5, 5], ("0", "2.5", "5")),
        ([1.0, 2.0], ("1", "2")),
    ],
)
def test_numeric_options(options: Any, labels: tuple[str, ...]) -> None:
    data = minimal()
    data["issues"][0]["options"] = options
    case = build_case(data)
    assert case.issues[0].options == labels
    prefs = case.side("one").negotiator.preferences  # ascending over the range
    assert len(prefs.values[0]) == len(labels)
    assert prefs.values[0][-1] == 1.0


def test_a_range_needs_a_step() -> None:
    data = minimal()
    data["issues"][0]["options"] = {"start": 1, "stop": 3}
    from leveltwo.model.build import validate_case_data

    assert [p.path for p in validate_case_data(data)] == ["issues[0].options.step"]


def test_values_and_proposal_name_numeric_options_by_label_or_number() -> None:
    data = minimal(proposal={"a": 8, "b": "q"})
    data["issues"][0]["options"] = {"start": 0, "stop": 12, "step": 4}
    data["sides"][0]["negotiator"]["values"] = {"a": {0: 0, 4: 0.2, "8": 0.7, 12: 1}}
    case = build_case(data)
    assert case.side("one").negotiator.preferences.values[0] == (0.0, 0.2, 0.7, 1.0)
    assert case.proposal == Deal((2, 1))


# ---------------------------------------------------------------------------
# defaults
def test_defaults() -> None:
    data = minimal()
    data["sides"][1]["constituencies"] = [
        {"id": "members", "weights": {"b": 1}, "values": {"b": "ascending"}}
    ]
    case = build_case(data)
    assert case.us == "one"  # the first side
    assert case.proposal is None
    assert case.opening is None
    assert case.description == ""
    assert case.issues[0].name == "a"  # name defaults to the id
    one, two = case.sides
    assert one.name == "one"
    assert one.negotiator.name == "Negotiator"
    assert one.negotiator.reservation == 0.0
    assert one.negotiator.uncertainty == 0.0
    assert one.no_deal is None
    assert one.no_deal_value == 0.0  # the negotiator's reservation
    c = two.constituency("members")
    assert c.name == "members"
    assert c.power is Power.RATIFY
    assert c.quota == 0.5
    assert c.strength == 1.0
    assert c.reservation == 0.0
    assert c.uncertainty == 0.0
    assert c.blocs == ()


def test_no_deal_defaults_to_the_negotiator_reservation(pilots: Case) -> None:
    assert pilots.side("airline").no_deal_value == 0.25  # given
    assert pilots.side("union").no_deal_value == 0.3  # the negotiator's reservation


def test_us_picks_the_side_we_advise() -> None:
    case = build_case(minimal(us="two"))
    assert case.our_side.id == "two"
    assert case.their_side.id == "one"


def test_opening_defaults_to_our_negotiators_best_deal(pilots: Case) -> None:
    # the airline likes 0% pay and unlimited outsourcing best
    assert pilots.deal_labels(pilots.opening_deal()) == {"pay": "0%", "scope": "unlimited"}


# ---------------------------------------------------------------------------
# keys and navigation
def test_stakeholder_keys_are_qualified(pilots: Case) -> None:
    keys = [s.key for s in pilots.stakeholders()]
    assert keys == [
        "airline.negotiator",
        "airline.board",
        "union.negotiator",
        "union.members",
        "union.members.senior",
        "union.members.junior",
        "union.militants",
    ]
    assert pilots.stakeholder("union.members.junior").id == "junior"


def test_ratifiers_and_blockers_by_power(pilots: Case) -> None:
    union = pilots.side("union")
    assert [c.id for c in union.ratifiers()] == ["members"]
    assert [c.id for c in union.blockers()] == ["militants"]


def test_deal_index_round_trip(pilots: Case) -> None:
    assert pilots.size == 12
    assert pilots.shape == (4, 3)
    for k in range(pilots.size):
        assert pilots.deal_index(pilots.deal_from_index(k)) == k
    assert pilots.deal_from_index(7) == Deal((2, 1))  # last issue fastest: 8%, capped
    assert pilots.proposal == Deal((2, 1))


# ---------------------------------------------------------------------------
# deals from labels (--deal)
def test_deal_from_labels(pilots: Case) -> None:
    deal = deal_from_labels(pilots.issues, {"pay": "12%", "scope": "banned"})
    assert deal == Deal((3, 2))


def test_deal_with_unknown_option_or_missing_issue_raises_every_problem(pilots: Case) -> None:
    with pytest.raises(DealError) as info:
        deal_from_labels(pilots.issues, {"pay": "9%", "bonus": "x"})
    paths = sorted(p.path for p in info.value.problems)
    assert paths == ["deal.bonus", "deal.pay", "deal.scope"]
    assert info.value.exit_code == 2


def test_parse_deal_args(pilots: Case) -> None:
    assert parse_deal_args(pilots, ["pay=4%", "scope = capped"]) == Deal((1, 1))
    # issues not named come from a base deal
    assert parse_deal_args(pilots, ["pay=0%"], base=pilots.proposal) == Deal((0, 1))


def test_parse_deal_args_errors(pilots: Case) -> None:
    with pytest.raises(DealError) as info:
        parse_deal_args(pilots, ["pay:4%"])
    assert info.value.problems[0].path == "--deal[0]"
    assert info.value.problems[0].expected == "ISSUE=OPTION"
    with pytest.raises(DealError) as info:
        parse_deal_args(pilots, ["pay=4%"])
    assert [p.path for p in info.value.problems] == ["deal.scope"]
