"""analyze on the extension examples: joint numbers, who moves whom, located errors."""

from __future__ import annotations

import json
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs" / "examples"


def test_analyze_json_shows_the_factors_and_the_joint_probability(invoke):
    result = invoke("analyze", str(DOCS / "correlated.yaml"), "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [f["id"] for f in doc["factors"]] == ["mood", "discipline"]
    assert round(doc["success_probability"], 4) == 0.4139
    assert round(doc["sides"][1]["probability"], 4) == 0.5568
    assert "influence" not in doc


def test_analyze_says_the_sides_move_together(invoke):
    result = invoke("analyze", str(DOCS / "correlated.yaml"))
    assert result.exit_code == 0, result.output
    assert "common factors (Public mood abroad" in result.stdout
    assert " × " not in result.stdout.split("Chance the deal sticks")[1].splitlines()[1]


def test_analyze_shows_who_moves_whom(invoke):
    result = invoke("analyze", str(DOCS / "influence.yaml"))
    assert result.exit_code == 0, result.output
    assert "Influence: who moves whom" in result.stdout
    assert "Bondholders (0.4)" in result.stdout
    assert "0.550 → 0.479" in result.stdout
    doc = json.loads(invoke("analyze", str(DOCS / "influence.yaml"), "--json").stdout)
    (shift,) = doc["influence"]["shifts"]
    assert shift["key"] == "hospital.board"
    assert abs(shift["change"] + 0.5 / 7) < 1e-12


def test_bad_loadings_exit_2_with_located_problems(invoke, pilots_case_data, write_case):
    pilots_case_data["factors"] = [
        {"id": "mood", "loadings": {"union.members": 0.9, "union.members.senior": 1.2}},
        {"id": "more", "loadings": {"union.members": 0.6}},
    ]
    result = invoke("validate", str(write_case(pilots_case_data)))
    assert result.exit_code == 2
    assert "factors[0].loadings.union.members.senior" in result.output
    assert "factors[1].loadings.union.members" in result.output
    assert "Traceback" not in result.output
