"""Shared fixtures: the repository root, the pilots' worked example, case builders.

Hypothesis runs with the ``leveltwo`` profile (no deadline, 50 examples unless a
test says otherwise); ``LEVELTWO_HYPOTHESIS=thorough`` runs 1000 examples per
property for a bug hunt.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, settings

from leveltwo.io.casefile import case_from_text
from leveltwo.model.build import build_case
from leveltwo.model.case import Case

ROOT = Path(__file__).resolve().parent.parent
PILOTS = ROOT / "docs" / "examples" / "pilots.yaml"

settings.register_profile(
    "leveltwo",
    deadline=None,
    max_examples=50,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", parent=settings.get_profile("leveltwo"), max_examples=1000)
settings.load_profile(os.environ.get("LEVELTWO_HYPOTHESIS", "leveltwo"))


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def pilots_text() -> str:
    """The text of the pilots' contract case (docs/model.md §8, docs/examples/pilots.yaml)."""
    return PILOTS.read_text(encoding="utf-8")


@pytest.fixture
def pilots_data(pilots_text: str) -> dict[str, Any]:
    """The pilots' case as parsed data; a fresh copy each time, free to mutate."""
    data = yaml.safe_load(pilots_text)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="session")
def pilots(pilots_text: str) -> Case:
    """The pilots' contract case, built."""
    return case_from_text(pilots_text, "pilots")


@pytest.fixture
def make_case() -> Callable[[dict[str, Any]], Case]:
    """Build a case from data (a deep copy is taken, so the caller's dict is untouched)."""

    def make(data: dict[str, Any]) -> Case:
        return build_case(copy.deepcopy(data))

    return make
