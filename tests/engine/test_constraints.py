"""Linked options: the feasibility mask, and every whole-space answer respecting it.

The reference is :meth:`Constraint.satisfied_by` on each deal's labels (a plain
reading of the rule, deal by deal); the engine's mask is vectorised tables.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from casegen import Data, case_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leveltwo.engine.constraints import Feasibility, feasible, feasible_deal
from leveltwo.engine.diagnosis import diagnose
from leveltwo.engine.space import OutcomeSpace
from leveltwo.engine.winsets import TIE, analyze_space
from leveltwo.errors import CaseError, InfeasibleError
from leveltwo.io.casefile import load_case
from leveltwo.model.build import build_case
from leveltwo.model.deal import Deal


@st.composite
def constraint(draw: st.DrawFn, issues: list[Data]) -> Data:
    def lit(many: bool) -> tuple[str, Any]:
        issue = draw(st.sampled_from(issues))
        if many and draw(st.booleans()):
            opts = draw(st.lists(st.sampled_from(issue["options"]), min_size=1, unique=True))
            return issue["id"], opts
        return issue["id"], draw(st.sampled_from(issue["options"]))

    kind = draw(st.sampled_from(["excludes", "requires", "at_most_one"]))
    if kind == "at_most_one":
        items = [dict([lit(False)]) for _ in range(draw(st.integers(2, 3)))]
        return {"at_most_one": items}
    when = dict(lit(False) for _ in range(draw(st.integers(1, 2))))
    then = dict(lit(True) for _ in range(draw(st.integers(1, 2))))
    if kind == "excludes":  # an option cannot exclude itself (a located error)
        for iid, opt in when.items():
            if iid in then:
                listed = then[iid] if isinstance(then[iid], list) else [then[iid]]
                kept = [o for o in listed if o != opt]
                if kept:
                    then[iid] = kept
                else:
                    del then[iid]
        if not then:
            return {"at_most_one": [dict([lit(False)]), dict([lit(False)])]}
    return {"option": when, kind: then}


@st.composite
def constrained_data(draw: st.DrawFn) -> Data:
    data = draw(case_data())
    data["constraints"] = [draw(constraint(data["issues"])) for _ in range(draw(st.integers(1, 3)))]
    return data


def _holds(labels: dict[str, str], iid: str, opts: Any) -> bool:
    return labels[iid] in (opts if isinstance(opts, list) else [opts])


def _keeps(labels: dict[str, str], c: Data) -> bool:
    """The rule of docs/case-format.md, read from the file's own entry."""
    if "at_most_one" in c:
        return sum(_holds(labels, *next(iter(x.items()))) for x in c["at_most_one"]) <= 1
    if not all(_holds(labels, k, v) for k, v in c["option"].items()):
        return True
    if "excludes" in c:
        return not any(_holds(labels, k, v) for k, v in c["excludes"].items())
    return all(_holds(labels, k, v) for k, v in c["requires"].items())


def reference_mask(case: Any, data: Data | None = None) -> np.ndarray:
    """Deal by deal, in index order: does it keep every constraint? (From the raw file
    entries when given, else from the built constraints.)"""
    out = []
    for choices in itertools.product(*(range(k) for k in case.shape)):
        labels = case.deal_labels(Deal(tuple(choices)))
        if data is not None:
            out.append(all(_keeps(labels, c) for c in data["constraints"]))
        else:
            out.append(all(c.satisfied_by(labels) for c in case.constraints))
    return np.array(out, dtype=bool)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(constrained_data())
def test_the_mask_equals_the_rule_read_deal_by_deal(data: Data) -> None:
    case = build_case(data)
    idx = np.arange(case.size, dtype=np.int64)
    mask = feasible(case, OutcomeSpace(case.shape).digits(idx))
    assert (mask == reference_mask(case, data)).all()
    assert (mask == reference_mask(case)).all()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(constrained_data())
def test_no_answer_of_a_constrained_case_breaks_a_constraint(data: Data) -> None:
    case = build_case(data)
    ok = reference_mask(case, data)
    if not ok.any():
        with pytest.raises(InfeasibleError):
            analyze_space(case)
        return
    result = analyze_space(case, chunk=7)  # small chunks: the mask is applied per chunk
    points = [result.best_deal, *result.frontier]
    if result.nash_deal is not None:
        points.append(result.nash_deal)
    for p in points:
        assert ok[case.deal_index(p.deal)]
    assert result.feasible_outcomes == int(ok.sum())
    # the answers are those of the feasible deals alone
    free = analyze_space(replace(case, constraints=()))
    # the best deal is the largest EV on the 1e-12 tie grid (engine/winsets.py), so the
    # feasible best can exceed the free best by float noise below the grid, not more
    on_grid = np.floor(np.array([result.best_deal.ev(case.us), free.best_deal.ev(case.us)]) / TIE)
    assert on_grid[0] <= on_grid[1]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_data())
