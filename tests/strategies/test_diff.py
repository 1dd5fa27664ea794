"""What changed between two states, read from the cases themselves."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leveltwo.io.casefile import load_case
from leveltwo.model.case import (
    Case,
    Constituency,
    ImplementationRisk,
    Power,
    Preferences,
    Stakeholder,
)
from leveltwo.model.keys import StakeholderKey
from leveltwo.strategies.diff import Change, diff
from leveltwo.strategies.ops import State, rebuild


@pytest.fixture(scope="module")
def case() -> Case:
    return load_case("labour-contract")


def test_nothing_changed_is_no_change(case: Case) -> None:
    state = State(case, case.default_deal())
    assert diff(state, state) == ()


def test_each_change_is_reported_once_in_case_order(case: Case) -> None:
    before = State(case, case.default_deal())
    overtime = next(i for i, x in enumerate(case.issues) if x.id == "overtime")

    def members(st: Stakeholder) -> Stakeholder:
        assert isinstance(st, Constituency)
        return replace(st, reservation=st.reservation + 0.05, quota=0.6)

    def bondholders(st: Stakeholder) -> Stakeholder:
        return replace(st, power=Power.RATIFY)

    changed = rebuild(case, {"union.members": members, "hospital.bondholders": bondholders})
    after = State(changed, before.deal.with_choice(overtime, 2))
    # proposal: overtime "capped at 12h a month"; option 2 is "voluntary only";
    # union.members: reservation 0.45, quota 0.5; hospital.bondholders: influence
    assert diff(before, after) == (
        Change("deal.overtime", "capped at 12h a month", "voluntary only"),
        Change("hospital.bondholders.power", "influence", "ratify"),
        Change("union.members.reservation", 0.45, pytest.approx(0.50)),
        Change("union.members.quota", 0.5, 0.6),
    )


def test_new_weights_are_listed_largest_first_as_percentages(case: Case) -> None:
    n = len(case.issues)
    weights = tuple(0.75 if k == 0 else (0.25 if k == 1 else 0.0) for k in range(n))

    def board(st: Stakeholder) -> Stakeholder:
        return replace(st, preferences=Preferences(weights, st.preferences.values))

    after = State(rebuild(case, {"hospital.board": board}), case.default_deal())
    (change,) = diff(State(case, case.default_deal()), after)
    assert change.parameter == "hospital.board.weights"
    assert change.after == "wages 75%, staffing 25%"
    # the board's file weights: wages 4, staffing 2, premium 2, bonus 0.5, term 2 (of 10.5);
    # equal weights are listed by issue id, last first
    assert change.before == "wages 38%, term 19%, staffing 19%, premium 19%, bonus 5%"


def test_an_added_stakeholder_and_option_are_reported(case: Case) -> None:
    side = case.side("union")
    extra = replace(
        side.constituencies[-1],
        key=StakeholderKey.of("union", "wildcat"),
        id="wildcat",
        name="Wildcat strikers",
        power=Power.BLOCK,
        strength=0.4,
    )
    risk = ImplementationRisk("courts", "Court challenge", 0.25)
    bigger = case.with_side(
        replace(side, constituencies=(*side.constituencies, extra), risks=(*side.risks, risk))
    )
    term = next(i for i, x in enumerate(case.issues) if x.id == "term")
    issues = tuple(
        replace(x, options=(*x.options, "5 years")) if k == term else x
        for k, x in enumerate(case.issues)
    )
    grown = replace(bigger, issues=issues)
    out = diff(State(case, case.default_deal()), State(grown, case.default_deal()))
    assert Change("issues.term.options", None, "+ 5 years") in out
    # a blocking constituency is a stakeholder, not an implementation risk
    assert Change("union.wildcat", None, "added: Wildcat strikers") in out
    added_risk = "added: Court challenge (implementation risk 25%)"
    assert Change("union.implementation_risks.courts", None, added_risk) in out
    assert len(out) == 3


@given(
    st.one_of(st.none(), st.text(alphabet="abc xyz", max_size=5), st.floats(-10, 10)),
    st.one_of(st.none(), st.text(alphabet="abc xyz", max_size=5), st.floats(-10, 10)),
)
def test_change_text_and_json_show_both_sides(before: object, after: object) -> None:
    c = Change("p", before, after)  # type: ignore[arg-type]
    text = c.text()
    assert text.startswith("p: ")
    left, right = text.removeprefix("p: ").split(" → ")
    for side, value in ((left, before), (right, after)):
        if value is None:
            assert side == "—"
        elif isinstance(value, float):
            assert side == f"{value:.3f}"
    assert c.to_json() == {"parameter": "p", "before": before, "after": after}
