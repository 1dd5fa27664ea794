"""Exact search beyond enumeration: the same best and Nash deals as whole-space analysis."""

from __future__ import annotations

import json

import pytest
from casegen import cases
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from leveltwo.cli.app import app
from leveltwo.engine import space as outcome_space
from leveltwo.engine.dealsearch import DealSearch
from leveltwo.engine.largespace import wilson
from leveltwo.engine.winsets import analyze_space
from leveltwo.io.casefile import load_case
from leveltwo.model.case import Case


def _index(case: Case, labels: tuple[tuple[str, str], ...]) -> int:
    from leveltwo.model.deal import Deal

    return case.deal_index(Deal(tuple(case.issues[i].index(o) for i, (_, o) in enumerate(labels))))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_search_finds_the_deals_enumeration_finds(case: Case) -> None:
    a = analyze_space(case)
    search = DealSearch(case)
    best = search.solve("best")
    assert best.optimality.status == "optimal"
    assert best.index == _index(case, a.best_deal.labels)
    nash = search.solve("nash")
    if a.nash_deal is None:
        assert nash.index is None
    else:
        assert nash.index == _index(case, a.nash_deal.labels)
    top = search.solve("success")
    assert top.value == pytest.approx(a.max_success_probability, abs=1e-12)


def test_the_wilson_interval_covers_the_share() -> None:
    lo, hi = wilson(30, 100)
    assert lo < 0.3 < hi
    assert (lo, hi) == pytest.approx((0.2189, 0.3958), abs=1e-4)  # Wilson 1927, z = 1.96
    assert wilson(0, 100)[0] == pytest.approx(0.0, abs=1e-12)


def test_winsets_says_it_searches_above_the_enumeration_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(outcome_space, "ENUMERATION_LIMIT", 100)
    runner = CliRunner(env={"COLUMNS": "200"})
    r = runner.invoke(app, ["winsets", "labour-contract", "--json", "--samples", "500"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["method"] == "search"
    assert doc["optimality"]["best_deal"]["status"] == "optimal"
    human = runner.invoke(app, ["winsets", "labour-contract", "--samples", "500"])
    assert "more than the" in human.stdout
    monkeypatch.undo()
    exact = json.loads(runner.invoke(app, ["winsets", "labour-contract", "--json"]).stdout)
    assert doc["best_deal"] == exact["best_deal"]
    assert doc["nash_deal"] == exact["nash_deal"]
    for est in doc["sides"]:
        lo, hi = est["winset_size"]["share_ci95"]
        assert 0 <= lo <= hi <= 1


def test_a_search_that_reaches_no_deal_is_a_clear_refusal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the search returns no deal only when none keeps the linked options in its time limit;
    # winsets then says so (exit 1), it does not fail an assertion
    from leveltwo.engine import dealsearch

    def nothing(self: DealSearch, objective: str, *, time_limit: float | None = None) -> object:
        return dealsearch.Found(None, float("-inf"), found.optimality)

    found = DealSearch(load_case("missile-crisis")).solve("best", time_limit=5.0)
    monkeypatch.setattr(outcome_space, "ENUMERATION_LIMIT", 2)
    monkeypatch.setattr(DealSearch, "solve", nothing)
    r = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["winsets", "missile-crisis", "--json"])
    assert r.exit_code == 1, r.output
    assert "found no deal that keeps the case's linked options" in r.output
