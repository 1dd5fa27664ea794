"""Reading case files: YAML and JSON, malformed text with line and column, located
problems, bundled names, and the bounds that refuse hostile documents."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from leveltwo.errors import CaseError, CaseNotFoundError, Problem
from leveltwo.io import yamlsafe
from leveltwo.io.casefile import (
    MAX_CASE_BYTES,
    MAX_DEPTH,
    case_from_text,
    load_case,
    parse_text,
    read_case_text,
    validate_text,
)


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [p.message() for p in problems]
    return problems[0]


def refused(text: str) -> Problem:
    with pytest.raises(CaseError) as info:
        parse_text(text, "t.yaml")
    assert info.value.exit_code == 2
    assert info.value.source == "t.yaml"
    return only(list(info.value.problems))


# ---------------------------------------------------------------------------
# YAML and JSON
def test_yaml_and_json_give_the_same_case(pilots_text: str) -> None:
    data = yaml.safe_load(pilots_text)
    from_yaml = case_from_text(pilots_text)
    from_json = case_from_text(json.dumps(data))
    assert from_json == from_yaml


def test_load_case_from_a_path(tmp_path: Path, pilots_text: str) -> None:
    path = tmp_path / "pilots.yaml"
    path.write_text(pilots_text, encoding="utf-8")
    assert load_case(path).title == "Regional airline pilots' contract"
    assert load_case(str(path)).size == 12


def test_a_valid_case_has_no_problems(pilots_text: str) -> None:
    assert validate_text(pilots_text) == []


# ---------------------------------------------------------------------------
# malformed text
@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("leveltwo: 1\ntitle: [unclosed\nissues: []\n", 3, 7),
        ("leveltwo: 1\ntitle: x\n  bad: indent\n", 3, 6),
        ('{"leveltwo": 1,, "title": "x"}', 1, 16),
        ("leveltwo: 1\ntitle: 'open quote\n", 3, 1),
        ("a:\n\t- tab\n", 2, 1),
    ],
)
def test_malformed_yaml_reports_line_and_column(text: str, line: int, column: int) -> None:
    p = refused(text)
    assert p.path == ""
    assert p.expected == "well-formed YAML or JSON"
    assert (p.line, p.column) == (line, column)
    assert f"line {line}, column {column}" in p.message()


def test_malformed_yaml_through_validate_text_is_a_problem_not_an_exception() -> None:
    p = only(validate_text("leveltwo: 1\ntitle: [unclosed\n"))
    assert p.line is not None


def test_malformed_yaml_through_load_case(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("leveltwo: 1\n  title: x\n", encoding="utf-8")
    with pytest.raises(CaseError) as info:
        load_case(path)
    assert info.value.source == str(path)
    assert info.value.problems[0].line == 2


def test_a_file_that_is_not_utf8_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: café\n".encode("latin-1"))
    with pytest.raises(CaseError) as info:
        load_case(path)
    assert "UTF-8" in info.value.problems[0].expected


# ---------------------------------------------------------------------------
# located problems
def test_problems_carry_the_line_and_column_of_their_field(pilots_text: str) -> None:
    text = pilots_text.replace("strength: 0.5", "strength: 1.5")
    p = only(validate_text(text))
    assert p.path == "sides[1].constituencies[1].strength"
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "strength: 1.5" in t)
    assert p.line == line
    assert p.column == text.splitlines()[line - 1].index("strength") + 1


def test_every_problem_is_located(pilots_text: str) -> None:
    text = pilots_text.replace("power: block", "power: veto").replace(
        'proposal: {pay: "8%", scope: capped}', 'proposal: {pay: "9%"}'
    )
    found = {p.path: p for p in validate_text(text)}
    assert set(found) == {
        "sides[1].constituencies[1].power",
        "proposal.pay",
        "proposal.scope",
    }
    lines = text.splitlines()
    assert "power: veto" in lines[found["sides[1].constituencies[1].power"].line - 1]  # type: ignore[operator]
    assert "9%" in lines[found["proposal.pay"].line - 1]  # type: ignore[operator]
    # a missing entry is located at its nearest parent, the proposal
    assert lines[found["proposal.scope"].line - 1].startswith("proposal")  # type: ignore[operator]


def test_case_error_lists_located_problems(pilots_text: str) -> None:
    text = pilots_text.replace("quota: 0.5", "quota: 0")
    with pytest.raises(CaseError) as info:
        case_from_text(text, "pilots.yaml")
    err = info.value
    assert err.source == "pilots.yaml"
    assert err.problems[0].line is not None
    assert "pilots.yaml: 1 problem" in err.message
    assert "sides[1].constituencies[0].quota (line" in err.message
    assert err.to_json()["problems"][0]["path"] == "sides[1].constituencies[0].quota"  # type: ignore[index]


# ---------------------------------------------------------------------------
# bundled names
def test_a_bundled_name_works_wherever_a_path_does() -> None:
    case = load_case("labour-contract")
    assert case.title
    assert load_case("labour-contract.yaml") == case


def test_a_file_in_the_way_wins_over_a_bundled_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pilots_text: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "labour-contract").write_text(pilots_text, encoding="utf-8")
    assert load_case("labour-contract").title == "Regional airline pilots' contract"


def test_read_case_text_names_a_bundled_source_by_its_name() -> None:
    text, source = read_case_text("labour-contract")
    assert source == "labour-contract"
    assert text.startswith("leveltwo:") or "leveltwo:" in text


@pytest.mark.parametrize("name", ["no-such-case", "../cases/labour-contract", "", "a/b"])
def test_unknown_names_are_case_not_found(name: str) -> None:
    with pytest.raises(CaseNotFoundError) as info:
        load_case(name or "missing.yaml")
    assert info.value.exit_code == 2
    assert info.value.http_status == 404
    assert "leveltwo cases" in info.value.message


# ---------------------------------------------------------------------------
# bounds
def test_text_over_the_size_limit_is_refused() -> None:
    text = "title: x\n" + "# padding\n" * (MAX_CASE_BYTES // 10 + 1)
    p = refused(text)
    assert p.found == "a larger file"
    assert str(MAX_CASE_BYTES) in p.expected


def test_a_file_over_the_size_limit_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:  # sparse where the file system allows it
        f.truncate(MAX_CASE_BYTES + 1)

    def no_reading(*args: Any, **kwargs: Any) -> str:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_text", no_reading)
    with pytest.raises(CaseError) as info:
        load_case(path)
    assert info.value.problems[0].found == "a larger file"


def test_a_file_at_the_size_limit_is_read(tmp_path: Path, pilots_text: str) -> None:
    path = tmp_path / "padded.yaml"
    padded = pilots_text + "#" * (MAX_CASE_BYTES - len(pilots_text.encode()) - 1) + "\n"
    path.write_text(padded, encoding="utf-8")
    assert path.stat().st_size == MAX_CASE_BYTES
    assert load_case(path).size == 12


def test_deep_nesting_is_refused_with_a_problem_not_a_recursion_error() -> None:
    for depth in (MAX_DEPTH + 1, 5000):
        p = refused("title: x\nextra: " + "[" * depth + "]" * depth + "\n")
        assert f"at most {MAX_DEPTH} levels" in p.expected


def test_nesting_within_the_limit_is_read() -> None:
    depth = MAX_DEPTH - 2
    data = parse_text("extra: " + "[" * depth + "]" * depth + "\n")
    assert isinstance(data["extra"], list)


@pytest.mark.parametrize("text", ["a: &x [*x]\n", "a: &x {b: [1, {c: *x}]}\n", "- &x [1, *x]\n"])
def test_an_alias_inside_its_own_anchor_is_refused(text: str) -> None:
    p = refused(text)
    assert "alias" in p.expected
    assert p.line == 1


def test_an_alias_bomb_is_refused_quickly() -> None:
    # nine levels of ten aliases each: 10^9 values once expanded, from 600 bytes
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 10) + "]" for k in range(1, 9)]
    text = "\n".join(lines) + "\n"
    start = time.perf_counter()
    p = refused(text)
    assert time.perf_counter() - start < 2.0
    assert "aliases are expanded" in p.expected
    start = time.perf_counter()
    assert "aliases are expanded" in only(validate_text(text)).expected
    assert time.perf_counter() - start < 2.0


def test_ordinary_aliases_still_work(pilots_data: dict[str, Any]) -> None:
    text = """
leveltwo: 1
title: shared values
issues:
  - {id: a, options: [x, y]}
sides:
  - id: one
    negotiator: {weights: {a: 1}, values: &up {a: ascending}}
  - id: two
    negotiator: {weights: {a: 1}, values: *up}
"""
    case = case_from_text(text)
    assert case.sides[0].negotiator.preferences == case.sides[1].negotiator.preferences


def test_the_shape_check_visits_each_distinct_node_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    children = yamlsafe._children

    def counting(node: yaml.Node) -> list[yaml.Node]:
        calls.append(id(node))
        return children(node)

    monkeypatch.setattr(yamlsafe, "_children", counting)
    # 3 levels of 10 aliases: 1 + 3 keys + 3 lists + 10 scalars distinct nodes, 1000+ expanded
    text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    text += "a1: &a1 [" + ", ".join(["*a0"] * 10) + "]\n"
    text += "a2: &a2 [" + ", ".join(["*a1"] * 10) + "]\n"
    data = parse_text(text)
    assert len(data["a2"]) == 10
    distinct = set(calls)
    assert len(distinct) == 1 + 3 + 3 + 10
    # each distinct node is opened once and finished once, however often it is aliased
    assert all(calls.count(n) == 2 for n in distinct)
