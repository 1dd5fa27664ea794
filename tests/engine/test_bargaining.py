"""The bargaining equilibrium: closed forms (docs/bargaining.md derives each) and properties.

Closed forms on one issue "share to B" with 1,001 options (tolerance 2e-3):
Rubinstein (1982); a ratification floor on B's share (Putnam 1988's small win-set,
Iida 1993); tied hands on A's side (Schelling 1960); both floors (no agreement);
Tarar-style take-it-or-leave-it in one dimension (Tarar 2001; Milner and
Rosendorff 1997).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from bargaincases import pie, spatial
from casegen import case_data
from hypothesis import given, settings
from hypothesis import strategies as st

from leveltwo.engine.assessment import assess
from leveltwo.engine.bargaining import Game, bargain, equilibrium, proposer_ids
from leveltwo.engine.winsets import analyze_space
from leveltwo.errors import CaseError, LeveltwoError
from leveltwo.model.bargaining import Bargaining, OnFailure
from leveltwo.model.build import build_case

TOL = 2e-3


def share_a(case: Any, first: str) -> float:
    """A's share of the pie in the equilibrium where ``first`` proposes first."""
    (e,) = bargain(case, first).equilibria
    assert e.deal is not None
    return 1 - float(dict(e.deal.labels)["share"])


def test_the_share_issue_has_1001_options() -> None:
    assert pie().size == 1001


def test_rubinstein_first_proposer_gets_one_over_one_plus_delta() -> None:
    delta = 0.9
    assert share_a(pie(delta), "a") == pytest.approx(1 / (1 + delta), abs=TOL)  # 0.5263
    assert share_a(pie(delta), "b") == pytest.approx(delta / (1 + delta), abs=TOL)


def test_rubinstein_with_unequal_discounts() -> None:
    da, db = 0.9, 0.8
    assert share_a(pie(da, db), "a") == pytest.approx((1 - db) / (1 - da * db), abs=TOL)


def test_a_floor_on_bs_share_binds() -> None:
    case = pie(0.9, floor_b=0.6)
    assert share_a(case, "a") == pytest.approx(0.40, abs=TOL)
    assert 1 - share_a(case, "b") == pytest.approx(0.64, abs=TOL)


def test_tied_hands_our_own_floor_raises_our_share() -> None:
    tied, free = pie(0.9, floor_a=0.6), pie(0.9)
    assert share_a(tied, "a") == pytest.approx(0.64, abs=TOL)
    assert share_a(tied, "b") == pytest.approx(0.60, abs=TOL)
    assert share_a(free, "a") == pytest.approx(0.526, abs=TOL)
    assert share_a(free, "b") == pytest.approx(0.474, abs=TOL)


def test_both_floors_leave_no_agreement_and_it_is_not_an_error() -> None:
    result = bargain(pie(0.9, floor_a=0.6, floor_b=0.6), "both")
    assert not result.agreed
    for e in result.equilibria:
        assert e.deal is None
        assert e.agreement_probability == 0.0
        assert e.delay is None
        assert e.expected_value == (("a", 0.0), ("b", 0.0))
        assert e.to_json()["deal"] is None


@pytest.mark.parametrize(
    ("kwargs", "x"),
    [
        ({}, 0.8),
        ({"responder_ratifier": 0.3}, 0.6),  # hawkish: the constraint binds
        ({"responder_ratifier": 0.6}, 0.8),  # dovish: it does not
        ({"proposer_ratifier": 0.25}, 0.5),  # the proposer's own ratifier binds
    ],
)
def test_spatial_take_it_or_leave_it(kwargs: dict[str, float], x: float) -> None:
    case = spatial(**kwargs)
    (e,) = bargain(case).equilibria
    assert e.deal is not None
    assert float(dict(e.deal.labels)["x"]) == pytest.approx(x, abs=TOL)
    assert e.delay == 0.0
    assert len(e.offers) == 1


def test_the_deadline_game_has_the_last_proposer_advantage() -> None:
    # one round: A takes all; two rounds: B would take all, so A offers B δ·1
    assert share_a(pie(0.9, max_rounds=1), "a") == pytest.approx(1.0, abs=TOL)
    assert share_a(pie(0.9, max_rounds=2), "a") == pytest.approx(0.1, abs=TOL)
    # long deadlines approach Rubinstein's split
    assert share_a(pie(0.9, max_rounds=401), "a") == pytest.approx(1 / 1.9, abs=0.01)


def test_breakdown_after_a_failed_ratification_ends_the_game() -> None:
    cont = bargain(pie(0.9, floor_b=0.6, sigma_b=0.05), "a").equilibria[0]
    brk = bargain(pie(0.9, floor_b=0.6, sigma_b=0.05, on_failure="breakdown"), "a")
    (b,) = brk.equilibria
    assert b.delay == 0.0  # accepted at once; failure ends it
    assert b.agreement_probability == pytest.approx(b.success_probability)
    assert cont.agreement_probability == pytest.approx(1.0)  # failures are retried
    assert cont.delay is not None
    assert cont.delay > 0


