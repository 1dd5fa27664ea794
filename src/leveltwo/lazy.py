"""Package façades that import their names on first use (PEP 562 ``__getattr__``).

``leveltwo``, ``leveltwo.model`` and ``leveltwo.narrative`` each declare which
module defines each public name; the first access imports that module and
keeps the value in the package, so start-up loads only what a command uses.
Imports nothing of leveltwo.
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
