"""The installed `leveltwo` console script, run as a real process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import leveltwo


def _script() -> str:
    here = Path(sys.executable).parent / "leveltwo"
    found = str(here) if here.exists() else shutil.which("leveltwo")
    if found is None:
        pytest.skip("the leveltwo console script is not installed")
    return found


def _run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("LEVELTWO_DEBUG", None)
    return subprocess.run(
        [_script(), *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_entry_point_analyze_json(pilots_file):
    proc = _run("analyze", str(pilots_file), "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    expected = leveltwo.assess(leveltwo.load_case(str(pilots_file)))
    assert doc["success_probability"] == expected.success_probability


def test_entry_point_bad_input_exit_2_without_traceback(tmp_path):
    proc = _run("validate", str(tmp_path / "missing.yaml"))
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ")
    assert "Traceback" not in proc.stderr


def test_entry_point_empty_zone_exit_1(pilots_file):
    proc = _run("winsets", str(pilots_file), "--threshold", "1")
    assert proc.returncode == 1
    assert "agreement zone is empty" in proc.stderr


def test_entry_point_closed_pipe_is_quiet():
    script = _script()
    proc = subprocess.run(
        f"'{script}' schema | head -c 1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.stdout == "{"
    assert "Traceback" not in proc.stderr
    assert "internal error" not in proc.stderr
