"""The lazy package façades: a name is imported on first use and kept."""

from __future__ import annotations

from typing import Any

import pytest

from leveltwo.lazy import lazy_exports


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
