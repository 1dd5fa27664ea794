"""Every library module has tests of its own: some test module imports it directly.

"Directly" means ``import leveltwo.x.y``, ``from leveltwo.x.y import ...`` or
``from leveltwo.x import y`` in a file under tests/ — not only through a caller
or the package façade, where a module can lose its last test unnoticed. The
library is everything but the two front ends (``cli``, ``web``), which are thin
and tested end to end through the CLI runner (tests/cli) and the web client
(tests/web). The few exceptions are listed below, each with its reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "leveltwo"
FRONT_ENDS = ("leveltwo.cli", "leveltwo.web")

#: Modules without a direct test import, and why that is fine.
EXCEPTIONS: dict[str, str] = {
    "leveltwo.cases": "a data package of YAML files; io/bundled.py reads them (test_bundled.py)",
    "leveltwo.engine.bnb": "the branch-and-bound driver of strategies/exact.py; "
    "tests/strategies/test_exact.py checks the exact planner built on it against exhaustive "
    "enumeration (the planner part of issue 7 is reworking both)",
}

#: Packages whose modules are each reached through one registry, and the test that
#: runs every registered entry.
THROUGH_REGISTRY: dict[str, str] = {
    "leveltwo.strategies.moves": "tests/strategies/test_registry_contract.py runs the same "
    "contract over every registered move category",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def library_modules() -> list[str]:
    names = (module_name(p) for p in PACKAGE.rglob("*.py"))
    return sorted(n for n in names if not n.startswith(FRONT_ENDS))


def imports_in(source: str) -> set[str]:
    """The modules ``source`` names in an absolute import (``from a.b import c``: a.b, a.b.c)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


def imported_by_tests() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "tests").rglob("*.py"):
        found |= imports_in(path.read_text(encoding="utf-8"))
    return found


def untested() -> list[str]:
    imported = imported_by_tests()
    return [
        m
        for m in library_modules()
        if m not in imported
        and m not in EXCEPTIONS
        and not any(m.startswith(p + ".") for p in THROUGH_REGISTRY)
    ]


def test_every_library_module_is_imported_by_a_test_of_its_own() -> None:
    missing = untested()
    assert not missing, "modules without a test that imports them: " + ", ".join(missing)


def test_each_exception_is_a_module_that_exists_and_still_needs_it() -> None:
    modules = set(library_modules())
    imported = imported_by_tests()
    for name, reason in EXCEPTIONS.items():
        assert name in modules, f"{name} is listed but does not exist"
        assert name not in imported, f"{name} has a test of its own now: drop its exception"
        assert reason
    for package, test in THROUGH_REGISTRY.items():
        assert package in modules
        assert (ROOT / test.split()[0]).is_file()


def test_every_move_module_is_reached_by_the_registry() -> None:
    """Each module of strategies/moves defines a registered strategy, or is imported by
    one that does: the registry's contract test then runs it."""
    from leveltwo.strategies.registry import REGISTRY

    defining = {s.generate.__module__ for s in REGISTRY}
    folder = PACKAGE / "strategies" / "moves"
    moves = {module_name(p) for p in folder.glob("*.py") if p.name != "__init__.py"}
    reached = set(defining)
    for name in defining:
        reached |= imports_in((folder / f"{name.rsplit('.', 1)[1]}.py").read_text("utf-8"))
    assert moves <= reached, sorted(moves - reached)


def test_the_checker_sees_each_kind_of_import() -> None:
    source = (
        "import leveltwo.io.svg\n"
        "from leveltwo.io.charts import party_map\n"
        "from leveltwo.narrative import names\n"
        "from . import helpers\n"
        "def f():\n"
        "    import leveltwo.engine.zone\n"
    )
    found = imports_in(source)
    assert {"leveltwo.io.svg", "leveltwo.io.charts", "leveltwo.narrative.names"} <= found
    assert "leveltwo.engine.zone" in found  # imports inside functions count
    assert "helpers" not in found
