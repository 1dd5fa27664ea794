"""Assessment of one deal: per-stakeholder detail, factors, shortfalls, JSON shape."""

from __future__ import annotations

import dataclasses
import json

import pytest

from leveltwo.engine.assessment import assess
from leveltwo.model.case import Case
from leveltwo.model.deal import Deal


def test_json_has_the_keys_the_issue_requires(pilots: Case) -> None:
    out = assess(pilots).to_json()
    json.dumps(out)  # serialisable
    assert out["deal"] == {"pay": "8%", "scope": "capped"}
    assert set(out["expected_value"]) == {"airline", "union"}  # type: ignore[arg-type]
    assert isinstance(out["success_probability"], float)
    sides = out["sides"]
    assert isinstance(sides, list)
    assert [s["id"] for s in sides] == ["airline", "union"]
    for s in sides:
        assert {
            "id",
            "probability",
            "ratification_probability",
            "implementation_probability",
        } <= set(s)
        for c in s["constituencies"]:
            assert {"id", "name", "power", "utility", "approval_probability"} <= set(c)


def test_factor_is_what_each_constituency_multiplies_its_side_by(pilots: Case) -> None:
    union = assess(pilots).side("union")
    members, militants = union.constituencies
    assert members.factor == members.approval_probability  # a ratifier
    assert militants.factor == pytest.approx(1 - 0.5 * (1 - 0.5))  # a blocker of strength 0.5
    assert militants.strength == 0.5
    assert members.quota == 0.5


def test_shortfall_is_the_utility_missing_to_even_odds(pilots: Case) -> None:
    # at 4% pay, unlimited scope the board is happy, the militants get u = 0 < r = 0.5
    deal = Deal((1, 0))
    union = assess(pilots, deal).side("union")
    militants = union.constituencies[1]
    assert militants.utility == 0.0
    assert militants.shortfall == pytest.approx(0.5)
    assert union.negotiator.shortfall == pytest.approx(0.3 - (1 / 2 * 1 / 3 + 0))  # 0.1333
    airline = assess(pilots, deal).side("airline")
    assert airline.negotiator.shortfall == 0.0
    # a voting constituency's shortfall is carried by its blocs
    members = union.constituencies[0]
    assert members.shortfall is None
    assert all(b.shortfall is not None for b in members.blocs)


def test_a_voting_constituency_shows_the_share_weighted_mean_utility(pilots: Case) -> None:
    members = assess(pilots).side("union").constituencies[0]
    senior, junior = members.blocs
    assert senior.share == 60
    assert junior.share == 40
    assert members.utility == pytest.approx((60 * 11 / 18 + 40 * 5 / 9) / 100)


def test_assess_without_a_proposal_assesses_our_opening_position(pilots: Case) -> None:
    bare = dataclasses.replace(pilots, proposal=None)
    assert bare.default_deal() == bare.opening_deal() != pilots.proposal
    assert assess(bare) == assess(bare, bare.opening_deal())
    assert pilots.default_deal() == pilots.proposal
    assert assess(bare, Deal((2, 1))).success_probability == assess(pilots).success_probability
