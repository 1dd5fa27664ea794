"""``plan --apply``: the adopted case reproduces the plan's numbers, and every tool reads it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from leveltwo.io.bundled import bundled_cases

#: The ``invoke`` fixture of tests/cli/conftest.py (a module named conftest is not importable
#: reliably: each test directory has one).
Invoke = Callable[..., Result]

NAMES = [b.name for b in bundled_cases()]


def _json(result: object) -> dict[str, object]:
    assert getattr(result, "exit_code", None) == 0, getattr(result, "output", "")
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("name", NAMES)
def test_analyze_of_the_applied_case_gives_the_plans_numbers(
    invoke: Invoke, tmp_path: Path, name: str
) -> None:
    out = tmp_path / "adopted.yaml"
    plan = _json(invoke("plan", name, "--apply", "-o", str(out), "--json"))
    assert plan["applied"] == {"output": str(out)}
    analysis = _json(invoke("analyze", str(out), "--json"))
    us = plan["us"]
    ev = analysis["expected_value"]
    assert isinstance(ev, dict)
    assert analysis["success_probability"] == pytest.approx(
        plan["success_probability_after"], abs=1e-12
    )
    assert ev[us] == pytest.approx(plan["expected_value_after"], abs=1e-12)
    assert analysis["deal"] == plan["final_deal"]
    # the adopted case is a case like any other
    assert invoke("speech", str(out)).exit_code == 0
    assert invoke("report", str(out), "-o", str(tmp_path / "r.html")).exit_code == 0
    assert invoke("validate", str(out)).exit_code == 0


@pytest.mark.parametrize("name", NAMES)
def test_a_plan_with_a_move_switched_off_applies_too(
    invoke: Invoke, tmp_path: Path, name: str
) -> None:
    full = _json(invoke("plan", name, "--json"))
    moves = full["moves"]
    assert isinstance(moves, list)
    assert moves
    off = moves[0]["key"]
    out = tmp_path / "without.yaml"
    plan = _json(invoke("plan", name, "--without", off, "--apply", "-o", str(out), "--json"))
    assert plan["switched_off"] == [off]
    assert off not in [m["key"] for m in plan["moves"]]  # type: ignore[union-attr]
    analysis = _json(invoke("analyze", str(out), "--json"))
    ev = analysis["expected_value"]
    assert isinstance(ev, dict)
    assert analysis["success_probability"] == pytest.approx(
        plan["success_probability_after"], abs=1e-12
    )
    assert ev[plan["us"]] == pytest.approx(plan["expected_value_after"], abs=1e-12)


def test_an_unknown_move_to_switch_off_is_a_located_error(invoke: Invoke) -> None:
    r = invoke("plan", "missile-crisis", "--without", "no-such-move")
    assert r.exit_code == 2
    assert "--without" in r.output
    assert "no-such-move" in r.output


def test_output_without_apply_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    r = invoke("plan", "missile-crisis", "-o", str(tmp_path / "x.yaml"))
    assert r.exit_code == 2
    assert not (tmp_path / "x.yaml").exists()


def test_apply_without_output_prints_the_case(invoke: Invoke) -> None:
    from leveltwo.io.casefile import case_from_text

    r = invoke("plan", "missile-crisis", "--apply")
    assert r.exit_code == 0
    case = case_from_text(r.stdout)
    assert case.proposal is not None
