"""Fixtures for the CLI tests: a runner, the test case files, a case-file writer."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from leveltwo.cli.app import app

DATA = Path(__file__).resolve().parent / "data"
PILOTS_FILE = DATA / "pilots.yaml"

Invoke = Callable[..., Result]


@pytest.fixture
def invoke() -> Invoke:
    """Run ``leveltwo ARGS`` in-process; wide output so lines do not wrap."""

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        runner = CliRunner(env={"COLUMNS": "200", "LEVELTWO_DEBUG": "", **(env or {})})
        return runner.invoke(app, list(args))

    return run


@pytest.fixture
def pilots_file() -> Path:
    """The pilots' contract case of docs/model.md §8 (tests/cli/data/pilots.yaml)."""
    return PILOTS_FILE


@pytest.fixture
def pilots_case_data() -> dict[str, Any]:
    """The pilots' case as parsed data; a fresh copy each time, free to mutate."""
    data = yaml.safe_load(PILOTS_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture
def write_case(tmp_path: Path) -> Callable[[Any, str], Path]:
    """Write case data (a dict, dumped as YAML) or raw text to a file; return its path."""

    def write(content: Any, name: str = "case.yaml") -> Path:
        path = tmp_path / name
        text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def stdout_json() -> Callable[[Result], Any]:
    """The single JSON document a command printed on stdout."""

    def parse(result: Result) -> Any:
        return json.loads(result.stdout)

    return parse
