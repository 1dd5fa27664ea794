"""Under common factors the exact planner's bound is still a proof (docs/strategies.md,
"Common factors"): on small random factor cases the plan equals exhaustive enumeration
over the same candidates, is reported `optimal`, and its upper bound is at least every
enumerated plan's value."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_exact import _enumerate, _small

from leveltwo.io.casefile import case_from_text, read_case_text
from leveltwo.model.case import Case
from leveltwo.model.correlation import FactorFile, correlation_from_files
from leveltwo.strategies import plan
from leveltwo.strategies.exact import solve
from leveltwo.strategies.planner import settings_for, start_state
from leveltwo.strategies.search import Search

FACTORS = """
factors:
  - id: mood
    name: Ward mood
    loadings: {union.members: 0.6, union.staffing_caucus: 0.5}
"""

#: Stakeholders of the small cases of test_exact a factor may load.
KEYS = ("them.members", "them.members.one", "them.members.two", "us.board", "them.negotiator")


def _with_factors(case: Case, draw: Any) -> Case:
    n = draw(st.integers(1, 2))
    table = [-0.9, -0.5, 0.5, 0.9, 1.0] if n == 1 else [-0.6, 0.4, 0.7]
    files = []
    for f in range(n):
        chosen = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=3, unique=True))
        files.append(
            FactorFile(id=f"f{f}", loadings={k: draw(st.sampled_from(table)) for k in chosen})
        )
    return replace(case, extensions=(*case.extensions, *correlation_from_files(files)))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_plan_under_factors_equals_exhaustive_enumeration(data: Any) -> None:
    case = _with_factors(_small(data.draw), data.draw)
    p = plan(case, with_find_out=False, time_limit=None)
    assert p.optimality.status == "optimal"
    enumerated = _enumerate(case)
    assert p.net_value_after == pytest.approx(enumerated, abs=1e-9)
    assert p.optimality.upper_bound >= enumerated - 1e-9


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_stopped_search_under_factors_bounds_every_plan(data: Any) -> None:
    case = _with_factors(_small(data.draw), data.draw)
    search = Search(start_state(case, None), settings_for(case))
    result = solve(search, time_limit=0.0)
    assert result.optimality.upper_bound >= _enumerate(case) - 1e-9


def test_a_case_with_common_factors_gets_a_proved_plan() -> None:
    text, source = read_case_text("labour-contract")
    base = plan(case_from_text(text, source), with_find_out=False)
    assert base.optimality.status == "optimal"
    loaded = plan(case_from_text(text + FACTORS, source), with_find_out=False, time_limit=None)
    assert loaded.optimality.status == "optimal"
    assert loaded.to_json()["optimality"]["status"] == "optimal"
    assert "proved" in loaded.optimality.text()
    # the numbers are the quadrature's, and the sentence says the proof is over them
    assert "optimal for the model as computed" in loaded.optimality.text()
    assert "48-node Gauss–Hermite quadrature" in loaded.optimality.text()
    assert "model as computed" not in base.optimality.text()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_joint_space_values_a_plan_as_the_objective_does_under_factors(data: Any) -> None:
    from leveltwo.strategies.joint import JointSpace

    case = _with_factors(_small(data.draw), data.draw)
    search = Search(start_state(case, None), settings_for(case))
    space = JointSpace(search.base, search.settings.allowed, search.settings.budget)
    pool = st.sampled_from(space.moves) if space.moves else st.nothing()
    chosen = data.draw(st.lists(pool, unique_by=lambda m: m.move.key))
    if not all(space.compatible(chosen[:k], m) for k, m in enumerate(chosen)):
        return
    deal, value = space.exact(chosen)
    if deal is None:
        return
    o = search.value(space.moves_for(deal, chosen))
    assert value == pytest.approx(o.value, abs=1e-9)
