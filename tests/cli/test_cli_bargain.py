"""``leveltwo bargain``: the JSON shape, exit codes, human output and its docs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from leveltwo.io.negmas_agents import available

DOCS = Path(__file__).resolve().parents[2] / "docs"


def pie(floor_a: float | None = None, floor_b: float | None = None) -> dict[str, Any]:
    """A pie in 100 steps with optional floors on A's and B's shares (σ = 0), δ = 0.9."""

    def side(sid: str, values: str, floor: float | None) -> dict[str, Any]:
        cons = []
        if floor is not None:
            cons.append(
                {
                    "id": "board",
                    "power": "ratify",
                    "weights": {"share": 1},
                    "values": {"share": values},
                    "reservation": floor,
                }
            )
        return {
            "id": sid,
            "negotiator": {"weights": {"share": 1}, "values": {"share": values}},
            "constituencies": cons,
        }

    return {
        "leveltwo": 1,
        "title": "Pie",
        "us": "a",
        "issues": [{"id": "share", "options": {"start": 0, "stop": 1, "step": 0.01}}],
        "sides": [side("a", "descending", floor_a), side("b", "ascending", floor_b)],
        "bargaining": {"discount": 0.9},
    }


def test_json_shape(invoke, stdout_json, write_case) -> None:
    path = write_case(pie(floor_b=0.6))
    result = invoke("bargain", str(path), "--first", "both", "--json")
    assert result.exit_code == 0
    doc = stdout_json(result)
    assert {"equilibrium", "one_shot_best", "leverage"} <= set(doc)
    assert "simulation" not in doc
    first, second = doc["equilibrium"]
    assert first["first_proposer"] == "a"
    assert second["first_proposer"] == "b"
    assert first["deal"] == {"share": "0.6"}
    assert second["deal"] == {"share": "0.64"}
    assert first["expected_value"] == {"a": pytest.approx(0.4), "b": pytest.approx(0.6)}
    assert first["success_probability"] == 1.0
    assert first["delay"] == 0.0
    (lev,) = doc["leverage"]
    assert lev["constituency"] == "b.board"
    assert not lev["ours"]
    assert [p["shift"] for p in lev["points"]] == [-0.1, -0.05, 0.0, 0.05, 0.1]


def test_first_defaults_to_the_block_then_us_and_takes_them(invoke, stdout_json, write_case):
    data = pie()
    path = write_case(data)
    doc = stdout_json(invoke("bargain", str(path), "--json"))
    assert [e["first_proposer"] for e in doc["equilibrium"]] == ["a"]
    doc = stdout_json(invoke("bargain", str(path), "--first", "them", "--json"))
    assert [e["first_proposer"] for e in doc["equilibrium"]] == ["b"]
    data["bargaining"]["first_proposer"] = "b"
    doc = stdout_json(invoke("bargain", str(write_case(data, "b.yaml")), "--json"))
    assert [e["first_proposer"] for e in doc["equilibrium"]] == ["b"]


def test_no_agreement_exits_1_and_still_prints_the_json(invoke, stdout_json, write_case):
    path = write_case(pie(floor_a=0.6, floor_b=0.6))
    result = invoke("bargain", str(path), "--first", "both", "--json")
    assert result.exit_code == 1
    doc = stdout_json(result)
    assert [e["deal"] for e in doc["equilibrium"]] == [None, None]
    assert "error" not in doc
    human = invoke("bargain", str(path))
    assert human.exit_code == 1
    assert "No agreement" in human.output


def test_a_case_without_the_block_is_a_located_error(invoke, pilots_file) -> None:
    result = invoke("bargain", str(pilots_file))
    assert result.exit_code == 2
    assert "bargaining" in result.output
    assert "Traceback" not in result.output


def test_a_bad_first_proposer_is_an_error(invoke, write_case) -> None:
    result = invoke("bargain", str(write_case(pie())), "--first", "c")
    assert result.exit_code == 2
    assert "--first" in result.output


def test_human_output_on_a_bundled_case(invoke) -> None:
    result = invoke("bargain", "labour-contract")
    assert result.exit_code == 0, result.output
    assert "Predicted agreement" in result.output
    assert "One-shot best" in result.output
    assert "Tied-hands leverage" in result.output
    assert "A tougher" in result.output


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


def test_every_key_is_documented(invoke, stdout_json) -> None:
    text = (DOCS / "json-output.md").read_text(encoding="utf-8")
    section = text[text.index("## bargain") : text.index("## validate, cases")]
    documented = set(re.findall(r"`([a-z_]+)`", section)) | {"deal", "expected_value"}
    args = ["bargain", "labour-contract", "--first", "both", "--json"]
    if available():
        args += ["--simulate", "2"]
    doc = stdout_json(invoke(*args))
    ids = {"hospital", "union", "wages", "staffing", "overtime", "premium", "bonus", "term"}
    ids |= {"success_probability"}
    missing = _keys(doc) - documented - ids
    assert not missing
