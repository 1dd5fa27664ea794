"""`leveltwo cases`, `schema`, `demo`, `--version`, `--help`."""

from __future__ import annotations

import json

import leveltwo
from leveltwo.cli import app as app_module
from leveltwo.cli.demo import DEMO_CASE
from leveltwo.engine.diagnosis import diagnose
from leveltwo.io.bundled import bundled_cases
from leveltwo.io.casefile import load_case
from leveltwo.model.schema import case_json_schema

CORE = ["validate", "analyze", "winsets", "cases", "schema", "demo"]


def test_cases_json_lists_every_bundled_case(invoke, stdout_json):
    result = invoke("cases", "--json")
    assert result.exit_code == 0
    doc = stdout_json(result)
    assert doc == [c.to_json() for c in bundled_cases()]
    assert {"labour-contract", "cross-border-acquisition", "trade-agreement"} <= {
        c["name"] for c in doc
    }
    assert all(set(c) == {"name", "title", "summary"} and c["summary"] for c in doc)


def test_cases_table_shows_name_title_summary(invoke):
    result = invoke("cases")
    assert result.exit_code == 0
    for c in bundled_cases():
        assert c.name in result.stdout
        assert c.title in result.stdout


def test_schema_is_the_case_json_schema(invoke):
    result = invoke("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema == case_json_schema()
    assert schema["title"] == "leveltwo case"
    assert {"leveltwo", "title", "issues", "sides"} <= set(schema["required"])


def test_demo_explains_analyses_and_next_steps(invoke):
    result = invoke("demo")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    case = load_case(DEMO_CASE)
    a = leveltwo.assess(case)
    assert case.title in out
    assert "1. Will the proposal stick?" in out
    assert "2. What can be agreed?" in out
    assert f"the proposal sticks with probability {100 * a.success_probability:.1f}%" in out
    assert "Risk-adjusted frontier" in out
    assert "What to try next" in out
    top = next(b for b in diagnose(case).blockers if b.fixes)
    assert f"--deal '{top.fixes[0].issue}={top.fixes[0].to_option}'" in out or (
        f"--deal {top.fixes[0].issue}={top.fixes[0].to_option}" in out
    )


def test_version(invoke):
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"leveltwo {leveltwo.__version__}\n"


def test_help_lists_every_command_in_order(invoke):
    result = invoke("--help")
    assert result.exit_code == 0
    positions = [result.stdout.index(f"  {n} ") for n in CORE]
    assert positions == sorted(positions)


def test_no_arguments_shows_help(invoke):
    result = invoke()
    assert "Usage: leveltwo" in result.stdout + result.stderr
    assert result.exit_code in (0, 2)


def test_commands_register_with_one_call_each():
    """A command group needs only its `register` in COMMANDS; order is kept."""
    import typer

    fresh = typer.Typer()
    for register in app_module.COMMANDS:
        register(fresh)
    names = [c.name for c in fresh.registered_commands]
    assert [n for n in names if n in CORE] == CORE
    assert len(names) == len(set(names))
