"""`leveltwo validate`, and every kind of bad input the issue lists: message and exit code."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from leveltwo.io.bundled import bundled_cases

WriteCase = Callable[..., Path]


def test_validate_ok_line_names_title_and_counts(invoke, pilots_file):
    result = invoke("validate", str(pilots_file))
    assert result.exit_code == 0, result.stderr
    line = result.stdout.strip()
    assert line.startswith("ok: Regional airline pilots' contract — ")
    assert "2 issues, 12 deals" in line
    assert "3 constituencies (2 voting blocs)" in line
    assert "with a proposal" in line
    assert result.stderr == ""


def test_validate_json_summary(invoke, pilots_file, stdout_json):
    result = invoke("validate", str(pilots_file), "--json")
    assert result.exit_code == 0
    assert stdout_json(result) == {
        "ok": True,
        "title": "Regional airline pilots' contract",
        "issues": 2,
        "deals": 12,
        "sides": ["airline", "union"],
        "us": "airline",
        "constituencies": 3,
        "blocs": 2,
        "proposal": {"pay": "8%", "scope": "capped"},
        "warnings": [],
    }


@pytest.mark.parametrize("name", [c.name for c in bundled_cases()])
def test_validate_accepts_every_bundled_case_by_name(invoke, name):
    result = invoke("validate", name)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def _set(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def _delete(data: dict[str, Any], path: tuple[Any, ...]) -> None:
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]


# (what is wrong, where to change it, the new value or DELETE, path reported, words expected)
DELETE = object()
BAD_CASES = [
    (
        "unknown issue id",
        ("sides", 0, "negotiator", "weights", "salary"),
        2,
        "sides[0].negotiator.weights.salary",
        ["expected an issue id", "'salary'"],
    ),
    (
        "unknown option id",
        ("sides", 0, "negotiator", "values", "scope", "forbidden"),
        0.5,
        "sides[0].negotiator.values.scope.forbidden",
        ["expected an option of 'scope'", "'forbidden'"],
    ),
    (
        "negative weight",
        ("sides", 1, "negotiator", "weights", "pay"),
        -1,
        "sides[1].negotiator.weights.pay",
        ["greater than or equal to 0", "found -1"],
    ),
    (
        "all-zero weights",
        ("sides", 1, "negotiator", "weights"),
        {"pay": 0, "scope": 0},
        "sides[1].negotiator.weights",
        ["at least one positive weight", "all weights zero"],
    ),
    (
        "value above 1",
        ("sides", 0, "negotiator", "values", "scope", "capped"),
        1.5,
        "sides[0].negotiator.values.scope.capped",
        ["less than or equal to 1", "1.5"],
    ),
    (
        "value below 0",
        ("sides", 0, "negotiator", "values", "scope", "banned"),
        -0.2,
        "sides[0].negotiator.values.scope.banned",
        ["greater than or equal to 0", "-0.2"],
    ),
    (
        "quota of 0",
        ("sides", 1, "constituencies", 0, "quota"),
        0,
        "sides[1].constituencies[0].quota",
        ["greater than 0", "found 0"],
    ),
    (
        "quota above 1",
        ("sides", 1, "constituencies", 0, "quota"),
        1.2,
        "sides[1].constituencies[0].quota",
        ["less than or equal to 1", "1.2"],
    ),
    (
        "strength above 1",
        ("sides", 1, "constituencies", 1, "strength"),
        1.5,
        "sides[1].constituencies[1].strength",
        ["less than or equal to 1", "1.5"],
    ),
    (
        "strength below 0",
        ("sides", 1, "constituencies", 1, "strength"),
        -0.1,
        "sides[1].constituencies[1].strength",
        ["greater than or equal to 0", "-0.1"],
    ),
    (
        "duplicate issue id",
        ("issues", 1, "id"),
        "pay",
        "issues[1].id",
        ["not used before", "'pay'"],
    ),
    (
        "duplicate constituency id",
        ("sides", 1, "constituencies", 1, "id"),
        "members",
        "sides[1].constituencies[1].id",
        ["not used before", "'members'"],
    ),
    (
        "duplicate bloc id",
        ("sides", 1, "constituencies", 0, "blocs", 1, "id"),
        "senior",
        "sides[1].constituencies[0].blocs[1].id",
        ["not used before", "'senior'"],
    ),
    (
        "duplicate side id",
        ("sides", 1, "id"),
        "airline",
        "sides[1].id",
        ["not used before", "'airline'"],
    ),
    (
        "proposal naming an unknown option",
        ("proposal", "pay"),
        "5%",
        "proposal.pay",
        ["expected an option of 'pay'", "'5%'"],
    ),
    (
        "proposal naming an unknown issue",
        ("proposal", "bonus"),
        "big",
        "proposal.bonus",
        ["expected an issue id", "'bonus'"],
    ),
    (
        "proposal leaving an issue out",
        ("proposal", "scope"),
        DELETE,
        "proposal.scope",
        ["an option for issue 'scope'", "every issue needs one"],
    ),
    (
        "unknown power kind",
        ("sides", 1, "constituencies", 1, "power"),
        "veto",
        "sides[1].constituencies[1].power",
        ["'ratify', 'block' or 'influence'", "'veto'"],
    ),
]


@pytest.mark.parametrize(
    ("where", "value", "path", "words"),
    [case[1:] for case in BAD_CASES],
    ids=[case[0] for case in BAD_CASES],
)
def test_validate_reports_bad_field_with_path_and_exit_2(
    invoke, pilots_case_data, write_case, where, value, path, words
):
    if value is DELETE:
        _delete(pilots_case_data, where)
    else:
        _set(pilots_case_data, where, value)
    file = write_case(pilots_case_data)
    result = invoke("validate", str(file))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: {file}: invalid case file (")
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(f"  - {path} (line ")]
    assert lines, result.stderr
    assert all(w in lines[0] for w in words), lines[0]


@pytest.mark.parametrize("command", ["validate", "analyze", "winsets"])
def test_every_command_reports_all_problems_with_line_and_column(invoke, command):
    file = Path(__file__).parent / "data" / "two-problems.yaml"
    result = invoke(command, str(file))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {file}: invalid case file (2 problems)",
        "  - sides[1].constituencies[0].quota (line 42, column 9): "
        "expected a number less than or equal to 1, found 1.5",
        "  - proposal.pay (line 57, column 12): "
        "expected an option of 'pay' ['0%', '4%', '8%', '12%'], found '5%'",
    ]


def test_malformed_yaml_reports_line_and_column(invoke):
    file = Path(__file__).parent / "data" / "malformed.yaml"
    result = invoke("validate", str(file))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f"error: {file}: invalid case file (1 problem)"
    assert lines[1].startswith("  - (top level) (line 6, column 3): expected well-formed YAML")
    assert "Traceback" not in result.stderr


def test_malformed_json_reports_line_and_column(invoke, write_case):
    file = write_case('{"leveltwo": 1,\n "title": "x",\n "issues": [}\n', "case.json")
    result = invoke("validate", str(file))
    assert result.exit_code == 2
    assert "(line 3, column 13)" in result.stderr
    assert "expected well-formed YAML or JSON" in result.stderr


def test_missing_file_is_bad_input(invoke, tmp_path):
    missing = tmp_path / "nope.yaml"
    result = invoke("validate", str(missing))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {missing}: no such case file, and no bundled case of that name "
        "(see `leveltwo cases`)\n"
    )


def test_not_a_mapping_is_reported(invoke, write_case):
    result = invoke("validate", str(write_case("- just\n- a list\n")))
    assert result.exit_code == 2
    assert "expected a mapping with the fields of a case" in result.stderr


def test_validate_json_error_is_printed_on_stdout(
    invoke, pilots_case_data, write_case, stdout_json
):
    _set(pilots_case_data, ("sides", 1, "constituencies", 0, "quota"), 0)
    result = invoke("validate", str(write_case(pilots_case_data)), "--json")
    assert result.exit_code == 2
    doc = stdout_json(result)
    assert doc["error"] == "CaseError"
    assert [p["path"] for p in doc["problems"]] == ["sides[1].constituencies[0].quota"]
    assert isinstance(doc["problems"][0]["line"], int)
    assert "invalid case file" in result.stderr


def test_validate_warns_of_a_reservation_off_the_scale_and_still_exits_0(
    invoke, pilots_case_data, write_case
):
    pilots_case_data["sides"][1]["constituencies"][0]["reservation"] = 40
    path = write_case(pilots_case_data)
    result = invoke("validate", str(path))
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("ok: ")
    assert lines[1].startswith("warning: sides[1].constituencies[0].reservation (line ")
    assert "found 40" in lines[1]
    as_json = invoke("validate", str(path), "--json")
    assert as_json.exit_code == 0
    assert [w["path"] for w in json.loads(as_json.stdout)["warnings"]] == [
        "sides[1].constituencies[0].reservation"
    ]


def test_analysis_commands_print_warnings_on_stderr(invoke, pilots_case_data, write_case):
    pilots_case_data["sides"][1]["constituencies"][0]["reservation"] = 40
    path = write_case(pilots_case_data)
    result = invoke("analyze", str(path), "--json")
    assert result.exit_code == 0
    json.loads(result.stdout)  # stdout stays one JSON document
    assert "warning: sides[1].constituencies[0].reservation" in result.stderr
