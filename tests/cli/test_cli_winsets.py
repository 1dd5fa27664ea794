"""`leveltwo winsets`: JSON equals the library, human output, empty zone, progress."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

import leveltwo
from leveltwo.cli import render, winsets
from leveltwo.io.casefile import load_case


def _library_json(case_ref: str, threshold: float = 0.5) -> object:
    analysis = leveltwo.analyze_space(load_case(case_ref), threshold)
    return json.loads(json.dumps(analysis.to_json()))


def test_winsets_json_equals_library(invoke, pilots_file, stdout_json):
    result = invoke("winsets", str(pilots_file), "--json")
    assert result.exit_code == 0, result.stderr
    assert stdout_json(result) == _library_json(str(pilots_file))


def test_winsets_json_has_the_issue_shape(invoke, pilots_file, stdout_json):
    doc = stdout_json(invoke("winsets", str(pilots_file), "--json"))
    for key in (
        "outcomes",
        "threshold",
        "sides",
        "agreement_zone_size",
        "best_deal",
        "nash_deal",
        "frontier",
    ):
        assert key in doc
    assert doc["outcomes"] == 12
    assert doc["threshold"] == 0.5
    assert [set(s) >= {"id", "winset_size"} for s in doc["sides"]] == [True, True]
    for point in [doc["best_deal"], doc["nash_deal"], *doc["frontier"]]:
        assert set(point) == {"deal", "success_probability", "expected_value"}
        assert set(point["deal"]) == {"pay", "scope"}
        assert set(point["expected_value"]) == {"airline", "union"}


def test_winsets_bundled_case_by_name_and_threshold(invoke, stdout_json):
    result = invoke("winsets", "labour-contract", "-t", "0.6", "--json")
    expected = _library_json("labour-contract", 0.6)
    assert isinstance(expected, dict)
    assert result.exit_code == (1 if expected["agreement_zone_size"] == 0 else 0)
    assert stdout_json(result) == expected


def test_winsets_human_output(invoke, pilots_file):
    result = invoke("winsets", str(pilots_file))
    assert result.exit_code == 0, result.stderr
    analysis = leveltwo.analyze_space(load_case(str(pilots_file)))
    out = result.stdout
    assert "threshold τ = 50%" in out
    assert "All possible deals" in out
    for side in analysis.sides:
        assert f"{side.name}" in out
    zone = analysis.agreement_zone_size
    zone_line = next(ln for ln in out.splitlines() if "Agreement zone" in ln)
    assert zone_line.split()[-2:] == [str(zone), f"({100 * zone / 12:.1f}%)"]
    assert "Best for us" in out
    assert "Risk-adjusted frontier" in out
    assert "pay=" in out


def test_empty_agreement_zone_exits_1_after_printing_results(invoke, pilots_file):
    result = invoke("winsets", str(pilots_file), "--threshold", "1")
    assert result.exit_code == 1
    assert "Risk-adjusted frontier" in result.stdout
    assert result.stderr.startswith("error: the agreement zone is empty")


def test_empty_agreement_zone_with_json_prints_one_document(invoke, pilots_file, stdout_json):
    result = invoke("winsets", str(pilots_file), "--threshold", "1", "--json")
    assert result.exit_code == 1
    doc = stdout_json(result)  # exactly one JSON document: the results
    assert doc["agreement_zone_size"] == 0
    assert "agreement zone is empty" in result.stderr


@pytest.mark.parametrize("value", ["1.5", "-0.1", "abc"])
def test_threshold_out_of_range_is_a_usage_error(invoke, pilots_file, value):
    result = invoke("winsets", str(pilots_file), "--threshold", value)
    assert result.exit_code == 2
    assert "--threshold" in result.stderr


def test_usage_error_with_json_is_also_json(invoke, pilots_file, stdout_json):
    result = invoke("winsets", str(pilots_file), "--json", "--threshold", "2")
    assert result.exit_code == 2
    doc = stdout_json(result)
    assert doc["error"] == "UsageError"
    assert "--threshold" in doc["message"]


def test_frontier_display_is_capped(invoke, monkeypatch):
    monkeypatch.setattr(winsets, "MAX_FRONTIER_ROWS", 2)
    result = invoke("winsets", "labour-contract")
    analysis = leveltwo.analyze_space(load_case("labour-contract"))
    hidden = len(analysis.frontier) - 2
    assert hidden > 0
    assert f"… {hidden} more frontier deals with --json" in result.stdout


def test_progress_bar_only_for_large_spaces_on_a_terminal(monkeypatch):
    sink = io.StringIO()
    terminal = Console(file=sink, force_terminal=True, width=80)
    monkeypatch.setattr(render, "err_console", lambda: terminal)
    with render.space_progress(render.PROGRESS_MIN_DEALS, "x") as cb:
        assert cb is None  # not large enough
    with render.space_progress(render.PROGRESS_MIN_DEALS + 1, "Analysing") as cb:
        assert cb is not None
        cb(100, render.PROGRESS_MIN_DEALS + 1)
    assert "Analysing" in sink.getvalue()
    monkeypatch.setattr(render, "err_console", lambda: Console(file=io.StringIO()))
    with render.space_progress(10**9, "x") as cb:
        assert cb is None  # not a terminal


def test_winsets_reports_progress_for_large_spaces(invoke, monkeypatch):
    calls: list[tuple[int, int]] = []
    real = winsets.analyze_space

    def spy(case, threshold, *, progress=None):
        assert progress is not None
        return real(case, threshold, progress=lambda d, t: calls.append((d, t)))

    monkeypatch.setattr(render, "PROGRESS_MIN_DEALS", 10)
    monkeypatch.setattr(
        render, "err_console", lambda: Console(file=io.StringIO(), force_terminal=True)
    )
    monkeypatch.setattr(winsets, "analyze_space", spy)
    result = invoke("winsets", "labour-contract")
    assert result.exit_code == 0, result.stderr
    size = load_case("labour-contract").size
    assert calls[-1] == (size, size)


def test_winsets_counts_the_deals_the_linked_options_allow(invoke):
    result = invoke("winsets", "missile-crisis")
    assert "Allowed by the linked options (constraints)   96 (88.9%)" in result.stdout


def test_analyze_warns_of_a_deal_that_breaks_a_linked_option(invoke):
    result = invoke("analyze", "missile-crisis", "--deal", "inspection=none", "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["broken_constraints"] == [
        "withdrawal = 'dismantled under inspection' excludes inspection = 'none' "
        '(dismantling "under inspection" needs someone to inspect)'
    ]
    assert "warning: this deal breaks a linked option: withdrawal" in result.stderr
    ok = invoke("analyze", "missile-crisis", "--json")
    assert json.loads(ok.stdout)["broken_constraints"] == []
