"""Under common factors the deal search's bound is still a proof (docs/strategies.md):
on random small factor cases it finds the deals enumeration finds, reports `optimal`, and
every bound it computes is at least the value of every deal below it."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from factorcases import factor_data
from hypothesis import HealthCheck, given, settings

from leveltwo.engine.dealsearch import DealSearch
from leveltwo.engine.evaluator import evaluate_all
from leveltwo.engine.winsets import analyze_space
from leveltwo.model.build import build_case
from leveltwo.model.deal import Deal

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _index(case: object, labels: tuple[tuple[str, str], ...]) -> int:
    choices = tuple(case.issues[i].index(o) for i, (_, o) in enumerate(labels))  # type: ignore[attr-defined]
    return case.deal_index(Deal(choices))  # type: ignore[attr-defined]


@SETTINGS
@given(data=factor_data(max_factors=3))
def test_search_under_factors_equals_enumeration_and_is_proved(data: dict[str, object]) -> None:
    case = build_case(data)
    a = analyze_space(case)
    every = evaluate_all(case)
    us = case.side_index(case.us)
    search = DealSearch(case)
    best = search.solve("best")
    assert best.optimality.status == "optimal"
    assert best.index == _index(case, a.best_deal.labels)
    assert best.optimality.upper_bound >= float(every.expected_value[us].max()) - 1e-12
    top = search.solve("success")
    assert top.optimality.status == "optimal"
    assert top.value == pytest.approx(float(every.success.max()), abs=1e-12)
    nash = search.solve("nash")
    assert nash.optimality.status == "optimal"
    if a.nash_deal is None:
        assert nash.index is None
    else:
        assert nash.index == _index(case, a.nash_deal.labels)


@SETTINGS
@given(data=factor_data())
def test_every_partial_deal_bound_covers_its_completions(data: dict[str, object]) -> None:
    case = build_case(data)
    search = DealSearch(case)
    every = evaluate_all(case)
    us = case.side_index(case.us)
    digits = np.array([list(case.deal_from_index(k).choices) for k in range(case.size)])
    for depth in range(len(search.order) + 1):
        fixed = search.order[:depth]
        for prefix in itertools.product(*(range(case.shape[i]) for i in fixed)):
            below = np.ones(case.size, dtype=bool)
            pre = np.zeros((len(search.tables), 1))
            for i, o in zip(fixed, prefix, strict=True):
                below &= digits[:, i] == o
                for s, t in enumerate(search.tables):
                    pre[s, 0] += t[i][o]
            p_bound = float(search.bound("success", pre, depth)[0])
            ev_bound = float(search.bound("best", pre, depth)[0])
            assert p_bound >= float(every.success[below].max()) - 1e-12
            assert ev_bound >= float(every.expected_value[us][below].max()) - 1e-12


def test_a_time_limit_of_zero_reports_a_bound_above_every_deal() -> None:
    from leveltwo.io.casefile import case_from_text, read_case_text

    text, source = read_case_text("labour-contract")
    loadings = "{union.members: 0.6, union.staffing_caucus: 0.5}"
    text += f"factors:\n  - id: mood\n    loadings: {loadings}\n"
    case = case_from_text(text, source)
    proved = DealSearch(case).solve("best")
    assert proved.optimality.status == "optimal"
    assert "optimal for the model as computed" in proved.optimality.text()
    found = DealSearch(case).solve("best", time_limit=0.0)
    every = evaluate_all(case)
    assert found.optimality.status in ("time_limit", "optimal")
    us = case.side_index(case.us)
    assert found.optimality.upper_bound >= float(every.expected_value[us].max()) - 1e-12
