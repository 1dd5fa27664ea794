"""The one place errors are translated: user errors, internal errors, --json, debug."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from leveltwo.cli import analyze
from leveltwo.cli.app import app
from leveltwo.cli.errors import error_lines
from leveltwo.errors import CaseError, InfeasibleError, LeveltwoError, Problem


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom")


def test_unexpected_exception_is_one_line_exit_3(invoke, monkeypatch, pilots_file):
    monkeypatch.setattr(analyze, "assess", _boom)
    result = invoke("analyze", str(pilots_file))
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "internal error: RuntimeError: boom (this is a bug in leveltwo; "
        "set LEVELTWO_DEBUG=1 for the traceback)"
    ]
    assert "Traceback" not in result.stdout + result.stderr


def test_unexpected_exception_with_json(invoke, monkeypatch, pilots_file, stdout_json):
    monkeypatch.setattr(analyze, "assess", _boom)
    result = invoke("analyze", str(pilots_file), "--json")
    assert result.exit_code == 3
    assert stdout_json(result) == {"error": "InternalError", "message": "RuntimeError: boom"}


def test_debug_lets_the_exception_through(monkeypatch, pilots_file):
    monkeypatch.setattr(analyze, "assess", _boom)
    runner = CliRunner(env={"LEVELTWO_DEBUG": "1"})
    result = runner.invoke(app, ["analyze", str(pilots_file)])
    assert result.exit_code == 1
    assert isinstance(result.exception, RuntimeError)


def test_leveltwo_error_uses_its_exit_code(invoke, monkeypatch, pilots_file):
    def infeasible(*args: object, **kwargs: object) -> None:
        raise InfeasibleError("nothing can be agreed")

    monkeypatch.setattr(analyze, "assess", infeasible)
    result = invoke("analyze", str(pilots_file))
    assert result.exit_code == 1
    assert result.stderr == "error: nothing can be agreed\n"


def test_error_lines_of_input_error_put_each_problem_on_a_line():
    exc = CaseError(
        [
            Problem("issues[0].id", "an id", "nothing", 3, 5),
            Problem("title", "a value (this field is required)", "nothing"),
        ],
        "x.yaml",
    )
    assert error_lines(exc) == [
        "x.yaml: invalid case file (2 problems)",
        "  - issues[0].id (line 3, column 5): expected an id, found nothing",
        "  - title: expected a value (this field is required), found nothing",
    ]


def test_error_lines_of_plain_error():
    assert error_lines(LeveltwoError("threshold: bad")) == ["threshold: bad"]


@pytest.mark.parametrize("args", [["analyze"], ["winsets", "x", "--nope"]])
def test_usage_errors_exit_2_without_traceback(invoke, args):
    result = invoke(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