def test_a_constraint_every_deal_keeps_gives_todays_numbers_exactly(data: Data) -> None:
    plain = build_case(data)
    # two options of one issue: a deal holds at most one of them, always
    issue = data["issues"][0]
    kept = copy.deepcopy(data)
    kept["constraints"] = [
        {"at_most_one": [{issue["id"]: issue["options"][0]}, {issue["id"]: issue["options"][1]}]}
    ]
    constrained = build_case(kept)
    assert Feasibility(constrained).active
    a, b = analyze_space(plain), analyze_space(constrained, chunk=5)
    assert a == b
    assert a.to_json() == b.to_json()


def test_the_bundled_missile_crisis_never_pairs_dismantling_with_no_verification() -> None:
    case = load_case("missile-crisis")
    result = analyze_space(case)
    for p in [result.best_deal, result.nash_deal, *result.frontier]:
        assert p is not None
        labels = dict(p.labels)
        assert not (
            labels["withdrawal"] == "dismantled under inspection" and labels["inspection"] == "none"
        )
    assert result.feasible_outcomes == 108 - 12  # 1 × 3 × 2 × 1 × 2 deals pair them
    free = analyze_space(replace(case, constraints=()))
    assert dict(free.best_deal.labels)["inspection"] == "none"  # what the constraint prevents


def test_fixes_in_the_diagnosis_keep_the_constraints() -> None:
    case = load_case("missile-crisis")
    free = replace(case, constraints=())

    def broken_fixes(c: Any, deal: Deal) -> list[str]:
        out = []
        for b in diagnose(c, deal).blockers:
            for f in b.fixes:
                changed = dict(case.deal_labels(deal))
                changed[f.issue] = f.to_option
                if not all(k.satisfied_by(changed) for k in case.constraints):
                    out.append(f"{f.issue}={f.to_option}")
        return out

    deals = [case.deal_from_index(i) for i in range(case.size)]
    tested = [d for d in deals if feasible_deal(case, d) and broken_fixes(free, d)]
    assert tested  # without the constraint, some fix would pair dismantling with no checks
    for d in tested:
        assert broken_fixes(case, d) == []


def test_excluded_options_are_those_that_would_break_a_constraint() -> None:
    case = load_case("missile-crisis")
    assert case.proposal is not None
    ex = Feasibility(case).excluded_options(case.proposal)
    inspection = [i.id for i in case.issues].index("inspection")
    assert ex[inspection] == (True, False, False)  # 'none', with missiles dismantled
    assert not any(any(row) for k, row in enumerate(ex) if k != inspection)
    assert feasible_deal(case, case.proposal)


BASE: dict[str, Any] = {
    "leveltwo": 1,
    "title": "t",
    "issues": [
        {"id": "a", "options": ["x", "y"]},
        {"id": "b", "options": ["p", "q", "r"]},
    ],
    "sides": [
        {"id": "s", "negotiator": {"weights": {"a": 1}, "values": {"a": "ascending"}}},
        {"id": "t", "negotiator": {"weights": {"b": 1}, "values": {"b": "ascending"}}},
    ],
}


def problems_of(constraints: list[Any]) -> list[str]:
    data = copy.deepcopy(BASE)
    data["constraints"] = constraints
    with pytest.raises(CaseError) as err:
        build_case(data)
    return [p.path + ": " + p.expected for p in err.value.problems]


def test_constraints_are_validated_with_located_errors() -> None:
    found = problems_of(
        [
            {"option": {"a": "x"}, "excludes": {"c": "p"}},
            {"option": {"a": "z"}, "requires": {"b": ["p", "s"]}},
            {"option": {"a": "x"}},
            {"at_most_one": [{"a": "x", "b": "p"}]},
            {"option": {"a": "x"}, "excludes": {"a": "x"}},
        ]
    )
    assert found == [
        "constraints[2]: `option` with exactly one of `excludes` or `requires`, or `at_most_one`",
        "constraints[0].excludes.c: an issue id ['a', 'b']",
        "constraints[1].option.a: an option of 'a' ['x', 'y']",
        "constraints[1].requires.b[1]: an option of 'b' ['p', 'q', 'r']",
        "constraints[3].at_most_one: at least two options",
        "constraints[3].at_most_one[0]: one issue id → option",
        "constraints[4].excludes.a: an option other than the one it starts from",
    ]


def test_requires_any_of_a_list_and_at_most_one() -> None:
    data = copy.deepcopy(BASE)
    data["constraints"] = [
        {"option": {"a": "y"}, "requires": {"b": ["q", "r"]}},
        {"at_most_one": [{"a": "x"}, {"b": "r"}]},
    ]
    case = build_case(data)
    ok = {
        case.deal_labels(case.deal_from_index(i))["a"]
        + case.deal_labels(case.deal_from_index(i))["b"]
        for i in range(case.size)
        if feasible_deal(case, case.deal_from_index(i))
    }
    assert ok == {"xp", "xq", "yq", "yr"}
