"""At 80 columns and in pipes, tables wrap text and never cut numbers; --wide widens."""

from __future__ import annotations

import itertools
import re

import pytest

from leveltwo import bundled_cases, load_case
from leveltwo.engine.evaluator import evaluate_all
from leveltwo.strategies import plan

CASES = [b.name for b in bundled_cases()]


def _fits(stdout: str, width: int) -> list[str]:
    return [line for line in stdout.splitlines() if len(line) > width]


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("command", ["analyze", "plan", "speech", "winsets"])
def test_every_line_fits_80_columns(invoke, name, command):
    result = invoke(command, name, env={"COLUMNS": "80"})
    assert result.exit_code in (0, 1), result.stderr
    assert not _fits(result.stdout, 80)


@pytest.mark.parametrize("name", CASES)
def test_plan_table_keeps_every_number_whole_at_80_columns(invoke, name):
    result = invoke("plan", name, env={"COLUMNS": "80"})
    assert result.exit_code in (0, 1), result.stderr
    p = plan(load_case(name))
    table = result.stdout.split("The plan, best move first")[1] if p.moves else ""
    for s in p.moves:
        assert f"{s.net_value_after - s.net_value_before:+.3f}" in table
        assert f"{100 * s.success_probability_after:.1f}%" in table
    assert "Net" in table or not p.moves
    assert not re.search(r"[+-]\d\.(?:\s|$)", table)  # no "+0." cut from "+0.123"


@pytest.mark.parametrize("name", CASES)
def test_analyze_shows_every_approval_whole_at_80_columns(invoke, stdout_json, name):
    doc = stdout_json(invoke("analyze", name, "--json"))
    text = invoke("analyze", name, env={"COLUMNS": "80"}).stdout
    for side in doc["sides"]:
        for c in side["constituencies"]:
            p = c["approval_probability"]
            if 0.0005 <= p < 0.9995:
                assert f"{100 * p:.1f}%" in text


def test_wide_lays_a_move_on_one_line(invoke):
    narrow = invoke("plan", "labour-contract", env={"COLUMNS": "80"}).stdout
    wide = invoke("plan", "labour-contract", "--wide", env={"COLUMNS": "80"}).stdout
    assert max(len(line) for line in wide.splitlines()) > 80
    first = next(line for line in wide.splitlines() if line.strip().startswith("1 "))
    assert "+0.085" in first
    assert "Safe-staffing caucus" in first
    assert len(wide.splitlines()) < len(narrow.splitlines())
    # the flag does not stick to the next command run in the same process
    again = invoke("plan", "labour-contract", env={"COLUMNS": "80"}).stdout
    assert again == narrow


@pytest.mark.parametrize("name", CASES)
def test_speech_draft_is_wrapped_but_says_the_same(invoke, stdout_json, name):
    text = stdout_json(invoke("speech", name, "--json"))["text"]
    out = invoke("speech", name, env={"COLUMNS": "80"}).stdout
    draft = out.split("Draft speech (Markdown)", 1)[1]
    assert not _fits(draft, 80)
    # the same words: only line breaks (and the ">" that continues a quote) are added
    assert [w for w in draft.split() if w != ">"] == [w for w in text.split() if w != ">"]
    # a bullet's continuation lines are indented under its text
    lines = draft.splitlines()
    for before, line in itertools.pairwise(lines):
        if before.startswith(("- ", "  ")) and line and not line.startswith(("-", "#", ">")):
            assert line.startswith("  ")


# ---- winsets --list ---------------------------------------------------------


@pytest.mark.parametrize("name", CASES)
def test_list_zone_lists_every_deal_of_the_agreement_zone(invoke, stdout_json, name):
    case = load_case(name)
    summary = stdout_json(invoke("winsets", name, "--json"))
    listed = stdout_json(invoke("winsets", name, "--list", "zone", "--format", "json"))
    assert len(listed) == summary["agreement_zone_size"]
    r = evaluate_all(case)
    inside = {
        tuple(case.deal_labels(case.deal_from_index(int(i))).items())
        for i, a, b in zip(r.indices, r.side[0], r.side[1], strict=True)
        if a >= 0.5 and b >= 0.5
    }
    assert {tuple(d["deal"].items()) for d in listed} == inside
    evs = [d["expected_value"][case.us] for d in listed]
    assert evs == sorted(evs, reverse=True)
    assert [d["rank"] for d in listed] == list(range(1, len(listed) + 1))


def test_list_zone_as_csv_and_table(invoke, stdout_json):
    listed = stdout_json(invoke("winsets", "labour-contract", "--list", "zone", "--json"))
    csv_out = invoke("winsets", "labour-contract", "--list", "zone", "--format", "csv").stdout
    rows = csv_out.splitlines()
    assert rows[0].startswith("rank,wages,staffing,")
    assert len(rows) == len(listed) + 1
    table = invoke(
        "winsets", "labour-contract", "--list", "zone", "--limit", "2", env={"COLUMNS": "80"}
    ).stdout
    assert "Agreement zone: 2 deals" in table
    assert "Wage increase over the contract: 9%" in table
    assert not _fits(table, 80)


def test_list_frontier_matches_the_summary(invoke, stdout_json):
    summary = stdout_json(invoke("winsets", "trade-agreement", "--json"))
    listed = stdout_json(invoke("winsets", "trade-agreement", "--list", "frontier", "--json"))
    assert [d["deal"] for d in listed] == [f["deal"] for f in summary["frontier"]]


def test_list_zone_of_an_empty_zone_exits_1(invoke):
    result = invoke("winsets", "labour-contract", "--list", "zone", "--threshold", "1")
    assert result.exit_code == 1
    assert "agreement zone is empty" in result.stderr
