"""Layering (STYLE.md): narrative imports model/engine/strategies only; the report's io
modules never import cli or web."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "leveltwo"


def imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


@pytest.mark.parametrize("path", sorted((SRC / "narrative").glob("*.py")), ids=lambda p: p.name)
def test_narrative_imports_nothing_above_it(path: Path) -> None:
    bad = {
        m
        for m in imported(path)
        if m.split(".")[:2] in (["leveltwo", x] for x in ("io", "cli", "web"))
    }
    assert not bad, f"{path.name} imports {sorted(bad)}"


@pytest.mark.parametrize("name", ["report.py", "charts.py", "partymap.py", "svg.py"])
def test_report_modules_do_not_import_cli_or_web(name: str) -> None:
    mods = imported(SRC / "io" / name)
    assert not {m for m in mods if m.startswith(("leveltwo.cli", "leveltwo.web"))}
