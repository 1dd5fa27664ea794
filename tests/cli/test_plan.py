"""``leveltwo plan``: the CLI is a thin shell over :func:`leveltwo.strategies.planner.plan`."""

from __future__ import annotations

import json
from pathlib import Path

from leveltwo.io.casefile import load_case
from leveltwo.model.dealargs import parse_deal_args
from leveltwo.strategies.planner import plan

RICH = Path(__file__).resolve().parents[1] / "strategies" / "rich.yaml"


def test_plan_json_equals_the_library(invoke, stdout_json):
    result = invoke("plan", "labour-contract", "--json")
    assert result.exit_code == 0, result.output
    doc = stdout_json(result)
    expected = json.loads(json.dumps(plan(load_case("labour-contract")).to_json()))
    assert doc == expected
    for key in ("deal", "moves", "avoid", "find_out", "success_probability_after"):
        assert key in doc


def test_plan_human_output_has_every_section(invoke):
    result = invoke("plan", str(RICH))
    assert result.exit_code == 0, result.output
    out = result.stdout
    for heading in ("Chance the deal sticks", "The plan, best move first", "Avoid", "Find out"):
        assert heading in out
    assert "The form of the agreement" in out
    assert "why:" in out
    assert "changes:" in out


def test_plan_allow_and_budget(invoke, stdout_json):
    only = stdout_json(invoke("plan", str(RICH), "--allow", "framing", "--json"))
    assert {m["category"] for m in only["moves"]} == {"framing"}
    assert only["allowed"] == ["framing"]
    free = stdout_json(invoke("plan", str(RICH), "--budget", "0", "--json"))
    assert free["budget"] == 0
    assert free["cost"] <= 1e-12
    assert all(m["cost_detail"]["payment"] == m["cost_detail"]["fixed"] == 0 for m in free["moves"])


def test_plan_with_a_deal_override(invoke, stdout_json):
    doc = stdout_json(
        invoke("plan", "labour-contract", "-d", "staffing=6 patients per nurse", "--json")
    )
    case = load_case("labour-contract")
    deal = parse_deal_args(case, ["staffing=6 patients per nurse"], base=case.proposal)
    assert doc["deal"] == case.deal_labels(deal)


def test_plan_robustness_is_seeded_and_reproducible(invoke, stdout_json):
    args = ("plan", str(RICH), "--robustness", "--seed", "7", "--draws", "6", "--json")
    first = invoke(*args)
    assert first.exit_code == 0, first.output
    doc = json.loads(first.stdout)
    mc = doc["robustness"]["monte_carlo"]
    assert mc["seed"] == 7
    assert mc["draws"] == 6
    assert doc["robustness"]["sensitivity"]
    assert {"parameter", "low", "high"} <= set(doc["robustness"]["tornado"][0])
    assert invoke(*args).stdout == first.stdout


def test_plan_robustness_human_output(invoke):
    result = invoke("plan", str(RICH), "--robustness", "--draws", "4")
    assert result.exit_code == 0, result.output
    assert "Sensitivity of the top move" in result.stdout
    assert "Monte Carlo: 4 draws" in result.stdout


def test_plan_bad_category_is_a_usage_error(invoke):
    result = invoke("plan", "labour-contract", "--allow", "bribery")
    assert result.exit_code == 2


def test_plan_bad_deal_is_bad_input(invoke, stdout_json):
    result = invoke("plan", "labour-contract", "--deal", "wages=99%", "--json")
    assert result.exit_code == 2
    assert stdout_json(result)["error"] == "DealError"


def test_the_case_pages_show_the_plan_each_case_produces(root):
    from leveltwo.cli.casedocs import BEGIN, END, page
    from leveltwo.io.bundled import bundled_cases

    for b in bundled_cases():
        path = root / "docs" / "cases" / f"{b.name}.md"
        text = path.read_text(encoding="utf-8")
        assert BEGIN in text
        assert END in text
        assert "## Victory speech" in text
        assert page(b.name, text) == text, f"{path} is stale: run `python -m leveltwo.cli.casedocs`"


def test_casedocs_adds_the_section_and_the_speech_placeholder():
    from leveltwo.cli.casedocs import SPEECH, refresh

    out = refresh("# T\n\nIntro.\n", "body\n", "T")
    assert out.startswith("# T\n\nIntro.\n\n## Level II plan\n\n<!-- plan: begin -->\nbody\n")
    assert out.endswith(SPEECH)
    assert refresh(out, "body\n", "T") == out
    again = refresh(out, "new\n", "T")
    assert "new\n<!-- plan: end -->" in again
    assert again.count("## Victory speech") == 1


def test_a_plan_without_level2_inputs_says_what_the_planner_needs(invoke):
    result = invoke("plan", "docs/examples/pilots.yaml")
    assert result.exit_code == 0
    assert "keep the deal as it is" in result.stdout
    assert "The case gives no Level II inputs" in result.stdout
    assert "'Level II inputs' in docs/case-format.md" in result.stdout
    with_inputs = invoke("plan", "missile-crisis")
    assert "The case gives no Level II inputs" not in with_inputs.stdout
