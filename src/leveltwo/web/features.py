"""Parts of the library that other modules provide, looked up when used.

The planner (``leveltwo.strategies``), the narrative (victory speech, plain
diagnosis text) and the prep report (``leveltwo.io.report``) may be absent in
a given build; their pages then say so instead of failing.
"""

from __future__ import annotations

import importlib
from types import ModuleType


def module(name: str) -> ModuleType | None:
    """The module, or None when it is not part of this build."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def attribute(module_name: str, name: str) -> object | None:
    """``module_name.name``, or None when either is missing."""
    mod = module(module_name)
    return None if mod is None else getattr(mod, name, None)
