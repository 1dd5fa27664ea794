"""Package façades that import their names on first use (PEP 562 ``__getattr__``).

``leveltwo``, ``leveltwo.model`` and ``leveltwo.narrative`` each list their public
names once, as the explicit re-exports of their ``if TYPE_CHECKING:`` block::

    if TYPE_CHECKING:
        from leveltwo.model.case import Case as Case

Type checkers read that block as it is (``from leveltwo import Case`` is typed);
at run time it does not execute, and :func:`facade` reads it from the package's
source instead, on the first use of a name, to learn which module defines
each name. The first access of a name imports that module and keeps the value
in the package, so start-up loads only what a command uses. Imports nothing of
leveltwo.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, exports: Mapping[str, str], namespace: dict[str, Any]
) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``exports[name]`` on first use of ``name``."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    return __getattr__


def declared_exports(source: str) -> dict[str, str]:
    """The explicit re-exports (``from M import N as N``) of a package's ``source``,
    each name → its module: those of its module-level ``if TYPE_CHECKING:`` blocks
    (imported on first use) and those it imports at once (such as ``__version__``)."""
    import ast

    out: dict[str, str] = {}
    for node in ast.parse(source).body:
        body = [node]
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            body = node.body
        for stmt in body:
            if isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
                out.update((a.name, stmt.module) for a in stmt.names if a.asname == a.name)
    return out


def _is_type_checking(test: object) -> bool:
    import ast

    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def exports_of(package: str) -> dict[str, str]:
    """The public names of façade ``package`` → the modules that define them."""
    return _read(vars(importlib.import_module(package)))


def _read(namespace: Mapping[str, Any]) -> dict[str, str]:
    name = namespace["__name__"]
    spec = namespace.get("__spec__")
    get_source = getattr(getattr(spec, "loader", None), "get_source", None)
    source = get_source(name) if get_source is not None else None
    if source is None:
        raise ImportError(f"the source of {name!r} is needed to read its public names")
    return declared_exports(source)


def facade(namespace: dict[str, Any]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` of the package whose globals are ``namespace``;
    its ``__getattr__`` also answers ``__all__`` (every declared name)."""
    package = namespace["__name__"]
    found: dict[str, str] = {}

    def exports() -> dict[str, str]:
        if not found:
            found.update(_read(namespace))
        return found

    def __getattr__(name: str) -> Any:
        if name == "__all__":
            names = sorted(exports())
            namespace[name] = names
            return names
        return lazy_exports(package, exports(), namespace)(name)

    def __dir__() -> list[str]:
        return sorted({*namespace, *exports()})

    return __getattr__, __dir__
