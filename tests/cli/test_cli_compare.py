"""``leveltwo compare``: 2–4 deals by shorthand or terms, a table at 80 columns, --json."""

from __future__ import annotations

from leveltwo import load_case
from leveltwo.strategies import plan


def test_compare_proposal_and_plan_json(invoke, stdout_json):
    result = invoke("compare", "labour-contract", "--deal", "proposal", "--deal", "plan", "--json")
    assert result.exit_code == 0, result.stderr
    doc = stdout_json(result)
    case = load_case("labour-contract")
    assert [d["name"] for d in doc["deals"]] == ["Proposal", "After the plan"]
    p = plan(case, with_find_out=False)
    assert doc["deals"][1]["deal"] == dict(p.final_deal)
    assert doc["deals"][1]["success_probability"] == p.success_probability_after
    assert doc["deals"][1]["expected_value"]["hospital"] == p.expected_value_after
    keys = [r["key"] for r in doc["rows"]]
    assert keys[: len(case.issues)] == [i.id for i in case.issues]
    assert "success_probability" in keys


def test_compare_table_fits_80_columns_and_marks_differences(invoke):
    result = invoke(
        "compare",
        "labour-contract",
        "-d",
        "proposal",
        "-d",
        "best",
        "-d",
        "Wages=9, overtime=voluntary only",
        env={"COLUMNS": "80"},
    )
    assert result.exit_code == 0, result.stderr
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    assert "≠" in result.stdout
    assert "25.1%" in result.stdout  # the proposal's P, whole
    assert "Membership ratification vote approves" in result.stdout.replace("\n", " ") or (
        "Membership" in result.stdout
    )


def test_one_deal_is_bad_input(invoke):
    result = invoke("compare", "labour-contract", "--deal", "proposal")
    assert result.exit_code == 2
    assert "2 to 4 deals" in result.stderr


def test_unknown_shorthand_is_bad_input(invoke):
    result = invoke("compare", "labour-contract", "--deal", "proposal", "--deal", "cheapest")
    assert result.exit_code == 2
    assert "one of proposal, opening, best, nash, plan" in result.stderr
