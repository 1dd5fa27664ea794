"""Victory-speech ingredients: claims, concessions and lines to avoid (hand-computed)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from smallcases import SMALL, small_case

from leveltwo.errors import InputError
from leveltwo.io.bundled import bundled_cases
from leveltwo.io.casefile import case_from_text, load_case
from leveltwo.model.case import Case
from leveltwo.model.deal import Deal
from leveltwo.narrative.ingredients import INFLAME_THRESHOLD, Audience, speech_ingredients

CASES = {b.name: load_case(b.name) for b in bundled_cases()}


def audience(ing_audiences: tuple[Audience, ...], key: str) -> Audience:
    for a in ing_audiences:
        for m in (a, *a.blocs):
            if m.key == key:
                return m
    raise KeyError(key)


def test_default_side_is_the_counterpart() -> None:
    ing = speech_ingredients(small_case())
    assert ing.side == "union"
    assert not ing.ours
    assert ing.other_side == "firm"


def test_claims_for_members_by_hand() -> None:
    ing = speech_ingredients(small_case())
    members = audience(ing.audiences, "union.members")
    # pay high: w 0.75, v 1 → score 0.75; site keep: w 0.25, v 1 → score 0.25
    assert [c.issue for c in members.claims] == ["pay", "site"]
    pay, site = members.claims
    assert pay.term == "high"
    assert pay.opening_term == "low"
    assert pay.score == pytest.approx(0.75)
    assert pay.no_deal_margin == pytest.approx(0.75 * (1 - 0.4))
    assert pay.opening_margin == pytest.approx(0.75)
    assert site.no_deal_margin == pytest.approx(0.25 * (1 - 0.4))
    assert members.utility == pytest.approx(1.0)
    assert members.surplus == pytest.approx(0.6)
    # the no-deal margins sum to the surplus (weights sum to 1)
    assert sum(c.no_deal_margin for c in members.claims) == pytest.approx(members.surplus)


def test_no_claim_where_the_deal_serves_worse_than_both_references() -> None:
    ing = speech_ingredients(small_case())
    retirees = audience(ing.audiences, "union.retirees")
    # pay high is worth 0 to them: below r = 0.3 and below our opening (low: 1)
    assert [c.issue for c in retirees.claims] == ["site"]
    assert retirees.heaviest_issue == "pay"


def test_concessions_are_moves_from_our_opening_that_help_their_negotiator() -> None:
    ing = speech_ingredients(small_case())
    assert [(c.issue, c.opening_term, c.term) for c in ing.concessions] == [
        ("pay", "low", "high"),
        ("site", "close", "keep"),
    ]
    assert ing.held == ()


def test_pay_boast_inflames_the_board_and_the_retirees_not_the_staff() -> None:
    ing = speech_ingredients(small_case())
    pay = audience(ing.audiences, "union.members").claims[0]
    losses = {t.key: t.loss for t in pay.inflames}
    # board: w 1, best v 1, v(high) 0 → loss 1; retirees: w 0.5 → loss 0.5
    assert losses == pytest.approx({"firm.board": 1.0, "union.retirees": 0.5})
    # staff oppose pay too, but weigh it 0.025, below the threshold
    assert not any(t.key == "firm.staff" for t in pay.inflames)


def test_site_boast_inflames_nobody() -> None:
    ing = speech_ingredients(small_case())
    site = audience(ing.audiences, "union.members").claims[1]
    # the town and the staff value keeping the site as the members do (same direction)
    assert site.inflames == ()


def test_lines_to_avoid_group_audiences_and_order_by_loss() -> None:
    lines = speech_ingredients(small_case()).lines_to_avoid()
    assert [(x.issue, x.listener.key) for x in lines] == [
        ("pay", "firm.board"),
        ("pay", "union.retirees"),
    ]
    board = lines[0]
    assert [k for k, _ in board.audiences] == ["union.negotiator", "union.members"]
    assert "Board" in board.sentence()
    assert "high" in board.sentence()


def test_a_listener_is_not_inflamed_by_claims_made_to_itself() -> None:
    case = small_case()
    ing = speech_ingredients(case, side="firm", deal=Deal((0, 0)))
    board = audience(ing.audiences, "firm.board")
    pay = next(c for c in board.claims if c.issue == "pay")
    assert "firm.board" not in {t.key for t in pay.inflames}
    # a low pay rise hurts the union's members (w 0.75, loss 0.75)
    assert {t.key for t in pay.inflames} == {"union.members"}


def test_our_side_lists_what_we_held() -> None:
    case = small_case()
    ing = speech_ingredients(case, side="firm", deal=Deal((0, 1)))
    assert ing.ours
    # our opening is (low, close); the deal keeps pay low, which beats our no-deal 0.2
    assert [(c.issue, c.term) for c in ing.held] == [("pay", "low")]
    # their opening (no `their_opening`: the union leader's best deal) is (high, keep):
    # moving pay from high (v 0) to low (v 1) gave our negotiator 0.5 · 1 = 0.5; site
    # stays at keep (margin 0), so it is no concession
    assert [(c.issue, c.opening_term, c.term) for c in ing.concessions] == [("pay", "high", "low")]
    assert ing.concessions[0].opening_margin == pytest.approx(0.5)
    assert ing.opening_default
    assert ing.opening_field == "their_opening"
    assert "their_opening" in (ing.opening_assumption or "")


def test_our_speech_measures_from_their_opening_when_the_case_sets_it() -> None:
    text = SMALL + "their_opening: {pay: mid, site: close}\n"
    ing = speech_ingredients(case_from_text(text, "small"), side="firm", deal=Deal((0, 1)))
    # pay: from mid (v 0.5) to low (v 1) → 0.5 · 0.5 = 0.25; site: from close (v 1) to
    # keep (v 0) → −0.5, no concession
    assert [(c.issue, c.opening_term, c.term) for c in ing.concessions] == [("pay", "mid", "low")]
    assert ing.concessions[0].opening_margin == pytest.approx(0.25)
    assert dict(ing.opening) == {"pay": "mid", "site": "close"}
    assert not ing.opening_default
    assert ing.opening_assumption is None
    # the speech to the counterpart still measures from our opening
    theirs = speech_ingredients(case_from_text(text, "small"))
    assert dict(theirs.opening) == {"pay": "low", "site": "close"}


def test_unknown_side_is_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        speech_ingredients(small_case(), side="nobody")
    assert err.value.problems[0].path == "side"
    assert "firm" in err.value.problems[0].expected


def _deal(case: Case, index: int) -> Deal:
    return case.deal_from_index(index % case.size)


@given(
    name=st.sampled_from(sorted(CASES)),
    index=st.integers(0, 10**9),
    ours=st.booleans(),
)
def test_every_claim_is_supported_and_cites_the_deal(name: str, index: int, ours: bool) -> None:
    case = CASES[name]
    deal = _deal(case, index)
    side = case.us if ours else case.their_side.id
    ing = speech_ingredients(case, deal, side)
    labels = case.deal_labels(deal)
    opening = case.deal_labels(case.their_opening_deal() if ours else case.opening_deal())
    for a in ing.audiences:
        for m in (a, *a.blocs):
            st_ = case.stakeholder(m.key)
            for c in m.claims:
                i = next(k for k, iss in enumerate(case.issues) if iss.id == c.issue)
                assert c.term == labels[c.issue]
                assert c.opening_term == opening[c.issue]
                assert c.value == st_.preferences.values[i][deal.choices[i]]
                assert c.no_deal_margin > 0 or c.opening_margin > 0
                for t in c.inflames:
                    assert t.loss >= INFLAME_THRESHOLD - 1e-9
                    assert t.key != m.key
            scores = [c.score for c in m.claims]
            assert scores == sorted(scores, reverse=True)
    for c in ing.concessions:
        assert c.term == labels[c.issue] != c.opening_term
    assert ing.to_json() == speech_ingredients(case, deal, side).to_json()
