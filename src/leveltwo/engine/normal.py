"""The standard normal CDF Φ and its inverse, as SciPy computes them, loaded cheaply.

``scipy.special.ndtr`` and ``ndtri`` are ufuncs of SciPy's compiled module
``scipy.special._ufuncs``; importing ``scipy.special`` itself costs about half
a second of start-up (its array-API layer), more than any small case takes to
analyse. :func:`ndtr` and :func:`ndtri` load that compiled module on first use
without running the package's ``__init__``, and fall back to
``scipy.special`` whenever that is not possible (``scipy.special`` already
imported, another SciPy layout). Either way they are SciPy's own ufunc
objects, so every probability is bit for bit SciPy's
(``tests/engine/test_normal.py`` checks that they *are* ``scipy.special``'s).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from pathlib import Path
from typing import Any

_lock = threading.Lock()
_ufuncs: Any = None


def _compiled() -> Any:
    """SciPy's ``scipy.special._ufuncs`` module, imported as cheaply as possible."""
    global _ufuncs
    with _lock:
        if _ufuncs is not None:
            return _ufuncs
        if "scipy.special" not in sys.modules:
            _ufuncs = _without_package_init()
        if _ufuncs is None:
            import scipy.special._ufuncs as compiled

            _ufuncs = compiled
        return _ufuncs


def _without_package_init() -> Any:
    """Import ``scipy.special._ufuncs`` with a stand-in for its package, then drop it.

    The stand-in only lets the import system find the compiled module; it is
    removed at once, so a later ``import scipy.special`` runs the real package
    (which reuses the compiled module already loaded).
    """
    spec = importlib.util.find_spec("scipy")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "special"
    stand_in = types.ModuleType("scipy.special")
    stand_in.__path__ = [str(folder)]
    sys.modules["scipy.special"] = stand_in
    try:
        compiled = importlib.import_module("scipy.special._ufuncs")
    except ImportError:
        compiled = None
    finally:
        if sys.modules.get("scipy.special") is stand_in:
            del sys.modules["scipy.special"]
        scipy = sys.modules.get("scipy")
        # scipy loads subpackages on attribute access: look in its namespace only
        if scipy is not None and vars(scipy).get("special") is stand_in:
            del vars(scipy)["special"]
    return compiled


def ndtr(x: Any) -> Any:
    """Φ(x), the standard normal CDF (``scipy.special.ndtr``), element-wise."""
    return _compiled().ndtr(x)


def ndtri(p: Any) -> Any:
    """Φ⁻¹(p), its inverse (``scipy.special.ndtri``), element-wise."""
    return _compiled().ndtri(p)


__all__ = ["ndtr", "ndtri"]
