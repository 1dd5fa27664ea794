"""The lazy package façades: each public name declared once, imported on first use and kept."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from leveltwo.lazy import declared_exports, exports_of, lazy_exports


def test_a_name_is_imported_on_first_use_and_kept() -> None:
    namespace: dict[str, Any] = {}
    getattr_ = lazy_exports("pkg", {"sqrt": "math"}, namespace)
    assert "sqrt" not in namespace
    sqrt = getattr_("sqrt")
    assert sqrt(9.0) == 3.0
    assert namespace["sqrt"] is sqrt


def test_an_unknown_name_is_an_attribute_error_naming_the_package() -> None:
    getattr_ = lazy_exports("pkg", {}, {})
    with pytest.raises(AttributeError, match="module 'pkg' has no attribute 'nope'"):
        getattr_("nope")


FACADE = """
from typing import TYPE_CHECKING
from leveltwo.version import __version__ as __version__
from leveltwo.lazy import facade
import json

if TYPE_CHECKING:
    from math import sqrt as sqrt
    from os.path import join as join
    from os.path import split as other_name
    from . import sibling as sibling

if not TYPE_CHECKING:
    from math import pi as pi
"""


def test_the_declared_names_are_the_explicit_re_exports() -> None:
    assert declared_exports(FACADE) == {
        "__version__": "leveltwo.version",
        "sqrt": "math",
        "join": "os.path",
    }


@pytest.mark.parametrize("package", ["leveltwo", "leveltwo.model", "leveltwo.narrative"])
def test_each_facade_name_is_declared_once_and_resolves(package: str) -> None:
    module = importlib.import_module(package)
    source = Path(module.__file__ or "").read_text(encoding="utf-8")
    exports = exports_of(package)
    assert exports, package
    for name, where in exports.items():
        # declared once: one explicit re-export line, and nowhere else as a string
        assert source.count(f" import {name} as {name}\n") == 1, name
        assert f'"{name}"' not in source, name
        value = getattr(module, name)
        assert value is getattr(importlib.import_module(where), name)
    assert module.__all__ == sorted(exports)
    assert set(exports) <= set(dir(module))


def test_the_facade_imports_a_module_only_when_a_name_of_it_is_used() -> None:
    code = (
        "import sys, leveltwo\n"
        "assert 'leveltwo.engine.assessment' not in sys.modules\n"
        "assert 'ast' not in sys.modules\n"
        "leveltwo.Problem\n"
        "assert 'leveltwo.engine.assessment' not in sys.modules\n"
        "leveltwo.assess\n"
        "assert 'leveltwo.engine.assessment' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_an_unknown_facade_name_is_an_attribute_error() -> None:
    import leveltwo.model

    with pytest.raises(AttributeError, match=r"'leveltwo\.model' has no attribute 'Nope'"):
        leveltwo.model.Nope  # noqa: B018
