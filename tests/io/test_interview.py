"""The guided interview (io/interview.py): ids from names, the draft case its answers
give, where a third party's pressure lands, and the answers carried as JSON."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leveltwo.errors import InputError
from leveltwo.io.interview import (
    SCALES,
    BlocAnswer,
    Interview,
    IssueAnswer,
    OfferAnswer,
    SideAnswer,
    StakeholderAnswer,
    ThirdPartyAnswer,
    draft_case,
    draft_data,
    interview_from,
    interview_json,
    slug,
    stakeholders,
    with_stakeholder,
    with_votes,
)
from leveltwo.model.case import Power
from leveltwo.model.keys import ID_PATTERN

ISSUES = (
    IssueAnswer("pay", "Pay rise", ("low", "mid", "high")),
    IssueAnswer("site", "Plant", ("close", "keep")),
)


def person(sid: str, name: str, **kw: object) -> StakeholderAnswer:
    return StakeholderAnswer(
        sid, name, ("pay", "site"), (("pay", "descending"), ("site", "ascending")), **kw
    )  # type: ignore[arg-type]


def interview() -> Interview:
    members = StakeholderAnswer(
        "members",
        "Members",
        ("pay", "site"),
        (("pay", "ascending"), ("site", "ascending")),
        blocs=(BlocAnswer("senior", "Senior", 0.6), BlocAnswer("junior", "Junior", 0.4)),
        concede="some",
    )
    caucus = StakeholderAnswer(
        "caucus", "Caucus", ("site",), (("site", "ascending"),), power=Power.BLOCK, strength=0.3
    )
    return Interview(
        title="Small plant",
        issues=ISSUES,
        sides=(
            SideAnswer("firm", "Firm", person("negotiator", "Manager")),
            SideAnswer("union", "Union", person("negotiator", "President"), (members, caucus)),
        ),
        offers=(OfferAnswer("Training fund", "union.members", "medium", "small"),),
        third_parties=(
            ThirdPartyAnswer("The mayor", "union.members.junior", "strong", "a lot"),
            ThirdPartyAnswer("The press", "union.caucus", "weak", "a little"),
        ),
    )


@given(st.text(max_size=30), st.lists(st.text(max_size=8), max_size=5))
def test_a_slug_is_a_valid_unused_id(text: str, taken: list[str]) -> None:
    out = slug(text, taken)
    assert ID_PATTERN.fullmatch(out)
    assert out not in taken
    assert out != "negotiator"


def test_slugs_read_as_the_name() -> None:
    assert slug("Board of directors") == "board_of_directors"
    assert slug("Board of directors", ["board_of_directors"]) == "board_of_directors_2"
    assert slug("2024 caucus") == "x_2024_caucus"
    assert slug("Negotiator") == "negotiator_2"
    assert slug("!!!") == "x"


def test_the_draft_is_a_valid_case_with_the_answers() -> None:
    iv = interview()
    case = draft_case(iv)
    assert [s.id for s in case.sides] == ["firm", "union"]
    members = case.stakeholder("union.members")
    assert [b.key for b in members.blocs] == ["union.members.senior", "union.members.junior"]  # type: ignore[attr-defined]
    assert members.level2.audience_cost == SCALES["concede"]["some"]
    caucus = case.stakeholder("union.caucus")
    assert caucus.power is Power.BLOCK  # type: ignore[attr-defined]
    assert caucus.strength == 0.3  # type: ignore[attr-defined]
    (offer,) = case.level2.offers
    assert dict(offer.value) == {"union.members": SCALES["worth"]["medium"]}
    assert offer.cost == SCALES["worth"]["small"]


def test_a_third_partys_pressure_lands_on_the_stakeholder_it_reaches() -> None:
    data = draft_data(interview())
    union = data["sides"][1]
    members, caucus = union["constituencies"]
    junior = members["blocs"][1]
    assert junior["id"] == "junior"
    assert junior["pressure"] == SCALES["listens"]["a lot"]
    assert caucus["pressure"] == SCALES["listens"]["a little"]
    assert "pressure" not in members
    assert "pressure" not in members["blocs"][0]
    parties = data["level2"]["third_parties"]
    assert [p["reaches"] for p in parties] == [["union.members.junior"], ["union.caucus"]]
    assert [p["strength"] for p in parties] == [0.2, 0.05]
    # ids are unique across offers and third parties
    ids = [o["id"] for o in data["level2"]["compensation"]] + [p["id"] for p in parties]
    assert len(set(ids)) == len(ids)


def test_a_third_party_reaching_nobody_sets_no_pressure() -> None:
    iv = interview()
    lost = ThirdPartyAnswer("Nobody", "union.nobody", "weak", "a lot")
    bad = ThirdPartyAnswer("Malformed", "union", "weak", "a lot")
    data = draft_data(Interview(iv.title, iv.issues, iv.sides, third_parties=(lost, bad)))
    text = repr(data["sides"])
    assert "pressure" not in text


def test_the_voters_are_every_bar_asked_for() -> None:
    keys = [k for k, _, _ in interview().voters()]
    assert keys == [
        "firm.negotiator",
        "union.negotiator",
        "union.members.senior",
        "union.members.junior",
        "union.caucus",
    ]
    assert all(re.fullmatch(r"\w+\.\w+(\.\w+)?", k) for k in keys)


def test_votes_and_a_replaced_stakeholder_land_where_they_belong() -> None:
    iv = with_votes(interview(), {"union.members.junior": [0.2, 0.8], "firm.negotiator": [1.0]})
    members = iv.sides[1].constituencies[0]
    assert members.blocs[1].votes == (0.2, 0.8)
    assert members.blocs[0].votes == ()
    assert iv.sides[0].negotiator.votes == (1.0,)
    listed = stakeholders(iv)
    assert [(si, ci, s.id) for si, ci, s in listed] == [
        (0, -1, "negotiator"),
        (1, -1, "negotiator"),
        (1, 0, "members"),
        (1, 1, "caucus"),
    ]
    renamed = with_stakeholder(iv, 1, 1, person("caucus", "Ward caucus"))
    assert renamed.sides[1].constituencies[1].name == "Ward caucus"
    assert renamed.sides[1].constituencies[0] == members


def test_the_answers_round_trip_through_json() -> None:
    iv = with_votes(interview(), {"union.caucus": [0.5, None]})
    assert interview_from(interview_json(iv)) == iv
    with pytest.raises(InputError) as err:
        interview_from({"title": 3})
    assert err.value.problems[0].path == "interview"
