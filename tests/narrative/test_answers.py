"""What changed in the answers between two revisions, in words."""

from __future__ import annotations

from leveltwo import load_case
from leveltwo.model.assumptions import with_assumptions
from leveltwo.narrative.answers import answer_changes, case_answers


def test_same_case_no_change():
    a = case_answers(load_case("labour-contract"))
    assert answer_changes(a, a) == ()


def test_a_higher_bar_is_reported_as_changed_answers():
    case = load_case("labour-contract")
    old = case_answers(case)
    new = case_answers(with_assumptions(case, {"union.members.critical_care.reservation": 0.7}))
    said = " ".join(answer_changes(old, new))
    assert "Chance the proposal sticks: 25.1% →" in said
    assert "ICU and emergency nurses approves 3.3% →" in said
    assert "Agreement zone: 127 →" in said
    assert "union." not in said  # keys never shown
