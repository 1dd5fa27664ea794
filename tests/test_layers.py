"""The layering of STYLE.md, enforced by reading every import of src/leveltwo.

    model ← engine ← strategies ← narrative ← io ← cli, web

A layer imports nothing from the layers to its right; nothing imports ``cli`` or
``web`` except themselves and the package's console entry (``__main__``). The
error hierarchy (``errors``) is the floor: it imports nothing of leveltwo.
Imports inside functions count as well. Packages that do not exist yet simply
have no files to check.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "leveltwo"

ORDER = ["model", "engine", "strategies", "narrative", "io"]
FRONT_ENDS = {"cli", "web"}

#: What each layer must not import (the layers above it).
FORBIDDEN: dict[str, set[str]] = {
    layer: set(ORDER[k + 1 :]) | FRONT_ENDS for k, layer in enumerate(ORDER)
}
FORBIDDEN["errors"] = set(ORDER) | FRONT_ENDS | {"cases"}


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def layer_of(path: Path, package: Path = PACKAGE) -> str:
    """``model`` for src/leveltwo/model/x.py, ``errors`` for src/leveltwo/errors.py."""
    parts = path.relative_to(package).parts
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


def module_name(path: Path, package: Path = PACKAGE) -> str:
    rel = path.relative_to(package.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_layers(path: Path, package: Path = PACKAGE) -> set[tuple[str, int]]:
    """The top-level leveltwo subpackages a module imports, with the line of each import."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    here = module_name(path, package).split(".")
    is_package = path.name == "__init__.py"
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = here if is_package else here[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
                names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            else:
                mod = node.module or ""
                names = [mod] + (
                    [_through_facade(a.name) for a in node.names] if mod == "leveltwo" else []
                )
        for name in names:
            parts = name.split(".")
            if parts[0] == "leveltwo" and len(parts) > 1:
                found.add((parts[1], node.lineno))
    return found


def _through_facade(name: str) -> str:
    """What ``from leveltwo import name`` really imports: the module defining ``name``.

    The package façade (``leveltwo/__init__.py``) re-exports names of every layer, so
    ``from leveltwo import plan`` in ``model`` would be an import of ``strategies``.
    """
    from leveltwo.lazy import exports_of

    exports = exports_of("leveltwo")
    if name in exports:
        return exports[name]
    return f"leveltwo.{name}"


def test_the_package_is_found() -> None:
    layers = {layer_of(p) for p in modules()}
    assert {"model", "engine", "io", "errors"} <= layers


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_imports_follow_the_layers(path: Path) -> None:
    layer = layer_of(path)
    if layer in FRONT_ENDS or path.name == "__main__.py":
        return  # front ends and the console entry may import anything
    forbidden = set(FRONT_ENDS)
    if layer in FORBIDDEN:
        forbidden = FORBIDDEN[layer]
    wrong = sorted(
        (lineno, target) for target, lineno in imported_layers(path) if target in forbidden
    )
    assert not wrong, "\n".join(
        f"{path.relative_to(PACKAGE.parent)}:{lineno}: {layer} imports leveltwo.{target}"
        for lineno, target in wrong
    )


def test_the_checker_sees_every_kind_of_import(tmp_path: Path) -> None:
    pkg = tmp_path / "leveltwo" / "model"
    pkg.mkdir(parents=True)
    src = pkg / "bad.py"
    src.write_text(
        "import leveltwo.engine.space\n"
        "from leveltwo.strategies import plan\n"
        "from leveltwo import narrative\n"
        "from leveltwo import assess\n"
        "from .. import io\n"
        "from ..web.app import make\n"
        "def f():\n"
        "    from leveltwo.cli import main\n",
        encoding="utf-8",
    )
    package = tmp_path / "leveltwo"
    found = {target for target, _ in imported_layers(src, package)}
    assert layer_of(src, package) == "model"
    assert {"engine", "strategies", "narrative", "io", "web", "cli"} <= found
    # a façade name counts as an import of the layer that defines it
    only_facade = tmp_path / "leveltwo" / "model" / "facade.py"
    only_facade.write_text("from leveltwo import plan, __version__\n", encoding="utf-8")
    assert {t for t, _ in imported_layers(only_facade, package)} == {"strategies", "version"}
