"""What-ifs on assumptions: the changed case, and the same change written into the file."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from leveltwo import InputError, assess, load_case
from leveltwo.io.bundled import bundled_cases
from leveltwo.model.assumptions import apply_to_data, assumptions, with_assumptions
from leveltwo.model.build import build_case


@pytest.fixture(scope="module")
def nurses():
    return load_case("labour-contract")


@pytest.fixture(scope="module")
def nurses_data():
    path = next(b.path for b in bundled_cases() if b.name == "labour-contract")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


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
def test_saving_the_what_if_gives_the_case_explored(nurses, nurses_data, overrides):
    explored = with_assumptions(nurses, overrides)
    saved = build_case(apply_to_data(nurses_data, nurses, overrides))
    for deal in (nurses.proposal, nurses.opening_deal()):
        a, b = assess(explored, deal), assess(saved, deal)
        assert a.success_probability == pytest.approx(b.success_probability, abs=1e-5)
