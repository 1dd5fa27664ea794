"""The planner's fast path (:func:`leveltwo.strategies.evaluate.quick`) and the whole-space
evaluator equal :func:`leveltwo.engine.assessment.assess` bit for bit.

On generated cases with every element that enters P: ratifiers and blockers of
any strength, bloc votes by quota, common factors, influence links and
implementation risks. ``==``, not approx: the three paths share the one power
rule of :mod:`leveltwo.engine.powers` and must multiply the same numbers in the
same order. (Under common factors the whole-space evaluator sums the
quadrature over nodes in blocks whose size depends on the batch, so there it
agrees to 1e-12, and quick — one deal, like assess — still exactly.)
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.engine.casegen import case_data

from leveltwo.engine.assessment import assess
from leveltwo.engine.evaluator import evaluate_all
from leveltwo.model.build import build_case
from leveltwo.model.case import Case, ImplementationRisk
from leveltwo.model.deal import Deal
from leveltwo.strategies.evaluate import ApprovalCache, quick

Data = dict[str, Any]


def _keys(data: Data) -> list[str]:
    return [st.key for st in build_case(copy.deepcopy(data)).stakeholders()]


@st.composite
def rich_cases(draw: st.DrawFn) -> tuple[Case, bool]:
    """A generated case, maybe with factors, influence links and implementation risks
    (and whether it has factors)."""
    data = draw(case_data())
    keys = _keys(data)
    if draw(st.booleans()):  # influence: an influencer on side a moving stakeholders
        targets = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=3, unique=True))
        weights = [draw(st.sampled_from([0.2, 0.3, 0.5])) for _ in targets]
        data["sides"][0]["constituencies"].append(
            {
                "id": "pundit",
                "power": "influence",
                "weights": {data["issues"][0]["id"]: 1},
                "values": {data["issues"][0]["id"]: "ascending"},
                "reservation": draw(st.floats(0.0, 1.0)),
                "uncertainty": 0.1,
                "influences": [
                    {"target": t, "weight": w} for t, w in zip(targets, weights, strict=True)
                ],
            }
        )
        for t in targets:
            node = _node(data, t)
            node["susceptibility"] = draw(st.sampled_from([0.3, 0.5, 0.9]))
    factors = draw(st.booleans())
    if factors:
        loaded = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=4, unique=True))
        data["factors"] = [
            {"id": "mood", "loadings": {k: draw(st.sampled_from([-0.6, 0.4, 0.7])) for k in loaded}}
        ]
    case = build_case(data)
    sides = []
    for side in case.sides:
        n = draw(st.integers(0, 2))
        risks = tuple(
            ImplementationRisk(f"r{k}", f"risk {k}", draw(st.floats(0.0, 1.0))) for k in range(n)
        )
        sides.append(side if not risks else _with_risks(side, risks))
    case = case.with_side(sides[0]).with_side(sides[1])
    return case, factors


def _with_risks(side: Any, risks: tuple[ImplementationRisk, ...]) -> Any:
    from dataclasses import replace

    return replace(side, risks=risks)


def _node(data: Data, key: str) -> Data:
    parts = key.split(".")
    side = next(s for s in data["sides"] if s["id"] == parts[0])
    if parts[1] == "negotiator":
        return side["negotiator"]  # type: ignore[no-any-return]
    con = next(c for c in side["constituencies"] if c["id"] == parts[1])
    if len(parts) == 2:
        return con  # type: ignore[no-any-return]
    return next(b for b in con["blocs"] if b["id"] == parts[2])  # type: ignore[no-any-return]


def _deals(case: Case) -> list[Deal]:
    return [case.deal_from_index(k) for k in range(case.size)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=rich_cases())
def test_quick_equals_assess_bit_for_bit(drawn: tuple[Case, bool]) -> None:
    case, _ = drawn
    cache: ApprovalCache = {}
    for deal in _deals(case):
        a = assess(case, deal)
        p, ev = quick(case, deal)
        assert p == a.success_probability
        assert ev == a.expected_value[case.us]
        assert quick(case, deal, cache) == (p, ev)  # filling the cache
        assert quick(case, deal, cache) == (p, ev)  # and hitting it


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=rich_cases())
def test_the_evaluator_equals_assess(drawn: tuple[Case, bool]) -> None:
    case, factors = drawn
    r = evaluate_all(case)
    for k, deal in enumerate(_deals(case)):
        a = assess(case, deal)
        got = (
            float(r.success[k]),
            float(r.expected_value[case.side_index(case.us), k]),
            *(float(r.side[s, k]) for s in range(2)),
            *(float(r.ratification[s, k]) for s in range(2)),
            *(float(r.implementation[s, k]) for s in range(2)),
        )
        want = (
            a.success_probability,
            a.expected_value[case.us],
            *(s.probability for s in a.sides),
            *(s.ratification_probability for s in a.sides),
            *(s.implementation_probability for s in a.sides),
        )
        if factors:  # the batch's quadrature sums in other blocks: see the module docstring
            assert np.allclose(got, want, rtol=0, atol=1e-12)
        else:
            assert got == want


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=rich_cases())
def test_an_implementation_risk_multiplies_implementation_by_one_minus_its_probability(
    drawn: tuple[Case, bool],
) -> None:
    case, factors = drawn
    side = case.sides[0]
    extra = ImplementationRisk("extra", "extra", 0.25)
    riskier = case.with_side(_with_risks(side, (*side.risks, extra)))
    deal = case.deal_from_index(0)
    before, after = assess(case, deal).sides[0], assess(riskier, deal).sides[0]
    assert after.ratification_probability == before.ratification_probability
    if not factors:  # under factors the risk multiplies E_z of a product: the same, to rounding
        assert after.implementation_probability == before.implementation_probability * 0.75
    assert np.isclose(after.probability, before.probability * 0.75, rtol=1e-12, atol=1e-15)
