"""Robustness: one-at-a-time sensitivity and a seeded, reproducible Monte Carlo."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from leveltwo.model.case import Case, Category
from leveltwo.strategies.planner import plan
from leveltwo.strategies.robustness import robustness, uncertain_inputs

Tiny = Callable[..., Case]


def test_same_seed_same_bytes_and_the_seed_is_in_the_output(rich: Case) -> None:
    p = plan(rich, with_find_out=False)
    one = json.dumps(robustness(rich, p, seed=3, draws=8).to_json())
    two = json.dumps(robustness(rich, p, seed=3, draws=8).to_json())
    assert one == two
    doc = json.loads(one)
    assert doc["monte_carlo"]["seed"] == 3
    assert doc["monte_carlo"]["draws"] == 8


def test_frequencies_are_shares_of_the_draws(rich: Case) -> None:
    r = robustness(rich, plan(rich, with_find_out=False), seed=1, draws=10)
    assert r.frequency
    for _, share in r.frequency:
        assert 0.0 < share <= 1.0
        assert (share * 10) == pytest.approx(round(share * 10))
    assert r.value_p05 <= r.value_mean <= r.value_p95


def test_uncertain_inputs_cover_level2_inputs_and_binding_reservations(rich: Case) -> None:
    assert rich.proposal is not None
    names = {u.parameter: u for u in uncertain_inputs(rich, rich.proposal)}
    assert "union.members.framing" in names
    assert names["union.members.framing"].low == pytest.approx(0.15)
    assert names["union.members.framing"].high == pytest.approx(0.45)
    assert "level2.tacit_enforceability" in names
    assert "level2.third_parties.customers.backlash" in names
    reservation = names["union.militants.reservation"]
    assert not reservation.monte_carlo  # σ is already priced in; only the sensitivity varies it
    assert reservation.high - reservation.low == pytest.approx(0.2)


def test_a_frame_that_only_just_pays_is_flagged_as_fragile(tiny: Tiny) -> None:
    # X approves at Φ(-1); a frame of receptivity 0.5 is the only move on offer.
    case = tiny({"framing": 0.5})
    p = plan(case, allowed=[Category.FRAMING])
    r = robustness(case, p, draws=5)
    assert r.top == "framing:them.x"
    rows = {s.parameter: s for s in r.sensitivity}
    frame = rows["them.x.framing"]
    assert frame.low == pytest.approx(0.25)
    assert frame.gain_low < frame.gain_high  # a weaker frame gains less
    assert rows["them.x.reservation"].value_low > rows["them.x.reservation"].value_high
    assert dict(r.frequency)["framing:them.x"] == 1.0


def test_a_move_that_stops_paying_flips_the_recommendation(tiny: Tiny) -> None:
    # pressure pays at backlash 0.5 (net 0.205 > 0.163) but not at 0.75 (break-even 0.716).
    level2 = {
        "third_parties": [
            {
                "id": "c",
                "name": "Customers",
                "reaches": ["them.x"],
                "strength": 0.1,
                "backlash": 0.5,
            }
        ]
    }
    case = tiny({"pressure": 1.0}, level2)
    p = plan(case, allowed=[Category.OUTSIDE_PRESSURE])
    assert p.move_keys == ("outside_pressure:c",)
    r = robustness(case, p, draws=5)
    rows = {s.parameter: s for s in r.sensitivity}
    backlash = rows["level2.third_parties.c.backlash"]
    assert backlash.top_high is None
    assert backlash.verdict == "flips"


def test_the_base_is_the_plans_net_value_and_only_its_moves_are_listed(rich: Case) -> None:
    p = plan(rich, with_find_out=False)
    r = robustness(rich, p, seed=2, draws=6)
    assert r.net_value == p.net_value_after
    assert {k for k, _ in r.frequency} == set(p.move_keys)
    for s in r.sensitivity:
        assert s.label
        assert "." not in s.label.split(":")[0] or " " in s.label  # words, not an id


def test_an_assumed_backlash_is_varied_from_zero(rich_data: dict[str, object]) -> None:
    import copy

    from leveltwo.model.build import build_case

    data = copy.deepcopy(rich_data)
    data["level2"]["third_parties"][0].pop("backlash")  # type: ignore[index]
    case = build_case(data)
    assert case.proposal is not None
    names = {u.parameter: u for u in uncertain_inputs(case, case.proposal)}
    u = names["level2.third_parties.customers.backlash"]
    assert (u.base, u.low) == (0.0, 0.0)
    assert u.high > 0
    assert "assumed 0" in u.label
