"""docs/cli.md and docs/json-output.md are generated from the code and cannot drift."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from leveltwo.cli.jsondoc import BAD_DEAL, EXAMPLE_CASE, EXAMPLES, refresh
from leveltwo.cli.reference import cli_reference
from leveltwo.io.casefile import load_case

DOCS = Path(__file__).resolve().parents[2] / "docs"
DATA = Path(__file__).resolve().parent / "data"


def test_cli_reference_is_up_to_date():
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == cli_reference(), (
        "docs/cli.md is stale: run `python -m leveltwo.cli.reference > docs/cli.md`"
    )


def test_json_output_examples_are_up_to_date():
    text = (DOCS / "json-output.md").read_text(encoding="utf-8")
    assert text.count("<!-- example: ") == len(EXAMPLES)
    assert refresh(text) == text, (
        "docs/json-output.md examples are stale: run "
        "`python -m leveltwo.cli.jsondoc docs/json-output.md`"
    )


def test_cli_reference_documents_every_command_and_option(invoke):
    text = cli_reference()
    for command in ("validate", "analyze", "winsets", "cases", "schema", "demo"):
        assert f"## leveltwo {command}\n" in text
        assert invoke(command, "--help").exit_code == 0
    for option in ("`--deal`, `-d` `ISSUE=OPTION`", "`--threshold`, `-t` `T`", "`--json`"):
        assert option in text


def _keys(data: Any) -> set[str]:
    if isinstance(data, dict):
        out = set()
        for k, v in data.items():
            out.add(k)
            out |= _keys(v)
        return out
    if isinstance(data, list):
        return set().union(*(_keys(v) for v in data)) if data else set()
    return set()


def test_every_json_key_is_documented(invoke, stdout_json, pilots_file):
    """Every key analyze and winsets print (on three cases) is named in docs/json-output.md."""
    text = (DOCS / "json-output.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", text))
    keys: set[str] = set()
    ids: set[str] = set()  # issue and side ids are keys of `deal` and `expected_value`
    for ref in (EXAMPLE_CASE, str(pilots_file), "cross-border-acquisition"):
        case = load_case(ref)
        ids |= {i.id for i in case.issues} | {s.id for s in case.sides}
        for command in ("analyze", "winsets"):
            keys |= _keys(stdout_json(invoke(command, ref, "--json")))
    missing = keys - ids - documented
    assert not missing, f"undocumented JSON keys: {sorted(missing)}"


def test_json_error_example_is_what_the_cli_prints(invoke):
    text = (DOCS / "json-output.md").read_text(encoding="utf-8")
    block = text.split("<!-- example: error -->\n```json\n", 1)[1].split("\n```", 1)[0]
    result = invoke("analyze", EXAMPLE_CASE, "--deal", BAD_DEAL, "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout) == json.loads(block)


def test_cli_reference_error_example_is_what_the_cli_prints(invoke):
    text = cli_reference()
    block = text.split("## Errors", 1)[1].split("```text\n", 1)[1].split("\n```", 1)[0]
    file = DATA / "two-problems.yaml"
    result = invoke("validate", str(file))
    assert result.exit_code == 2
    assert result.stderr.rstrip("\n") == block.replace("my-case.yaml", str(file))