def test_uncertain_acceptance_gives_an_expected_delay() -> None:
    (e,) = bargain(pie(0.9, negotiator_sigma=0.05), "a").equilibria
    assert e.offers[0].acceptance_probability < 1
    assert e.delay is not None
    assert e.delay > 0
    assert e.agreement_probability == pytest.approx(1.0)


def test_ev_is_consistent_with_the_path_when_everything_is_sure() -> None:
    (e,) = bargain(pie(0.9, floor_b=0.6), "a").equilibria
    assert e.deal is not None
    assert e.expected_value == e.deal.expected_value  # immediate agreement, P = 1


def test_both_discounts_one_without_deadline_is_a_located_error() -> None:
    with pytest.raises(CaseError) as err:
        bargain(pie(1.0))
    assert err.value.problems[0].path == "bargaining.discount"


def test_first_proposer_names() -> None:
    case = pie()
    assert proposer_ids(case) == ("a",)
    assert proposer_ids(case, "them") == ("b",)
    assert proposer_ids(case, "both") == ("a", "b")
    with pytest.raises(LeveltwoError, match="--first"):
        proposer_ids(case, "c")


def test_one_shot_best_and_nash_are_reported() -> None:
    result = bargain(pie(0.9), "a")
    assert dict(result.one_shot_best.labels)["share"] == "0"
    assert result.nash_deal is not None
    assert dict(result.nash_deal.labels)["share"] == "0.5"
    doc = result.to_json()
    assert set(doc) >= {"equilibrium", "one_shot_best", "nash_deal", "bargaining"}
    (eq,) = doc["equilibrium"]  # type: ignore[misc]
    assert set(eq) >= {"first_proposer", "deal", "success_probability", "expected_value", "delay"}


# ---------------------------------------------------------------------------
# properties
@settings(max_examples=12, deadline=None)
@given(st.floats(0.9, 0.999))
def test_symmetric_patience_approaches_the_nash_split(delta: float) -> None:
    case = pie(delta, n=400)
    nash = analyze_space(case).nash_deal
    assert nash is not None
    nash_share = 1 - float(dict(nash.labels)["share"])
    # Rubinstein's first-proposer advantage (1 − δ)/(2(1 + δ)) vanishes as δ → 1
    bound = (1 - delta) / (2 * (1 + delta)) + 2.5 / 400
    assert abs(share_a(case, "a") - nash_share) <= bound


@settings(max_examples=25, deadline=None)
@given(
    st.floats(0.5, 0.98),
    st.floats(0.5, 0.98),
    st.integers(0, 100),
    st.integers(0, 90),
    st.integers(0, 90),
    st.sampled_from(["a", "b"]),
)
def test_a_tougher_own_ratifier_never_lowers_our_share(
    da: float, db: float, kb: int, k1: int, dk: int, first: str
) -> None:
    # σ = 0, floors on the grid of 200 steps, and the zone non-empty: r_a + r_b ≤ 1
    k2 = min(k1 + dk, 200 - kb)
    k1 = min(k1, k2)
    low = share_a(pie(da, db, floor_a=k1 / 200, floor_b=kb / 200, n=200), first)
    high = share_a(pie(da, db, floor_a=k2 / 200, floor_b=kb / 200, n=200), first)
    assert high >= low - 1e-9


def _sure(data: dict[str, Any]) -> dict[str, Any]:
    """The same case with every uncertainty 0, full-strength blockers and no implementation
    risks (P is 0 or 1)."""
    out = copy.deepcopy(data)
    for side in out["sides"]:
        side.pop("implementation_risks", None)
        side["negotiator"]["uncertainty"] = 0
        for c in side.get("constituencies", []):
            c["uncertainty"] = 0
            c["strength"] = 1
            for b in c.get("blocs", []):
                b.pop("uncertainty", None)
    return out


@settings(max_examples=40, deadline=None)
@given(case_data(), st.floats(0.3, 0.95), st.floats(0.3, 0.95), st.booleans())
def test_with_p_one_the_equilibrium_deal_is_in_both_winsets(
    data: dict[str, Any], da: float, db: float, breakdown: bool
) -> None:
    case = build_case(_sure(data))
    ids = [s.id for s in case.sides]
    settings_ = Bargaining(
        discounts=((ids[0], da), (ids[1], db)),
        on_failure=OnFailure.BREAKDOWN if breakdown else OnFailure.CONTINUE,
    )
    game = Game.of(case, settings_)
    for sid in ids:
        e = equilibrium(game, sid)
        if e.deal is None:
            continue
        assert e.success_probability == 1.0
        assert e.delay == 0.0
        # in both win-sets: each side ratifies it for sure
        a = assess(case, e.deal.deal)
        assert all(s.probability == 1.0 for s in a.sides)
        # and each side gets at least its no-deal value
        for s in case.sides:
            assert e.ev(s.id) >= s.no_deal_value - 1e-9
