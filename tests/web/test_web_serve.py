"""``leveltwo serve``: options, the default store, tokens off loopback, a busy port."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from leveltwo.cli.app import app as cli_app


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record what uvicorn would have been asked to run, instead of running it."""
    calls: list[dict[str, Any]] = []

    def fake_run(app: Any, **kwargs: Any) -> None:
        calls.append({"app": app, **kwargs})

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return calls


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner(env={"COLUMNS": "200", **(env or {})}).invoke(cli_app, ["serve", *args])


def test_help_lists_the_options() -> None:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli_app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--db", "--token"):
        assert option in result.stdout


def test_defaults_to_loopback_and_a_store_in_the_data_directory(
    started: list[dict[str, Any]], tmp_path: Path
) -> None:
    port = _free_port()
    result = run("--port", str(port), env={"XDG_DATA_HOME": str(tmp_path), "LEVELTWO_TOKEN": ""})
    assert result.exit_code == 0, result.output
    assert f"http://127.0.0.1:{port}/" in result.stdout
    [call] = started
    assert call["host"] == "127.0.0.1"
    assert call["port"] == port
    assert (tmp_path / "leveltwo" / "leveltwo.db").is_file()  # created, examples loaded
    state = call["app"].state.leveltwo
    assert len(state.repo.list_cases()) >= 3
    assert not state.settings.auth_required


def test_off_loopback_a_token_is_generated_and_printed(
    started: list[dict[str, Any]], tmp_path: Path
) -> None:
    result = run(
        "--host", "0.0.0.0", "--port", str(_free_port()), "--db", f"sqlite:///{tmp_path / 'a.db'}",
        env={"LEVELTWO_TOKEN": ""},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "access token (generated): " in result.stdout
    token = result.stdout.split("access token (generated): ")[1].split()[0]
    settings = started[0]["app"].state.leveltwo.settings
    assert settings.token == token
    assert len(token) >= 24


def test_the_token_can_come_from_the_environment(
    started: list[dict[str, Any]], tmp_path: Path
) -> None:
    result = run(
        "--host", "0.0.0.0", "--port", str(_free_port()), "--db", f"sqlite:///{tmp_path / 'b.db'}",
        env={"LEVELTWO_TOKEN": "from-the-env-0123456789"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "generated" not in result.stdout
    assert started[0]["app"].state.leveltwo.settings.token == "from-the-env-0123456789"


def test_a_busy_port_is_a_clear_error(started: list[dict[str, Any]], tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = run("--port", str(port), "--db", f"sqlite:///{tmp_path / 'c.db'}")
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output
    assert started == []
