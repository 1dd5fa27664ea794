"""What-ifs on assumptions: the changed case, and that case written into the file."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leveltwo import InputError, assess, load_case
from leveltwo.io.bundled import bundled_cases
from leveltwo.io.casefile import case_from_text
from leveltwo.io.casewriter import write_case
from leveltwo.model.assumptions import assumptions, with_assumptions


@pytest.fixture(scope="module")
def nurses():
    return load_case("labour-contract")


@pytest.fixture(scope="module")
def nurses_text():
    path = next(b.path for b in bundled_cases() if b.name == "labour-contract")
    return path.read_text(encoding="utf-8")


def test_every_assumption_is_listed_in_words(nurses):
    found = {a.key: a for a in assumptions(nurses)}
    assert "union.members.critical_care.reservation" in found
    assert "union.staffing_caucus.strength" in found
    assert "union.members.quota" in found
    assert "union.members.reservation" not in found  # a bloc vote decides by its blocs
    for a in found.values():
        assert a.low <= a.value <= a.high
        assert "." not in a.label.split(":")[0] or a.label  # labels are names, not keys


def test_raising_a_bar_lowers_p(nurses):
    key = "union.members.critical_care.reservation"
    now = assess(nurses).success_probability
    higher = assess(with_assumptions(nurses, {key: 0.65})).success_probability
    assert higher < now
    assert assess(nurses).success_probability == now  # the case itself is untouched


def test_weights_stay_normalised(nurses):
    changed = with_assumptions(nurses, {"union.staffing_caucus.weight.staffing": 0.2})
    w = changed.stakeholder("union.staffing_caucus").preferences.weights
    assert w[1] == pytest.approx(0.2)
    assert sum(w) == pytest.approx(1.0)


def test_out_of_range_and_unknown_keys_are_located_errors(nurses):
    with pytest.raises(InputError) as info:
        with_assumptions(nurses, {"union.members.quota": 1.5, "nobody.reservation": 0.3})
    assert {p.path for p in info.value.problems} == {
        "assumptions.union.members.quota",
        "assumptions.nobody.reservation",
    }


KEYS = [
    "union.members.critical_care.reservation",
    "union.members.senior.uncertainty",
    "union.members.early_career.share",
    "union.members.quota",
    "union.staffing_caucus.strength",
    "hospital.board.weight.wages",
    "union.negotiator.reservation",
]


@settings(max_examples=25, deadline=None)
@given(st.dictionaries(st.sampled_from(KEYS), st.floats(0.05, 0.45), min_size=1))
def test_saving_the_what_if_gives_the_case_explored(nurses, nurses_text, overrides):
    explored = with_assumptions(nurses, overrides)
    text = write_case(explored, nurses_text)
    assert case_from_text(text) == explored  # exactly the case explored
    comments = [ln for ln in nurses_text.splitlines() if ln.lstrip().startswith("#")]
    assert comments
    assert all(c in text.splitlines() for c in comments)
    changed = set(text.splitlines()) ^ set(nurses_text.splitlines())
    assert len(changed) <= 2 * len(overrides) * len(nurses.issues)  # the changed fields' lines
