"""What to find out (strategies/findout.py): the three-point rule, the knowledge inputs of
uncertain binding stakeholders, and the value of information's invariants."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest

from leveltwo.io.casefile import case_from_text, load_case
from leveltwo.model.case import Case
from leveltwo.strategies.findout import (
    GAUSS_HERMITE,
    MIN_VALUE,
    find_out,
    knowledge_unknowns,
    regenerate,
)
from leveltwo.strategies.levers import Lever
from leveltwo.strategies.planner import plan, settings_for, start_state
from leveltwo.strategies.search import Search


def _small_text() -> str:
    """The hand-built small case of tests/narrative/smallcases.py."""
    path = Path(__file__).resolve().parents[1] / "narrative" / "smallcases.py"
    spec = importlib.util.spec_from_file_location("smallcases", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.SMALL
    return text


SMALL = _small_text()


@pytest.mark.parametrize(("power", "moment"), [(0, 1.0), (1, 0.0), (2, 1.0), (3, 0.0), (4, 3.0)])
def test_the_three_point_rule_has_the_normals_moments(power: int, moment: float) -> None:
    # E[Z^k] for a standard normal: 1, 0, 1, 0, 3 (a 3-point Gauss–Hermite rule is exact
    # up to degree 5)
    assert math.fsum(w * z**power for z, w in GAUSS_HERMITE) == pytest.approx(moment, abs=1e-15)


@pytest.fixture(scope="module")
def case() -> Case:
    return load_case("labour-contract")


def test_knowledge_inputs_are_the_uncertain_single_actors(case: Case) -> None:
    keys = ("union.members", "hospital.board", "union.staffing_caucus", "hospital.negotiator")
    found = knowledge_unknowns(keys, case)
    about = [u.about for u in found]
    # union.members decides by bloc vote (its blocs' bars are the inputs);
    # hospital.negotiator gives no uncertainty
    assert case.stakeholder("hospital.negotiator").uncertainty == 0
    assert about == [k for k in keys[1:3] if case.stakeholder(k).uncertainty > 0]
    for u in found:
        st = case.stakeholder(u.about)
        r, s = st.reservation, st.uncertainty
        assert u.parameter == f"{u.about}.reservation"
        assert u.lever is Lever.KNOWLEDGE
        assert u.plausible == pytest.approx((r - math.sqrt(3) * s, r, r + math.sqrt(3) * s))
        assert u.weights == pytest.approx((1 / 6, 2 / 3, 1 / 6))
        assert f"{r:.3f} ± {s:.3f}" in u.question
        pinned = u.setter(case, 0.61).stakeholder(u.about)
        assert (pinned.reservation, pinned.uncertainty) == (0.61, 0.0)
        # nobody else moves
        others = [x for x in case.stakeholders() if x.key != u.about]
        assert [u.setter(case, 0.61).stakeholder(x.key) for x in others] == others


def test_what_to_find_out_is_worth_something_and_ranked() -> None:
    small = case_from_text(SMALL)
    p = plan(small)
    assert p.find_out  # the small case has an input worth knowing
    values = [f.value_of_information for f in p.find_out]
    assert values == sorted(values, reverse=True)
    for f in p.find_out:
        assert f.value_of_information >= MIN_VALUE
        assert math.fsum(f.weights) == pytest.approx(1.0)
        assert len(f.plausible_values) == len(f.weights)
        assert not set(f.unlocks) & {s.key for s in p.moves}


def test_with_nothing_planned_regenerating_is_nothing_and_values_are_not_negative() -> None:
    small = case_from_text(SMALL)
    search = Search(start_state(small, None), settings_for(small))
    assert regenerate(search, ()) == ()
    for f in find_out(search, ()):
        assert f.value_of_information >= MIN_VALUE
