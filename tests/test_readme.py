"""The README's console examples are what the CLI prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leveltwo.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _console_blocks() -> list[tuple[str, list[str]]]:
    blocks = re.findall(r"```console\n\$ leveltwo (.+?)\n(.*?)```", README, flags=re.S)
    return [
        (cmd, [ln for ln in out.splitlines() if ln.strip() and ln.strip() != "..."])
        for cmd, out in blocks
    ]


def test_readme_starts_with_the_two_setup_commands() -> None:
    first_block = README.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [ln.split("#")[0].strip() for ln in first_block.splitlines() if ln.strip()]
    assert commands == ["make demo", "make test"]


@pytest.mark.parametrize(("command", "expected"), _console_blocks())
def test_readme_console_example_matches_the_cli(
    command: str, expected: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "200")
    result = CliRunner().invoke(app, command.split())
    output = " ".join((result.stdout + result.stderr).split())
    for line in expected:
        # wrapped lines in the README are compared word for word
        assert " ".join(line.removesuffix("...").split()) in output, line
