"""The planner respects linked options: no plan changes the terms into a deal that
breaks a constraint (the engine's mask, through the search's admissibility check)."""

from __future__ import annotations

from dataclasses import replace

from leveltwo.io.casefile import load_case
from leveltwo.model.constraints import Constraint, ConstraintKind
from leveltwo.strategies.planner import plan
from leveltwo.strategies.planresult import Plan


def test_a_plan_never_proposes_a_term_a_constraint_forbids() -> None:
    case = load_case("missile-crisis")
    free = plan(case, with_find_out=False)
    final = dict(free.final_deal)
    changed = [(k, v) for k, v in final.items() if dict(free.deal)[k] != v]
    assert changed  # the plan asks for a term change
    issue, option = changed[0]
    # forbid exactly that change, given the proposal's withdrawal term
    link = Constraint(
        ConstraintKind.EXCLUDES,
        (("withdrawal", (dict(free.deal)["withdrawal"],)),),
        ((issue, (option,)),),
        "a test constraint",
    )
    constrained = replace(case, constraints=(*case.constraints, link))
    p = plan(constrained, with_find_out=False)
    assert dict(p.final_deal)[issue] != option
    assert all(c.satisfied_by(dict(p.final_deal)) for c in constrained.constraints)
    assert p.net_value_after <= free.net_value_after + 1e-12


def _timeless(p: Plan) -> Plan:
    """The plan without the search's effort (time, nodes, evaluations): the answer only."""
    return replace(p, evaluations=0, optimality=replace(p.optimality, seconds=0.0, nodes=0))


def test_a_constraint_the_plan_keeps_anyway_changes_nothing() -> None:
    case = load_case("missile-crisis")
    with_it = plan(case, with_find_out=False)
    without = plan(replace(case, constraints=()), with_find_out=False)
    assert _timeless(with_it) == _timeless(without)
